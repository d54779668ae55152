import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../contract/errors';
import {
  createPhoto,
  defaultSignInLimits,
  startReferenceService,
  type ReferenceService,
} from '../tests/support/reference-service';
import {
  ServiceClient,
  sniffImageType,
  type AccessTokenSource,
} from './service-client';
import {
  sendJson,
  startBrokenProxy,
  type BrokenProxy,
} from './test-support/broken-proxy';
import { captureLogs } from './test-support/log-capture';

const png = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4,
]);
const email = 'ann@example.com';
const password = 'Lantern-Orbit-58';

/** Access tokens from a sign-in at the service, refreshed through it. */
class SignedInTokens implements AccessTokenSource {
  accessTokenValue = '';
  refreshTokenValue = '';
  refreshes = 0;
  rejectedAfterRefreshCalls = 0;
  /** Runs after each successful refresh, before the token is used. */
  afterRefresh: (accessToken: string) => Promise<void> = async () => {};

  constructor(private readonly client: () => ServiceClient) {}

  async accessToken(): Promise<Result<string>> {
    return this.accessTokenValue
      ? ok(this.accessTokenValue)
      : fail('NOT_SIGNED_IN');
  }

  async refreshAfterRejection(): Promise<Result<string>> {
    this.refreshes += 1;
    const result = await this.client().refresh(this.refreshTokenValue);
    if (!result.ok) return result;
    this.accessTokenValue = result.value.accessToken;
    this.refreshTokenValue = result.value.refreshToken;
    await this.afterRefresh(this.accessTokenValue);
    return ok(this.accessTokenValue);
  }

  async rejectedAfterRefresh(): Promise<void> {
    this.rejectedAfterRefreshCalls += 1;
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('ServiceClient', () => {
  let service: ReferenceService;
  let logs: ReturnType<typeof captureLogs>;
  let tokens: SignedInTokens;
  let client: ServiceClient;
  let photo: Buffer;

  beforeAll(async () => {
    photo = await createPhoto();
  });

  beforeEach(async () => {
    service = await startReferenceService();
    logs = captureLogs();
    tokens = new SignedInTokens(() => client);
    client = clientFor(service.origin);
  });

  afterEach(async () => {
    await service.close();
  });

  function clientFor(origin: string): ServiceClient {
    return new ServiceClient({
      origin,
      logger: logs.logger,
      tokens,
      timeoutMs: 2000,
    });
  }

  async function signIn(through = client): Promise<string> {
    const user = await service.addUser(email, password, 'Ann');
    const grant = await through.signIn({ email, password });
    if (!grant.ok) throw new Error(`sign-in failed: ${grant.error.code}`);
    tokens.accessTokenValue = grant.value.accessToken;
    tokens.refreshTokenValue = grant.value.refreshToken;
    return user.id;
  }

  it('reads the service info', async () => {
    const result = await client.getInfo();
    expect(result).toMatchObject({ ok: true, value: { brand: 'Mitel One' } });
  });

  it('maps a refused connection to SERVICE_UNREACHABLE', async () => {
    const server = createServer();
    const origin = await listen(server);
    await new Promise((resolve) => server.close(resolve));

    const closed = new ServiceClient({ origin, logger: logs.logger, tokens });
    expect(await closed.getInfo()).toEqual(fail('SERVICE_UNREACHABLE'));
  });

  it('maps a timeout to SERVICE_UNREACHABLE', async () => {
    const server = createServer(() => undefined);
    const origin = await listen(server);
    try {
      const slow = new ServiceClient({
        origin,
        logger: logs.logger,
        tokens,
        timeoutMs: 200,
      });
      expect(await slow.getInfo()).toEqual(fail('SERVICE_UNREACHABLE'));
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('maps an error body to its code and details', async () => {
    // A stopped clock makes the retry delay the whole limit window.
    service.clock.freeze();
    const { perEmail, windowMs } = defaultSignInLimits;
    for (let attempt = 0; attempt < perEmail; attempt += 1) {
      expect(await client.signIn({ email: 'a@b.c', password: 'x' })).toEqual(
        fail('INVALID_CREDENTIALS'),
      );
    }
    expect(await client.signIn({ email: 'a@b.c', password: 'x' })).toEqual(
      fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: windowMs / 1000 }),
    );

    const registration = await client.register({
      token: await service.invite('new@example.com'),
      displayName: 'Ann',
      password: 'password',
      acceptedTermsVersion: service.termsVersion,
    });
    expect(registration).toEqual(
      fail('PASSWORD_TOO_COMMON', {
        field: 'password',
        failedRules: ['notCommon'],
      }),
    );
  });

  it('sends the access token on authenticated calls', async () => {
    await signIn();

    const me = await client.getMe();
    expect(me).toMatchObject({ ok: true, value: { email } });
    expect(service.received.at(-1)?.authorization).toBe(
      `Bearer ${tokens.accessTokenValue}`,
    );
  });

  it('refreshes once after a 401 and retries', async () => {
    await signIn();
    service.expireAccessTokens();

    const me = await client.getMe();

    expect(me).toMatchObject({ ok: true, value: { email } });
    expect(tokens.refreshes).toBe(1);
    expect(service.routes()).toEqual([
      'POST /v1/sessions',
      'GET /v1/me',
      'POST /v1/sessions/refresh',
      'GET /v1/me',
    ]);
  });

  it('gives up when the refreshed token is rejected too', async () => {
    await signIn();
    service.expireAccessTokens();
    // The session is signed out elsewhere between the refresh and the retry.
    tokens.afterRefresh = (accessToken) => service.endSession(accessToken);

    expect(await client.getMe()).toEqual(fail('NOT_SIGNED_IN'));
    expect(tokens.refreshes).toBe(1);
    expect(tokens.rejectedAfterRefreshCalls).toBe(1);
    expect(
      service.routes().filter((route) => route === 'GET /v1/me'),
    ).toHaveLength(2);
  });

  it('passes a failed refresh through', async () => {
    await signIn();
    await service.endSession(tokens.accessTokenValue);

    expect(await client.getMe()).toEqual(fail('REFRESH_TOKEN_INVALID'));
  });

  it('fails authenticated calls without a session', async () => {
    expect(await client.getMe()).toEqual(fail('NOT_SIGNED_IN'));
    expect(service.routes()).toEqual([]);
  });

  it('uploads a photo with progress and its content type', async () => {
    await signIn();
    const progress: { loaded: number; total: number }[] = [];

    const result = await client.uploadPhoto(new Uint8Array(photo), (event) =>
      progress.push(event),
    );

    expect(result.ok).toBe(true);
    expect(result.ok && result.value.photoVersion).toEqual(expect.any(String));
    expect(progress.at(-1)).toEqual({
      loaded: photo.length,
      total: photo.length,
    });
    expect(service.received.at(-1)).toMatchObject({
      route: 'PUT /v1/me/photo',
      contentType: 'image/png',
    });

    // The service stores its own resized copy, so that is what comes back.
    const userId = result.ok ? result.value.id : '';
    const stored = await service.storedPhoto(userId);
    expect(stored).not.toBeNull();
    expect(await client.getUserPhoto(userId)).toEqual(
      ok({ contentType: stored!.contentType, data: stored!.bytes }),
    );
  });

  it('returns null for a user without a photo', async () => {
    const userId = await signIn();
    expect(await client.getUserPhoto(userId)).toEqual(ok(null));
  });

  it('removes a photo', async () => {
    await signIn();
    await client.uploadPhoto(new Uint8Array(photo), () => undefined);

    const result = await client.removePhoto();
    expect(result).toMatchObject({ ok: true, value: { photoVersion: null } });
  });

  it('searches the directory', async () => {
    await signIn();
    await service.addUser('bob@example.com', 'Copper-Meadow-31', 'Bob Builder');

    const result = await client.searchDirectory({ q: 'bob', limit: 10 });
    expect(result).toMatchObject({
      ok: true,
      value: { entries: [{ displayName: 'Bob Builder' }] },
    });
  });

  it('logs no token, password or setup token', async () => {
    await signIn();
    service.expireAccessTokens();
    await client.getMe();
    const setupToken = await service.invite('new@example.com');
    await client.getInvitation(setupToken);
    await client.getInvitation('y'.repeat(43));

    const text = logs.text();
    expect(text).not.toContain(password);
    expect(text).not.toContain(setupToken);
    expect(text).not.toContain(tokens.accessTokenValue);
    expect(text).not.toContain(tokens.refreshTokenValue);
    expect(text).toContain('GET /v1/invitations/:token');
  });

  describe('behind a broken proxy', () => {
    let proxy: BrokenProxy;
    let proxied: ServiceClient;

    beforeEach(async () => {
      proxy = await startBrokenProxy(service.origin);
      proxied = clientFor(proxy.origin);
    });

    afterEach(async () => {
      await proxy.close();
    });

    it('takes the retry delay from Retry-After when the body has none', async () => {
      proxy.respondNext('POST /v1/sessions', (response) =>
        sendJson(
          response,
          429,
          { error: { code: 'TOO_MANY_ATTEMPTS', message: 'Slow down.' } },
          { 'Retry-After': '12' },
        ),
      );
      expect(await proxied.signIn({ email: 'a@b.c', password: 'x' })).toEqual(
        fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: 12 }),
      );
    });

    it('maps an HTML 502 to SERVICE_INCOMPATIBLE', async () => {
      proxy.respondNext('GET /v1/info', (response) => {
        response.writeHead(502, { 'Content-Type': 'text/html' });
        response.end('<html><body>Bad Gateway</body></html>');
      });
      expect(await proxied.getInfo()).toEqual(fail('SERVICE_INCOMPATIBLE'));
    });

    it('maps an unknown error code to SERVICE_INCOMPATIBLE', async () => {
      proxy.respondNext('GET /v1/info', (response) =>
        sendJson(response, 500, { error: { code: 'NEW_CODE', message: 'x' } }),
      );
      expect(await proxied.getInfo()).toEqual(fail('SERVICE_INCOMPATIBLE'));
    });

    it('maps a success body of the wrong shape to SERVICE_INCOMPATIBLE', async () => {
      proxy.respondNext('GET /v1/info', (response) =>
        sendJson(response, 200, { brand: 42 }),
      );
      expect(await proxied.getInfo()).toEqual(fail('SERVICE_INCOMPATIBLE'));
    });

    it('does not follow redirects', async () => {
      proxy.respondNext('GET /v1/info', (response) => {
        response.writeHead(302, { Location: `${service.origin}/v1/info` });
        response.end();
      });
      expect(await proxied.getInfo()).toEqual(fail('SERVICE_INCOMPATIBLE'));
      expect(proxy.requests).toEqual(['GET /v1/info']);
      expect(service.routes()).toEqual([]);
    });

    it('fetches the profile after a 204 to a photo removal', async () => {
      await signIn(proxied);
      proxy.respondNext('DELETE /v1/me/photo', (response) =>
        response.writeHead(204).end(),
      );

      const result = await proxied.removePhoto();
      expect(result).toMatchObject({ ok: true, value: { email } });
      expect(proxy.requests.at(-1)).toBe('GET /v1/me');
      expect(service.routes().at(-1)).toBe('GET /v1/me');
    });
  });

  describe('through a fetch', () => {
    function fetchClientFor(origin: string): ServiceClient {
      return new ServiceClient({
        origin,
        logger: logs.logger,
        tokens,
        timeoutMs: 2000,
        fetch: (input, init) => fetch(input, init),
      });
    }

    it('signs in and uploads without progress events', async () => {
      const through = fetchClientFor(service.origin);
      await signIn(through);
      const progress: unknown[] = [];

      const result = await through.uploadPhoto(new Uint8Array(photo), (event) =>
        progress.push(event),
      );

      expect(result.ok).toBe(true);
      expect(progress).toEqual([]);
      expect(service.received.at(-1)).toMatchObject({
        route: 'PUT /v1/me/photo',
        contentType: 'image/png',
        authorization: `Bearer ${tokens.accessTokenValue}`,
      });
    });

    it('maps an error body to its code', async () => {
      const through = fetchClientFor(service.origin);
      expect(
        await through.signIn({ email: 'nobody@example.com', password: 'x' }),
      ).toEqual(fail('INVALID_CREDENTIALS'));
    });

    it('maps a refused connection to SERVICE_UNREACHABLE', async () => {
      const server = createServer();
      const origin = await listen(server);
      await new Promise((resolve) => server.close(resolve));

      expect(await fetchClientFor(origin).getInfo()).toEqual(
        fail('SERVICE_UNREACHABLE'),
      );
    });

    it('does not follow redirects', async () => {
      const proxy = await startBrokenProxy(service.origin);
      try {
        proxy.respondNext('GET /v1/info', (response) => {
          response.writeHead(302, { Location: `${service.origin}/v1/info` });
          response.end();
        });
        expect(await fetchClientFor(proxy.origin).getInfo()).toEqual(
          fail('SERVICE_INCOMPATIBLE'),
        );
        expect(service.routes()).toEqual([]);
      } finally {
        await proxy.close();
      }
    });
  });
});

describe('sniffImageType', () => {
  const cases: [string, number[], string][] = [
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    ['PNG', [...png], 'image/png'],
    [
      'WebP',
      [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
      'image/webp',
    ],
    [
      'RIFF that is not WebP',
      [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x41, 0x56, 0x49, 0x20],
      'application/octet-stream',
    ],
    ['text', [...Buffer.from('hello')], 'application/octet-stream'],
    ['empty', [], 'application/octet-stream'],
  ];

  it.each(cases)('%s', (_name, bytes, expected) => {
    expect(sniffImageType(new Uint8Array(bytes))).toBe(expected);
  });
});
