import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseWholeNumber } from './support/options';
import { printTable, repositoryRoot } from './support/report';
import type { Summary } from './support/stats';

/**
 * Prints the key figures of the last runs of each benchmark side by side,
 * with their spread, to check that the numbers are stable. Reads the JSON
 * files in `bench/results/`.
 */

/** A case of a latency benchmark: `interactive` in setup-link-latency, `total` and `parts` in sso-latency. */
interface CaseSummary {
  interactive?: Summary;
  total?: Summary;
  parts?: Record<string, Summary>;
}

/** Fields of a result file that this script reads; each file has one benchmark's. */
interface Result {
  machine?: { date?: string };
  initialTotal?: { gzipBytes: number };
  lazyTotal?: { gzipBytes: number };
  summary?: Record<string, CaseSummary | undefined>;
  lookups?: { concurrency: number; requestsPerSecond: number }[];
  registrationMs?: Summary;
  hashMs?: Summary;
  afterJourney?: {
    service: { rssBytes: number };
    app: { rssBytes: number };
    tab: { jsHeapUsedBytes: number };
  };
}

type Metric = [label: string, read: (result: Result) => number | undefined];

const metrics: Record<string, Metric[]> = {
  'bundle-size': [
    ['initial gzip kB', (r) => kilobytes(r.initialTotal?.gzipBytes)],
    ['lazy gzip kB', (r) => kilobytes(r.lazyTotal?.gzipBytes)],
  ],
  'setup-link-latency': [
    ['warm median ms', (r) => r.summary?.warm?.interactive?.median],
    ['warm p95 ms', (r) => r.summary?.warm?.interactive?.p95],
    ['cold median ms', (r) => r.summary?.cold?.interactive?.median],
    ['cold p95 ms', (r) => r.summary?.cold?.interactive?.p95],
  ],
  'service-throughput': [
    ['lookups/s at 1', (r) => lookupsPerSecond(r, 1)],
    ['lookups/s at 8', (r) => lookupsPerSecond(r, 8)],
    ['lookups/s at 32', (r) => lookupsPerSecond(r, 32)],
    ['registration median ms', (r) => r.registrationMs?.median],
    ['registration p95 ms', (r) => r.registrationMs?.p95],
    ['argon2id median ms', (r) => r.hashMs?.median],
  ],
  'sso-latency': [
    [
      'interactive median ms',
      (r) => r.summary?.interactiveFirst?.total?.median,
    ],
    [
      'interactive app median ms',
      (r) => r.summary?.interactiveFirst?.parts?.app?.median,
    ],
    [
      'returning median ms',
      (r) => r.summary?.interactiveReturning?.total?.median,
    ],
    ['relaunch median ms', (r) => r.summary?.relaunchRefresh?.total?.median],
    ['relaunch p95 ms', (r) => r.summary?.relaunchRefresh?.total?.p95],
    [
      'renewal (token valid) median ms',
      (r) => r.summary?.relaunchRenewCached?.total?.median,
    ],
    [
      'renewal (token expired) median ms',
      (r) => r.summary?.relaunchRenewExpired?.total?.median,
    ],
    [
      'renewal (token expired) p95 ms',
      (r) => r.summary?.relaunchRenewExpired?.total?.p95,
    ],
    [
      'process start median ms',
      (r) => r.summary?.processStartRefresh?.total?.median,
    ],
  ],
  memory: [
    ['service RSS MiB', (r) => mebibytes(r.afterJourney?.service.rssBytes)],
    ['app main RSS MiB', (r) => mebibytes(r.afterJourney?.app.rssBytes)],
    ['tab JS heap MiB', (r) => mebibytes(r.afterJourney?.tab.jsHeapUsedBytes)],
  ],
};

function kilobytes(bytes: number | undefined) {
  return bytes === undefined ? undefined : bytes / 1000;
}

function mebibytes(bytes: number | undefined) {
  return bytes === undefined ? undefined : bytes / 2 ** 20;
}

function lookupsPerSecond(result: Result, concurrency: number) {
  return result.lookups?.find((entry) => entry.concurrency === concurrency)
    ?.requestsPerSecond;
}

function formatValue(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(1);
}

/** Returns the spread of the values in % of the smallest: (max − min) / min. */
function spreadOf(values: (number | undefined)[]): string {
  const known = values.filter((value) => value !== undefined);
  if (known.length < 2) return '–';

  const min = Math.min(...known);
  const max = Math.max(...known);
  return `${(((max - min) / min) * 100).toFixed(0)} %`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { last: { type: 'string', default: '2' } },
  });
  const last = parseWholeNumber(values.last, '--last', 1);
  const resultsDir = path.join(repositoryRoot, 'bench', 'results');
  const files = (await readdir(resultsDir).catch(() => [])).sort();
  if (files.length === 0) {
    console.log('No results in bench/results/ yet: run `npm run bench` first.');
    return;
  }

  for (const [benchmark, benchmarkMetrics] of Object.entries(metrics)) {
    const chosen = files
      .filter((file) => file.startsWith(`${benchmark}-`))
      .slice(-last);
    if (chosen.length === 0) continue;

    const results = await Promise.all(
      chosen.map(
        async (file) =>
          JSON.parse(
            await readFile(path.join(resultsDir, file), 'utf8'),
          ) as Result,
      ),
    );
    const times = results.map((result) =>
      (result.machine?.date ?? '?').slice(0, 16),
    );
    printTable(
      benchmark,
      ['metric', ...times, 'spread'],
      benchmarkMetrics.map(([label, read]) => {
        const series = results.map(read);
        return [label, ...series.map(formatValue), spreadOf(series)];
      }),
    );
  }
}

main().catch((error: unknown) => {
  console.error('error: the comparison failed:', error);
  process.exit(1);
});
