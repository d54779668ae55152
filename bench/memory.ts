import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser } from '../tests/e2e/support/browser';
import { startBenchApp, stopBenchApp } from './support/bench-app';
import { startBenchService, type BenchService } from './support/bench-service';
import { ensureTestKeyring } from './support/keyring';
import { describeMachine, printMachine } from './support/machine';
import {
  findListeningProcess,
  readResidentMemory,
  type ResidentMemory,
} from './support/processes';
import {
  formatMiB,
  printTable,
  repositoryRoot,
  runBenchmark,
  writeResult,
} from './support/report';

/**
 * Memory after the setup-link journey: registration, profile with photo and
 * status message, then the home screen. It reads the resident memory of the
 * service process and of the app's main process (behind the browser preview
 * host), and the browser tab's JS heap from the DevTools protocol. The same
 * is read once the registration page is shown, and an idle Node process is
 * measured for reference.
 */

const PASSWORD = 'Sonnenblume-Fahrrad-42';
const SETTLE_MS = 2000;

interface TabMemory {
  jsHeapUsedBytes: number;
  jsHeapTotalBytes: number;
  domNodes: number;
}

interface Snapshot {
  service: ResidentMemory & { heapUsedBytes: number };
  app: ResidentMemory;
  tab: TabMemory;
}

async function readTabMemory(page: Page): Promise<TabMemory> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    const metric = (name: string) => {
      const found = metrics.find((entry) => entry.name === name);
      if (!found) throw new Error(`Performance.getMetrics has no ${name}`);
      return found.value;
    };
    return {
      jsHeapUsedBytes: metric('JSHeapUsedSize'),
      jsHeapTotalBytes: metric('JSHeapTotalSize'),
      domNodes: metric('Nodes'),
    };
  } finally {
    await session.detach();
  }
}

async function collectTabGarbage(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
  } finally {
    await session.detach();
  }
}

async function takeSnapshot(
  service: BenchService,
  appPid: number,
  page: Page,
): Promise<Snapshot> {
  const usage = await service.usage();
  return {
    service: {
      ...(await readResidentMemory(service.pid)),
      heapUsedBytes: usage.memory.heapUsed,
    },
    app: await readResidentMemory(appPid),
    tab: await readTabMemory(page),
  };
}

/**
 * Resident memory of an idle Node process: plain, and with the tsx loader
 * after importing one small TypeScript module, as the service and the app
 * run here.
 */
async function measureIdleNode(withTsx: boolean): Promise<ResidentMemory> {
  const args = withTsx
    ? [
        '--import',
        'tsx',
        '--input-type=module',
        '--eval',
        "await import('./bench/support/stats.ts'); setInterval(() => {}, 1000);",
      ]
    : ['--eval', 'setInterval(() => {}, 1000);'];
  const child = spawn(process.execPath, args, {
    cwd: repositoryRoot,
    stdio: 'ignore',
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return await readResidentMemory(child.pid!);
  } finally {
    child.kill();
  }
}

async function register(page: Page): Promise<void> {
  await page
    .getByRole('heading', { name: 'Erstellung Ihres Kontos abschließen' })
    .waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Anna Berger');
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page
    .getByRole('checkbox', { name: 'Geschäftsbedingungen akzeptieren' })
    .check();
  await page.getByRole('button', { name: 'Fertig stellen' }).click();
}

async function completeProfile(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', {
    name: 'Vervollständigen Sie Ihr Profil',
  });
  await dialog.waitFor();

  const photo = await sharp({
    create: { width: 640, height: 480, channels: 3, background: '#2f6f9f' },
  })
    .png()
    .toBuffer();
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Foto auswählen' }).click();
  await (
    await chooser
  ).setFiles({ name: 'anna.png', mimeType: 'image/png', buffer: photo });
  await dialog
    .getByRole('button', { name: 'Anderes Foto auswählen' })
    .waitFor();
  await dialog.locator('progress').waitFor({ state: 'detached' });

  await dialog.getByLabel('Statusmeldung').fill('Heute im Büro Hamburg');
  await dialog.getByRole('button', { name: 'FERTIG' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('header').getByText('Heute im Büro Hamburg').waitFor();
}

function rowsOf(label: string, snapshot: Snapshot): string[][] {
  return [
    [label, 'service process RSS', formatMiB(snapshot.service.rssBytes)],
    [label, '  of which anonymous', formatMiB(snapshot.service.anonymousBytes)],
    [
      label,
      'service process peak RSS',
      formatMiB(snapshot.service.peakRssBytes),
    ],
    [label, 'service JS heap used', formatMiB(snapshot.service.heapUsedBytes)],
    [label, 'app main process RSS', formatMiB(snapshot.app.rssBytes)],
    [label, '  of which anonymous', formatMiB(snapshot.app.anonymousBytes)],
    [label, 'app main process peak RSS', formatMiB(snapshot.app.peakRssBytes)],
    [
      label,
      'browser tab JS heap used',
      formatMiB(snapshot.tab.jsHeapUsedBytes),
    ],
    [
      label,
      'browser tab JS heap total',
      formatMiB(snapshot.tab.jsHeapTotalBytes),
    ],
  ];
}

async function main(): Promise<void> {
  ensureTestKeyring();
  const service = await startBenchService();
  const browser = await launchBrowser();

  try {
    const machine = describeMachine(browser.version());
    printMachine(machine);

    const idleNode = await measureIdleNode(false);
    const idleNodeWithTsx = await measureIdleNode(true);

    const account = await service.createAccount('Benchmark GmbH');
    const link = await service.invite(account, 'anna.berger@example.com');
    const started = await startBenchApp(service.url, link);
    const context = await browser.newContext({ locale: 'de-DE' });

    try {
      const appPid = await findListeningProcess(
        Number(new URL(started.app.url).port),
      );
      const page = await context.newPage();
      await page.goto(started.app.url);
      await page.getByRole('button', { name: 'Fertig stellen' }).waitFor();
      await page.waitForTimeout(SETTLE_MS);
      const atRegistration = await takeSnapshot(service, appPid, page);

      await register(page);
      await completeProfile(page);
      await page.waitForTimeout(SETTLE_MS);
      const afterJourney = await takeSnapshot(service, appPid, page);
      await collectTabGarbage(page);
      const tabAfterGc = await readTabMemory(page);

      printTable(
        'Memory snapshot (MiB)',
        ['when', 'what', 'MiB'],
        [
          ...rowsOf('registration page shown', atRegistration),
          ...rowsOf('after the journey', afterJourney),
          [
            'after the journey',
            'browser tab JS heap used after GC',
            formatMiB(tabAfterGc.jsHeapUsedBytes),
          ],
          ['reference', 'idle Node process RSS', formatMiB(idleNode.rssBytes)],
          [
            'reference',
            'idle Node process with tsx RSS',
            formatMiB(idleNodeWithTsx.rssBytes),
          ],
        ],
      );

      await writeResult('memory', {
        benchmark: 'memory',
        machine,
        settleMs: SETTLE_MS,
        source: {
          processes: '/proc/<pid>/status VmRSS and VmHWM',
          serviceHeap: 'process.memoryUsage().heapUsed in the service process',
          tab: 'DevTools protocol Performance.getMetrics (JSHeapUsedSize, JSHeapTotalSize, Nodes)',
        },
        atRegistration,
        afterJourney,
        tabAfterGc,
        reference: { idleNode, idleNodeWithTsx },
      });
    } finally {
      await context.close();
      await stopBenchApp(started);
    }
  } finally {
    await browser.close();
    await service.close();
  }
}

runBenchmark(main);
