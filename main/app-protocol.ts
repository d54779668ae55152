import { extname, resolve, sep } from 'node:path';

/** The renderer is served as `app://renderer/...` instead of `file://`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Content-Security-Policy of every renderer response. The renderer reaches
 * the service only through IPC, so it loads nothing from other origins.
 * Photos arrive as `data:` URLs, and media streams are allowed for calls.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

/** Returns the Content-Type of a renderer file, or null for a type it never serves. */
export function contentTypeOf(file: string): string | null {
  return contentTypes[extname(file).toLowerCase()] ?? null;
}

/**
 * Returns the origin of a URL, also for custom schemes, whose `URL.origin` is
 * the string "null" in Node. Returns null for text that is not a URL.
 */
export function originOf(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.origin !== 'null') {
    return url.origin;
  }
  return url.host ? `${url.protocol}//${url.host.toLowerCase()}` : null;
}

/**
 * Maps an `app://renderer/...` request to a file inside `rootDir`, or null
 * when the request names another host or leaves the folder (`..`, encoded
 * separators, NUL bytes).
 */
export function resolveRendererFile(
  rootDir: string,
  requestUrl: string,
): string | null {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (
    url.protocol !== `${APP_SCHEME}:` ||
    url.host.toLowerCase() !== APP_HOST
  ) {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) {
    return null;
  }

  const root = resolve(rootDir);
  const relative =
    pathname === '/' || pathname === '' ? 'index.html' : `.${pathname}`;
  const file = resolve(root, relative);
  return file.startsWith(root + sep) ? file : null;
}
