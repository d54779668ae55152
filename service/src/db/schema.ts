import type { Kysely } from 'kysely';

/*
 * Table types for Kysely. Ids are random UUIDs as text and timestamps are
 * ISO-8601 UTC text (`Date.prototype.toISOString`), which sorts and compares
 * correctly as text in SQLite and PostgreSQL alike.
 */

export type Locale = 'de' | 'en';

export type SignInMethodSetting = 'password' | 'sso';

export type InvitationStatus = 'pending' | 'used' | 'replaced' | 'revoked';

export interface AccountTable {
  id: string;
  /** Seven digits, as shown in the accounts console. */
  number: string;
  name: string;
  default_locale: Locale;
  /** `sso` makes setup links lead to single sign-on instead of a password. */
  sign_in_method: SignInMethodSetting;
  created_at: string;
}

export interface UserTable {
  id: string;
  account_id: string;
  /** Trimmed and lower-cased, unique within the account. */
  email: string;
  display_name: string | null;
  /** Lower-cased display name, or the email before registration. */
  name_key: string;
  password_hash: string | null;
  status_message: string;
  locale: Locale;
  licence: string;
  terms_version: string | null;
  terms_accepted_at: string | null;
  registered_at: string | null;
  profile_completed_at: string | null;
  created_at: string;
}

export interface UserPhotoTable {
  user_id: string;
  version: string;
  content_type: string;
  bytes: Buffer;
  updated_at: string;
}

export interface InvitationTable {
  id: string;
  user_id: string;
  /** SHA-256 of the setup token, hex; the token itself is never stored. */
  token_hash: string;
  status: InvitationStatus;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  replaced_at: string | null;
  revoked_at: string | null;
}

export interface SessionTable {
  id: string;
  /** Every refresh token issued from one sign-in shares the family id. */
  family_id: string;
  user_id: string;
  /** SHA-256 of the refresh token, hex. */
  refresh_token_hash: string;
  created_at: string;
  expires_at: string;
  rotated_at: string | null;
  revoked_at: string | null;
}

export interface SignInFailureTable {
  id: string;
  /** SHA-256 of `email:<address>` or `ip:<address>`, hex. */
  key_hash: string;
  failed_at: string;
}

export interface ServiceSecretTable {
  name: string;
  value: string;
  created_at: string;
}

export interface Database {
  accounts: AccountTable;
  users: UserTable;
  user_photos: UserPhotoTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  sign_in_failures: SignInFailureTable;
  service_secrets: ServiceSecretTable;
}

export type DatabaseConnection = Kysely<Database>;
