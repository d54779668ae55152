import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, net, session, shell } from 'electron';
import brand from '../../resources/brand.json';
import type { AppInfo } from '../../contract/ipc';
import { APP_ORIGIN, originOf } from '../app-protocol';
import { createDesktopCore, type DesktopCore } from '../core';
import type { Fetch } from '../fetch';
import { createFileLogger } from '../logger';
import {
  loadMachinePolicy,
  POLICY_FILE_VARIABLE,
} from '../policy/machine-policy';
import { listenForLinks, registerProtocolClient } from './deep-links';
import { bridgeIpc, sendToApp } from './ipc-bridge';
import { installApplicationMenu } from './menu';
import { restrictPermissions } from './permissions';
import { registerAppScheme, serveRenderer } from './protocol';
import { createElectronUpdates } from './updater';
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

const logsDir = join(app.getPath('userData'), 'logs');
const logger = createFileLogger(logsDir);
app.setAppLogsPath(logsDir);

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

/** Opens a folder in the system's file manager. */
async function openPath(folder: string): Promise<void> {
  // shell.openPath reports a failure as a message, not as a rejection.
  const message = await shell.openPath(folder);
  if (message) {
    throw new Error(message);
  }
}

/**
 * Electron's fetch, which follows the system's proxy settings and trusts the
 * OS certificate store, as a company network and its identity provider need.
 * NOTE: not yet run under Electron here; the core's tests use Node's fetch.
 */
const electronFetch: Fetch = (input, init) =>
  net.fetch(input instanceof URL ? input.href : input, init);

/**
 * Shows the about view, opening the window first when macOS kept the app
 * running without one.
 */
function showAbout(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    focusWindow(mainWindow);
    sendToApp(appOrigin, 'app:showAbout', null);
    return;
  }
  openWindow();
  mainWindow?.once('ready-to-show', () =>
    sendToApp(appOrigin, 'app:showAbout', null),
  );
}

/** Keeps the application menu in the app's language. */
function followLanguageInMenu(desktopCore: DesktopCore): void {
  let language: AppInfo['language'] | null = null;
  const update = (info: AppInfo) => {
    if (info.language === language) {
      return;
    }
    language = info.language;
    installApplicationMenu({
      language,
      brandName: brand.name,
      platform: process.platform,
      actions: {
        openLogFolder: () =>
          void openPath(logsDir).catch((error: unknown) =>
            logger.warn({ err: error }, 'opening the log folder failed'),
          ),
        showAbout,
      },
    });
  };

  desktopCore.subscribe((event, payload) => {
    if (event === 'app:infoChanged') update(payload as AppInfo);
  });
  void desktopCore
    .invoke('app:getInfo', {}, { origin: appOrigin })
    .then((result) => {
      if (result.ok) update(result.value as AppInfo);
    });
}

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

  // An installed app ignores the policy file variable: whoever starts the
  // app could otherwise replace what the organisation enforces.
  const policy = await loadMachinePolicy({
    platform: process.platform,
    env: app.isPackaged
      ? { ...process.env, [POLICY_FILE_VARIABLE]: undefined }
      : process.env,
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
    createUpdates: (updatePolicy) =>
      createElectronUpdates(updatePolicy, logger),
    openPath,
  });
  bridgeIpc(core, appOrigin);
  followLanguageInMenu(core);
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
