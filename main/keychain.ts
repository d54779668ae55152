import { AsyncEntry } from '@napi-rs/keyring';

/** The keytar API, which the rest of the main process programs against. */
export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(
    service: string,
    account: string,
    password: string,
  ): Promise<void>;
  /** Resolves true when an entry was deleted, false when there was none. */
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeychainFailure = 'timeout' | 'unavailable';

/** A keychain call that failed or did not finish within its time limit. */
export class KeychainError extends Error {
  override readonly name = 'KeychainError';

  constructor(
    readonly kind: KeychainFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The OS keychain through `@napi-rs/keyring`. On Linux the entry is pinned to
 * the Secret Service, because unpinned the library silently falls back to the
 * kernel keyring, which loses every entry on reboot.
 */
export const osKeychain: Keychain = {
  getPassword: (service, account) => entry(service, account).getPassword(),
  setPassword: (service, account, password) =>
    entry(service, account).setPassword(password),
  deletePassword: (service, account) =>
    entry(service, account).deletePassword(),
};

function entry(service: string, account: string): AsyncEntry {
  return new AsyncEntry(service, account, {
    linux: { store: 'secret-service' },
  });
}

export interface BoundedKeychainOptions {
  /** Maximum time in ms for one call. */
  timeoutMs: number;
  /** The keychain to bound; the OS keychain when absent. */
  backend?: Keychain;
}

/**
 * Runs one keychain call and rejects with a `KeychainError` when it fails or
 * takes longer than `timeoutMs`. A locked keyring can wait forever for an
 * unlock prompt, and no signal ends that native call. So on timeout the call
 * is abandoned: it may still finish later, but its result is ignored.
 */
async function bounded<T>(
  call: () => Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new KeychainError(
            'timeout',
            `keychain ${what} timed out after ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
  });

  // The native constructor throws synchronously when no D-Bus session is
  // reachable, so the call starts inside the promise chain.
  const attempt = Promise.resolve()
    .then(call)
    .catch((error: unknown) => {
      throw new KeychainError('unavailable', `keychain ${what} failed`, {
        cause: error,
      });
    });

  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Wraps a keychain so that every call ends within a time limit. */
export function createKeychain(options: BoundedKeychainOptions): Keychain {
  const backend = options.backend ?? osKeychain;
  const { timeoutMs } = options;

  return {
    getPassword: (service, account) =>
      bounded(() => backend.getPassword(service, account), timeoutMs, 'read'),
    setPassword: (service, account, password) =>
      bounded(
        () => backend.setPassword(service, account, password),
        timeoutMs,
        'write',
      ),
    deletePassword: (service, account) =>
      bounded(
        () => backend.deletePassword(service, account),
        timeoutMs,
        'delete',
      ),
  };
}
