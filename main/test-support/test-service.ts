import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  DirectoryEntry,
  SessionGrant,
  UserProfile,
} from '../../contract/api';
import type { ErrorCode } from '../../contract/errors';

/**
 * A small stand-in for the reference service on 127.0.0.1, for unit tests of
 * the main process: the routes the desktop client calls, with rotating
 * refresh tokens and the service's error body. It keeps everything in memory.
 */
export interface TestService {
  origin: string;
  /** Every request received, as `METHOD /path` without the query. */
  requests: string[];
  /** The `Authorization` header of every request, in order. */
  authorizations: (string | undefined)[];
  /** Adds an invitation and returns its setup token. */
  invite(email: string): string;
  /** Adds a registered user who signs in with `password`. */
  addUser(email: string, password: string, displayName?: string): UserProfile;
  /** Makes every access token issued so far invalid. */
  expireAccessTokens(): void;
  /** Makes every refresh token issued so far invalid. */
  revokeRefreshTokens(): void;
  /** Number of valid refresh tokens. */
  refreshTokenCount(): number;
  /** Replies to the next request of `route` (`METHOD /path`) with this handler instead. */
  interceptNext(
    route: string,
    handler: (response: ServerResponse) => void,
  ): void;
  /** Lifetime of new access tokens in ms, 15 minutes unless changed. */
  accessTokenTtlMs: number;
  close(): Promise<void>;
}

interface StoredUser extends UserProfile {
  password: string;
}

const accountNumber = '1234567';
const accountName = 'Example Ltd';
const terms = { version: '2024-01', url: 'https://uc.example.com/terms' };

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

export function sendError(
  response: ServerResponse,
  status: number,
  code: ErrorCode,
  extra = {},
): void {
  sendJson(response, status, {
    error: { code, message: `test service: ${code}`, ...extra },
  });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function startTestService(): Promise<TestService> {
  const invitations = new Map<string, { email: string; used: boolean }>();
  const users = new Map<string, StoredUser>();
  const accessTokens = new Map<string, { userId: string; expiresAt: number }>();
  const refreshTokens = new Map<string, string>();
  const photos = new Map<string, { type: string; data: Buffer }>();
  const interceptors = new Map<string, (response: ServerResponse) => void>();
  const requests: string[] = [];
  const authorizations: (string | undefined)[] = [];

  function profileOf(user: StoredUser): UserProfile {
    const profile: Partial<StoredUser> = { ...user };
    delete profile.password;
    return profile as UserProfile;
  }

  function grantFor(user: StoredUser): SessionGrant {
    const accessToken = randomToken();
    const refreshToken = randomToken();
    const expiresAt = Date.now() + service.accessTokenTtlMs;
    accessTokens.set(accessToken, { userId: user.id, expiresAt });
    refreshTokens.set(refreshToken, user.id);
    return {
      accessToken,
      accessTokenExpiresAt: new Date(expiresAt).toISOString(),
      refreshToken,
      refreshTokenExpiresAt: new Date(
        Date.now() + 30 * 86_400_000,
      ).toISOString(),
      user: profileOf(user),
    };
  }

  function addUser(
    email: string,
    password: string,
    displayName = email,
  ): StoredUser {
    const user: StoredUser = {
      id: `user-${users.size + 1}`,
      email,
      displayName,
      statusMessage: '',
      photoVersion: null,
      accountNumber,
      accountName,
      locale: 'en',
      profileCompleted: false,
      password,
    };
    users.set(user.id, user);
    return user;
  }

  function authenticatedUser(request: IncomingMessage): StoredUser | null {
    const header = request.headers.authorization ?? '';
    const session = accessTokens.get(header.replace(/^Bearer /, ''));
    if (!session || session.expiresAt <= Date.now()) {
      return null;
    }
    return users.get(session.userId) ?? null;
  }

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = `${request.method} ${url.pathname}`;
    requests.push(route);
    authorizations.push(request.headers.authorization);

    const intercept = interceptors.get(route);
    if (intercept) {
      interceptors.delete(route);
      intercept(response);
      return;
    }

    const body = await readBody(request);
    const json = () =>
      JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;

    if (route === 'GET /v1/info') {
      return sendJson(response, 200, { brand: 'Mitel One', terms });
    }

    const invitationMatch = /^GET \/v1\/invitations\/([^/]+)$/.exec(route);
    if (invitationMatch) {
      const invitation = invitations.get(invitationMatch[1]!);
      if (!invitation) return sendError(response, 404, 'INVITATION_NOT_FOUND');
      if (invitation.used) return sendError(response, 410, 'INVITATION_USED');
      return sendJson(response, 200, {
        email: invitation.email,
        accountName,
        accountNumber,
        signInMethod: 'password',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        terms,
      });
    }

    if (route === 'POST /v1/registrations') {
      const { token, displayName, password, locale } = json() as Record<
        string,
        string
      >;
      const invitation = invitations.get(token ?? '');
      if (!invitation) return sendError(response, 404, 'INVITATION_NOT_FOUND');
      if (invitation.used) return sendError(response, 410, 'INVITATION_USED');
      if ((password ?? '').length < 8) {
        return sendError(response, 400, 'PASSWORD_TOO_SHORT', {
          field: 'password',
          failedRules: ['minLength'],
        });
      }
      invitation.used = true;
      const user = addUser(invitation.email, password!, displayName);
      if (locale === 'de' || locale === 'en') user.locale = locale;
      return sendJson(response, 201, grantFor(user));
    }

    if (route === 'POST /v1/sessions') {
      const { email, password } = json();
      const user = [...users.values()].find(
        (candidate) => candidate.email === email,
      );
      if (!user || user.password !== password)
        return sendError(response, 401, 'INVALID_CREDENTIALS');
      return sendJson(response, 201, grantFor(user));
    }

    if (route === 'POST /v1/sessions/refresh') {
      const { refreshToken } = json() as Record<string, string>;
      const userId = refreshTokens.get(refreshToken ?? '');
      if (!userId) return sendError(response, 401, 'REFRESH_TOKEN_INVALID');
      refreshTokens.delete(refreshToken!);
      return sendJson(response, 200, grantFor(users.get(userId)!));
    }

    const user = authenticatedUser(request);
    if (!user) {
      return sendError(response, 401, 'UNAUTHENTICATED');
    }

    if (route === 'DELETE /v1/sessions/current') {
      accessTokens.delete(
        request.headers.authorization!.replace(/^Bearer /, ''),
      );
      for (const [token, userId] of refreshTokens) {
        if (userId === user.id) refreshTokens.delete(token);
      }
      response.writeHead(204).end();
      return;
    }
    if (route === 'GET /v1/me') {
      return sendJson(response, 200, profileOf(user));
    }
    if (route === 'PATCH /v1/me') {
      Object.assign(user, json());
      return sendJson(response, 200, profileOf(user));
    }
    if (route === 'PUT /v1/me/photo') {
      photos.set(user.id, {
        type: String(request.headers['content-type']),
        data: body,
      });
      user.photoVersion = randomBytes(4).toString('hex');
      return sendJson(response, 200, profileOf(user));
    }
    if (route === 'DELETE /v1/me/photo') {
      photos.delete(user.id);
      user.photoVersion = null;
      return sendJson(response, 200, profileOf(user));
    }

    const photoMatch = /^GET \/v1\/users\/([^/]+)\/photo$/.exec(route);
    if (photoMatch) {
      const photo = photos.get(decodeURIComponent(photoMatch[1]!));
      if (!photo) return sendError(response, 404, 'PHOTO_NOT_FOUND');
      response.writeHead(200, { 'Content-Type': photo.type });
      response.end(photo.data);
      return;
    }

    if (route === 'GET /v1/directory') {
      const query = (url.searchParams.get('q') ?? '').toLowerCase();
      const entries: DirectoryEntry[] = [...users.values()]
        .filter((candidate) =>
          candidate.displayName.toLowerCase().includes(query),
        )
        .map((candidate) => ({
          id: candidate.id,
          displayName: candidate.displayName,
          email: candidate.email,
          statusMessage: candidate.statusMessage,
          photoVersion: candidate.photoVersion,
          registered: true,
        }));
      return sendJson(response, 200, { entries, nextCursor: null });
    }

    sendError(response, 404, 'NOT_FOUND');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => sendError(response, 500, 'INTERNAL'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const service: TestService = {
    origin: `http://127.0.0.1:${port}`,
    requests,
    authorizations,
    accessTokenTtlMs: 15 * 60_000,
    invite(email) {
      const token = randomToken();
      invitations.set(token, { email, used: false });
      return token;
    },
    addUser: (email, password, displayName) =>
      profileOf(addUser(email, password, displayName)),
    expireAccessTokens: () => accessTokens.clear(),
    revokeRefreshTokens: () => refreshTokens.clear(),
    refreshTokenCount: () => refreshTokens.size,
    interceptNext(route, handler) {
      interceptors.set(route, handler);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return service;
}
