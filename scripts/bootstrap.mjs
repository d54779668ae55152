// Installs and builds what `npm start` and `npm test` need, using Node's
// standard library only, because it runs before any dependency exists.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** npm writes this copy of the lock file at the end of every install. */
const installedLock = path.join(root, 'node_modules', '.package-lock.json');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    ...options,
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function runOrExit(command, args, stepName) {
  const status = run(command, args);
  if (status !== 0) {
    console.error(
      `error: ${stepName} failed (exit code ${status}); see the output above.`,
    );
    process.exit(status);
  }
}

function isInstalled() {
  const lock = path.join(root, 'package-lock.json');
  return (
    existsSync(installedLock) &&
    statSync(installedLock).mtimeMs >= statSync(lock).mtimeMs
  );
}

/** Returns the path of Electron's binary, or null when it is not installed. */
export function electronBinary() {
  try {
    const require = createRequire(path.join(root, 'package.json'));
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * Runs `npm ci` when node_modules is missing or older than package-lock.json. Electron's
 * postinstall download fails on machines that cannot reach its release host
 * and would fail the whole install, so the packages are installed without it
 * and the download is tried on its own afterwards.
 */
export function ensureInstalled() {
  if (isInstalled()) return;

  console.log('Installing dependencies (npm ci)...');
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  const status = run(npm, ['ci', '--no-audit', '--no-fund'], { env });
  if (status !== 0) {
    console.error(
      'error: npm ci failed; see the output above. Check the network and Node >= 20.19.',
    );
    process.exit(status);
  }

  if (!process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log("Downloading Electron's binary...");
    const electronInstall = path.join(
      root,
      'node_modules',
      'electron',
      'install.js',
    );
    const downloaded =
      run(process.execPath, [electronInstall], { stdio: 'pipe' }) === 0;
    if (!downloaded) {
      console.log(
        "note: Electron's binary could not be downloaded, so the desktop window is not " +
          'available on this machine. `npm start` serves the app to a local browser instead.',
      );
    }
  }
}

/** Builds main, preload and renderer, and the browser preview's bridge. */
export function build() {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  runOrExit(npx, ['electron-vite', 'build', '--logLevel', 'warn'], 'The build');
  runOrExit(
    npx,
    ['vite', 'build', '-c', 'vite.preview.config.ts', '--logLevel', 'warn'],
    'The build',
  );
}
