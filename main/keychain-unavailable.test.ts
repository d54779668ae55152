import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../contract/errors';
import type { IpcEventName } from '../contract/ipc';
import {
  startReferenceService,
  type ReferenceService,
} from '../tests/support/reference-service';
import { createDesktopCore } from './core';
import { createKeychain, KeychainError } from './keychain';
import { captureLogs } from './test-support/log-capture';

// These tests point D-Bus at a socket that does not exist. They live in their
// own file, and so in their own process, because the keyring library keeps a
// working D-Bus connection once it has one.
const missingBus = 'unix:path=/nonexistent/mitelone-test-bus';
const keychainService = `mitelone-test-${randomUUID()}`;
const account = 'https://uc.example.com';

let previousBus: string | undefined;

beforeAll(() => {
  previousBus = process.env.DBUS_SESSION_BUS_ADDRESS;
  process.env.DBUS_SESSION_BUS_ADDRESS = missingBus;
});

afterAll(() => {
  if (previousBus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
  else process.env.DBUS_SESSION_BUS_ADDRESS = previousBus;
});

async function failureOf(promise: Promise<unknown>): Promise<KeychainError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(KeychainError);
  return error as KeychainError;
}

describe('keychain without a session bus', () => {
  it('fails as unavailable within the time limit', async () => {
    const keychain = createKeychain({ timeoutMs: 5000 });

    const started = performance.now();
    const error = await failureOf(
      keychain.getPassword(keychainService, account),
    );

    expect(error.kind).toBe('unavailable');
    expect(performance.now() - started).toBeLessThan(2000);
    const write = await failureOf(
      keychain.setPassword(keychainService, account, 'x'),
    );
    expect(write.kind).toBe('unavailable');
    const deletion = await failureOf(
      keychain.deletePassword(keychainService, account),
    );
    expect(deletion.kind).toBe('unavailable');
  });
});

describe('desktop core without a keychain', () => {
  let service: ReferenceService;
  let userDataDir: string;

  beforeAll(async () => {
    service = await startReferenceService();
    userDataDir = await mkdtemp(join(tmpdir(), 'core-test-'));
  });

  afterAll(async () => {
    await service.close();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('keeps the session in memory and says so', async () => {
    const email = 'ann@example.com';
    const password = 'Lantern-Orbit-58';
    await service.addUser(email, password);
    const logs = captureLogs();
    const core = createDesktopCore({
      runtime: 'preview',
      version: '1.2.3',
      userDataDir,
      systemLocale: 'en-GB',
      serviceUrl: service.origin,
      keychainService,
      logger: logs.logger,
      openInBrowser: async () => undefined,
      isTrustedOrigin: (origin) => origin === 'app://renderer',
    });
    const events: { event: IpcEventName; payload: unknown }[] = [];
    core.subscribe((event, payload) => events.push({ event, payload }));
    const call = (
      channel: string,
      args: unknown = {},
    ): Promise<Result<unknown>> =>
      core.invoke(channel, args, { origin: 'app://renderer' });

    await core.start();

    expect(await call('app:getInfo')).toMatchObject({
      value: { keychain: 'unavailable' },
    });
    expect(events).toContainEqual({
      event: 'app:infoChanged',
      payload: expect.objectContaining({ keychain: 'unavailable' }),
    });

    expect((await call('session:signIn', { email, password })).ok).toBe(true);
    expect(await call('session:get')).toMatchObject({
      value: { status: 'signedIn', persistence: 'memory' },
    });
    expect((await call('profile:update', { statusMessage: 'here' })).ok).toBe(
      true,
    );

    await core.stop();
    for (const file of await readdir(userDataDir, { recursive: true })) {
      const text = await readFile(join(userDataDir, file)).catch(() =>
        Buffer.alloc(0),
      );
      expect(text.toString()).not.toMatch(/refresh|token/i);
    }
    expect(logs.text()).not.toContain(password);
  });
});
