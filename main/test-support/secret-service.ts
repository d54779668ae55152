import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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

const startScript = `
printf %s test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# The daemon claims its bus name after it forks. A request before that makes
# D-Bus start a second daemon with a locked keyring, so wait for the name.
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q 'boolean true'; do
  tries=$((tries + 1))
  [ "$tries" -ge 100 ] && break
  sleep 0.05
done
if ! printf probe | timeout 10 secret-tool store --label=probe probe 1 ||
   [ "$(timeout 10 secret-tool lookup probe 1)" != probe ]; then
  echo "keyring unusable" >&2
  exit 1
fi
echo "$DBUS_SESSION_BUS_ADDRESS"
# The session lasts until the test closes standard input.
cat >/dev/null
`;

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

  const dataHome = mkdtempSync(join(tmpdir(), 'test-keyring-'));
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', startScript], {
    env: { ...process.env, XDG_DATA_HOME: dataHome },
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
        rmSync(dataHome, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill();
    rmSync(dataHome, { recursive: true, force: true });
    throw error;
  }
}

/** Runs `body` with DBUS_SESSION_BUS_ADDRESS set to `address`, then restores it. */
export async function withBusAddress<T>(
  address: string,
  body: () => Promise<T>,
): Promise<T> {
  const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
  process.env.DBUS_SESSION_BUS_ADDRESS = address;
  try {
    return await body();
  } finally {
    if (previous === undefined) {
      delete process.env.DBUS_SESSION_BUS_ADDRESS;
    } else {
      process.env.DBUS_SESSION_BUS_ADDRESS = previous;
    }
  }
}
