import {
  generateKeyPair,
  randomBytes,
  randomUUID,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import Provider, {
  errors,
  interactionPolicy,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { Page } from 'playwright-core';
import {
  INTERACTION_PATH,
  renderError,
  serveLoginPage,
} from './identity-provider-pages';
import { createMemoryAdapter } from './oidc-memory-adapter';
import { createTestCertificates, type TestCertificates } from './test-ca';

/**
 * An OpenID Connect provider on loopback that replaces Entra ID in tests.
 * MSAL signs in against it with the authorization code flow and PKCE, and its
 * access tokens for the API are RS256 JWTs that verify with its JWKS.
 */
export interface TestIdentityProvider {
  /** Azure-shaped authority for MSAL: `https://localhost:<port>/<tenantId>`. */
  authority: string;
  /** The `iss` of its tokens, as its discovery document states. */
  issuer: string;
  /** URL of its JSON Web Key Set. */
  jwksUri: string;
  tenantId: string;
  /** Client id of the desktop app: a public native client that uses PKCE. */
  clientId: string;
  /** The service's API scope, such as `api://mitelone-test/access_as_user`. */
  apiScope: string;
  /** Audience of the API's access tokens: the scope without its last segment. */
  audience: string;
  /** For MSAL's `knownAuthorities`: `['localhost:<port>']`. */
  knownAuthorities: string[];
  certificates: TestCertificates;
  /** Adds a person who can sign in and returns their generated `oid`. */
  addUser(user: { email: string; name: string; password: string }): {
    oid: string;
  };
  /**
   * Signs an access token for the API with the claims of the provider's own
   * tokens, overridden by `claims`. A claim set to `undefined` is left out.
   * With `unknownKey`, the key is one that the JWKS does not contain, under
   * the `kid` of the published key. An email that `addUser` did not add gets
   * a new `oid`.
   */
  signAccessToken(
    claims: { email: string } & Record<string, unknown>,
    options?: { unknownKey?: boolean; expiresInSeconds?: number },
  ): Promise<string>;
  /**
   * Fills in and submits the login page shown in `page`, then waits until the
   * browser leaves the provider for the app's redirect URI. Throws with the
   * page's error message when the sign-in is rejected.
   */
  completeLogin(page: Page, email: string, password: string): Promise<void>;
  /** Chromium launch arguments that trust the provider's certificate. */
  chromiumArgs: string[];
  close(): Promise<void>;
}

export interface TestIdentityProviderOptions {
  /** A random UUID unless given. */
  tenantId?: string;
  /** A random UUID unless given. */
  clientId?: string;
  /** `<audience>/<scope name>`; `api://mitelone-test/access_as_user` unless given. */
  apiScope?: string;
}

interface TestUser {
  /** Subject of the tokens. Entra ID's `sub` differs from `oid`, and so does this one. */
  sub: string;
  oid: string;
  email: string;
  name: string;
  password: string;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  privateJwk: JsonWebKey;
}

/** Settings and users shared by the provider's configuration and helpers. */
interface ProviderSetup {
  tenantId: string;
  clientId: string;
  apiScope: string;
  audience: string;
  signingKey: SigningKey;
  users: UserDirectory;
}

const DEFAULT_API_SCOPE = 'api://mitelone-test/access_as_user';
const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

const createKeyPair = promisify(generateKeyPair);

/**
 * Starts the provider on a free port of 127.0.0.1 with a new CA, server
 * certificate and signing key. `close` stops it and deletes the certificates.
 */
export async function startTestIdentityProvider(
  options: TestIdentityProviderOptions = {},
): Promise<TestIdentityProvider> {
  const apiScope = options.apiScope ?? DEFAULT_API_SCOPE;
  const setup: ProviderSetup = {
    tenantId: options.tenantId ?? randomUUID(),
    clientId: options.clientId ?? randomUUID(),
    apiScope,
    audience: audienceOf(apiScope),
    signingKey: await createSigningKey(randomUUID()),
    users: new UserDirectory(),
  };
  // A forged token claims the published key's id, so a verifier must check
  // the signature and cannot get by with looking the key id up.
  const unknownKey = await createSigningKey(setup.signingKey.kid);

  const certificates = await createTestCertificates();
  const server = createServer({
    key: certificates.serverKeyPem,
    cert: certificates.serverCertPem,
  });

  try {
    await listenOnLoopback(server);
  } catch (error) {
    await certificates.remove();
    throw error;
  }

  const { port } = server.address() as AddressInfo;
  // Where localhost resolves to ::1 first, Node 20 and Chromium fall back
  // to 127.0.0.1 when ::1 refuses the connection.
  const origin = `https://localhost:${port}`;
  const authority = `${origin}/${setup.tenantId}`;
  // Entra ID's issuer and discovery document live under <authority>/v2.0,
  // where MSAL looks for them.
  const issuer = `${authority}/v2.0`;

  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await certificates.remove();
  };

  try {
    const provider = new Provider(issuer, providerConfiguration(setup));
    provider.use(addClientInfo(setup));
    provider.on('server_error', (_ctx, error) => {
      console.error('Test identity provider: server error', error);
    });
    const mountPath = new URL(issuer).pathname;
    server.on('request', routeRequests(provider, setup, mountPath));
  } catch (error) {
    await close();
    throw error;
  }

  return {
    authority,
    issuer,
    jwksUri: `${issuer}/jwks`,
    tenantId: setup.tenantId,
    clientId: setup.clientId,
    apiScope: setup.apiScope,
    audience: setup.audience,
    knownAuthorities: [`localhost:${port}`],
    certificates,
    addUser: (user) => setup.users.add(user),
    signAccessToken: (claims, signOptions = {}) =>
      signAccessToken(setup, issuer, claims, {
        key: signOptions.unknownKey ? unknownKey : setup.signingKey,
        expiresInSeconds:
          signOptions.expiresInSeconds ?? ACCESS_TOKEN_LIFETIME_SECONDS,
      }),
    completeLogin: (page, email, password) =>
      completeLogin(page, origin, email, password),
    chromiumArgs: [
      `--ignore-certificate-errors-spki-list=${certificates.serverSpkiHash}`,
    ],
    close,
  };
}

/** Returns the audience of an Entra ID API scope: the scope without its last segment. */
function audienceOf(apiScope: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]+(?:\/[^/]+)*)\/[^/]+$/i.exec(
    apiScope,
  );
  if (!match?.[1]) {
    throw new Error(
      `Invalid API scope "${apiScope}": expected <audience>/<scope name>, such as ${DEFAULT_API_SCOPE}`,
    );
  }
  return match[1];
}

async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey } = await createKeyPair('rsa', { modulusLength: 2048 });
  const privateJwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid,
    alg: 'RS256',
    use: 'sig',
  };
  return { kid, privateKey, privateJwk };
}

function listenOnLoopback(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

class UserDirectory {
  readonly #byEmail = new Map<string, TestUser>();
  readonly #bySub = new Map<string, TestUser>();

  add(user: { email: string; name: string; password: string }): {
    oid: string;
  } {
    const key = user.email.toLowerCase();
    if (this.#byEmail.has(key)) {
      throw new Error(`A user with the email ${user.email} already exists`);
    }

    const stored: TestUser = { ...user, sub: randomUUID(), oid: randomUUID() };
    this.#byEmail.set(key, stored);
    this.#bySub.set(stored.sub, stored);
    return { oid: stored.oid };
  }

  byEmail(email: string): TestUser | undefined {
    return this.#byEmail.get(email.toLowerCase());
  }

  bySub(sub: string): TestUser | undefined {
    return this.#bySub.get(sub);
  }
}

// Provider configuration

function providerConfiguration(setup: ProviderSetup): Configuration {
  const { clientId, audience, users, tenantId } = setup;

  return {
    adapter: createMemoryAdapter(),
    clients: [
      {
        client_id: clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // oidc-provider ignores the port of a native client's loopback
        // redirect URI, so MSAL may pick any port.
        redirect_uris: ['http://localhost'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [setup.signingKey.privateJwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // MSAL requests openid, profile and offline_access only, so the claims
    // that Entra ID puts in its ID tokens come with those scopes.
    claims: {
      openid: ['sub', 'tid', 'oid'],
      profile: ['name', 'preferred_username', 'email'],
      email: ['email'],
    },
    conformIdTokenClaims: false,
    findAccount(_ctx, sub) {
      const user = users.bySub(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, ...userClaims(user, tenantId) }),
      };
    },
    extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken') return undefined;
      const user = users.bySub(token.accountId);
      if (!user) return undefined;
      return {
        ...userClaims(user, tenantId),
        scp: scopeNames(token.scope ?? '', audience),
        azp: clientId,
      };
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resourceIndicator) {
          if (resourceIndicator !== audience) throw new errors.InvalidTarget();
          return {
            scope: setup.apiScope,
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: ACCESS_TOKEN_LIFETIME_SECONDS,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    interactions: {
      policy: policyWithAccountSelection(),
      url: (_ctx, interaction) => `${INTERACTION_PATH}${interaction.uid}`,
    },
    // Entra ID issues a refresh token for offline_access without
    // prompt=consent, and keeps it valid when the browser session ends.
    issueRefreshToken: (_ctx, client) =>
      client.grantTypeAllowed('refresh_token'),
    expiresWithSession: () => false,
    renderError,
    ttl: {
      AccessToken: ACCESS_TOKEN_LIFETIME_SECONDS,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_LIFETIME_SECONDS,
      Interaction: 600,
      Session: 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
  };
}

/** Claims of both ID and access tokens, apart from `sub`. */
function userClaims(user: TestUser, tenantId: string) {
  return {
    tid: tenantId,
    oid: user.oid,
    email: user.email,
    name: user.name,
    preferred_username: user.email,
  };
}

/** Entra ID's `scp`: the API's scope names, without the audience prefix. */
function scopeNames(scope: string, audience: string): string {
  const prefix = `${audience}/`;
  return scope
    .split(' ')
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length))
    .join(' ');
}

/**
 * Returns the default policy plus prompt=select_account, which Entra ID
 * supports and oidc-provider rejects unless a policy defines it. That prompt
 * shows the login page.
 */
function policyWithAccountSelection() {
  const policy = interactionPolicy.base();
  policy.add(
    new interactionPolicy.Prompt({ name: 'select_account', requestable: true }),
    0,
  );
  return policy;
}

/**
 * Adds Entra ID's `client_info` (base64url of `{"uid": oid, "utid": tid}`) to
 * token responses, from which MSAL makes the account id `<oid>.<tid>`.
 */
function addClientInfo(setup: ProviderSetup) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;

    const accountId = ctx.oidc.entities.Account?.accountId;
    const user = accountId ? setup.users.bySub(accountId) : undefined;
    if (!user) return;

    const clientInfo = { uid: user.oid, utid: setup.tenantId };
    ctx.body = {
      ...(ctx.body as Record<string, unknown>),
      client_info: Buffer.from(JSON.stringify(clientInfo)).toString(
        'base64url',
      ),
    };
  };
}

function routeRequests(
  provider: Provider,
  setup: ProviderSetup,
  mountPath: string,
) {
  const handleProviderRequest = provider.callback();
  const handleLoginPage = serveLoginPage(provider, (email, password) => {
    const user = setup.users.byEmail(email);
    return user?.password === password ? user.sub : undefined;
  });

  return (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    const path = url.split('?')[0] ?? '/';

    if (path.startsWith(INTERACTION_PATH)) {
      handleLoginPage(request, response);
      return;
    }

    if (path.startsWith(`${mountPath}/`)) {
      // oidc-provider derives its mount path from originalUrl, as under
      // Express, and routes the rest of the URL.
      Object.assign(request, { originalUrl: url });
      request.url = url.slice(mountPath.length);
      void handleProviderRequest(request, response);
      return;
    }

    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`Not found: ${path}`);
  };
}

// Helpers for tests

async function signAccessToken(
  setup: ProviderSetup,
  issuer: string,
  claims: { email: string } & Record<string, unknown>,
  options: { key: SigningKey; expiresInSeconds: number },
): Promise<string> {
  const user = setup.users.byEmail(claims.email);
  const now = Math.floor(Date.now() / 1000);

  // The claims of the provider's own access tokens for the API.
  const payload = {
    jti: randomUUID(),
    sub: user?.sub ?? randomUUID(),
    iat: now,
    exp: now + options.expiresInSeconds,
    scope: setup.apiScope,
    client_id: setup.clientId,
    iss: issuer,
    aud: setup.audience,
    tid: setup.tenantId,
    oid: user?.oid ?? randomUUID(),
    name: user?.name ?? claims.email,
    preferred_username: claims.email,
    scp: scopeNames(setup.apiScope, setup.audience),
    azp: setup.clientId,
    ...claims,
  };

  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: options.key.kid, typ: 'at+jwt' })
    .sign(options.key.privateKey);
}

async function completeLogin(
  page: Page,
  origin: string,
  email: string,
  password: string,
): Promise<void> {
  const emailField = page.getByLabel('Email');
  try {
    await emailField.waitFor({ timeout: 10_000 });
  } catch (error) {
    // A browser context that signed in before skips the login page.
    throw new Error(
      `The login page of the test identity provider did not appear at ${page.url()}: open each sign-in in a new browser context`,
      { cause: error },
    );
  }

  await emailField.fill(email);
  await page.getByLabel('Password').fill(password);

  const submitted = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      isLoginPageUrl(response.url(), origin),
  );
  await page.getByRole('button', { name: 'Sign in' }).click();

  if ((await submitted).status() !== 303) {
    const message = await page.getByRole('alert').innerText();
    throw new Error(
      `The test identity provider rejected the sign-in of ${email}: ${message}`,
    );
  }

  await waitUntilBrowserLeaves(page, origin);
}

function isLoginPageUrl(url: string, origin: string): boolean {
  const parsed = new URL(url);
  return (
    parsed.origin === origin && parsed.pathname.startsWith(INTERACTION_PATH)
  );
}

/** Waits until the browser reaches the app's redirect URI. */
async function waitUntilBrowserLeaves(page: Page, origin: string) {
  try {
    await page.waitForURL((url) => url.origin !== origin, {
      waitUntil: 'commit',
      timeout: 10_000,
    });
  } catch (error) {
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    throw new Error(
      `The browser stayed at ${page.url()} after the sign-in: ${text.slice(0, 500)}`,
      { cause: error },
    );
  }
}
