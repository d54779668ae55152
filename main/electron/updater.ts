import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { Logger } from 'pino';
import type { UpdatePolicy } from '../policy/effective-policy';
import { UpdateController } from '../updates/update-controller';
import {
  chooseFeedUrl,
  decideUpdateSupport,
  detectInstallKind,
} from '../updates/update-support';
import { createUnsupportedUpdates, type Updates } from '../updates/updates';

// NOTE: this adapter typechecks and builds but has not run under Electron
// yet; the decisions and the state it drives are tested under Node.

/**
 * Returns the feed electron-builder wrote into `app-update.yml` from
 * `publish`, or null. The file is flat YAML (`url: https://...`), so one
 * line is read instead of parsing it.
 */
function builtInFeedUrl(logger: Logger): string | null {
  const file = path.join(process.resourcesPath, 'app-update.yml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    logger.warn({ err: error, file }, 'no built-in update feed');
    return null;
  }
  const match = /^url:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(text);
  return match?.[1] ?? null;
}

/** Sends electron-updater's log lines to the app's log. */
function updaterLogger(logger: Logger) {
  const log = logger.child({ area: 'updates', source: 'electron-updater' });
  return {
    debug: (message: unknown) => log.debug(String(message)),
    info: (message: unknown) => log.info(String(message)),
    warn: (message: unknown) => log.warn(String(message)),
    error: (message: unknown) => log.error(String(message)),
  };
}

/**
 * Creates the app's updates: electron-updater's `autoUpdater` on the
 * generic feed where this installation updates itself, else a fixed state
 * that names the reason.
 */
export function createElectronUpdates(
  updatePolicy: () => UpdatePolicy,
  logger: Logger,
): Updates {
  const policy = updatePolicy();
  const installKind = detectInstallKind({
    platform: process.platform,
    execPath: process.execPath,
    env: process.env,
    fileExists: existsSync,
  });
  const feedUrl = chooseFeedUrl(
    policy.feedUrl,
    app.isPackaged ? builtInFeedUrl(logger) : null,
  );
  const support = decideUpdateSupport({
    runtime: 'electron',
    packaged: app.isPackaged,
    installKind,
    policy,
    feedUrl,
  });
  logger.info(
    { area: 'updates', support, installKind, feedUrl },
    'update support decided',
  );
  if (support !== 'supported' || feedUrl === null) {
    return createUnsupportedUpdates(
      support === 'supported' ? 'noFeed' : support,
    );
  }

  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = updaterLogger(logger);
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });

  const controller = new UpdateController({
    policy: updatePolicy,
    logger,
    updater: {
      async checkForUpdates() {
        const result = await autoUpdater.checkForUpdates();
        // The download runs after the check resolves; awaiting it passes
        // its failure to the controller instead of leaving it unhandled.
        await result?.downloadPromise;
      },
      // Silent, then start the new version: the person chose to restart.
      quitAndInstall: () => autoUpdater.quitAndInstall(true, true),
    },
  });

  autoUpdater.on('checking-for-update', () => controller.handleChecking());
  autoUpdater.on('update-available', (info) =>
    controller.handleUpdateAvailable(info.version),
  );
  autoUpdater.on('update-not-available', () =>
    controller.handleUpdateNotAvailable(),
  );
  autoUpdater.on('download-progress', (progress) =>
    controller.handleDownloadProgress(progress.percent),
  );
  autoUpdater.on('update-downloaded', (event) =>
    controller.handleUpdateDownloaded(event.version),
  );
  autoUpdater.on('error', (error) => controller.handleError(error));
  return controller;
}
