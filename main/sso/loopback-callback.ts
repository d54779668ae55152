import { request } from 'node:http';

/** The loopback address and state of a waiting MSAL sign-in, read from its authorize URL. */
export interface LoopbackCallback {
  port: number;
  state: string;
}

/** Maximum time in ms for the request to the app's own loopback server. */
const CALLBACK_TIMEOUT_MS = 5000;

/**
 * Reads the redirect URI's port and the state from an authorize URL. MSAL 7
 * names the redirect URI `http://localhost:<port>` but listens on 127.0.0.1
 * only. Returns null unless the redirect URI is plain http on this computer.
 */
export function loopbackCallbackOf(authorizeUrl: URL): LoopbackCallback | null {
  const redirect = URL.parse(
    authorizeUrl.searchParams.get('redirect_uri') ?? '',
  );
  const state = authorizeUrl.searchParams.get('state');
  const port = Number(redirect?.port);
  if (
    !redirect ||
    redirect.protocol !== 'http:' ||
    !['localhost', '127.0.0.1'].includes(redirect.hostname) ||
    !Number.isInteger(port) ||
    port <= 0 ||
    !state
  ) {
    return null;
  }
  return { port, state };
}

/**
 * Sends MSAL's loopback server the error response an identity provider would
 * send, `error=access_denied` with the request's state, so that MSAL's
 * waiting `acquireTokenInteractive` settles and closes its server. MSAL 7
 * has no other way to end that wait. Resolves with the HTTP status.
 */
export function postCallbackError(
  callback: LoopbackCallback,
  description: string,
): Promise<number> {
  const body = new URLSearchParams({
    error: 'access_denied',
    error_description: description,
    state: callback.state,
  }).toString();

  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: callback.port,
        path: '/',
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
        },
        timeout: CALLBACK_TIMEOUT_MS,
        agent: false,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error('loopback callback timed out')),
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
