import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp, type RunningApp } from '../../tests/e2e/support/app';

export interface BenchApp {
  app: RunningApp;
  userDataDir: string;
}

/**
 * Starts the app's main process behind the browser preview host, as a first
 * start: a fresh data folder and keychain entry, and `link` on the command
 * line as the OS passes it.
 */
export async function startBenchApp(
  serviceUrl: string,
  link?: string,
): Promise<BenchApp> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'mitelone-bench-app-'));
  const app = await launchApp({
    serviceUrl,
    userDataDir,
    keychainService: `mitelone-bench-${randomUUID()}`,
    link,
  });
  return { app, userDataDir };
}

export async function stopBenchApp({ app, userDataDir }: BenchApp) {
  await app.stop();
  await rm(userDataDir, { recursive: true, force: true });
}
