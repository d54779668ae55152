import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../contract/errors';
import type { AppInfo, UpdateState } from '../../contract/ipc';
import type { DesktopCoreOptions } from '../core';
import { createTestCore, type TestCore } from '../test-support/desktop-core';
import { captureLogs } from '../test-support/log-capture';
import { UpdateController, type Updater } from '../updates/update-controller';

/** Stands in for electron-updater; the test drives the controller's events. */
class RecordingUpdater implements Updater {
  checks = 0;
  installs = 0;

  async checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return null;
  }

  quitAndInstall(): void {
    this.installs += 1;
  }
}

describe('app support handlers', () => {
  let userDataDir: string;
  const cores: TestCore[] = [];

  beforeEach(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'app-support-test-'));
  });

  afterEach(async () => {
    for (const harness of cores.splice(0)) await harness.core.stop();
    await rm(userDataDir, { recursive: true, force: true });
  });

  function createCore(overrides: Partial<DesktopCoreOptions> = {}): TestCore {
    const harness = createTestCore({
      userDataDir,
      systemLocale: 'en-US',
      keychainService: 'app-support-test',
      ...overrides,
    });
    cores.push(harness);
    return harness;
  }

  it('reports preview updates as unsupported', async () => {
    const { call } = createCore();

    const info = await call<AppInfo>('app:getInfo');
    expect(info).toMatchObject({
      ok: true,
      value: {
        updates: {
          support: 'preview',
          automatic: false,
          status: 'idle',
          version: null,
          percent: null,
          lastCheckedAt: null,
          error: null,
        },
      },
    });
    expect(await call('updates:check')).toEqual(fail('UPDATES_UNAVAILABLE'));
    expect(await call('updates:restart')).toEqual(fail('UPDATE_NOT_READY'));
  });

  it('reports an unpackaged Electron app as development', async () => {
    const { call } = createCore({ runtime: 'electron' });

    const info = await call<AppInfo>('app:getInfo');
    expect(info).toMatchObject({
      ok: true,
      value: { updates: { support: 'development' } },
    });
  });

  it('rejects the log folder in the preview', async () => {
    const { call } = createCore();

    expect(await call('app:openLogFolder')).toEqual(
      fail('LOG_FOLDER_UNAVAILABLE'),
    );
  });

  it('opens the log folder', async () => {
    const opened: string[] = [];
    const { call } = createCore({
      openPath: async (path) => void opened.push(path),
    });

    expect(await call('app:openLogFolder')).toEqual(ok(null));
    expect(opened).toEqual([join(userDataDir, 'logs')]);
    expect((await stat(opened[0]!)).isDirectory()).toBe(true);
  });

  it('reports a log folder that fails to open', async () => {
    const { call, logs } = createCore({
      openPath: async () => {
        throw new Error('No application is registered for folders');
      },
    });

    expect(await call('app:openLogFolder')).toEqual(
      fail('LOG_FOLDER_UNAVAILABLE'),
    );
    expect(logs.text()).toContain('opening the log folder failed');
  });

  describe('with an updater', () => {
    let updater: RecordingUpdater;
    let controller: UpdateController | undefined;

    function createUpdatingCore(): TestCore {
      updater = new RecordingUpdater();
      return createCore({
        runtime: 'electron',
        createUpdates: (updatePolicy) => {
          controller = new UpdateController({
            updater,
            policy: updatePolicy,
            logger: captureLogs().logger,
          });
          return controller;
        },
      });
    }

    it('reports the update state in the app info', async () => {
      const { call } = createUpdatingCore();

      const info = await call<AppInfo>('app:getInfo');
      expect(info).toMatchObject({
        ok: true,
        value: {
          updates: { support: 'supported', automatic: true, status: 'idle' },
        },
      });
    });

    it('starts a check on request', async () => {
      const { call } = createUpdatingCore();

      const result = await call<UpdateState>('updates:check');
      expect(result).toMatchObject({ ok: true, value: { status: 'checking' } });
      expect(updater.checks).toBe(1);
    });

    it('sends each state change to the renderer', async () => {
      const { call, events } = createUpdatingCore();
      await call('app:getInfo');
      controller!.handleUpdateAvailable('0.2.0');
      controller!.handleUpdateDownloaded('0.2.0');

      const updates = events
        .filter((entry) => entry.event === 'app:infoChanged')
        .map((entry) => (entry.payload as AppInfo).updates.status);
      expect(updates).toEqual(['downloading', 'ready']);
    });

    it('restarts only when an update is ready', async () => {
      const { call } = createUpdatingCore();
      expect(await call('updates:restart')).toEqual(fail('UPDATE_NOT_READY'));
      expect(updater.installs).toBe(0);

      controller!.handleUpdateDownloaded('0.2.0');
      expect(await call('updates:restart')).toEqual(ok(null));
      expect(updater.installs).toBe(1);
    });

    it('follows the automatic updates setting', async () => {
      const { call } = createUpdatingCore();

      const changed = await call<AppInfo>('settings:setAutomaticUpdates', {
        enabled: false,
      });
      expect(changed).toMatchObject({
        ok: true,
        value: { updates: { support: 'supported', automatic: false } },
      });
      expect(await call('updates:check')).toMatchObject({
        ok: true,
        value: { status: 'checking', automatic: false },
      });
    });

    it('checks at start when automatic', async () => {
      const { core } = createUpdatingCore();
      await core.start();

      expect(updater.checks).toBe(1);
    });
  });
});
