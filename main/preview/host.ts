import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { fail } from '../../contract/errors';
import { decodeIpcJson, encodeIpcJson } from '../../contract/ipc-json';
import { contentTypeOf, RENDERER_CSP } from '../app-protocol';
import type { DesktopCore } from '../core';

/**
 * The browser preview: serves the built renderer to a local browser and
 * carries its IPC calls to the same main-process core that Electron uses. It
 * is a development aid and the end-to-end tests' transport, not a product
 * surface.
 *
 * Any web page the person visits can send requests to a loopback port. So
 * the host listens on 127.0.0.1 only and checks the Host header against DNS
 * rebinding. It accepts IPC only from its own page's origin, with a secret
 * made for each run.
 */

export interface PreviewHostOptions {
  /** Folder of the built renderer (`out/renderer`). */
  rendererDir: string;
  /** The built preview bridge (`out/preview/bridge.js`). */
  bridgeFile: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  logger: Logger;
  /** Creates the core once the host's own origin is known. */
  createCore(origin: string): DesktopCore;
}

export interface PreviewHost {
  origin: string;
  /** The page's address, with the secret in the fragment. */
  url: string;
  core: DesktopCore;
  /** Asks the preview page to open `url` in a new browser tab. */
  openInPage(url: string): void;
  close(): Promise<void>;
}

const PREFIX = '/__preview';
const BRIDGE_PATH = `${PREFIX}/bridge.js`;
/** JSON of a 5 MB photo in base64 is under 7 MB; this leaves room. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const KEEPALIVE_MS = 15_000;

function setCommonHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', RENDERER_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(encodeIpcJson(body));
}

function secretMatches(
  header: string | string[] | undefined,
  secret: Buffer,
): boolean {
  if (typeof header !== 'string') return false;

  const candidate = Buffer.from(header);
  return (
    candidate.length === secret.length && timingSafeEqual(candidate, secret)
  );
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPreviewHost(
  options: PreviewHostOptions,
): Promise<PreviewHost> {
  const logger = options.logger.child({ area: 'preview' });
  const secret = randomBytes(32).toString('base64url');
  const secretBytes = Buffer.from(secret);
  const rendererDir = path.resolve(options.rendererDir);

  const indexHtml = (
    await readFile(path.join(rendererDir, 'index.html'), 'utf8')
  ).replace('</head>', `<script src="${BRIDGE_PATH}"></script></head>`);
  const bridge = await readFile(options.bridgeFile);

  let origin = '';
  let host = '';
  const streams = new Set<ServerResponse>();

  /** Rejects what does not come from the preview page itself. */
  function isOwnPageRequest(request: IncomingMessage): boolean {
    const fetchSite = request.headers['sec-fetch-site'];

    return (
      request.headers.host === host &&
      request.headers.origin === origin &&
      (fetchSite === undefined || fetchSite === 'same-origin') &&
      secretMatches(request.headers['x-preview-secret'], secretBytes) &&
      (request.headers['content-type'] ?? '').startsWith('application/json')
    );
  }

  async function serveStatic(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    let pathname: string;
    try {
      pathname = decodeURIComponent(
        new URL(request.url ?? '/', origin).pathname,
      );
    } catch {
      response.writeHead(400).end();
      return;
    }

    if (pathname === '/' || pathname === '/index.html') {
      response.writeHead(200, { 'Content-Type': contentTypeOf('index.html')! });
      response.end(indexHtml);
      return;
    }
    if (pathname === BRIDGE_PATH) {
      response.writeHead(200, { 'Content-Type': contentTypeOf('bridge.js')! });
      response.end(bridge);
      return;
    }

    const file = path.resolve(rendererDir, `.${pathname}`);
    const type = contentTypeOf(file);
    if (!file.startsWith(rendererDir + path.sep) || !type) {
      response.writeHead(404).end();
      return;
    }

    try {
      const content = await readFile(file);
      response.writeHead(200, { 'Content-Type': type });
      response.end(content);
    } catch {
      response.writeHead(404).end();
    }
  }

  async function serveIpc(
    channel: string,
    request: IncomingMessage,
    response: ServerResponse,
  ) {
    const body = await readBody(request);
    if (body === null) {
      sendJson(response, 413, fail('PAYLOAD_TOO_LARGE'));
      return;
    }

    let args: unknown;
    try {
      args = decodeIpcJson(body);
    } catch {
      sendJson(response, 400, fail('VALIDATION_FAILED'));
      return;
    }

    const result = await core.invoke(channel, args, { origin });
    sendJson(response, 200, result);
  }

  function serveEvents(response: ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    response.flushHeaders();
    streams.add(response);

    const keepalive = setInterval(() => response.write('\n'), KEEPALIVE_MS);
    response.on('close', () => {
      clearInterval(keepalive);
      streams.delete(response);
    });
  }

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    setCommonHeaders(response);
    const pathname = (request.url ?? '/').split('?')[0]!;

    if (request.headers.host !== host) {
      logger.warn(
        { host: request.headers.host },
        'Rejected request for another host name',
      );
      response.writeHead(421).end();
      return;
    }
    if (request.method === 'GET') {
      await serveStatic(request, response);
      return;
    }
    if (request.method !== 'POST' || !pathname.startsWith(`${PREFIX}/`)) {
      response.writeHead(405).end();
      return;
    }
    if (!isOwnPageRequest(request)) {
      logger.warn(
        { path: pathname, origin: request.headers.origin },
        'Rejected IPC request',
      );
      sendJson(response, 403, fail('IPC_FORBIDDEN'));
      return;
    }

    if (pathname === `${PREFIX}/events`) {
      serveEvents(response);
    } else if (pathname.startsWith(`${PREFIX}/ipc/`)) {
      await serveIpc(
        decodeURIComponent(pathname.slice(`${PREFIX}/ipc/`.length)),
        request,
        response,
      );
    } else {
      response.writeHead(404).end();
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error(
        { err: error, path: request.url?.split('?')[0] },
        'Preview request failed',
      );
      if (!response.headersSent) sendJson(response, 500, fail('INTERNAL'));
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });

  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  // Requests are handled only after this point: they arrive in later turns.
  const core = options.createCore(origin);

  const unsubscribe = core.subscribe((event, payload) => {
    const line = `${encodeIpcJson({ event, payload })}\n`;
    for (const stream of streams) stream.write(line);
  });

  logger.info({ origin }, 'Preview host listening');

  return {
    origin,
    url: `${origin}/#secret=${secret}`,
    core,
    openInPage(url) {
      // A control line beside the contract's events; the bridge handles it.
      const line = `${JSON.stringify({ preview: 'open', url })}\n`;
      for (const stream of streams) stream.write(line);
    },
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      logger.info({ origin }, 'Preview host stopped');
    },
  };
}
