import { randomUUID } from 'node:crypto';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { createKeychain, type Keychain } from './keychain';
import { keychainFailureOf } from './test-support/keychain-failure';
import {
  startTestSecretService,
  withBusAddress,
  type TestSecretService,
} from './test-support/secret-service';

const service = `mitelone-test-${randomUUID()}`;
const account = 'https://uc.example.com';

describe('keychain against the Secret Service', () => {
  let secretService: TestSecretService;
  const keychain = createKeychain({ timeoutMs: 5000 });

  beforeAll(async () => {
    secretService = await startTestSecretService();
  }, 20_000);

  afterAll(async () => {
    await secretService?.stop();
  });

  it('stores, reads and deletes an entry', async () => {
    await withBusAddress(secretService.address, async () => {
      expect(await keychain.getPassword(service, account)).toBeNull();

      await keychain.setPassword(service, account, 'first');
      await keychain.setPassword(service, account, 'second');
      expect(await keychain.getPassword(service, account)).toBe('second');

      expect(await keychain.deletePassword(service, account)).toBe(true);
      expect(await keychain.getPassword(service, account)).toBeNull();
      expect(await keychain.deletePassword(service, account)).toBe(false);
    });
  });

  it('keeps entries of different accounts apart', async () => {
    await withBusAddress(secretService.address, async () => {
      await keychain.setPassword(service, 'https://a.example.com', 'a');
      await keychain.setPassword(service, 'https://b.example.com', 'b');

      expect(await keychain.getPassword(service, 'https://a.example.com')).toBe(
        'a',
      );
      expect(await keychain.getPassword(service, 'https://b.example.com')).toBe(
        'b',
      );

      await keychain.deletePassword(service, 'https://a.example.com');
      await keychain.deletePassword(service, 'https://b.example.com');
    });
  });
});

describe('keychain timeout', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const neverSettles = (): Keychain => ({
    getPassword: () => new Promise(() => undefined),
    setPassword: () => new Promise(() => undefined),
    deletePassword: () => new Promise(() => undefined),
  });

  it('rejects a stuck call after the time limit', async () => {
    vi.useFakeTimers();
    const keychain = createKeychain({
      timeoutMs: 5000,
      backend: neverSettles(),
    });

    let settled = false;
    const call = keychainFailureOf(
      keychain.getPassword(service, account),
    ).finally(() => (settled = true));

    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    const error = await call;
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('5000 ms');
  });

  it('bounds writes and deletions too', async () => {
    vi.useFakeTimers();
    const keychain = createKeychain({
      timeoutMs: 100,
      backend: neverSettles(),
    });

    const write = keychainFailureOf(
      keychain.setPassword(service, account, 'x'),
    );
    const deletion = keychainFailureOf(
      keychain.deletePassword(service, account),
    );
    await vi.advanceTimersByTimeAsync(100);

    expect((await write).kind).toBe('timeout');
    expect((await deletion).kind).toBe('timeout');
  });

  it('wraps a backend error as unavailable', async () => {
    const keychain = createKeychain({
      timeoutMs: 100,
      backend: {
        ...neverSettles(),
        getPassword: () => {
          throw new Error('no D-Bus');
        },
      },
    });

    const error = await keychainFailureOf(
      keychain.getPassword(service, account),
    );
    expect(error.kind).toBe('unavailable');
    expect((error.cause as Error).message).toBe('no D-Bus');
  });
});
