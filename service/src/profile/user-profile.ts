import type { Kysely } from 'kysely';
import type { UserProfile } from '../../../contract/api';
import type { Database } from '../db/schema';

/** Loads the profile that the app shows for a user; undefined if unknown. */
export async function loadUserProfile(
  db: Kysely<Database>,
  userId: string,
): Promise<UserProfile | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .leftJoin('user_photos', 'user_photos.user_id', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.status_message',
      'users.locale',
      'users.profile_completed_at',
      'accounts.number as account_number',
      'accounts.name as account_name',
      'user_photos.version as photo_version',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();

  if (!row) return undefined;

  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name ?? '',
    statusMessage: row.status_message,
    photoVersion: row.photo_version,
    accountNumber: row.account_number,
    accountName: row.account_name,
    locale: row.locale,
    profileCompleted: row.profile_completed_at !== null,
  };
}
