// `npm start`: installs and builds what is missing, starts the reference
// service on its embedded database, creates a demo account and invitation the
// first time, and opens the desktop app on the setup link from the welcome
// email. Without Electron's binary the app runs in a local browser instead.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { build, electronBinary, ensureInstalled, root } from './bootstrap.mjs';

const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const dataDir = path.resolve(root, process.env.MITELONE_DATA_ROOT ?? 'data');
const serviceDataDir = path.join(dataDir, 'service');
const appDataDir = path.join(dataDir, 'app');
const demoFile = path.join(dataDir, 'demo.json');
const demoEmail = 'demo@example.com';
const port = process.env.MITELONE_PORT ?? '8080';
const serviceUrl = `http://127.0.0.1:${port}`;

/** Quotes a word for a POSIX shell, unless it has only safe characters. */
function shellWord(word) {
  return /^[\w./:@%+=-]+$/.test(word)
    ? word
    : `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * The admin CLI as a person types it, with this run's data folder. The path
 * is absolute because `npm run` in the service folder runs the CLI there,
 * not in the repository's folder. Setup links need no MITELONE_PUBLIC_URL,
 * because the service records its public URL in the data folder.
 */
const adminCommand = `MITELONE_DATA_DIR=${shellWord(serviceDataDir)} npm run admin --`;

const serviceEnv = {
  ...process.env,
  MITELONE_DATA_DIR: serviceDataDir,
  MITELONE_HOST: '127.0.0.1',
  MITELONE_PORT: port,
  MITELONE_PUBLIC_URL: process.env.MITELONE_PUBLIC_URL ?? serviceUrl,
};

const children = new Set();
/** Set once this script stops its children, whose exits are then expected. */
let stopping = false;

function stopChildren() {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
}

function fail(message) {
  console.error(`error: ${message}`);
  stopChildren();
  process.exit(1);
}

/** Runs the admin CLI with `--json` and returns its parsed output. */
function admin(...args) {
  const result = spawnSync(
    process.execPath,
    [tsx, 'service/src/cli/admin.ts', ...args, '--json'],
    { cwd: root, env: serviceEnv, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    fail(
      `the admin command "${args.join(' ')}" failed:\n${result.stderr || result.stdout}`,
    );
  }
  return JSON.parse(result.stdout);
}

/** German for German locales and for C or POSIX, as the app decides it. */
function systemLanguage() {
  const { LC_ALL, LC_MESSAGES, LANG } = process.env;
  const locale = (LC_ALL || LC_MESSAGES || LANG || '').toLowerCase();
  return /^(de|c$|c\.|posix$|$)/.test(locale) ? 'de' : 'en';
}

async function isAnswering(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

async function startService() {
  if (await isAnswering(serviceUrl)) {
    fail(
      `port ${port} is in use: stop what uses it or run with MITELONE_PORT=<free port>.`,
    );
  }

  const logDir = path.join(serviceDataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'service.log');
  const log = openSync(logFile, 'a');

  const service = spawn(process.execPath, [tsx, 'service/src/main.ts'], {
    cwd: root,
    env: serviceEnv,
    stdio: ['ignore', log, log],
  });
  children.add(service);

  let exited = false;
  let started = false;
  service.once('exit', (code, signal) => {
    exited = true;
    children.delete(service);
    if (started && !stopping) {
      // The app cannot work without its service, so everything stops.
      fail(
        `the service stopped (${signal ?? `exit code ${code}`}); see ${logFile}. ` +
          'Run npm start again.',
      );
    }
  });

  for (let attempt = 0; attempt < 100 && !exited; attempt++) {
    try {
      if ((await fetch(`${serviceUrl}/health`)).ok) {
        started = true;
        return logFile;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  const hint = tail.includes('EADDRINUSE')
    ? `Port ${port} is in use: stop what uses it or run with MITELONE_PORT=<free port>.`
    : `See ${logFile}.`;
  fail(`the service did not start. ${hint}\n${tail}`);
}

/** Reads the setup link from a welcome email in the outbox. */
function linkFromEmail(file) {
  // Undo quoted-printable soft line breaks and escaped "=" before matching.
  const text = readFileSync(file, 'utf8')
    .replace(/=\r?\n/g, '')
    .replace(/=3D/gi, '=');
  return (
    text.match(/https?:\/\/[^\s"<>]+\/setup\/[A-Za-z0-9_-]{43}/)?.[0] ?? null
  );
}

/** Creates the demo account and invitation once; returns a still-pending setup link. */
function demoLink() {
  if (!existsSync(demoFile)) {
    const account = admin(
      'account',
      'create',
      '--name',
      'Demo GmbH',
      '--locale',
      systemLanguage(),
    );
    const sent = admin(
      'licence',
      'assign',
      '--account',
      account.number,
      '--email',
      demoEmail,
    );
    writeFileSync(
      demoFile,
      JSON.stringify(
        {
          accountNumber: account.number,
          email: demoEmail,
          emailFile: sent.delivery.file,
        },
        null,
        2,
      ),
    );
    console.log(
      `Created the demo account ${account.number} and invited ${demoEmail}.`,
    );
  }

  const demo = JSON.parse(readFileSync(demoFile, 'utf8'));
  const users = admin('user', 'list', '--account', demo.accountNumber);
  const user = users.find((candidate) => candidate.email === demo.email);
  if (user?.registered) {
    console.log(
      `${demo.email} has registered: sign in with the password chosen then.`,
    );
    return null;
  }
  if (user?.invitation?.status !== 'pending' || !existsSync(demo.emailFile)) {
    console.log(
      `The demo invitation is no longer pending (${user?.invitation?.status ?? 'none'}). ` +
        `For a new setup link: ${adminCommand} invitation resend --account ${demo.accountNumber} --email ${demo.email}`,
    );
    return null;
  }

  console.log(`Welcome email: ${demo.emailFile}`);
  return linkFromEmail(demo.emailFile);
}

function launchApp(link) {
  const electron = electronBinary();
  const linkArgs = link ? [link] : [];

  const app = electron
    ? spawn(electron, [root, `--service-url=${serviceUrl}`, ...linkArgs], {
        cwd: root,
        stdio: 'inherit',
      })
    : spawn(
        process.execPath,
        [
          tsx,
          'main/preview/main.ts',
          '--service-url',
          serviceUrl,
          '--user-data-dir',
          appDataDir,
          ...linkArgs,
        ],
        { cwd: root, stdio: 'inherit' },
      );
  children.add(app);

  if (!electron) {
    console.log(
      "Electron's binary is not installed, so the desktop window cannot open on this machine. " +
        'The same app runs in your browser instead (a development preview on 127.0.0.1).',
    );
  }
  app.once('exit', (code) => {
    stopChildren();
    process.exit(code ?? 0);
  });
}

ensureInstalled();
build();

const serviceLog = await startService();
console.log(
  `Service: ${serviceUrl} (data in ${serviceDataDir}, log in ${serviceLog})`,
);
console.log(`App data and logs: ${appDataDir}`);
console.log(`Administration: ${adminCommand} --help`);

launchApp(demoLink());

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, stopChildren);
}
