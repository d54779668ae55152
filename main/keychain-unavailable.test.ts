import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startReferenceService,
  type ReferenceService,
} from '../tests/support/reference-service';
import { createKeychain } from './keychain';
import { createTestCore } from './test-support/desktop-core';
import { keychainFailureOf } from './test-support/keychain-failure';
import { setBusAddress } from './test-support/secret-service';

// These tests point D-Bus at a socket that does not exist. They live in their
// own file, and so in their own process, because the keyring library keeps a
// working D-Bus connection once it has one.
const missingBus = 'unix:path=/nonexistent/mitelone-test-bus';
const keychainService = `mitelone-test-${randomUUID()}`;
const account = 'https://uc.example.com';

let restoreBus = () => {};

beforeAll(() => {
  restoreBus = setBusAddress(missingBus);
});

afterAll(() => restoreBus());

describe('keychain without a session bus', () => {
  it('fails as unavailable within the time limit', async () => {
    const keychain = createKeychain({ timeoutMs: 5000 });

    const started = performance.now();
    const error = await keychainFailureOf(
      keychain.getPassword(keychainService, account),
    );

    expect(error.kind).toBe('unavailable');
    expect(performance.now() - started).toBeLessThan(2000);
    const write = await keychainFailureOf(
      keychain.setPassword(keychainService, account, 'x'),
    );
    expect(write.kind).toBe('unavailable');
    const deletion = await keychainFailureOf(
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
    const { core, events, logs, call } = createTestCore({
      userDataDir,
      systemLocale: 'en-GB',
      serviceUrl: service.origin,
      keychainService,
    });

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
