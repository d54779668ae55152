import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);

export interface AppOptions {
  serviceUrl?: string;
  userDataDir: string;
  keychainService: string;
  /** OS locale the app assumes; German by default, as the product's first language. */
  locale?: string;
  /** A link on the command line, as the OS passes it when the app starts. */
  link?: string;
  /** Extra environment, e.g. a broken D-Bus address to make the keychain fail. */
  env?: NodeJS.ProcessEnv;
  /** How long a sign-in in the browser may take, in seconds. */
  ssoTimeoutSeconds?: number;
  /** The organisation's policy, a JSON file in the Linux format, in place of the system's. */
  policyFile?: string;
}

export interface RunningApp {
  /** The renderer's address with the run's secret. */
  url: string;
  /** URLs the app asked the system browser to open. */
  openedUrls: string[];
  /** The main process's log, for failure messages. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the desktop app's main process as its own Node process, serving the
 * renderer through the browser preview host: the same code that runs inside
 * Electron, with HTTP in place of Electron's IPC.
 */
export async function launchApp(options: AppOptions): Promise<RunningApp> {
  const args = [
    path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
    path.join(root, 'main', 'preview', 'main.ts'),
    '--json',
    '--user-data-dir',
    options.userDataDir,
    '--keychain-service',
    options.keychainService,
    '--locale',
    options.locale ?? 'de-DE',
  ];
  if (options.serviceUrl) args.push('--service-url', options.serviceUrl);
  if (options.ssoTimeoutSeconds) {
    args.push('--sso-timeout', String(options.ssoTimeoutSeconds));
  }
  if (options.policyFile) args.push('--policy-file', options.policyFile);
  if (options.link) args.push(options.link);

  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const openedUrls: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`App did not start:\n${stderr}`)),
      30_000,
    );
    child.once('exit', (code) =>
      reject(new Error(`App exited with ${code}:\n${stderr}`)),
    );

    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { event: string; url: string };
      if (message.event === 'openInBrowser') openedUrls.push(message.url);
      if (message.event === 'ready') {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
  });

  return {
    url,
    openedUrls,
    log: () =>
      readFile(path.join(options.userDataDir, 'logs', 'main.log'), 'utf8'),
    stop: () => stopProcess(child),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();

  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
