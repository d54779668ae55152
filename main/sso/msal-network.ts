import {
  ClientAuthError,
  ClientAuthErrorCodes,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import type { Logger } from 'pino';
import type { Fetch } from '../fetch';

/** Maximum time in ms for one request to the identity provider. */
const DEFAULT_TIMEOUT_MS = 15_000;

/** Largest response accepted; discovery documents and token responses are far smaller. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * A request to the identity provider that got no usable response: refused,
 * timed out, or cut off. MSAL reports it as `network_error`, or as
 * `endpoints_resolution_error` during discovery, and keeps it as the cause.
 */
export class IdentityProviderUnreachableError extends Error {
  override readonly name = 'IdentityProviderUnreachableError';
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return headers;
}

/**
 * Returns the innermost cause's code and message, where fetch keeps the real
 * reason, such as ECONNREFUSED or an untrusted certificate.
 */
export function innermostCause(error: unknown): {
  code?: string;
  message: string;
} {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (!(current.cause instanceof Error)) break;
    current = current.cause;
  }
  const code = (current as NodeJS.ErrnoException | undefined)?.code;
  const message = current instanceof Error ? current.message : String(current);
  return code === undefined ? { message } : { code, message };
}

interface SendOptions {
  fetch: Fetch;
  logger: Logger;
  timeoutMs: number;
  correlationId?: string;
}

async function send<T>(
  url: string,
  init: RequestInit,
  options: SendOptions,
): Promise<NetworkResponse<T>> {
  const correlationId = options.correlationId ?? '';
  // The path without its query, which may hold a login hint.
  const target = `${init.method} ${url.split('?')[0]}`;
  let response: Response;
  try {
    response = await options.fetch(url, {
      ...init,
      // A redirect could carry the request body to another host.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    options.logger.warn(
      { target, cause: innermostCause(error) },
      'request to the identity provider failed',
    );
    throw new IdentityProviderUnreachableError(`${target} failed`, {
      cause: error,
    });
  }

  const text = await response.text();
  if (text.length > MAX_RESPONSE_BYTES) {
    throw new ClientAuthError(
      ClientAuthErrorCodes.tokenParsingError,
      correlationId,
      `response of ${text.length} characters is too large`,
    );
  }
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    options.logger.warn(
      {
        target,
        status: response.status,
        contentType: response.headers.get('content-type'),
      },
      'identity provider responded with something other than JSON',
    );
    throw new ClientAuthError(
      ClientAuthErrorCodes.tokenParsingError,
      correlationId,
      `response with status ${response.status} and content type ${response.headers.get('content-type') ?? 'none'} is not JSON`,
    );
  }
  return { headers: headersOf(response), body, status: response.status };
}

/**
 * MSAL's HTTP client on the app's fetch, so that MSAL reaches the identity
 * provider through the same proxy and trusted certificates as the rest of
 * the app.
 */
export function createMsalNetworkClient(
  fetch: Fetch,
  logger: Logger,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): INetworkModule {
  return {
    sendGetRequestAsync<T>(
      url: string,
      options?: NetworkRequestOptions,
      timeout?: number,
    ) {
      return send<T>(
        url,
        { method: 'GET', headers: options?.headers },
        {
          fetch,
          logger,
          timeoutMs: timeout ?? timeoutMs,
          correlationId: options?.correlationId,
        },
      );
    },

    sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      return send<T>(
        url,
        {
          method: 'POST',
          headers: options?.headers,
          body: options?.body ?? '',
        },
        { fetch, logger, timeoutMs, correlationId: options?.correlationId },
      );
    },
  };
}
