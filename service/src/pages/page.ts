import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Locale } from '../db/schema';
import { escapeHtml } from '../html';

/*
 * The pages have no script and one style element, which the
 * Content-Security-Policy allows by its hash.
 */
const styles = `
body { margin: 0; background: #f3f5f8; color: #1f2933; font: 16px/1.5 'Segoe UI', Helvetica, Arial, sans-serif; }
main { max-width: 36rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px; }
h1 { margin: 0 0 1rem; font-size: 1.5rem; }
h2 { margin: 2rem 0 0.5rem; font-size: 1.1rem; }
.brand { margin: 0 0 1.5rem; color: #52606d; font-weight: 600; letter-spacing: 0.02em; }
.button { display: inline-block; margin: 0.5rem 0 1rem; padding: 0.8rem 1.8rem; border-radius: 6px; background: #0b5cab; color: #fff; font-weight: 600; text-decoration: none; }
.button:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
.notice { padding: 1rem; border-left: 4px solid #d64545; background: #fdf1f1; }
.link { word-break: break-all; font-family: Consolas, 'Liberation Mono', monospace; font-size: 0.85rem; color: #52606d; }
.muted { color: #52606d; font-size: 0.9rem; }
`;

const styleHash = createHash('sha256').update(styles).digest('base64');

export const pageContentSecurityPolicy = [
  "default-src 'none'",
  `style-src 'sha256-${styleHash}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface Page {
  lang: Locale;
  title: string;
  /** HTML of the page's main element; callers escape what they insert. */
  body: string;
}

export function renderPage(page: Page): string {
  return `<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
${page.body}
</main>
</body>
</html>
`;
}

/** Sends a page with headers that keep it out of caches and search. */
export function sendPage(reply: FastifyReply, status: number, page: Page) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', pageContentSecurityPolicy)
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .header('x-content-type-options', 'nosniff')
    .send(renderPage(page));
}
