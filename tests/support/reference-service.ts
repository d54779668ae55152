import type { IncomingMessage } from 'node:http';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { SessionGrant, UserProfile } from '../../contract/api';
import { ACCESS_TOKEN_LIFETIME_MS } from '../../service/src/auth/access-tokens';
import { defaultSignInLimits } from '../../service/src/auth/sign-in-limiter';
import type { Clock } from '../../service/src/clock';
import { createLogger } from '../../service/src/logger';
import { buildServer, type ServiceServer } from '../../service/src/server';
import {
  createAccount,
  inviteUser,
  register,
} from '../../service/test/support/invitations';
import {
  startTestService,
  type TestService,
} from '../../service/test/support/test-service';

export { ACCESS_TOKEN_LIFETIME_MS, defaultSignInLimits };

/** A request that reached the service over HTTP. */
export interface ReceivedRequest {
  /** `METHOD /path`, without the query. */
  route: string;
  authorization: string | undefined;
  contentType: string | undefined;
}

/** The service's clock: the real time plus an offset, or a frozen time. */
export interface ServiceClock {
  now: Clock;
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Stops the clock at its current time, though `advance` still moves it. */
  freeze(): void;
}

/**
 * The reference service on a fresh SQLite file, listening on a free port of
 * 127.0.0.1, with one account. Welcome emails go to the outbox folder, where
 * `invite` reads the setup token from.
 */
export interface ReferenceService {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  origin: string;
  /** Terms version that registration must accept. */
  termsVersion: string;
  clock: ServiceClock;
  /** Every request that arrived over HTTP, in order. Injected admin calls are not. */
  received: ReceivedRequest[];
  /** The routes of `received`. */
  routes(): string[];
  /** Assigns a licence to `email` and returns the setup token of its email. */
  invite(email: string): Promise<string>;
  /**
   * Invites and registers a user who signs in with `password`, then signs
   * the registration's session out.
   */
  addUser(
    email: string,
    password: string,
    displayName?: string,
  ): Promise<UserProfile>;
  /** Moves the clock past the lifetime of every access token issued so far. */
  expireAccessTokens(): void;
  /**
   * Signs out the session of `accessToken` through the API, as a sign-out
   * elsewhere would. Its refresh tokens and access tokens stop working.
   */
  endSession(accessToken: string): Promise<void>;
  /** Number of refresh tokens that are neither used, revoked nor expired. */
  activeRefreshTokenCount(): Promise<number>;
  /** The stored profile photo of a user, as the service serves it. */
  storedPhoto(
    userId: string,
  ): Promise<{ contentType: string; bytes: Buffer } | null>;
  /** Stops the service: connections to its port are refused. */
  stop(): Promise<void>;
  /** Starts the stopped service again on the same port and data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startReferenceService(): Promise<ReferenceService> {
  const clock = createServiceClock();
  const logger = createLogger('silent');
  const base = await startTestService({
    listen: true,
    now: clock.now,
    logger,
  });
  const port = Number(new URL(base.url).port);

  let app: ServiceServer = base.app;
  let running = true;
  const received: ReceivedRequest[] = [];
  recordRequests(app, received);

  // The admin helpers of the service tests take the service with its
  // current app, which a restart replaces.
  const current = (): TestService => ({ ...base, app });

  const account = await createAccount(current(), {
    name: 'Example Ltd',
    number: '1234567',
    defaultLocale: 'en',
  });

  const invite = async (email: string) =>
    (await inviteUser(current(), account.number, email)).token;

  async function endSession(accessToken: string) {
    const response = await app.inject({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(response.statusCode).toBe(204);
  }

  return {
    origin: base.url,
    termsVersion: base.config.termsVersion,
    clock,
    received,
    routes: () => received.map((request) => request.route),
    invite,
    async addUser(email, password, displayName = email) {
      const token = await invite(email);
      const response = await register(current(), token, {
        displayName,
        password,
      });
      expect(response.statusCode).toBe(201);

      // Registration signs in, but each test starts its own sessions.
      const grant: SessionGrant = response.json();
      await endSession(grant.accessToken);
      return grant.user;
    },
    expireAccessTokens: () => clock.advance(ACCESS_TOKEN_LIFETIME_MS + 1000),
    endSession,
    async activeRefreshTokenCount() {
      const rows = await base.database.db
        .selectFrom('sessions')
        .select('id')
        .where('rotated_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', clock.now().toISOString())
        .execute();

      return rows.length;
    },
    async storedPhoto(userId) {
      const row = await base.database.db
        .selectFrom('user_photos')
        .select(['content_type', 'bytes'])
        .where('user_id', '=', userId)
        .executeTakeFirst();

      return row
        ? { contentType: row.content_type, bytes: Buffer.from(row.bytes) }
        : null;
    },
    async stop() {
      running = false;
      await app.close();
    },
    async restart() {
      app = await buildServer({
        config: base.config,
        database: base.database,
        now: clock.now,
        logger,
      });
      recordRequests(app, received);
      await app.listen({ host: '127.0.0.1', port });
      running = true;
    },
    async close() {
      if (running && app !== base.app) await app.close();
      await base.close();
    },
  };
}

/** Returns a PNG that the service accepts as a profile photo. */
export function createPhoto(): Promise<Buffer> {
  return sharp({
    create: { width: 64, height: 48, channels: 3, background: '#3a7bd5' },
  })
    .png()
    .toBuffer();
}

function createServiceClock(): ServiceClock {
  let offsetMs = 0;
  let frozenAt: number | null = null;

  return {
    now: () => new Date(frozenAt ?? Date.now() + offsetMs),
    advance(ms) {
      if (frozenAt === null) offsetMs += ms;
      else frozenAt += ms;
    },
    freeze() {
      frozenAt = Date.now() + offsetMs;
    },
  };
}

/**
 * Records requests as the HTTP server receives them, so that the admin
 * calls, which are injected and never reach the server, are left out.
 */
function recordRequests(app: ServiceServer, received: ReceivedRequest[]) {
  app.server.on('request', (request: IncomingMessage) => {
    received.push({
      route: `${request.method} ${(request.url ?? '/').split('?')[0]}`,
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
    });
  });
}
