import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import brand from '../../resources/brand.json';
import { findLinkInArgv } from '../argv';
import { createFileLogger } from '../logger';
import {
  loadMachinePolicy,
  POLICY_FILE_VARIABLE,
} from '../policy/machine-policy';
import { runPreview } from './run';

/**
 * Command line of the browser preview: the main process without Electron,
 * serving the renderer to a local browser. With `--json` it reports on
 * standard output, one JSON object a line, for the end-to-end tests:
 * `{"event":"ready","url":...}` and `{"event":"openInBrowser","url":...}`.
 */

const usage = `Usage: tsx main/preview/main.ts [options] [setup or reset link]

Options:
  --service-url URL        service the app talks to (https, or http on loopback)
  --policy-file FILE       policy file in the Linux JSON format, read in place of this
                           system's policy (default: the system's policy, or on Linux
                           $${POLICY_FILE_VARIABLE}; see docs/it-deployment.md)
  --user-data-dir DIR      folder for settings and logs (default: data/app)
  --keychain-service NAME  keychain service name of the stored session (default: ${brand.appId})
  --port N                 port on 127.0.0.1 (default: a free one)
  --sso-timeout SECONDS    how long a sign-in in the browser may take (default: 300)
  --locale TAG             OS locale to assume, such as de-DE (default: the system's)
  --json                   report on standard output as JSON lines
  --help                   show this text`;

function report(json: boolean, event: string, url: string, text: string): void {
  console.log(json ? JSON.stringify({ event, url }) : text);
}

/**
 * Returns the locale of the environment, as the desktop sets it for programs.
 * Node's Intl falls back to en-US when the locale is C or POSIX, which would
 * hide that the OS names no language.
 */
function systemLocale(): string {
  const { LC_ALL, LC_MESSAGES, LANG } = process.env;
  return (
    LC_ALL ||
    LC_MESSAGES ||
    LANG ||
    Intl.DateTimeFormat().resolvedOptions().locale
  );
}

/** Whether a desktop session can show a browser window for `xdg-open`. */
function hasDesktop(): boolean {
  return (
    process.platform !== 'linux' ||
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
  );
}

/** Opens a URL the way the desktop's own "open with default app" does. */
function openInSystem(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  spawn(command, args, { stdio: 'ignore', detached: true })
    .on('error', () => console.log(`Open this address yourself: ${url}`))
    .unref();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'service-url': { type: 'string' },
      'policy-file': { type: 'string' },
      'user-data-dir': { type: 'string', default: path.join('data', 'app') },
      'keychain-service': { type: 'string', default: brand.appId },
      'sso-timeout': { type: 'string' },
      port: { type: 'string', default: '0' },
      locale: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });

  if (values.help) {
    console.log(usage);
    return;
  }

  const userDataDir = path.resolve(values['user-data-dir']);
  const logger = createFileLogger(path.join(userDataDir, 'logs'));
  const link = findLinkInArgv(process.argv.slice(2));
  const policy = await loadMachinePolicy({
    platform: process.platform,
    env: process.env,
    logger,
    policyFile: values['policy-file'],
  });

  // The page in the person's browser stands in for the system browser: it
  // opens the links that Electron would hand to the OS.
  let openInPage: (url: string) => void = () => {};
  const ssoTimeoutSeconds = values['sso-timeout'];
  if (ssoTimeoutSeconds !== undefined && !(Number(ssoTimeoutSeconds) > 0)) {
    console.error(
      `error: --sso-timeout takes a number of seconds above 0, not "${ssoTimeoutSeconds}".`,
    );
    process.exit(2);
  }

  const host = await runPreview({
    serviceUrl: values['service-url'],
    policy,
    userDataDir,
    keychainService: values['keychain-service'],
    port: Number(values.port),
    systemLocale: values.locale ?? systemLocale(),
    links: link ? [link] : [],
    logger,
    ssoTimeoutMs:
      ssoTimeoutSeconds === undefined
        ? undefined
        : Number(ssoTimeoutSeconds) * 1000,
    async openInBrowser(url) {
      report(values.json, 'openInBrowser', url, `Opening ${url}`);
      if (!values.json) openInPage(url);
    },
  });
  openInPage = (url) => host.openInPage(url);

  report(
    values.json,
    'ready',
    host.url,
    `Open the app in your browser: ${host.url}`,
  );
  if (!values.json && hasDesktop()) openInSystem(host.url);

  const stop = async () => {
    await host.close();
    await host.core.stop();
    logger.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error('error: the preview could not start:', error);
  process.exit(1);
});
