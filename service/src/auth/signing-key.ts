import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { loadServiceSecret } from '../db/service-secrets';

const SIGNING_KEY_NAME = 'access-token-signing-key';

/**
 * Returns the HS256 key for access tokens. It lives in the database, so a
 * token from one instance is valid at all of them.
 */
export function loadSigningKey(
  db: Kysely<Database>,
  now: Clock,
): Promise<Uint8Array> {
  return loadServiceSecret(db, SIGNING_KEY_NAME, now);
}
