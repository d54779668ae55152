import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';
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

/**
 * Creates a fetch over Node's http and https modules whose https agent trusts
 * `caPem` beside the usual roots, as the app's fetch trusts the OS store. It
 * follows no redirects. Tests hand it to the core, so that no process-wide
 * setting changes which certificates are trusted.
 */
export function createTrustingFetch(caPem: string): Fetch {
  const agent = new HttpsAgent({ ca: [...rootCertificates, caPem] });

  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body =
      request.body === null
        ? undefined
        : Buffer.from(await request.arrayBuffer());
    const secure = url.protocol === 'https:';

    return new Promise<Response>((resolve, reject) => {
      const outgoing = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: request.method,
          headers: Object.fromEntries(request.headers),
          agent: secure ? agent : undefined,
          signal: request.signal,
        },
        (incoming) => {
          const status = incoming.statusCode ?? 0;
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
}
