import { isLoopbackHostname } from './loopback';

/**
 * Parses a URL that is about to be opened in the system browser or mail app
 * and returns its normalized form, or null when it must not be opened. Only
 * https, mailto, and http on this computer are opened, so that a page can
 * never start a local program through a custom scheme or a `file:` URL.
 */
export function parseExternalUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }

  if (url.username || url.password) {
    return null;
  }
  switch (url.protocol) {
    case 'https:':
    case 'mailto:':
      return url.href;
    case 'http:':
      return isLoopbackHostname(url.hostname) ? url.href : null;
    default:
      return null;
  }
}
