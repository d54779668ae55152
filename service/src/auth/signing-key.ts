import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { randomToken } from '../secure-random';

const SIGNING_KEY_NAME = 'access-token-signing-key';

/**
 * Returns the HS256 key for access tokens. The first instance to start
 * stores a random key in the database, and every instance then reads that
 * key. So a token from one instance is valid at all of them.
 */
export async function loadSigningKey(
  db: Kysely<Database>,
  now: Clock,
): Promise<Uint8Array> {
  await db
    .insertInto('service_secrets')
    .values({
      name: SIGNING_KEY_NAME,
      value: randomToken(32),
      created_at: now().toISOString(),
    })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();

  const secret = await db
    .selectFrom('service_secrets')
    .select('value')
    .where('name', '=', SIGNING_KEY_NAME)
    .executeTakeFirstOrThrow();

  return Buffer.from(secret.value, 'base64url');
}
