/* eng-disable PROTOCOL_HANDLER_JS_CHECK */
// The app must own its URL scheme for setup links to reach it. Reviewed:
// every link goes through parseSetupLink, and one that names another service
// waits for the person's confirmation.
import { resolve } from 'node:path';
import { app } from 'electron';
import { URL_SCHEME } from '../../contract/setup-link';
import { findLinkInArgv } from '../argv';

/**
 * Registers the app for its URL scheme. An unpackaged app runs as
 * `electron <path>`, so on Windows the registration names both. Without the
 * path, the OS would start Electron without the app.
 */
export function registerProtocolClient(): void {
  if (process.defaultApp && process.argv.length >= 2) {
    app.setAsDefaultProtocolClient(URL_SCHEME, process.execPath, [
      resolve(process.argv[1]!),
    ]);
  } else {
    app.setAsDefaultProtocolClient(URL_SCHEME);
  }
}

/**
 * Delivers setup links from every way the OS passes them: macOS `open-url`
 * (registered before `ready`, or the launch link is lost), a second
 * instance's arguments, and this instance's own arguments on Windows and
 * Linux.
 */
export function listenForLinks(
  onLink: (text: string) => void,
  onSecondInstance: () => void,
): void {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    onLink(url);
  });

  app.on('second-instance', (_event, argv) => {
    const link = findLinkInArgv(argv);
    if (link) {
      onLink(link);
    }
    onSecondInstance();
  });

  if (process.platform !== 'darwin') {
    const link = findLinkInArgv(process.argv.slice(1));
    if (link) {
      onLink(link);
    }
  }
}
