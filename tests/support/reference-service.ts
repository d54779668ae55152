import sharp from 'sharp';
import { expect } from 'vitest';
import type { SessionGrant, SsoConfig, UserProfile } from '../../contract/api';
import { ACCESS_TOKEN_LIFETIME_MS } from '../../service/src/auth/access-tokens';
import { defaultSignInLimits } from '../../service/src/auth/sign-in-limiter';
import type { Clock } from '../../service/src/clock';
import {
  createAccount,
  inviteUser,
  register,
} from '../../service/test/support/invitations';
import { configureSso } from '../../service/test/support/sso';
import type { SmtpSink } from './smtp-sink';
import { startTestService, type ReceivedRequest } from './test-service';

export { ACCESS_TOKEN_LIFETIME_MS, defaultSignInLimits };
export type { ReceivedRequest };

/** Number of the account in which every test user gets a licence. */
export const ACCOUNT_NUMBER = '1234567';

/** The service's clock: the real time plus an offset, or a frozen time. */
export interface ServiceClock {
  now: Clock;
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Stops the clock at its current time, though `advance` still moves it. */
  freeze(): void;
}

export interface ReferenceServiceOptions {
  /** More MITELONE_* settings, such as MITELONE_EXTRA_CA_FILE. */
  env?: Record<string, string>;
  /** Sends email over SMTP to this sink in place of the outbox folder. */
  sink?: SmtpSink;
}

/**
 * The reference service for the main process's tests: on a fresh database,
 * listening on a free port of 127.0.0.1, with the account ACCOUNT_NUMBER.
 * `invite` reads the setup token from the welcome email in the outbox
 * folder, or in the SMTP sink when one is given.
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
  /** Sets the single sign-on of the account through the admin API. */
  configureSso(config: SsoConfig): Promise<void>;
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

export async function startReferenceService(
  options: ReferenceServiceOptions = {},
): Promise<ReferenceService> {
  const { sink } = options;
  const clock = createServiceClock();
  const service = await startTestService({
    listen: true,
    now: clock.now,
    env: { ...options.env, ...(sink && { MITELONE_SMTP_URL: sink.url }) },
  });

  await createAccount(service, {
    name: 'Example Ltd',
    number: ACCOUNT_NUMBER,
    defaultLocale: 'en',
  });

  const invite = async (email: string) =>
    (await inviteUser(service, ACCOUNT_NUMBER, email, undefined, sink)).token;

  async function endSession(accessToken: string) {
    const response = await service.app.inject({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(response.statusCode).toBe(204);
  }

  return {
    origin: service.url,
    termsVersion: service.config.termsVersion,
    clock,
    received: service.received,
    routes: () => service.received.map((request) => request.route),
    invite,
    async addUser(email, password, displayName = email) {
      const token = await invite(email);
      const response = await register(service, token, {
        displayName,
        password,
      });
      expect(response.statusCode).toBe(201);

      // Registration signs in, but each test starts its own sessions.
      const grant: SessionGrant = response.json();
      await endSession(grant.accessToken);
      return grant.user;
    },
    async configureSso(config) {
      await configureSso(service, ACCOUNT_NUMBER, config);
    },
    expireAccessTokens: () => clock.advance(ACCESS_TOKEN_LIFETIME_MS + 1000),
    endSession,
    async activeRefreshTokenCount() {
      const rows = await service.database.db
        .selectFrom('sessions')
        .select('id')
        .where('rotated_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', clock.now().toISOString())
        .execute();

      return rows.length;
    },
    async storedPhoto(userId) {
      const row = await service.database.db
        .selectFrom('user_photos')
        .select(['content_type', 'bytes'])
        .where('user_id', '=', userId)
        .executeTakeFirst();

      return row
        ? { contentType: row.content_type, bytes: Buffer.from(row.bytes) }
        : null;
    },
    stop: () => service.stop(),
    restart: () => service.restart(),
    close: () => service.close(),
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
