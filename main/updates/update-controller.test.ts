import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../contract/errors';
import type { UpdateState } from '../../contract/ipc';
import type { UpdatePolicy } from '../policy/effective-policy';
import { captureLogs } from '../test-support/log-capture';
import {
  CHECK_INTERVAL_MS,
  RETRY_INTERVAL_MS,
  TICK_MS,
  UpdateController,
  type Updater,
} from './update-controller';

/** Stands in for electron-updater: each check waits until the test settles it. */
class RecordingUpdater implements Updater {
  checks = 0;
  installs = 0;
  #pending: { resolve(): void; reject(error: Error): void }[] = [];

  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return new Promise<void>((resolve, reject) =>
      this.#pending.push({ resolve, reject }),
    );
  }

  quitAndInstall(): void {
    this.installs += 1;
  }

  finish(): void {
    this.#pending.shift()?.resolve();
  }

  failWith(error: Error): void {
    this.#pending.shift()?.reject(error);
  }
}

describe('UpdateController', () => {
  let updater: RecordingUpdater;
  let policy: UpdatePolicy;
  let controller: UpdateController;
  let changes: UpdateState[];
  const start = new Date('2026-12-04T09:00:00Z');

  beforeEach(() => {
    vi.useFakeTimers({ now: start });
    updater = new RecordingUpdater();
    policy = {
      enabled: true,
      feedUrl: 'https://updates.example.com/',
      enforced: false,
      personChoice: null,
    };
    controller = new UpdateController({
      updater,
      policy: () => policy,
      logger: captureLogs().logger,
    });
    changes = [];
    controller.onChange((state) => changes.push(state));
  });

  afterEach(() => {
    controller.stop();
    vi.useRealTimers();
  });

  it('starts idle before start', () => {
    expect(controller.state()).toEqual({
      support: 'supported',
      automatic: true,
      status: 'idle',
      version: null,
      percent: null,
      lastCheckedAt: null,
      error: null,
    });
    expect(updater.checks).toBe(0);
  });

  it('checks at start when automatic', () => {
    controller.start();

    expect(updater.checks).toBe(1);
    expect(controller.state().status).toBe('checking');
    expect(changes.map((state) => state.status)).toEqual(['checking']);
  });

  it('skips the start check when not automatic', () => {
    policy = { ...policy, enabled: false, personChoice: false };
    controller.start();

    expect(updater.checks).toBe(0);
    expect(controller.state()).toMatchObject({
      automatic: false,
      status: 'idle',
    });
  });

  it('reports no update', () => {
    controller.start();
    controller.handleChecking();
    controller.handleUpdateNotAvailable();

    expect(controller.state()).toMatchObject({
      status: 'upToDate',
      version: null,
      lastCheckedAt: start.toISOString(),
    });
  });

  it('downloads a found update until ready', () => {
    controller.start();
    controller.handleUpdateAvailable('0.2.0');
    expect(controller.state()).toMatchObject({
      status: 'downloading',
      version: '0.2.0',
      percent: 0,
      lastCheckedAt: start.toISOString(),
    });

    controller.handleDownloadProgress(41.7);
    expect(controller.state().percent).toBe(41);
    controller.handleDownloadProgress(41.9);
    controller.handleUpdateDownloaded('0.2.0');

    expect(controller.state()).toMatchObject({
      status: 'ready',
      version: '0.2.0',
      percent: null,
      error: null,
    });
    expect(changes.map((state) => [state.status, state.percent])).toEqual([
      ['checking', null],
      ['downloading', 0],
      ['downloading', 41],
      ['ready', null],
    ]);
  });

  it('restarts only with a ready update', () => {
    controller.start();
    expect(controller.restart()).toEqual(fail('UPDATE_NOT_READY'));
    controller.handleUpdateAvailable('0.2.0');
    expect(controller.restart()).toEqual(fail('UPDATE_NOT_READY'));
    expect(updater.installs).toBe(0);

    controller.handleUpdateDownloaded('0.2.0');
    expect(controller.restart()).toEqual(ok(null));
    expect(updater.installs).toBe(1);
  });

  it('never installs on its own', async () => {
    controller.start();
    controller.handleUpdateAvailable('0.2.0');
    controller.handleUpdateDownloaded('0.2.0');
    await vi.advanceTimersByTimeAsync(2 * CHECK_INTERVAL_MS);

    expect(updater.installs).toBe(0);
    expect(controller.state().status).toBe('ready');
  });

  it('marks a rejected check as failed', async () => {
    controller.start();
    updater.failWith(new Error('getaddrinfo ENOTFOUND updates.example.com'));
    await vi.advanceTimersByTimeAsync(0);

    expect(controller.state()).toMatchObject({
      status: 'failed',
      error: 'UPDATE_FAILED',
      version: null,
      percent: null,
    });
  });

  it('keeps a ready update after a failure', () => {
    controller.start();
    controller.handleUpdateDownloaded('0.2.0');
    controller.handleError(new Error('feed unreachable'));

    expect(controller.state()).toMatchObject({
      status: 'ready',
      version: '0.2.0',
      error: null,
    });
  });

  it('ignores a check request while checking', () => {
    controller.start();
    const result = controller.check();

    expect(result).toEqual(ok(controller.state()));
    expect(updater.checks).toBe(1);
  });

  it('checks on request when not automatic', () => {
    policy = { ...policy, enabled: false, personChoice: false };
    controller.start();
    const result = controller.check();

    expect(result).toMatchObject({ ok: true, value: { status: 'checking' } });
    expect(updater.checks).toBe(1);
  });

  it('checks again after the interval', async () => {
    controller.start();
    updater.finish();
    controller.handleUpdateNotAvailable();

    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS - TICK_MS);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(TICK_MS);
    expect(updater.checks).toBe(2);
  });

  it('retries a failed check sooner', async () => {
    controller.start();
    updater.failWith(new Error('connection refused'));
    await vi.advanceTimersByTimeAsync(RETRY_INTERVAL_MS);

    expect(updater.checks).toBe(2);
  });

  it('checks soon after automatic turns on', async () => {
    policy = { ...policy, enabled: false, personChoice: false };
    controller.start();
    policy = { ...policy, enabled: true, personChoice: true };

    expect(controller.state().automatic).toBe(true);
    await vi.advanceTimersByTimeAsync(TICK_MS);
    expect(updater.checks).toBe(1);
  });

  it('stops checking after stop', async () => {
    controller.start();
    updater.finish();
    controller.handleUpdateNotAvailable();
    controller.stop();
    await vi.advanceTimersByTimeAsync(2 * CHECK_INTERVAL_MS);

    expect(updater.checks).toBe(1);
  });
});
