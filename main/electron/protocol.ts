import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import type { Logger } from 'pino';
import {
  APP_SCHEME,
  contentTypeOf,
  RENDERER_CSP,
  resolveRendererFile,
} from '../app-protocol';

/**
 * Registers `app:` as a standard, secure scheme, which must happen before the
 * app is ready. A standard scheme gives the renderer a real origin. Pages on
 * `file:` get none and can read each other's files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

const securityHeaders = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...securityHeaders, 'Content-Type': 'text/plain' },
  });
}

/** Serves the built renderer from `rendererDir` on the `app:` scheme. */
export function serveRenderer(rendererDir: string, logger: Logger): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(rendererDir, request.url);
    const contentType = file ? contentTypeOf(file) : null;
    if (!file || !contentType) {
      logger.warn({ url: request.url }, 'renderer request rejected');
      return notFound();
    }

    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { ...securityHeaders, 'Content-Type': contentType },
      });
    } catch {
      return notFound();
    }
  });
}
