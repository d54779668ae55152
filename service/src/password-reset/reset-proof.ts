import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely, Selectable } from 'kysely';
import type { PasswordResetProof } from '../../../contract/api';
import { RESET_VALIDITY_MS } from '../../../contract/setup-link';
import type { ServiceContext } from '../context';
import type { Database, Locale, PasswordResetTable } from '../db/schema';
import { normalizeEmail } from '../email-address';
import {
  failure,
  success,
  type ServiceFailure,
  type ServiceResult,
} from '../errors';
import {
  hashResetToken,
  MAX_RESET_CODE_ATTEMPTS,
  resetCodeMatches,
} from './reset-secrets';

export type ResetRow = Selectable<PasswordResetTable>;

/** A reset with the email and language of its user. */
export type ResetRecord = ResetRow & { email: string; locale: Locale };

const validityMinutes = RESET_VALIDITY_MS / 60_000;

const unknownReset: ServiceFailure = {
  code: 'RESET_INVALID',
  message:
    'No password reset has this link. Check that the whole link was copied, or request a new reset email.',
};

/**
 * Returns why a reset cannot be used, or null while it is pending and
 * `now` is before its expiry.
 */
export function resetStateFailure(
  reset: Pick<
    ResetRow,
    'used_at' | 'ended_at' | 'failed_attempts' | 'expires_at'
  >,
  now: Date,
): ServiceFailure | null {
  if (reset.used_at) {
    return {
      code: 'RESET_USED',
      message:
        'This reset was already used to set a new password. Sign in with it, or request a new reset email.',
    };
  }

  if (reset.ended_at) {
    return {
      code: 'RESET_INVALID',
      message:
        'A newer reset email replaced this one. Use the link or code of the latest email.',
    };
  }

  if (reset.failed_attempts >= MAX_RESET_CODE_ATTEMPTS) {
    return {
      code: 'RESET_TOO_MANY_ATTEMPTS',
      message: `${MAX_RESET_CODE_ATTEMPTS} wrong codes were entered, so this reset no longer works. Request a new reset email.`,
    };
  }

  if (reset.expires_at <= now.toISOString()) {
    return {
      code: 'RESET_EXPIRED',
      message: `The reset was valid for ${validityMinutes} minutes and expired at ${reset.expires_at}. Request a new reset email.`,
    };
  }

  return null;
}

/**
 * Finds the pending reset that a link's token or an email's code proves.
 * Neither consumes it. A wrong code counts against every pending reset of
 * the email.
 */
export function findProvenReset(
  context: ServiceContext,
  proof: PasswordResetProof,
): Promise<ServiceResult<ResetRecord>> {
  return 'token' in proof
    ? resetOfToken(context, proof.token)
    : resetOfCode(context, proof.email, proof.code);
}

async function resetOfToken(
  context: ServiceContext,
  token: string,
): Promise<ServiceResult<ResetRecord>> {
  const reset = await findResetOfToken(context.db, token);
  if (!reset) return { ok: false, error: unknownReset };

  const unusable = resetStateFailure(reset, context.now());
  if (unusable) return { ok: false, error: unusable };

  return success(reset);
}

/** Finds the reset of a link's token, whatever its state. */
export function findResetOfToken(
  db: Kysely<Database>,
  token: string,
): Promise<ResetRecord | undefined> {
  return resetsWithEmail(db)
    .where('password_resets.token_hash', '=', hashResetToken(token))
    .executeTakeFirst();
}

function resetsWithEmail(db: Kysely<Database>) {
  return db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .selectAll('password_resets')
    .select(['users.email', 'users.locale']);
}

/**
 * Matches a code among the resets of the email's users. Before comparing,
 * each pending reset gives up one of its attempts in a conditional update,
 * so that simultaneous guesses cannot compare more than
 * MAX_RESET_CODE_ATTEMPTS codes against one reset. A match returns the
 * attempts again.
 */
async function resetOfCode(
  context: ServiceContext,
  rawEmail: string,
  code: string,
): Promise<ServiceResult<ResetRecord>> {
  const { db } = context;
  const now = context.now();
  const key = context.resetCodeKey;

  // Older resets cannot be used anyway, and the window keeps the list short.
  // Replaced resets are read too, so that their codes get a fitting message.
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
  const resets = await resetsWithEmail(db)
    .where('users.email', '=', normalizeEmail(rawEmail))
    .where('password_resets.created_at', '>', since)
    .orderBy('password_resets.created_at', 'desc')
    .execute();

  // Resets without attempts left are tried too: others may hold them.
  const pending = resets.filter((reset) => {
    const state = resetStateFailure(reset, now)?.code;
    return state === undefined || state === 'RESET_TOO_MANY_ATTEMPTS';
  });
  const claimed = await claimAttempts(db, pending, now);

  const match = claimed.find((reset) => resetCodeMatches(key, reset, code));
  if (match) {
    await releaseAttempts(db, claimed);
    return success(match);
  }

  // Read again: meanwhile another request may have used a reset.
  const current = await reload(db, resets);

  // A code of a used, expired, locked or replaced reset gets that state's
  // message. Knowing that such a code was right helps no one, and a pending
  // reset is never compared without a claimed attempt.
  const stale = current.find(
    (reset) =>
      !claimed.some((entry) => entry.id === reset.id) &&
      resetStateFailure(reset, now) !== null &&
      resetCodeMatches(key, reset, code),
  );
  if (stale && claimed.length > 0) {
    // A code from an earlier email while a newer reset is pending: the person
    // needs the newest email, and the newer reset keeps its attempts.
    await releaseAttempts(db, claimed);
    return failure(
      'RESET_INVALID',
      'This code is from an earlier reset email. Use the code of the latest email.',
      { field: 'code' },
    );
  }
  if (stale) return { ok: false, error: resetStateFailure(stale, now)! };

  return wrongCode(current, now);
}

/** Pause before a claim is tried again, while others hold every attempt. */
const CLAIM_RETRY_MS = 25;
const CLAIM_TRIES = 4;

/**
 * Claims one attempt on each reset. A reset whose attempts are all taken
 * may be held by simultaneous requests that give theirs back on a match, so
 * the claim is tried a few times before the reset counts as locked.
 */
async function claimAttempts(
  db: Kysely<Database>,
  resets: ResetRecord[],
  now: Date,
): Promise<ResetRecord[]> {
  const claimed: ResetRecord[] = [];

  for (const reset of resets) {
    for (let tries = 1; tries <= CLAIM_TRIES; tries++) {
      if (await claimAttempt(db, reset.id)) {
        claimed.push(reset);
        break;
      }

      const [after] = await reload(db, [reset]);
      const lockedOnly =
        after !== undefined &&
        resetStateFailure(after, now)?.code === 'RESET_TOO_MANY_ATTEMPTS';
      if (!lockedOnly || tries === CLAIM_TRIES) break;

      await sleep(CLAIM_RETRY_MS);
    }
  }

  return claimed;
}

async function claimAttempt(db: Kysely<Database>, resetId: string) {
  const result = await db
    .updateTable('password_resets')
    .set((row) => ({ failed_attempts: row('failed_attempts', '+', 1) }))
    .where('id', '=', resetId)
    .where('used_at', 'is', null)
    .where('ended_at', 'is', null)
    .where('failed_attempts', '<', MAX_RESET_CODE_ATTEMPTS)
    .executeTakeFirst();

  return result.numUpdatedRows === 1n;
}

async function releaseAttempts(db: Kysely<Database>, resets: ResetRecord[]) {
  if (resets.length === 0) return;

  await db
    .updateTable('password_resets')
    .set((row) => ({ failed_attempts: row('failed_attempts', '-', 1) }))
    .where(
      'id',
      'in',
      resets.map((reset) => reset.id),
    )
    .execute();
}

async function reload(
  db: Kysely<Database>,
  resets: ResetRecord[],
): Promise<ResetRecord[]> {
  if (resets.length === 0) return [];

  return resetsWithEmail(db)
    .where(
      'password_resets.id',
      'in',
      resets.map((reset) => reset.id),
    )
    .execute();
}

/**
 * Returns the failure for a wrong code: RESET_TOO_MANY_ATTEMPTS when the
 * email's unexpired resets are all locked by wrong codes now, else
 * RESET_INVALID.
 */
function wrongCode(current: ResetRecord[], now: Date): ServiceResult<never> {
  const states = current
    .filter((reset) => !reset.used_at && !reset.ended_at)
    .map((reset) => resetStateFailure(reset, now)?.code);
  const allLocked =
    states.includes('RESET_TOO_MANY_ATTEMPTS') &&
    states.every(
      (state) =>
        state === 'RESET_TOO_MANY_ATTEMPTS' || state === 'RESET_EXPIRED',
    );

  if (allLocked) {
    return failure(
      'RESET_TOO_MANY_ATTEMPTS',
      `${MAX_RESET_CODE_ATTEMPTS} wrong codes were entered, so the reset no longer works. Request a new reset email.`,
    );
  }

  return failure(
    'RESET_INVALID',
    `The code does not match a pending reset of this email address. Check the code in the latest reset email; after ${MAX_RESET_CODE_ATTEMPTS} wrong codes the reset stops working.`,
    { field: 'code' },
  );
}
