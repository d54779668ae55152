import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/support/browser';
import {
  inviteMany,
  startBenchService,
  type BenchService,
} from './support/bench-service';
import { startBenchApp, stopBenchApp } from './support/bench-app';
import { ensureTestKeyring } from './support/keyring';
import { describeMachine, printMachine } from './support/machine';
import { parseWholeNumber } from './support/options';
import {
  PROBE_GLOBAL,
  probeInitScript,
  submitAndProbeExpression,
  type ProbeLabels,
  type ProbeResult,
} from './support/registration-probe';
import {
  formatMs,
  printTable,
  runBenchmark,
  summaryCells,
  writeResult,
} from './support/report';
import { median, summarize } from './support/stats';

/**
 * Time from a setup link arriving to the registration form being
 * interactive, in headless Chromium against the app's main process behind
 * the browser preview host and the reference service.
 *
 * - warm: the app page is open on the sign-in page, the link is pasted into
 *   "Einrichtungslink", and the clock runs from the click on "Mit diesem Link
 *   fortfahren".
 * - cold: the app starts with the link on its command line, a new browser
 *   context opens its page, and the clock runs from navigation start.
 *
 * Both stop when "Fertig stellen" is enabled and "Name" is enabled and takes
 * focus, timed in the page (see support/registration-probe.ts).
 */

const AIM_MS = 200;
const LABELS: ProbeLabels = {
  button: 'Fertig stellen',
  field: 'Name',
  timeoutMs: 15_000,
};
const PASTE_FIELD = 'Einrichtungslink';
const PASTE_BUTTON = 'Mit diesem Link fortfahren';
const CANCEL_BUTTON = 'Abbrechen';

interface Sample {
  /** Warm only: `performance.now()` in the page just before the click. */
  clickMs?: number;
  interactiveMs: number;
  nextFrameMs: number;
  ipc: ProbeResult['ipc'];
  /** Cold only: index.html received, after navigation start. */
  htmlReceivedMs?: number;
  /** Cold only: the last script or stylesheet received. */
  assetsReceivedMs?: number;
  /** Cold only: resource timing of each script and stylesheet. */
  assets?: ProbeResult['assets'];
  /** Cold only: DOMContentLoaded after navigation start. */
  domContentLoadedMs?: number;
  /** Cold only: from spawning the app to its "ready" line, timed in Node. */
  appLaunchMs?: number;
}

interface CaseResult {
  warmup: Sample[];
  runs: Sample[];
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '2' },
    },
  });
  const runs = parseWholeNumber(values.runs, '--runs', 1);
  const warmup = parseWholeNumber(values.warmup, '--warmup', 0);
  return { runs, warmup };
}

function checkReady(result: ProbeResult, label: string): void {
  if (result.ready) return;
  throw new Error(
    `${label}: the registration form was not interactive within ` +
      `${LABELS.timeoutMs} ms; headings on screen: ${result.headings.join(' | ')}`,
  );
}

function waitForIdle(page: Page): Promise<unknown> {
  return page.evaluate(
    'new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }))',
  );
}

async function measureWarm(
  browser: Browser,
  service: BenchService,
  links: string[],
  warmup: number,
): Promise<CaseResult> {
  const started = await startBenchApp(service.url);
  const { app } = started;
  const context = await browser.newContext({ locale: 'de-DE' });
  const samples: Sample[] = [];

  try {
    const page = await context.newPage();
    await page.goto(app.url);

    for (const [index, link] of links.entries()) {
      // Each run starts from a freshly loaded sign-in page.
      if (index > 0) await page.reload();
      await page.getByLabel(PASTE_FIELD, { exact: true }).fill(link);
      await waitForIdle(page);

      const result = (await page.evaluate(
        submitAndProbeExpression(LABELS, PASTE_BUTTON),
      )) as ProbeResult & { startMs: number };
      checkReady(result, `warm run ${index + 1}`);

      samples.push({
        clickMs: result.startMs,
        interactiveMs: result.readyMs - result.startMs,
        nextFrameMs: result.frameMs - result.startMs,
        ipc: result.ipc.filter((call) => call.startMs >= result.startMs),
      });
      // The app keeps a pasted link across reloads until it is used or
      // discarded, so "Abbrechen" leads back to the sign-in page. The reload
      // waits for main to have discarded the link, or the link would return.
      const discarded = page.waitForResponse((response) =>
        decodeURIComponent(response.url()).endsWith(
          '/__preview/ipc/setup:discard',
        ),
      );
      await page.getByRole('button', { name: CANCEL_BUTTON }).click();
      await discarded;
    }
  } finally {
    await context.close();
    await stopBenchApp(started);
  }
  return { warmup: samples.slice(0, warmup), runs: samples.slice(warmup) };
}

async function measureColdRun(
  browser: Browser,
  service: BenchService,
  link: string,
  label: string,
): Promise<Sample> {
  const launchStart = performance.now();
  const started = await startBenchApp(service.url, link);
  const { app } = started;
  const appLaunchMs = performance.now() - launchStart;
  const context = await browser.newContext({ locale: 'de-DE' });

  try {
    await context.addInitScript(probeInitScript(LABELS));
    const page = await context.newPage();
    await page.goto(app.url);
    // A function, not a string: the page's CSP forbids Playwright's eval of one.
    const handle = await page.waitForFunction(
      (name) => (globalThis as unknown as Record<string, unknown>)[name],
      PROBE_GLOBAL,
      { timeout: LABELS.timeoutMs + 5_000 },
    );
    const result = (await handle.jsonValue()) as ProbeResult;
    checkReady(result, label);

    return {
      interactiveMs: result.readyMs,
      nextFrameMs: result.frameMs,
      ipc: result.ipc,
      htmlReceivedMs: result.htmlReceivedMs,
      assetsReceivedMs: result.assetsReceivedMs,
      assets: result.assets,
      domContentLoadedMs: result.domContentLoadedMs,
      appLaunchMs,
    };
  } finally {
    await context.close();
    await stopBenchApp(started);
  }
}

async function measureCold(
  browser: Browser,
  service: BenchService,
  links: string[],
  warmup: number,
): Promise<CaseResult> {
  const samples: Sample[] = [];
  for (const [index, link] of links.entries()) {
    samples.push(
      await measureColdRun(browser, service, link, `cold run ${index + 1}`),
    );
  }
  return { warmup: samples.slice(0, warmup), runs: samples.slice(warmup) };
}

/** A preview IPC channel over the runs: its calls and the medians of its times. */
interface IpcMedian {
  channel: string;
  calls: number;
  medianMs: number;
  /** Median time the call was sent, in ms after the clock's start. */
  medianStartMs: number;
  /** Median time the response was received, in ms after the clock's start. */
  medianEndMs: number;
}

function medianOf(values: number[]): number {
  return median([...values].sort((a, b) => a - b));
}

/**
 * Returns the medians of each preview IPC channel over the runs: duration,
 * request sent and response received. Times are relative to `clockStart` of each run, which is 0 for a
 * cold run and the click for a warm one.
 */
function ipcMedians(
  runs: Sample[],
  clockStart: (sample: Sample) => number,
): IpcMedian[] {
  const byChannel = new Map<string, { start: number; duration: number }[]>();
  for (const run of runs) {
    for (const call of run.ipc) {
      byChannel.set(call.channel, [
        ...(byChannel.get(call.channel) ?? []),
        { start: call.startMs - clockStart(run), duration: call.durationMs },
      ]);
    }
  }
  return [...byChannel].map(([channel, calls]) => ({
    channel,
    calls: calls.length,
    medianMs: medianOf(calls.map((call) => call.duration)),
    medianStartMs: medianOf(calls.map((call) => call.start)),
    medianEndMs: medianOf(calls.map((call) => call.start + call.duration)),
  }));
}

/** Cold only: resource timing of the renderer's entry script, `assets/index-*.js`. */
function mainScriptOf(sample: Sample) {
  return sample.assets?.find((asset) =>
    /\/assets\/index-[^/]*\.js$/.test(asset.name),
  );
}

function summarizeCase(result: CaseResult) {
  const series = (pick: (sample: Sample) => number | undefined) => {
    const values = result.runs.map(pick).filter((value) => value !== undefined);
    return values.length > 0 ? summarize(values) : undefined;
  };
  return {
    interactive: series((sample) => sample.interactiveMs)!,
    nextFrame: series((sample) => sample.nextFrameMs)!,
    htmlReceived: series((sample) => sample.htmlReceivedMs),
    assetsReceived: series((sample) => sample.assetsReceivedMs),
    domContentLoaded: series((sample) => sample.domContentLoadedMs),
    appLaunch: series((sample) => sample.appLaunchMs),
    mainScriptRequested: series((sample) => mainScriptOf(sample)?.startMs),
    mainScriptReceived: series((sample) => mainScriptOf(sample)?.responseEndMs),
    ipc: ipcMedians(result.runs, (sample) => sample.clickMs ?? 0),
  };
}

function ipcCells(call: IpcMedian): string[] {
  return [
    call.channel,
    String(call.calls),
    formatMs(call.medianMs),
    formatMs(call.medianStartMs),
    formatMs(call.medianEndMs),
  ];
}

function printResults(
  warm: ReturnType<typeof summarizeCase>,
  cold: ReturnType<typeof summarizeCase>,
): void {
  const rows = [
    ['warm', 'submit → form interactive', ...summaryCells(warm.interactive)],
    ['warm', 'submit → next frame', ...summaryCells(warm.nextFrame)],
    [
      'cold',
      'navigation → form interactive',
      ...summaryCells(cold.interactive),
    ],
    ['cold', 'navigation → next frame', ...summaryCells(cold.nextFrame)],
    [
      'cold',
      'navigation → index.html received',
      ...summaryCells(cold.htmlReceived!),
    ],
    [
      'cold',
      'navigation → main script requested',
      ...summaryCells(cold.mainScriptRequested!),
    ],
    [
      'cold',
      'navigation → main script received',
      ...summaryCells(cold.mainScriptReceived!),
    ],
    [
      'cold',
      'navigation → JS and CSS received',
      ...summaryCells(cold.assetsReceived!),
    ],
    [
      'cold',
      'navigation → DOMContentLoaded',
      ...summaryCells(cold.domContentLoaded!),
    ],
    ['cold', 'app spawn → ready (Node side)', ...summaryCells(cold.appLaunch!)],
  ];
  printTable(
    'Setup link to interactive registration form (ms)',
    ['case', 'from → to', 'runs', 'median', 'p95', 'min', 'max'],
    rows,
  );

  printTable(
    'Preview IPC calls during the measurement (HTTP to the main process; ' +
      'medians in ms; sent and received after the click or navigation start)',
    ['case', 'channel', 'calls', 'duration', 'sent', 'received'],
    [
      ...warm.ipc.map((call) => ['warm', ...ipcCells(call)]),
      ...cold.ipc.map((call) => ['cold', ...ipcCells(call)]),
    ],
  );

  for (const [name, summary] of [
    ['warm', warm.interactive],
    ['cold', cold.interactive],
  ] as const) {
    const verdict =
      summary.p95 < AIM_MS
        ? 'median and p95 within'
        : summary.median < AIM_MS
          ? 'median within, p95 over'
          : 'OVER';
    console.log(
      `${name}: median ${formatMs(summary.median)} ms, p95 ${formatMs(summary.p95)} ms; aim < ${AIM_MS} ms: ${verdict}`,
    );
  }
}

async function main(): Promise<void> {
  ensureTestKeyring();
  const { runs, warmup } = parseOptions();
  const service = await startBenchService();
  const browser = await launchBrowser();

  try {
    const machine = describeMachine(browser.version());
    printMachine(machine);

    const account = await service.createAccount('Benchmark GmbH');
    console.log(
      `Creating ${2 * (runs + warmup)} invitations with the admin CLI...`,
    );
    const warmLinks = await inviteMany(service, account, 'warm', runs + warmup);
    const coldLinks = await inviteMany(service, account, 'cold', runs + warmup);

    console.log(`Measuring ${warmup} + ${runs} warm runs...`);
    const warm = await measureWarm(browser, service, warmLinks, warmup);
    console.log(`Measuring ${warmup} + ${runs} cold runs...`);
    const cold = await measureCold(browser, service, coldLinks, warmup);

    const summary = { warm: summarizeCase(warm), cold: summarizeCase(cold) };
    printResults(summary.warm, summary.cold);

    await writeResult('setup-link-latency', {
      benchmark: 'setup-link-latency',
      machine,
      aimMs: AIM_MS,
      timing:
        'performance.now() in the page; MutationObserver after each DOM change',
      runs,
      warmup,
      summary,
      samples: { warm, cold },
    });
  } finally {
    await browser.close();
    await service.close();
  }
}

runBenchmark(main);
