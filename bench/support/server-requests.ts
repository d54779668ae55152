import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request that an HTTP(S) server in this process received. */
export interface ServerRequest {
  /** `performance.now()` when the server started handling it. */
  atMs: number;
  method: string;
  port: number;
}

export interface ServerRequestLog {
  requests: ServerRequest[];
  /** Returns the time of the first `method` request on `port` at or after `sinceMs`. */
  timeOf(method: string, port: number, sinceMs: number): number | undefined;
  close(): void;
}

/**
 * Records every request that an HTTP or HTTPS server of this process
 * receives, from Node's `http.server.request.start` diagnostics channel. The
 * identity provider and MSAL's loopback server run here, so their requests
 * are timed on the benchmark's own clock, without a round trip to the browser.
 */
export function recordServerRequests(): ServerRequestLog {
  const requests: ServerRequest[] = [];
  const onStart = (message: unknown) => {
    const { request, server } = message as {
      request: IncomingMessage;
      server: Server;
    };
    requests.push({
      atMs: performance.now(),
      method: request.method ?? '',
      port: (server.address() as AddressInfo | null)?.port ?? 0,
    });
  };
  subscribe('http.server.request.start', onStart);

  return {
    requests,
    timeOf: (method, port, sinceMs) =>
      requests.find(
        (request) =>
          request.method === method &&
          request.port === port &&
          request.atMs >= sinceMs,
      )?.atMs,
    close: () => unsubscribe('http.server.request.start', onStart),
  };
}
