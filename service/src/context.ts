import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AccountsConsole } from './admin/accounts-console';
import type { SessionStore } from './auth/session-store';
import type { SignInLimiter } from './auth/sign-in-limiter';
import type { Clock } from './clock';
import type { ServiceConfig } from './config';
import type { Database } from './db/schema';

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
}
