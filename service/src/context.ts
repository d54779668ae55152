import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AccountsConsole } from './admin/accounts-console';
import type { SessionStore } from './auth/session-store';
import type { SignInLimiter } from './auth/sign-in-limiter';
import type { Clock } from './clock';
import type { ServiceConfig } from './config';
import type { Database } from './db/schema';
import type { BackgroundMail } from './mail/background-mail';
import type { IdentityProviders } from './sso/identity-providers';

/** Dependencies that the route plugins share, built once by `buildServer`. */
export interface ServiceContext {
  config: ServiceConfig;
  db: Kysely<Database>;
  now: Clock;
  logger: Logger;
  /** Origin of setup links and the terms page, without a trailing slash. */
  publicUrl(): string;
  signingKey: Uint8Array;
  accountsConsole: AccountsConsole;
  sessions: SessionStore;
  signInLimiter: SignInLimiter;
  /** Counts sign-in discoveries per client IP. */
  discoveryLimiter: SignInLimiter;
  /** Counts password-reset requests per email and client IP. */
  resetLimiter: SignInLimiter;
  /** HMAC key of password-reset codes. */
  resetCodeKey: Uint8Array;
  /** Discovery documents and key sets of the accounts' identity providers. */
  identityProviders: IdentityProviders;
  /** Emails sent after the response, such as password-reset emails. */
  backgroundMail: BackgroundMail;
}
