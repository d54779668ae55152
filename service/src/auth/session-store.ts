import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { failure, success, type ServiceResult } from '../errors';
import { newId, randomToken, sha256Hex } from '../secure-random';
import { signAccessToken } from './access-tokens';

/** Lifetime of each refresh token: 30 days. */
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface SessionTokens {
  userId: string;
  familyId: string;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface SessionStoreDependencies {
  db: Kysely<Database>;
  now: Clock;
  logger: Logger;
  signingKey: Uint8Array;
}

/**
 * Creates the session store, with rotating refresh tokens. Each sign-in
 * starts a family, and a refresh replaces the token with a new one of the
 * same family. Presenting a replaced token again revokes the whole family,
 * because only a stolen copy would still use it.
 */
export function createSessionStore(deps: SessionStoreDependencies) {
  const { db, now, logger } = deps;

  async function issueTokens(
    userId: string,
    familyId: string,
    database: Kysely<Database> = db,
  ): Promise<SessionTokens> {
    const issuedAt = now();
    const refreshToken = randomToken(32);
    const refreshTokenExpiresAt = new Date(
      issuedAt.getTime() + REFRESH_TOKEN_LIFETIME_MS,
    );

    await database
      .insertInto('sessions')
      .values({
        id: newId(),
        family_id: familyId,
        user_id: userId,
        refresh_token_hash: sha256Hex(refreshToken),
        created_at: issuedAt.toISOString(),
        expires_at: refreshTokenExpiresAt.toISOString(),
        rotated_at: null,
        revoked_at: null,
      })
      .execute();

    const access = await signAccessToken(
      deps.signingKey,
      { userId, familyId },
      issuedAt,
    );

    return {
      userId,
      familyId,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshTokenExpiresAt: refreshTokenExpiresAt.toISOString(),
    };
  }

  /** Starts a new session family for the user. */
  async function start(
    userId: string,
    database: Kysely<Database> = db,
  ): Promise<SessionTokens> {
    const familyId = newId();
    const tokens = await issueTokens(userId, familyId, database);
    logger.info({ userId, familyId }, 'Session started');

    return tokens;
  }

  async function refresh(
    refreshToken: string,
  ): Promise<ServiceResult<SessionTokens>> {
    const invalid = failure<SessionTokens>(
      'REFRESH_TOKEN_INVALID',
      'The refresh token is unknown, expired, revoked or was already used.',
    );

    const row = await db
      .selectFrom('sessions')
      .selectAll()
      .where('refresh_token_hash', '=', sha256Hex(refreshToken))
      .executeTakeFirst();
    if (!row || row.revoked_at) return invalid;

    if (row.rotated_at) {
      await revokeFamily(row.family_id, 'refresh token reused');
      return invalid;
    }

    const current = now().toISOString();
    if (row.expires_at <= current) return invalid;

    const rotated = await db.transaction().execute(async (transaction) => {
      const update = await transaction
        .updateTable('sessions')
        .set({ rotated_at: current })
        .where('id', '=', row.id)
        .where('rotated_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (update.numUpdatedRows !== 1n) return null;

      return issueTokens(row.user_id, row.family_id, transaction);
    });

    // Another request rotated the same token first: one of them is a copy.
    if (!rotated) {
      await revokeFamily(row.family_id, 'refresh token reused concurrently');
      return invalid;
    }

    return success(rotated);
  }

  async function revokeFamily(familyId: string, reason: string) {
    const result = await db
      .updateTable('sessions')
      .set({ revoked_at: now().toISOString() })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();

    logger.info(
      { familyId, reason, revokedCount: Number(result.numUpdatedRows) },
      'Session family revoked',
    );
  }

  /** True while the family has a token that is neither revoked nor expired. */
  async function isFamilyActive(familyId: string): Promise<boolean> {
    const row = await db
      .selectFrom('sessions')
      .select('id')
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now().toISOString())
      .limit(1)
      .executeTakeFirst();

    return row !== undefined;
  }

  return { start, refresh, revokeFamily, isFamilyActive };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
