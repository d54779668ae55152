import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import type { Fetch } from '../../main/fetch';

/** One request sent through the fetch, timed with `performance.now()`. */
export interface RecordedRequest {
  method: string;
  /** Origin and path, without the query. */
  target: string;
  status: number;
  startMs: number;
  /** When the last byte of the response body arrived. */
  endMs: number;
}

export interface RecordingFetch {
  fetch: Fetch;
  /** Requests whose response has ended, in the order they ended. */
  requests: RecordedRequest[];
  /** Closes the kept-alive connections. */
  close(): void;
}

/** Statuses whose responses have no body, which `Response` rejects one for. */
const nullBodyStatuses = new Set([101, 204, 205, 304]);

function headersOf(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) headers.append(name, item);
    }
  }
  return headers;
}

function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/**
 * Creates a fetch over Node's http and https modules for the app's core,
 * as Electron hands it `net.fetch`. Its https agent trusts `caPem` beside the
 * usual roots, so no process-wide setting changes. Its agents are its own, so
 * a new core starts without open connections, as a new app process does. It
 * records the time of every request, follows no redirects, and rejects any
 * host but loopback.
 */
export function createRecordingFetch(caPem: string): RecordingFetch {
  const httpAgent = new HttpAgent({ keepAlive: true });
  const httpsAgent = new HttpsAgent({
    keepAlive: true,
    ca: [...rootCertificates, caPem],
  });
  const requests: RecordedRequest[] = [];

  const fetch: Fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!isLoopback(url.hostname)) {
      throw new TypeError(`fetch failed: ${url.host} is not on loopback`);
    }
    const body =
      request.body === null
        ? undefined
        : Buffer.from(await request.arrayBuffer());
    const secure = url.protocol === 'https:';
    const startMs = performance.now();

    return new Promise<Response>((resolve, reject) => {
      const outgoing = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: request.method,
          headers: Object.fromEntries(request.headers),
          agent: secure ? httpsAgent : httpAgent,
          signal: request.signal,
        },
        (incoming) => {
          const status = incoming.statusCode ?? 0;
          incoming.once('end', () =>
            requests.push({
              method: request.method,
              target: `${url.origin}${url.pathname}`,
              status,
              startMs,
              endMs: performance.now(),
            }),
          );
          const empty =
            nullBodyStatuses.has(status) || request.method === 'HEAD';
          if (empty) incoming.resume();
          resolve(
            new Response(
              empty ? null : (Readable.toWeb(incoming) as ReadableStream),
              {
                status,
                statusText: incoming.statusMessage,
                headers: headersOf(incoming),
              },
            ),
          );
        },
      );
      outgoing.on('error', (error) =>
        reject(
          request.signal.aborted
            ? request.signal.reason
            : new TypeError('fetch failed', { cause: error }),
        ),
      );
      outgoing.end(body);
    });
  };

  return {
    fetch,
    requests,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
