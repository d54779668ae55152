import { BrowserWindow } from 'electron';
import type { Logger } from 'pino';
import brand from '../../resources/brand.json';
import { originOf } from '../app-protocol';
import { parseExternalUrl } from '../external-url';

export interface WindowOptions {
  /** Absolute path of the built preload script. */
  preloadPath: string;
  /** The renderer's start page. */
  url: string;
  logger: Logger;
  /** Opens a URL that passed `parseExternalUrl` in the system browser. */
  openInBrowser(url: string): Promise<void>;
}

/** Keeps a window's page on the app's own origin. */
function guardNavigation(
  window: BrowserWindow,
  appOrigin: string,
  options: WindowOptions,
): void {
  const { logger } = options;
  const contents = window.webContents;

  contents.setWindowOpenHandler(({ url }) => {
    const external = parseExternalUrl(url);
    if (external) {
      options.openInBrowser(external).catch((error: unknown) => {
        logger.warn({ err: error }, 'opening a link in the browser failed');
      });
    } else {
      logger.warn({ scheme: url.split(':', 1)[0] }, 'window.open blocked');
    }
    return { action: 'deny' };
  });

  const blockForeign = (event: { preventDefault(): void }, url: string) => {
    if (originOf(url) !== appOrigin) {
      event.preventDefault();
      logger.warn(
        { origin: originOf(url) },
        'navigation away from the app blocked',
      );
    }
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Creates every window of the app with the same hardened settings. The
 * options stay a literal so that security linters can read them.
 */
export function createWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: brand.name,
    width: 1200,
    height: 800,
    minWidth: 480,
    minHeight: 560,
    show: false,
    webPreferences: {
      // Reviewed: the preload exposes only the contract's API, no Node or IPC object.
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      // On Linux, spellchecking downloads dictionaries from a Google host.
      spellcheck: false,
    },
  });

  const appOrigin = originOf(options.url);
  guardNavigation(window, appOrigin ?? '', options);
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.url).catch((error: unknown) => {
    options.logger.error(
      { err: error, url: options.url },
      'loading the renderer failed',
    );
  });
  return window;
}

/** Brings a window to the front, restoring it when minimized. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) {
    return;
  }
  if (window.isMinimized()) {
    window.restore();
  }
  window.show();
  window.focus();
}
