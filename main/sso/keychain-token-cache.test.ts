import { randomBytes, randomUUID } from 'node:crypto';
import { findCredentials } from '@napi-rs/keyring';
import {
  TokenCacheContext,
  type ISerializableTokenCache,
} from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { createKeychain, KeychainError, type Keychain } from '../keychain';
import { captureLogs } from '../test-support/log-capture';
import { useTestSecretService } from '../test-support/secret-service';
import {
  CHUNK_CHARS,
  KeychainTokenCache,
  type KeychainTokenCacheOptions,
} from './keychain-token-cache';

const origin = 'https://uc.example.com';

useTestSecretService();

/** MSAL's serializable cache reduced to its text, which is all the plugin uses. */
class TextCache implements ISerializableTokenCache {
  constructor(public text = '') {}
  serialize(): string {
    return this.text;
  }
  deserialize(text: string): void {
    this.text = text;
  }
}

interface Harness {
  cache: KeychainTokenCache;
  failures: unknown[];
  successes: number;
  logs: ReturnType<typeof captureLogs>;
}

function createCache(
  service: string,
  overrides: Partial<KeychainTokenCacheOptions> = {},
): Harness {
  const logs = captureLogs();
  const harness: Harness = {
    failures: [],
    successes: 0,
    logs,
    cache: undefined as unknown as KeychainTokenCache,
  };
  harness.cache = new KeychainTokenCache({
    keychain: createKeychain({ timeoutMs: 5000 }),
    service,
    origin,
    logger: logs.logger,
    onKeychainSuccess: () => harness.successes++,
    onKeychainFailure: (error) => harness.failures.push(error),
    keychainUsable: () => true,
    ...overrides,
  });
  return harness;
}

/** Returns a serialized cache of about 24 KB that does not compress, like many tokens. */
function largeCache(): string {
  return JSON.stringify({
    AccessToken: { key: { secret: randomBytes(18_000).toString('base64') } },
  });
}

async function write(cache: KeychainTokenCache, text: string): Promise<void> {
  await cache.afterCacheAccess(
    new TokenCacheContext(new TextCache(text), true),
  );
}

async function read(cache: KeychainTokenCache): Promise<string> {
  const target = new TextCache();
  await cache.beforeCacheAccess(new TokenCacheContext(target, false));
  return target.text;
}

function entriesOf(service: string): Map<string, string> {
  return new Map(
    findCredentials(service).map(({ account, password }) => [
      account,
      password,
    ]),
  );
}

describe('KeychainTokenCache', () => {
  it('round-trips a large cache through several chunks', async () => {
    const service = `mitelone-test-${randomUUID()}`;
    const serialized = largeCache();

    await write(createCache(service).cache, serialized);

    const entries = entriesOf(service);
    const chunkCount = entries.size - 1;
    expect(chunkCount).toBeGreaterThan(10);
    expect(JSON.parse(entries.get(`msal:${origin}:count`)!)).toMatchObject({
      chunks: chunkCount,
    });
    for (let i = 0; i < chunkCount; i++) {
      expect(entries.get(`msal:${origin}:${i}`)!.length).toBeLessThanOrEqual(
        CHUNK_CHARS,
      );
    }

    const fresh = createCache(service);
    expect(await read(fresh.cache)).toBe(serialized);
    expect(fresh.successes).toBeGreaterThan(0);
    await fresh.cache.clear();
  });

  it('compresses a cache of repeated JSON', async () => {
    const service = `mitelone-test-${randomUUID()}`;
    const serialized = JSON.stringify({
      Account: Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [
          `account-${i}`,
          { environment: 'login.example.com', realm: 'tenant' },
        ]),
      ),
    });

    const { cache } = createCache(service);
    await write(cache, serialized);

    expect(serialized.length).toBeGreaterThan(3 * CHUNK_CHARS);
    expect(entriesOf(service).size).toBe(2);
    expect(await read(createCache(service).cache)).toBe(serialized);
    await cache.clear();
  });

  it('deletes surplus chunks when the cache shrinks', async () => {
    const service = `mitelone-test-${randomUUID()}`;
    const { cache } = createCache(service);
    await write(cache, largeCache());

    await write(cache, '{"Account":{}}');

    expect([...entriesOf(service).keys()].sort()).toEqual([
      `msal:${origin}:0`,
      `msal:${origin}:count`,
    ]);
    expect(await read(createCache(service).cache)).toBe('{"Account":{}}');
    await cache.clear();
  });

  it('reads the keychain once and writes only changes', async () => {
    const service = `mitelone-test-${randomUUID()}`;
    await write(createCache(service).cache, '{"first":1}');
    const { cache } = createCache(service);

    expect(await read(cache)).toBe('{"first":1}');
    await write(createCache(service).cache, '{"second":2}');
    expect(await read(cache)).toBe('');
    await cache.afterCacheAccess(
      new TokenCacheContext(new TextCache('{"unchanged":3}'), false),
    );

    expect(await read(createCache(service).cache)).toBe('{"second":2}');
    await cache.clear();
  });

  it('starts empty when a write was cut off', async () => {
    const service = `mitelone-test-${randomUUID()}`;
    const { cache } = createCache(service);
    await write(cache, largeCache());
    const keychain = createKeychain({ timeoutMs: 5000 });
    await keychain.setPassword(service, `msal:${origin}:3`, 'A'.repeat(100));

    const fresh = createCache(service);
    expect(await read(fresh.cache)).toBe('');
    expect(fresh.logs.text()).toContain('do not match their checksum');
    await fresh.cache.clear();
  });

  it('deletes every entry, also chunks beyond the count', async () => {
    const service = `mitelone-test-${randomUUID()}`;
    const { cache } = createCache(service);
    await write(cache, largeCache());
    const keychain = createKeychain({ timeoutMs: 5000 });
    const stray = `msal:${origin}:${entriesOf(service).size - 1}`;
    await keychain.setPassword(service, stray, 'left by a broken write');

    await createCache(service).cache.clear();

    expect(entriesOf(service).size).toBe(0);
  });
});

describe('KeychainTokenCache without a keychain', () => {
  function failingKeychain(error: Error): Keychain {
    return {
      getPassword: async () => {
        throw error;
      },
      setPassword: async () => {
        throw error;
      },
      deletePassword: async () => {
        throw error;
      },
    };
  }

  it('keeps the cache in memory and reports the failure', async () => {
    const keychain = createKeychain({
      timeoutMs: 5000,
      backend: failingKeychain(new Error('no Secret Service on the bus')),
    });
    const harness = createCache(`mitelone-test-${randomUUID()}`, { keychain });

    expect(await read(harness.cache)).toBe('');
    await write(harness.cache, '{"Account":{}}');
    await harness.cache.clear();

    expect(harness.failures).toHaveLength(3);
    for (const failure of harness.failures) {
      expect(failure).toBeInstanceOf(KeychainError);
      expect((failure as KeychainError).kind).toBe('unavailable');
    }
    expect(harness.logs.text()).toContain('it is kept in memory');
  });

  it('asks no more after the keychain timed out', async () => {
    let calls = 0;
    let usable = true;
    const keychain = createKeychain({
      timeoutMs: 50,
      backend: {
        getPassword: () => {
          calls++;
          return new Promise<string | null>(() => undefined);
        },
        setPassword: async () => void calls++,
        deletePassword: async () => (calls++, true),
      },
    });
    const harness = createCache(`mitelone-test-${randomUUID()}`, {
      keychain,
      onKeychainFailure: (error) => {
        harness.failures.push(error);
        usable = (error as KeychainError).kind !== 'timeout';
      },
      keychainUsable: () => usable,
    });

    expect(await read(harness.cache)).toBe('');
    await write(harness.cache, '{"Account":{}}');
    await harness.cache.clear();

    expect(calls).toBe(1);
    expect(harness.failures).toHaveLength(1);
    expect((harness.failures[0] as KeychainError).kind).toBe('timeout');
  });
});
