import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import { randomToken } from '../secure-random';
import type { Database } from './schema';

/**
 * Returns the random 32-byte secret stored under `name` in the database,
 * creating it on first use. The first instance to start stores it and every
 * instance then reads that one, so all instances share it.
 */
export async function loadServiceSecret(
  db: Kysely<Database>,
  name: string,
  now: Clock,
): Promise<Uint8Array> {
  await db
    .insertInto('service_secrets')
    .values({
      name,
      value: randomToken(32),
      created_at: now().toISOString(),
    })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();

  const secret = await db
    .selectFrom('service_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();

  return Buffer.from(secret.value, 'base64url');
}
