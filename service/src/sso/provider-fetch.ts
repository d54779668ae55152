import https from 'node:https';
import { rootCertificates } from 'node:tls';

/** An identity provider's document or key set could not be fetched. */
export class ProviderUnreachableError extends Error {
  override name = 'ProviderUnreachableError';
}

/** Fetches a JSON document from an identity provider over https. */
export type ProviderFetch = (
  url: string,
  signal?: AbortSignal,
) => Promise<unknown>;

/** Largest provider document that the service reads. Real ones have a few KB. */
const MAX_DOCUMENT_BYTES = 1024 * 1024;

export const PROVIDER_TIMEOUT_MS = 5000;

/**
 * Creates the https client for identity providers. `extraCaPem` adds CA
 * certificates (such as a TLS-inspection CA) to Node's built-in ones for
 * these requests only. Every failure, including a status other than 200 or
 * a body that is not JSON, throws ProviderUnreachableError. Redirects are
 * not followed.
 */
export function createProviderFetch(extraCaPem: string | null): ProviderFetch {
  // An explicit `ca` replaces Node's default list, so the built-in roots
  // are passed along. NOTE: NODE_EXTRA_CA_CERTS does not reach this agent.
  const agent = extraCaPem
    ? new https.Agent({ ca: [...rootCertificates, extraCaPem] })
    : https.globalAgent;

  return (url, signal) => fetchJson(url, agent, signal);
}

function fetchJson(
  url: string,
  agent: https.Agent,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const target = URL.parse(url);
  if (target?.protocol !== 'https:') {
    return Promise.reject(
      new ProviderUnreachableError(`${url} is not an https URL.`),
    );
  }

  return new Promise((resolve, reject) => {
    const fail = (reason: string, cause?: unknown) =>
      reject(
        new ProviderUnreachableError(`GET ${url} failed: ${reason}`, { cause }),
      );

    const request = https.get(
      target,
      {
        agent,
        headers: { accept: 'application/json' },
        signal: signal ?? AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;

        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_DOCUMENT_BYTES) {
            request.destroy(
              new Error(`larger than ${MAX_DOCUMENT_BYTES} bytes`),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => fail(error.message, error));
        response.on('end', () => {
          if (response.statusCode !== 200) {
            fail(`HTTP status ${response.statusCode}`);
            return;
          }

          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            fail('the body is not JSON', error);
          }
        });
      },
    );

    request.on('error', (error) => fail(error.message, error));
  });
}
