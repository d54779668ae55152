import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

/**
 * A real Secret Service for tests: gnome-keyring with a throwaway, unlocked
 * keyring in a private D-Bus session, so that tests never touch the person's
 * own keychain. Inside `scripts/with-test-keyring.sh`, which sets
 * MITELONE_TEST_KEYRING=ready, the session it started is used as it is.
 */
export interface TestSecretService {
  /** D-Bus address of the session, for DBUS_SESSION_BUS_ADDRESS. */
  address: string;
  stop(): Promise<void>;
}

/** The one recipe for a throwaway keyring, shared with `npm test`. */
const withTestKeyring = fileURLToPath(
  new URL('../../scripts/with-test-keyring.sh', import.meta.url),
);

// Inside the keyring's session: print its address, then keep the session
// open until the test closes standard input.
const holdSession = 'echo "$DBUS_SESSION_BUS_ADDRESS"; cat >/dev/null';

function readBusAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    // The address is the line with a transport prefix such as `unix:`.
    lines.on('line', (line) => {
      if (/^[a-z]+:/.test(line.trim())) resolve(line.trim());
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(
        new Error(
          `private keyring session exited with code ${code}: ${errors.trim()}`,
        ),
      ),
    );
  });
}

/** Starts a private Secret Service, or reuses the one the test wrapper started. */
export async function startTestSecretService(): Promise<TestSecretService> {
  const existing = process.env.DBUS_SESSION_BUS_ADDRESS;
  if (process.env.MITELONE_TEST_KEYRING === 'ready' && existing) {
    return { address: existing, stop: async () => undefined };
  }

  const child = spawn('sh', [withTestKeyring, 'sh', '-c', holdSession], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });

  try {
    const address = await readBusAddress(child);
    return {
      address,
      stop: async () => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.stdin!.end();
        await exited;
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/**
 * Starts a private Secret Service before the tests of the calling file and
 * points DBUS_SESSION_BUS_ADDRESS at it until they have finished.
 */
export function useTestSecretService(): void {
  let secretService: TestSecretService | undefined;
  let restoreBus = () => {};

  beforeAll(async () => {
    secretService = await startTestSecretService();
    restoreBus = setBusAddress(secretService.address);
  }, 20_000);

  afterAll(async () => {
    restoreBus();
    await secretService?.stop();
  });
}

/**
 * Sets DBUS_SESSION_BUS_ADDRESS to `address` and returns a function that
 * sets it back to its earlier value.
 */
export function setBusAddress(address: string): () => void {
  const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
  process.env.DBUS_SESSION_BUS_ADDRESS = address;

  return () => {
    if (previous === undefined) {
      delete process.env.DBUS_SESSION_BUS_ADDRESS;
    } else {
      process.env.DBUS_SESSION_BUS_ADDRESS = previous;
    }
  };
}

/** Runs `body` with DBUS_SESSION_BUS_ADDRESS set to `address`, then restores it. */
export async function withBusAddress<T>(
  address: string,
  body: () => Promise<T>,
): Promise<T> {
  const restoreBus = setBusAddress(address);
  try {
    return await body();
  } finally {
    restoreBus();
  }
}
