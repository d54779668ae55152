import {
  RESET_PATH_PREFIX,
  SETUP_PATH_PREFIX,
  URL_SCHEME,
} from '../contract/setup-link';
import { trimLinkText } from './setup-link';

function looksLikeLink(argument: string): boolean {
  const lower = argument.toLowerCase();
  if (lower.startsWith(`${URL_SCHEME.toLowerCase()}:`)) {
    return true;
  }
  return (
    (lower.startsWith('https://') || lower.startsWith('http://')) &&
    (lower.includes(SETUP_PATH_PREFIX) || lower.includes(RESET_PATH_PREFIX))
  );
}

/**
 * Finds a setup or reset link in a process's command line. On Windows and Linux the OS
 * passes the link as an argument, but Chromium inserts its own switches, so
 * the link can be at any position. Returns the first candidate for
 * `parseSetupLink`, or null.
 */
export function findLinkInArgv(argv: readonly string[]): string | null {
  for (const argument of argv) {
    const candidate = trimLinkText(argument);
    if (candidate.startsWith('-')) {
      continue;
    }
    if (looksLikeLink(candidate)) {
      return candidate;
    }
  }
  return null;
}
