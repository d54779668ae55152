import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A reverse proxy on 127.0.0.1 in front of the service that can respond to a
 * request itself, as a broken or misconfigured proxy does: an HTML error
 * page, a redirect, a body the service never sends. Every other request goes
 * to the service unchanged.
 */
export interface BrokenProxy {
  origin: string;
  /** Every request received, as `METHOD /path` without the query. */
  requests: string[];
  /** Responds to the next request of `route` (`METHOD /path`) instead of forwarding it. */
  respondNext(route: string, respond: (response: ServerResponse) => void): void;
  close(): Promise<void>;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
  });
  response.end(JSON.stringify(body));
}

export async function startBrokenProxy(target: string): Promise<BrokenProxy> {
  const responders = new Map<string, (response: ServerResponse) => void>();
  const requests: string[] = [];

  const server = createServer((request, response) => {
    const route = `${request.method} ${(request.url ?? '/').split('?')[0]}`;
    requests.push(route);

    const respond = responders.get(route);
    if (!respond) {
      forward(request, response, target);
      return;
    }

    responders.delete(route);
    request.resume();
    respond(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    respondNext(route, respond) {
      responders.set(route, respond);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function forward(
  request: IncomingMessage,
  response: ServerResponse,
  target: string,
): void {
  // A new connection per request, so that closing the proxy leaves no
  // pooled connection to the service behind.
  const upstream = httpRequest(
    new URL(request.url ?? '/', target),
    { method: request.method, headers: request.headers, agent: false },
    (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(response);
    },
  );
  upstream.on('error', () => response.destroy());
  request.pipe(upstream);
}
