import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { newId, sha256Hex } from '../secure-random';

export interface SignInLimits {
  /** Failed sign-ins per email address within the window. */
  perEmail: number;
  /** Failed sign-ins per client IP address within the window. */
  perIp: number;
  windowMs: number;
}

export const defaultSignInLimits: SignInLimits = {
  perEmail: 5,
  perIp: 30,
  windowMs: 15 * 60 * 1000,
};

export type LimitCheck =
  { limited: false } | { limited: true; retryAfterSeconds: number };

/**
 * Counts failed sign-ins per email and per client IP in the database, so
 * that all instances of the service share the counts. Keys are stored as
 * SHA-256 hashes, so the table contains no typed email addresses.
 *
 * `scope` keeps other counted requests, such as sign-in discoveries and
 * password-reset requests, apart from the sign-in failures. A null email
 * limits by the IP address alone.
 */
export function createSignInLimiter(
  db: Kysely<Database>,
  now: Clock,
  limits: SignInLimits = defaultSignInLimits,
  scope = '',
) {
  const prefix = scope ? `${scope}:` : '';
  const emailKey = (email: string) => sha256Hex(`${prefix}email:${email}`);
  const ipKey = (ip: string) => sha256Hex(`${prefix}ip:${ip}`);

  /** Seconds until fewer than `limit` failures remain in the window. */
  async function retryAfter(keyHash: string, limit: number, at: Date) {
    const windowStart = new Date(at.getTime() - limits.windowMs);
    const failures = await db
      .selectFrom('sign_in_failures')
      .select('failed_at')
      .where('key_hash', '=', keyHash)
      .where('failed_at', '>', windowStart.toISOString())
      .orderBy('failed_at', 'desc')
      .limit(limit)
      .execute();

    if (failures.length < limit) return 0;

    // The limit-th newest failure is the one whose expiry frees a slot.
    const freeing = new Date(failures[limit - 1]!.failed_at);
    const waitMs = freeing.getTime() + limits.windowMs - at.getTime();

    return Math.max(1, Math.ceil(waitMs / 1000));
  }

  async function check(email: string | null, ip: string): Promise<LimitCheck> {
    const at = now();
    const seconds = Math.max(
      email === null
        ? 0
        : await retryAfter(emailKey(email), limits.perEmail, at),
      await retryAfter(ipKey(ip), limits.perIp, at),
    );

    return seconds > 0
      ? { limited: true, retryAfterSeconds: seconds }
      : { limited: false };
  }

  /** Counts one request: a failed sign-in, or any request of the scope. */
  async function record(email: string | null, ip: string): Promise<void> {
    const at = now();
    const failedAt = at.toISOString();
    const keys = email === null ? [ipKey(ip)] : [emailKey(email), ipKey(ip)];

    await db
      .insertInto('sign_in_failures')
      .values(
        keys.map((keyHash) => ({
          id: newId(),
          key_hash: keyHash,
          failed_at: failedAt,
        })),
      )
      .execute();

    const expired = new Date(at.getTime() - limits.windowMs).toISOString();
    await db
      .deleteFrom('sign_in_failures')
      .where('failed_at', '<=', expired)
      .execute();
  }

  /** Forgets the email's failures after a successful sign-in. */
  async function clearEmail(email: string): Promise<void> {
    await db
      .deleteFrom('sign_in_failures')
      .where('key_hash', '=', emailKey(email))
      .execute();
  }

  return { check, record, clearEmail };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
