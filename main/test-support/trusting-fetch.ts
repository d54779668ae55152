import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import type { Fetch } from '../fetch';

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

export interface NodeFetchOptions {
  /** A CA certificate trusted beside the usual roots. */
  caPem: string;
  /** Keeps connections open between requests, as a browser does. */
  keepAlive?: boolean;
  /**
   * Called as each request is sent; the function it returns is called with
   * the status once the response's body has ended.
   */
  observe?(method: string, url: URL): (status: number) => void;
}

export interface NodeFetch {
  fetch: Fetch;
  /** Closes the connections that are kept open. */
  close(): void;
}

/**
 * Creates a fetch over Node's http and https modules whose https agent trusts
 * `caPem` beside the usual roots, as the app's fetch trusts the OS store. It
 * follows no redirects. Its agents are its own, so that no process-wide
 * setting changes which certificates are trusted.
 */
export function createNodeFetch(options: NodeFetchOptions): NodeFetch {
  const keepAlive = options.keepAlive ?? false;
  const httpAgent = new HttpAgent({ keepAlive });
  const httpsAgent = new HttpsAgent({
    keepAlive,
    ca: [...rootCertificates, options.caPem],
  });

  const fetch: Fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body =
      request.body === null
        ? undefined
        : Buffer.from(await request.arrayBuffer());
    const secure = url.protocol === 'https:';
    const ended = options.observe?.(request.method, url);

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
          if (ended) incoming.once('end', () => ended(status));
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
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** Creates a fetch that trusts `caPem` beside the usual roots; see `createNodeFetch`. */
export function createTrustingFetch(caPem: string): Fetch {
  return createNodeFetch({ caPem }).fetch;
}
