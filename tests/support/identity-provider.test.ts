import {
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { Agent, request as httpsRequest } from 'node:https';
import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  onTestFailed,
  test,
} from 'vitest';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from './identity-provider';

const EMAIL = 'anna.berg@example.com';
const PASSWORD = 'correct horse battery';

interface HttpResult {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Sends one HTTPS request through `agent`, which trusts only the test CA. */
function sendHttps(
  agent: Agent,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      url,
      { method: init.method, headers: init.headers, agent, timeout: 10_000 },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) headers[name] = String(value);
          }
          resolve({
            status: incoming.statusCode ?? 0,
            headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`${init.method} ${url} timed out`)),
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

/** Returns MSAL's network client over `agent`. It records every URL requested. */
function createNetworkClient(agent: Agent, requestedUrls: string[]) {
  async function send<T>(
    method: string,
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    requestedUrls.push(url);
    const result = await sendHttps(agent, url, {
      method,
      headers: options?.headers,
      body: options?.body,
    });
    return {
      status: result.status,
      headers: result.headers,
      body: JSON.parse(result.text) as T,
    };
  }

  const client: INetworkModule = {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
  return client;
}

/** Returns jose's fetch for the JWKS, over `agent`. */
function fetchOver(agent: Agent) {
  return async (url: string, options: { headers: Headers }) => {
    const result = await sendHttps(agent, url, {
      method: 'GET',
      headers: Object.fromEntries(options.headers),
    });
    return new Response(result.text, {
      status: result.status,
      headers: result.headers,
    });
  };
}

describe('test identity provider', { timeout: 30_000 }, () => {
  let provider: TestIdentityProvider;
  let browser: Browser;
  let agent: Agent;
  let oid: string;
  let msalLog: string[];
  let requestedUrls: string[];

  beforeAll(async () => {
    provider = await startTestIdentityProvider();
    ({ oid } = provider.addUser({
      email: EMAIL,
      name: 'Anna Berg',
      password: PASSWORD,
    }));
    agent = new Agent({ ca: provider.certificates.caCertPem });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        ...provider.chromiumArgs,
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    agent?.destroy();
    await provider?.close();
  });

  beforeEach(() => {
    msalLog = [];
    requestedUrls = [];
    // MSAL reports most setup mistakes as endpoints_resolution_error, and
    // only its verbose log shows the cause.
    onTestFailed(() => {
      if (msalLog.length > 0) console.error(msalLog.join('\n'));
    });
  });

  function createApp() {
    return new PublicClientApplication({
      auth: {
        clientId: provider.clientId,
        authority: provider.authority,
        knownAuthorities: provider.knownAuthorities,
      },
      system: {
        networkClient: createNetworkClient(agent, requestedUrls),
        loggerOptions: {
          logLevel: LogLevel.Verbose,
          piiLoggingEnabled: false,
          loggerCallback: (_level, message) => msalLog.push(message),
        },
      },
    });
  }

  /** Opens each sign-in URL in a fresh browser context, without its cookies. */
  function openBrowserWith(signIn: (page: Page) => Promise<void>) {
    return async (url: string) => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(url);
        await signIn(page);
      } finally {
        await context.close();
      }
    };
  }

  function jwks() {
    return createRemoteJWKSet(new URL(provider.jwksUri), {
      [customFetch]: fetchOver(agent),
    });
  }

  function expectOnlyProviderRequests() {
    const hosts = new Set(requestedUrls.map((url) => new URL(url).host));
    expect([...hosts]).toEqual(provider.knownAuthorities);
  }

  test('discovery document matches the authority', async () => {
    const result = await sendHttps(
      agent,
      `${provider.authority}/v2.0/.well-known/openid-configuration`,
      { method: 'GET' },
    );
    const discovery = JSON.parse(result.text) as Record<string, unknown>;

    expect(result.status).toBe(200);
    expect(discovery.issuer).toBe(provider.issuer);
    expect(discovery.issuer).toBe(`${provider.authority}/v2.0`);
    expect(discovery.jwks_uri).toBe(provider.jwksUri);
    expect(discovery.authorization_endpoint).toMatch(
      new RegExp(`^${provider.authority}/`),
    );
  });

  test('msal interactive, silent and refresh', async () => {
    const app = createApp();

    let prefilledEmail = '';
    const result = await app.acquireTokenInteractive({
      scopes: [provider.apiScope],
      loginHint: EMAIL,
      openBrowser: openBrowserWith(async (page) => {
        prefilledEmail = await page.getByLabel('Email').inputValue();
        await provider.completeLogin(page, EMAIL, PASSWORD);
      }),
      successTemplate: 'Signed in. You can close this window.',
      errorTemplate: 'Sign-in failed: {{error}}',
    });
    expect(prefilledEmail).toBe(EMAIL);

    const claims = decodeJwt(result.accessToken);
    expect(claims.aud).toBe(provider.audience);
    expect(claims.iss).toBe(provider.issuer);
    expect(claims.tid).toBe(provider.tenantId);
    expect(claims.oid).toBe(oid);
    expect(claims.email).toBe(EMAIL);
    expect(claims.scp).toBe('access_as_user');

    const account = result.account as AccountInfo;
    expect(account.homeAccountId).toBe(`${oid}.${provider.tenantId}`);
    expect(account.tenantId).toBe(provider.tenantId);
    expect(account.username).toBe(EMAIL);
    expect(result.idTokenClaims).toMatchObject({
      name: 'Anna Berg',
      email: EMAIL,
      preferred_username: EMAIL,
      tid: provider.tenantId,
      oid,
    });

    const verified = await jwtVerify(result.accessToken, jwks(), {
      issuer: provider.issuer,
      audience: provider.audience,
      algorithms: ['RS256'],
    });
    expect(verified.payload.oid).toBe(oid);

    const cached = await app.acquireTokenSilent({
      account,
      scopes: [provider.apiScope],
    });
    expect(cached.fromCache).toBe(true);
    expect(cached.accessToken).toBe(result.accessToken);

    const refreshed = await app.acquireTokenSilent({
      account,
      scopes: [provider.apiScope],
      forceRefresh: true,
    });
    expect(refreshed.fromCache).toBe(false);
    expect(refreshed.accessToken).not.toBe(result.accessToken);
    expect(decodeJwt(refreshed.accessToken).oid).toBe(oid);
    expect(refreshed.account?.homeAccountId).toBe(account.homeAccountId);

    expectOnlyProviderRequests();
  });

  test('login page rejects a wrong password', async () => {
    const app = createApp();
    let rejection: unknown;
    let alert = '';
    let keptEmail = '';

    const result = await app.acquireTokenInteractive({
      scopes: [provider.apiScope],
      prompt: 'select_account',
      openBrowser: openBrowserWith(async (page) => {
        rejection = await provider
          .completeLogin(page, EMAIL, 'wrong password')
          .catch((error: unknown) => error);
        alert = await page.getByRole('alert').innerText();
        keptEmail = await page.getByLabel('Email').inputValue();

        await provider.completeLogin(page, EMAIL, PASSWORD);
      }),
    });

    expect(rejection).toBeInstanceOf(Error);
    expect((rejection as Error).message).toContain('incorrect');
    expect(alert).toContain('The email or password is incorrect');
    expect(keptEmail).toBe(EMAIL);
    expect(result.account?.homeAccountId).toBe(`${oid}.${provider.tenantId}`);
  });

  test('login page rejects an unknown email', async () => {
    const app = createApp();

    const signIn = app.acquireTokenInteractive({
      scopes: [provider.apiScope],
      openBrowser: openBrowserWith(async (page) => {
        await expect(
          provider.completeLogin(page, 'nobody@example.com', PASSWORD),
        ).rejects.toThrow('incorrect');
        await page.getByRole('button', { name: 'Cancel' }).click();
        await page.waitForURL((url) => url.protocol === 'http:', {
          waitUntil: 'commit',
        });
      }),
    });

    await expect(signIn).rejects.toMatchObject({ errorCode: 'access_denied' });
  });

  test('cancel returns access_denied to msal', async () => {
    const app = createApp();

    const signIn = app.acquireTokenInteractive({
      scopes: [provider.apiScope],
      openBrowser: openBrowserWith(async (page) => {
        await page.getByRole('button', { name: 'Cancel' }).click();
        await page.waitForURL((url) => url.protocol === 'http:', {
          waitUntil: 'commit',
        });
      }),
    });

    await expect(signIn).rejects.toMatchObject({ errorCode: 'access_denied' });
    expectOnlyProviderRequests();
  });

  test('signed token verifies with the JWKS', async () => {
    const token = await provider.signAccessToken({ email: EMAIL });

    const { payload, protectedHeader } = await jwtVerify(token, jwks(), {
      issuer: provider.issuer,
      audience: provider.audience,
      algorithms: ['RS256'],
    });

    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.tid).toBe(provider.tenantId);
    expect(payload.oid).toBe(oid);
    expect(payload.email).toBe(EMAIL);
    expect(payload.exp).toBe((payload.iat ?? 0) + 3600);
  });

  test('signed token takes claim overrides', async () => {
    const token = await provider.signAccessToken(
      { email: 'guest@example.com', tid: 'other-tenant', aud: 'api://other' },
      { expiresInSeconds: -60 },
    );

    const claims = decodeJwt(token);
    expect(claims.tid).toBe('other-tenant');
    expect(claims.aud).toBe('api://other');
    expect(claims.oid).toEqual(expect.any(String));
    expect(claims.oid).not.toBe(oid);
    expect(claims.exp).toBeLessThan(Date.now() / 1000);
    await expect(jwtVerify(token, jwks())).rejects.toBeInstanceOf(
      joseErrors.JWTExpired,
    );
  });

  test('token from an unknown key fails', async () => {
    const token = await provider.signAccessToken(
      { email: EMAIL },
      { unknownKey: true },
    );

    await expect(
      jwtVerify(token, jwks(), {
        issuer: provider.issuer,
        audience: provider.audience,
      }),
    ).rejects.toBeInstanceOf(joseErrors.JWSSignatureVerificationFailed);
  });
});
