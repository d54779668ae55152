import { fail, ok, type Result } from '../contract/errors';
import { isLoopbackHostname } from './loopback';

export type OriginCheck =
  | { ok: true; origin: string }
  | { ok: false; reason: 'malformed' | 'insecure' };

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Checks the transport of a parsed service URL: https anywhere, plain http
 * only on this computer.
 */
function checkTransport(url: URL): OriginCheck {
  if (url.protocol === 'https:') {
    return { ok: true, origin: url.origin };
  }
  if (url.protocol === 'http:') {
    return isLoopbackHostname(url.hostname)
      ? { ok: true, origin: url.origin }
      : { ok: false, reason: 'insecure' };
  }
  return { ok: false, reason: 'malformed' };
}

/** `scheme://host[:port]` with an optional trailing slash and nothing else. */
const bareOriginPattern = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\\\s]+\/?$/i;

/**
 * Parses text that must be a bare service origin, as in the `service`
 * parameter of a setup link: no user info, path, query or fragment.
 */
export function parseBareOrigin(text: string): OriginCheck {
  const url = parseUrl(text);
  if (!url || !bareOriginPattern.test(text) || url.username || url.password) {
    return { ok: false, reason: 'malformed' };
  }
  return checkTransport(url);
}

/**
 * Parses a service address the person typed. A missing scheme means https,
 * and a path is ignored because only the origin names the service.
 */
export function parseServiceUrl(text: string): Result<string> {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
    ? trimmed
    : `https://${trimmed}`;
  const url = parseUrl(withScheme);
  if (!url || !url.hostname || url.username || url.password) {
    return fail('SERVICE_URL_INVALID', { field: 'serviceUrl' });
  }

  const check = checkTransport(url);
  return check.ok
    ? ok(check.origin)
    : fail('SERVICE_URL_INVALID', { field: 'serviceUrl' });
}
