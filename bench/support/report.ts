import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Summary } from './stats';

export const repositoryRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const resultsDir = path.join(repositoryRoot, 'bench', 'results');

export function formatMs(ms: number): string {
  return ms.toFixed(1);
}

/** Size in kB of 1000 bytes, the unit the budget is written in. */
export function formatKb(bytes: number): string {
  return (bytes / 1000).toFixed(1);
}

export function formatMiB(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** Formats a series' runs, median, p95, min and max in ms as table cells. */
export function summaryCells(summary: Summary): string[] {
  return [
    String(summary.runs),
    formatMs(summary.median),
    formatMs(summary.p95),
    formatMs(summary.min),
    formatMs(summary.max),
  ];
}

/** Prints a plain-text table with a title, left-aligned columns. */
export function printTable(
  title: string,
  headers: string[],
  rows: string[][],
): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');

  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

/**
 * Writes a benchmark's result to `bench/results/<name>-<time>.json`, a new
 * file for every run so that runs can be compared, and prints its path.
 */
export async function writeResult(
  name: string,
  result: object,
): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(resultsDir, `${name}-${stamp}.json`);

  const stored = {
    ...result,
    loadAverageAtEnd: Number(os.loadavg()[0]!.toFixed(2)),
  };
  await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`);
  console.log(`\nLoad average at the end: ${stored.loadAverageAtEnd}`);
  console.log(`Result written to ${path.relative(repositoryRoot, file)}`);
  return file;
}

/** Runs a benchmark's main function and exits with status 1 on failure. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('error: the benchmark failed:', error);
      process.exit(1);
    },
  );
}
