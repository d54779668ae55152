import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, net, session, shell } from 'electron';
import brand from '../../resources/brand.json';
import { APP_ORIGIN, originOf } from '../app-protocol';
import { createDesktopCore, type DesktopCore } from '../core';
import type { Fetch } from '../fetch';
import { createFileLogger } from '../logger';
import { loadMachinePolicy } from '../policy/machine-policy';
import { listenForLinks, registerProtocolClient } from './deep-links';
import { bridgeIpc } from './ipc-bridge';
import { restrictPermissions } from './permissions';
import { registerAppScheme, serveRenderer } from './protocol';
import { createWindow, focusWindow } from './window';

// NOTE: this adapter typechecks and builds but has not been started under
// Electron yet. The core it wraps is tested under Node.

/** `out/main`, where the build puts this file. */
const mainDir = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(mainDir, '../renderer');
const preloadPath = join(mainDir, '../preload/index.cjs');

/**
 * URL of the electron-vite dev server, in development only. A packaged app
 * ignores the variable, so that the environment cannot point the window and
 * its preload API at another page.
 */
const devServerUrl = app.isPackaged
  ? undefined
  : process.env.ELECTRON_RENDERER_URL;
const startUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;
const appOrigin = originOf(startUrl) ?? APP_ORIGIN;

const logger = createFileLogger(join(app.getPath('userData'), 'logs'));
app.setAppLogsPath(join(app.getPath('userData'), 'logs'));

/** Links that arrive before the core exists; the core queues them after that. */
const earlyLinks: string[] = [];
let core: DesktopCore | null = null;
let mainWindow: BrowserWindow | null = null;

function receiveLink(text: string): void {
  if (core) {
    core.receiveLink(text);
  } else {
    earlyLinks.push(text);
  }
  focusWindow(mainWindow);
}

/**
 * Opens a URL in the system browser. This is the app's only call of
 * `shell.openExternal`, and every caller checks the URL with
 * `parseExternalUrl` first.
 */
function openInBrowser(url: string): Promise<void> {
  return shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/**
 * Electron's fetch, which follows the system's proxy settings and trusts the
 * OS certificate store, as a company network and its identity provider need.
 * NOTE: not yet run under Electron here; the core's tests use Node's fetch.
 */
const electronFetch: Fetch = (input, init) =>
  net.fetch(input instanceof URL ? input.href : input, init);

function openWindow(): void {
  mainWindow = createWindow({
    preloadPath,
    url: startUrl,
    logger,
    openInBrowser,
  });
  mainWindow.on('closed', () => (mainWindow = null));
}

/**
 * Returns false in a second instance, which quits. Electron passes its
 * arguments, and with them its link, to the first instance's
 * `second-instance` event.
 */
function claimSingleInstance(): boolean {
  if (app.requestSingleInstanceLock()) {
    return true;
  }
  logger.info('another instance is running; quitting this one');
  app.quit();
  return false;
}

async function onReady(): Promise<void> {
  serveRenderer(rendererDir, logger.child({ area: 'protocol' }));
  restrictPermissions(
    session.defaultSession,
    appOrigin,
    logger.child({ area: 'permissions' }),
  );

  const policy = await loadMachinePolicy({
    platform: process.platform,
    env: process.env,
    logger,
  });
  core = createDesktopCore({
    runtime: 'electron',
    version: app.getVersion(),
    userDataDir: app.getPath('userData'),
    systemLocale: app.getSystemLocale(),
    serviceUrl:
      app.commandLine.getSwitchValue('service-url') ||
      process.env.MITELONE_SERVICE_URL,
    policy,
    keychainService: brand.appId,
    logger,
    openInBrowser,
    isTrustedOrigin: (origin) => origin === appOrigin,
    fetch: electronFetch,
  });
  bridgeIpc(core, appOrigin);
  for (const text of earlyLinks.splice(0)) {
    core.receiveLink(text);
  }

  openWindow();
  await core.start();
}

function stopOnQuit(): void {
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped || !core) {
      return;
    }
    // Pending settings and keychain writes finish before the process exits.
    event.preventDefault();
    void core.stop().finally(() => {
      stopped = true;
      logger.flush();
      app.quit();
    });
  });
}

if (claimSingleInstance()) {
  registerAppScheme();
  registerProtocolClient();
  listenForLinks(receiveLink, () => focusWindow(mainWindow));
  stopOnQuit();

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') {
      app.quit();
    }
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      openWindow();
    }
  });

  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      logger.fatal({ err: error }, 'start failed');
      app.exit(1);
    });
}
