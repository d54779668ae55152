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
  /**
   * The identity provider's object id (`oid` claim), stored at the first
   * single sign-on; unique within the account.
   */
  sso_subject: string | null;
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
  /**
   * SHA-256 of `email:<address>` or `ip:<address>`, hex, with a scope such
   * as `discovery:` in front for requests other than failed sign-ins.
   */
  key_hash: string;
  failed_at: string;
}

export interface AccountSsoSettingsTable {
  account_id: string;
  /** OpenID Connect authority URL, without a trailing slash. */
  authority: string;
  tenant_id: string;
  client_id: string;
  api_scope: string;
  /** Null means the API scope without its last path segment. */
  audience: string | null;
  /** 1 when password sign-in stays allowed beside SSO, else 0. */
  password_sign_in_allowed: number;
  updated_at: string;
}

export interface PasswordResetTable {
  id: string;
  user_id: string;
  /** SHA-256 of the link's token, hex. */
  token_hash: string;
  /** HMAC-SHA256 of `<id>:<code>` with the reset-code key, hex. */
  code_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Set when a newer reset of the same user replaced this one. */
  ended_at: string | null;
  /** Wrong codes entered while this reset was pending. */
  failed_attempts: number;
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
  account_sso_settings: AccountSsoSettingsTable;
  password_resets: PasswordResetTable;
}

export type DatabaseConnection = Kysely<Database>;
