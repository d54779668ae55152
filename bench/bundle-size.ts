import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeMachine, printMachine } from './support/machine';
import {
  formatKb,
  printTable,
  repositoryRoot,
  runBenchmark,
  writeResult,
} from './support/report';

/**
 * Sizes of the built renderer, gzipped: what `out/renderer/index.html` loads
 * at start (its module script, modulepreload links and stylesheets, plus any
 * chunk those import statically), and apart from it the lazy chunks.
 * Run `npm run build` first.
 */

const BUDGET_BYTES = 150_000;
const rendererDir = path.join(repositoryRoot, 'out', 'renderer');
const previewBridge = path.join(repositoryRoot, 'out', 'preview', 'bridge.js');

type InitialKind =
  'module script' | 'modulepreload' | 'stylesheet' | 'static import';

interface FileSize {
  file: string;
  kind: InitialKind | 'lazy' | 'preview only';
  bytes: number;
  gzipBytes: number;
}

/** Attributes of every `<script>` and `<link>` tag in the page. */
function tagsOf(
  html: string,
): { tag: string; attributes: Map<string, string> }[] {
  const tags = [];
  for (const match of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const attributes = new Map<string, string>();
    for (const attribute of match[2]!.matchAll(
      /([\w-]+)(?:\s*=\s*"([^"]*)")?/g,
    )) {
      attributes.set(attribute[1]!.toLowerCase(), attribute[2] ?? '');
    }
    tags.push({ tag: match[1]!.toLowerCase(), attributes });
  }
  return tags;
}

/** Files the page requests at start, relative to the renderer folder. */
function initialFilesOf(html: string): Map<string, InitialKind> {
  const files = new Map<string, InitialKind>();

  for (const { tag, attributes } of tagsOf(html)) {
    const rel = attributes.get('rel');
    if (
      tag === 'script' &&
      attributes.get('type') === 'module' &&
      attributes.has('src')
    ) {
      files.set(path.normalize(attributes.get('src')!), 'module script');
    } else if (tag === 'link' && rel === 'modulepreload') {
      files.set(path.normalize(attributes.get('href')!), 'modulepreload');
    } else if (tag === 'link' && rel === 'stylesheet') {
      files.set(path.normalize(attributes.get('href')!), 'stylesheet');
    }
  }
  return files;
}

/**
 * Relative specifiers of a minified module's static imports
 * (`import … from "./x.js"`, `import "./x.js"`); dynamic `import("./x.js")`
 * has a parenthesis before the quote and is left out.
 */
function staticImportsOf(code: string): string[] {
  const pattern = /\b(?:from|import)\s*(["'`])(\.{1,2}\/[^"'`]+)\1/g;
  return [...code.matchAll(pattern)].map((match) => match[2]!);
}

/** Adds the chunks that the initial scripts import statically, transitively. */
async function addStaticImports(
  files: Map<string, InitialKind>,
): Promise<void> {
  const queue = [...files.keys()].filter((file) => file.endsWith('.js'));

  while (queue.length > 0) {
    const file = queue.shift()!;
    const code = await readFile(path.join(rendererDir, file), 'utf8');
    for (const specifier of staticImportsOf(code)) {
      const imported = path.join(path.dirname(file), specifier);
      if (!files.has(imported)) {
        files.set(imported, 'static import');
        queue.push(imported);
      }
    }
  }
}

async function sizeOf(file: string, kind: FileSize['kind']): Promise<FileSize> {
  const content = await readFile(file);
  return {
    file: path.relative(repositoryRoot, file),
    kind,
    bytes: content.length,
    // zlib's default level 6, the level web servers use by default.
    gzipBytes: gzipSync(content).length,
  };
}

async function readIndexHtml(): Promise<string> {
  const file = path.join(rendererDir, 'index.html');
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new Error(
      `${file} is missing: build the renderer with \`npm run build\` first`,
    );
  }
}

function total(files: FileSize[]): { bytes: number; gzipBytes: number } {
  return {
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}

function rowsOf(files: FileSize[]): string[][] {
  return files.map((file) => [
    file.file,
    file.kind,
    formatKb(file.bytes),
    formatKb(file.gzipBytes),
  ]);
}

async function main(): Promise<void> {
  const machine = describeMachine();
  const html = await readIndexHtml();
  const builtAt = (await stat(path.join(rendererDir, 'index.html'))).mtime;

  const initialKinds = initialFilesOf(html);
  if (![...initialKinds.values()].includes('module script')) {
    throw new Error('out/renderer/index.html loads no module script');
  }
  await addStaticImports(initialKinds);

  const initial = await Promise.all(
    [...initialKinds].map(([file, kind]) =>
      sizeOf(path.join(rendererDir, file), kind),
    ),
  );
  const assets = await readdir(path.join(rendererDir, 'assets'));
  const lazy = await Promise.all(
    assets
      .map((asset) => path.join('assets', asset))
      .filter((file) => !initialKinds.has(file))
      .map((file) => sizeOf(path.join(rendererDir, file), 'lazy')),
  );
  const bridge = await sizeOf(previewBridge, 'preview only').catch(() => null);

  const initialTotal = total(initial);
  const headers = ['file', 'loaded as', 'raw kB', 'gzip kB'];
  printMachine(machine);
  console.log(`Renderer built ${builtAt.toISOString()}`);
  printTable('Initial JavaScript and CSS (loaded by index.html)', headers, [
    ...rowsOf(initial),
    [
      'total',
      '',
      formatKb(initialTotal.bytes),
      formatKb(initialTotal.gzipBytes),
    ],
  ]);
  printTable('Lazy chunks (not loaded at start)', headers, rowsOf(lazy));
  if (bridge)
    printTable(
      'Browser preview only (the preload under Electron)',
      headers,
      rowsOf([bridge]),
    );

  const withinBudget = initialTotal.gzipBytes <= BUDGET_BYTES;
  console.log(
    `\nInitial gzip total ${formatKb(initialTotal.gzipBytes)} kB of a ${formatKb(BUDGET_BYTES)} kB budget: ` +
      (withinBudget ? 'within' : 'OVER'),
  );

  await writeResult('bundle-size', {
    benchmark: 'bundle-size',
    machine,
    rendererBuiltAt: builtAt.toISOString(),
    gzip: 'zlib level 6',
    budgetBytes: BUDGET_BYTES,
    withinBudget,
    initial,
    initialTotal,
    lazy,
    lazyTotal: total(lazy),
    previewBridge: bridge,
  });
}

runBenchmark(main);
