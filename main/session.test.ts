import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail } from '../contract/errors';
import type { KeychainStatus, SessionState } from '../contract/ipc';
import {
  ACCESS_TOKEN_LIFETIME_MS,
  startReferenceService,
  type ReferenceService,
} from '../tests/support/reference-service';
import { CredentialStore } from './credential-store';
import { createKeychain, type Keychain } from './keychain';
import { ServiceClient } from './service-client';
import { SessionManager } from './session';
import { captureLogs } from './test-support/log-capture';
import { useTestSecretService } from './test-support/secret-service';

const email = 'ann@example.com';
const password = 'Lantern-Orbit-58';

useTestSecretService();

interface Harness {
  session: SessionManager;
  states: SessionState[];
  keychainStatuses: KeychainStatus[];
  keychain: Keychain;
  keychainService: string;
  logs: ReturnType<typeof captureLogs>;
}

describe('SessionManager', () => {
  let service: ReferenceService;
  const harnesses: Harness[] = [];

  beforeEach(async () => {
    service = await startReferenceService();
    await service.addUser(email, password, 'Ann');
  });

  afterEach(async () => {
    for (const harness of harnesses.splice(0)) {
      await harness.session.flush();
      await harness.keychain
        .deletePassword(harness.keychainService, service.origin)
        .catch(() => undefined);
    }
    await service.close();
  });

  function createSession(
    options: {
      keychain?: Keychain;
      keychainService?: string;
      configured?: string | null;
      now?: () => Date;
    } = {},
  ): Harness {
    const logs = captureLogs();
    const keychain = options.keychain ?? createKeychain({ timeoutMs: 5000 });
    const keychainService =
      options.keychainService ?? `mitelone-test-${randomUUID()}`;
    const states: SessionState[] = [];
    const keychainStatuses: KeychainStatus[] = [];
    const clients = new Map<string, ServiceClient>();

    const session: SessionManager = new SessionManager({
      logger: logs.logger,
      credentials: new CredentialStore(keychain, keychainService, logs.logger),
      clientFor: (origin) => {
        if (!clients.has(origin)) {
          clients.set(
            origin,
            new ServiceClient({ origin, logger: logs.logger, tokens: session }),
          );
        }
        return clients.get(origin)!;
      },
      configuredOrigin: () =>
        options.configured === undefined ? service.origin : options.configured,
      now: options.now ?? (() => new Date()),
      onStateChange: (state) => states.push(state),
      onKeychainStatusChange: (status) => keychainStatuses.push(status),
    });

    const harness = {
      session,
      states,
      keychainStatuses,
      keychain,
      keychainService,
      logs,
    };
    harnesses.push(harness);
    return harness;
  }

  async function signIn(harness: Harness): Promise<void> {
    const client = new ServiceClient({
      origin: service.origin,
      logger: harness.logs.logger,
      tokens: harness.session,
    });
    const grant = await client.signIn({ email, password });
    if (!grant.ok) throw new Error(grant.error.code);
    await harness.session.begin(service.origin, grant.value);
  }

  async function accessTokenOf(harness: Harness): Promise<string> {
    const token = await harness.session.accessToken(service.origin);
    if (!token.ok) throw new Error(token.error.code);
    return token.value;
  }

  async function storedRefreshToken(harness: Harness): Promise<string | null> {
    const text = await harness.keychain.getPassword(
      harness.keychainService,
      service.origin,
    );
    return text === null
      ? null
      : (JSON.parse(text) as { refreshToken: string }).refreshToken;
  }

  it('starts signed out without a stored session', async () => {
    const harness = createSession();
    await harness.session.start();

    expect(harness.session.state).toEqual({ status: 'signedOut' });
    expect(harness.session.keychainStatus).toBe('available');
  });

  it('starts signed out without a configured service', async () => {
    const harness = createSession({ configured: null });
    await harness.session.start();

    expect(harness.session.state).toEqual({ status: 'signedOut' });
    expect(harness.session.keychainStatus).toBe('unknown');
  });

  it('stores the refresh token at sign-in and resumes from it', async () => {
    const first = createSession();
    await signIn(first);

    expect(first.session.state).toMatchObject({
      status: 'signedIn',
      persistence: 'keychain',
    });
    const stored = await storedRefreshToken(first);
    expect(stored).toEqual(expect.any(String));

    const second = createSession({ keychainService: first.keychainService });
    await second.session.start();

    expect(second.session.state).toMatchObject({
      status: 'signedIn',
      persistence: 'keychain',
      user: { email },
    });
    const rotated = await storedRefreshToken(second);
    expect(rotated).not.toBe(stored);
    expect(service.routes()).toContain('POST /v1/sessions/refresh');
  });

  it('writes every rotated refresh token', async () => {
    const harness = createSession();
    await signIn(harness);
    const before = await storedRefreshToken(harness);

    service.expireAccessTokens();
    const me = await new ServiceClient({
      origin: service.origin,
      logger: harness.logs.logger,
      tokens: harness.session,
    }).getMe();

    expect(me.ok).toBe(true);
    const after = await storedRefreshToken(harness);
    expect(after).not.toBe(before);
    expect(await service.activeRefreshTokenCount()).toBe(1);
  });

  it('signs out as expired when the stored token is invalid', async () => {
    const first = createSession();
    await signIn(first);
    await service.endSession(await accessTokenOf(first));

    const second = createSession({ keychainService: first.keychainService });
    await second.session.start();

    expect(second.session.state).toEqual({
      status: 'signedOut',
      reason: 'expired',
    });
    expect(await storedRefreshToken(second)).toBeNull();
  });

  it('keeps the entry when the service is unreachable at start', async () => {
    const first = createSession();
    await signIn(first);
    const stored = await storedRefreshToken(first);
    await service.stop();

    const second = createSession({ keychainService: first.keychainService });
    await second.session.start();

    expect(second.session.state).toEqual({ status: 'signedOut' });
    expect(await storedRefreshToken(second)).toBe(stored);

    // Once the service is back, the next request for the state succeeds.
    await service.restart();
    expect(await second.session.current()).toMatchObject({
      status: 'signedIn',
    });
  });

  it('shares one refresh between concurrent calls', async () => {
    // The app's clock is 30 seconds short of the token's expiry, inside the
    // margin where it refreshes before sending.
    const harness = createSession({
      now: () => new Date(Date.now() + ACCESS_TOKEN_LIFETIME_MS - 30_000),
    });
    await signIn(harness);

    const client = new ServiceClient({
      origin: service.origin,
      logger: harness.logs.logger,
      tokens: harness.session,
    });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => client.getMe()),
    );

    expect(results.every((result) => result.ok)).toBe(true);
    expect(
      service.routes().filter((route) => route === 'POST /v1/sessions/refresh'),
    ).toHaveLength(1);
  });

  it('ends as expired when a refresh is rejected', async () => {
    const harness = createSession();
    await signIn(harness);
    await service.endSession(await accessTokenOf(harness));

    const client = new ServiceClient({
      origin: service.origin,
      logger: harness.logs.logger,
      tokens: harness.session,
    });
    expect(await client.getMe()).toEqual(fail('NOT_SIGNED_IN'));
    expect(harness.states.at(-1)).toEqual({
      status: 'signedOut',
      reason: 'expired',
    });
    expect(await storedRefreshToken(harness)).toBeNull();
  });

  it('revokes and deletes at sign-out', async () => {
    const harness = createSession();
    await signIn(harness);

    await harness.session.signOut();

    expect(harness.states.at(-1)).toEqual({ status: 'signedOut' });
    expect(service.routes()).toContain('DELETE /v1/sessions/current');
    expect(await service.activeRefreshTokenCount()).toBe(0);
    expect(await storedRefreshToken(harness)).toBeNull();
    expect(await harness.session.accessToken(service.origin)).toEqual(
      fail('NOT_SIGNED_IN'),
    );
  });

  it('gives no token for another origin', async () => {
    const harness = createSession();
    await signIn(harness);

    expect(await harness.session.accessToken('https://other.example')).toEqual(
      fail('NOT_SIGNED_IN'),
    );
    expect((await harness.session.accessToken(service.origin)).ok).toBe(true);
  });

  describe('with the keychain unavailable', () => {
    const brokenKeychain = (): Keychain =>
      createKeychain({
        timeoutMs: 5000,
        backend: {
          getPassword: () => Promise.reject(new Error('no Secret Service')),
          setPassword: () => Promise.reject(new Error('no Secret Service')),
          deletePassword: () => Promise.reject(new Error('no Secret Service')),
        },
      });

    it('continues in memory after a failed write', async () => {
      const harness = createSession({ keychain: brokenKeychain() });
      await harness.session.start();
      await signIn(harness);

      expect(harness.session.state).toMatchObject({
        status: 'signedIn',
        persistence: 'memory',
      });
      expect(harness.session.keychainStatus).toBe('unavailable');
      expect(harness.keychainStatuses).toEqual(['unavailable']);
      expect(harness.states.at(-1)).toMatchObject({ persistence: 'memory' });

      service.expireAccessTokens();
      const client = new ServiceClient({
        origin: service.origin,
        logger: harness.logs.logger,
        tokens: harness.session,
      });
      expect((await client.getMe()).ok).toBe(true);
    });

    it('stops asking a keychain that timed out', async () => {
      let calls = 0;
      const stuck = createKeychain({
        timeoutMs: 50,
        backend: {
          getPassword: () => (calls++, new Promise(() => undefined)),
          setPassword: () => (calls++, new Promise(() => undefined)),
          deletePassword: () => (calls++, new Promise(() => undefined)),
        },
      });
      const harness = createSession({ keychain: stuck });

      await harness.session.start();
      expect(harness.session.keychainStatus).toBe('unavailable');
      expect(calls).toBe(1);

      await signIn(harness);
      expect(harness.session.state).toMatchObject({
        status: 'signedIn',
        persistence: 'memory',
      });
      await harness.session.signOut();
      expect(calls).toBe(1);
    });

    it('retries a keychain that failed quickly at the next sign-in', async () => {
      let failing = true;
      const real = createKeychain({ timeoutMs: 5000 });
      const flaky: Keychain = {
        getPassword: (s, a) =>
          failing
            ? Promise.reject(new Error('locked'))
            : real.getPassword(s, a),
        setPassword: (s, a, p) =>
          failing
            ? Promise.reject(new Error('locked'))
            : real.setPassword(s, a, p),
        deletePassword: (s, a) => real.deletePassword(s, a),
      };
      const harness = createSession({
        keychain: createKeychain({ timeoutMs: 5000, backend: flaky }),
      });

      await harness.session.start();
      expect(harness.session.keychainStatus).toBe('unavailable');

      failing = false;
      await signIn(harness);
      expect(harness.session.state).toMatchObject({
        status: 'signedIn',
        persistence: 'keychain',
      });
      expect(harness.session.keychainStatus).toBe('available');
      expect(await storedRefreshToken({ ...harness, keychain: real })).toEqual(
        expect.any(String),
      );
    });
  });

  it('logs no token', async () => {
    const harness = createSession();
    await signIn(harness);
    const first = await harness.session.accessToken(service.origin);
    if (!first.ok) throw new Error(first.error.code);

    const second = await harness.session.refreshAfterRejection(
      service.origin,
      first.value,
    );
    if (!second.ok) throw new Error(second.error.code);
    const stored = await storedRefreshToken(harness);

    const text = harness.logs.text();
    expect(text).toContain('access token refreshed');
    for (const secret of [first.value, second.value, stored!, password]) {
      expect(text).not.toContain(secret);
    }
  });
});
