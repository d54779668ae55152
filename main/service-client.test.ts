import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../contract/errors';
import {
  ServiceClient,
  sniffImageType,
  type AccessTokenSource,
} from './service-client';
import { captureLogs } from './test-support/log-capture';
import {
  sendError,
  startTestService,
  type TestService,
} from './test-support/test-service';

const png = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4,
]);

/** Access tokens from a sign-in at the test service, refreshed through it. */
class SignedInTokens implements AccessTokenSource {
  accessTokenValue = '';
  refreshTokenValue = '';
  refreshes = 0;
  rejectedAfterRefreshCalls = 0;

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
  let service: TestService;
  let logs: ReturnType<typeof captureLogs>;
  let tokens: SignedInTokens;
  let client: ServiceClient;

  beforeEach(async () => {
    service = await startTestService();
    logs = captureLogs();
    tokens = new SignedInTokens(() => client);
    client = new ServiceClient({
      origin: service.origin,
      logger: logs.logger,
      tokens,
      timeoutMs: 2000,
    });
  });

  afterEach(async () => {
    await service.close();
  });

  async function signIn(): Promise<void> {
    service.addUser('ann@example.com', 'password-123', 'Ann');
    const grant = await client.signIn({
      email: 'ann@example.com',
      password: 'password-123',
    });
    if (!grant.ok) throw new Error(`sign-in failed: ${grant.error.code}`);
    tokens.accessTokenValue = grant.value.accessToken;
    tokens.refreshTokenValue = grant.value.refreshToken;
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
    service.interceptNext('POST /v1/sessions', (response) =>
      sendError(response, 429, 'TOO_MANY_ATTEMPTS', { retryAfterSeconds: 30 }),
    );
    expect(await client.signIn({ email: 'a@b.c', password: 'x' })).toEqual(
      fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: 30 }),
    );

    service.interceptNext('POST /v1/registrations', (response) =>
      sendError(response, 400, 'PASSWORD_TOO_COMMON', {
        field: 'password',
        failedRules: ['notCommon'],
      }),
    );
    const registration = await client.register({
      token: 'x'.repeat(43),
      displayName: 'Ann',
      password: 'password',
      acceptedTermsVersion: '1',
    });
    expect(registration).toEqual(
      fail('PASSWORD_TOO_COMMON', {
        field: 'password',
        failedRules: ['notCommon'],
      }),
    );
  });

  it('takes the retry delay from Retry-After when the body has none', async () => {
    service.interceptNext('POST /v1/sessions', (response) => {
      response.setHeader('Retry-After', '12');
      sendError(response, 429, 'TOO_MANY_ATTEMPTS');
    });
    expect(await client.signIn({ email: 'a@b.c', password: 'x' })).toEqual(
      fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: 12 }),
    );
  });

  it('maps an HTML 502 to SERVICE_INCOMPATIBLE', async () => {
    service.interceptNext('GET /v1/info', (response) => {
      response.writeHead(502, { 'Content-Type': 'text/html' });
      response.end('<html><body>Bad Gateway</body></html>');
    });
    expect(await client.getInfo()).toEqual(fail('SERVICE_INCOMPATIBLE'));
  });

  it('maps an unknown error code to SERVICE_INCOMPATIBLE', async () => {
    service.interceptNext('GET /v1/info', (response) => {
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({ error: { code: 'NEW_CODE', message: 'x' } }),
      );
    });
    expect(await client.getInfo()).toEqual(fail('SERVICE_INCOMPATIBLE'));
  });

  it('maps a success body of the wrong shape to SERVICE_INCOMPATIBLE', async () => {
    service.interceptNext('GET /v1/info', (response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ brand: 42 }));
    });
    expect(await client.getInfo()).toEqual(fail('SERVICE_INCOMPATIBLE'));
  });

  it('does not follow redirects', async () => {
    service.interceptNext('GET /v1/info', (response) => {
      response.writeHead(302, { Location: 'http://127.0.0.1:9/v1/info' });
      response.end();
    });
    expect(await client.getInfo()).toEqual(fail('SERVICE_INCOMPATIBLE'));
    expect(service.requests).toEqual(['GET /v1/info']);
  });

  it('sends the access token on authenticated calls', async () => {
    await signIn();

    const me = await client.getMe();
    expect(me).toMatchObject({ ok: true, value: { email: 'ann@example.com' } });
    expect(service.authorizations.at(-1)).toBe(
      `Bearer ${tokens.accessTokenValue}`,
    );
  });

  it('refreshes once after a 401 and retries', async () => {
    await signIn();
    service.expireAccessTokens();

    const me = await client.getMe();

    expect(me).toMatchObject({ ok: true, value: { email: 'ann@example.com' } });
    expect(tokens.refreshes).toBe(1);
    expect(service.requests).toEqual([
      'POST /v1/sessions',
      'GET /v1/me',
      'POST /v1/sessions/refresh',
      'GET /v1/me',
    ]);
  });

  it('gives up when the refreshed token is rejected too', async () => {
    await signIn();
    service.expireAccessTokens();
    service.interceptNext('POST /v1/sessions/refresh', (response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          accessToken: 'not-valid-either',
          accessTokenExpiresAt: new Date(Date.now() + 60_000).toISOString(),
          refreshToken: 'next',
          refreshTokenExpiresAt: new Date(Date.now() + 60_000).toISOString(),
          user: {
            id: 'user-1',
            email: 'ann@example.com',
            displayName: 'Ann',
            statusMessage: '',
            photoVersion: null,
            accountNumber: '1234567',
            accountName: 'Example Ltd',
            locale: 'en',
            profileCompleted: false,
          },
        }),
      );
    });

    expect(await client.getMe()).toEqual(fail('NOT_SIGNED_IN'));
    expect(tokens.refreshes).toBe(1);
    expect(tokens.rejectedAfterRefreshCalls).toBe(1);
    expect(
      service.requests.filter((route) => route === 'GET /v1/me'),
    ).toHaveLength(2);
  });

  it('passes a failed refresh through', async () => {
    await signIn();
    service.expireAccessTokens();
    service.revokeRefreshTokens();

    expect(await client.getMe()).toEqual(fail('REFRESH_TOKEN_INVALID'));
  });

  it('fails authenticated calls without a session', async () => {
    expect(await client.getMe()).toEqual(fail('NOT_SIGNED_IN'));
    expect(service.requests).toEqual([]);
  });

  it('uploads a photo with progress and its content type', async () => {
    await signIn();
    const progress: { loaded: number; total: number }[] = [];

    const result = await client.uploadPhoto(new Uint8Array(png), (event) =>
      progress.push(event),
    );

    expect(result.ok).toBe(true);
    expect(result.ok && result.value.photoVersion).toEqual(expect.any(String));
    expect(progress.at(-1)).toEqual({ loaded: png.length, total: png.length });

    const userId = result.ok ? result.value.id : '';
    const photo = await client.getUserPhoto(userId);
    expect(photo).toEqual(ok({ contentType: 'image/png', data: png }));
  });

  it('returns null for a user without a photo', async () => {
    await signIn();
    expect(await client.getUserPhoto('user-1')).toEqual(ok(null));
  });

  it('removes a photo', async () => {
    await signIn();
    await client.uploadPhoto(new Uint8Array(png), () => undefined);

    const result = await client.removePhoto();
    expect(result).toMatchObject({ ok: true, value: { photoVersion: null } });
  });

  it('fetches the profile after a 204 to a photo removal', async () => {
    await signIn();
    service.interceptNext('DELETE /v1/me/photo', (response) =>
      response.writeHead(204).end(),
    );

    const result = await client.removePhoto();
    expect(result).toMatchObject({
      ok: true,
      value: { email: 'ann@example.com' },
    });
    expect(service.requests.at(-1)).toBe('GET /v1/me');
  });

  it('searches the directory', async () => {
    await signIn();
    service.addUser('bob@example.com', 'password-456', 'Bob Builder');

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
    const setupToken = service.invite('new@example.com');
    await client.getInvitation(setupToken);
    await client.getInvitation('y'.repeat(43));

    const text = logs.text();
    expect(text).not.toContain('password-123');
    expect(text).not.toContain(setupToken);
    expect(text).not.toContain(tokens.accessTokenValue);
    expect(text).not.toContain(tokens.refreshTokenValue);
    expect(text).toContain('GET /v1/invitations/:token');
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
