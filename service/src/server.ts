import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { createAccountsConsole } from './admin/accounts-console';
import { createSessionStore } from './auth/session-store';
import {
  createSignInLimiter,
  defaultSignInLimits,
  type SignInLimits,
} from './auth/sign-in-limiter';
import { loadSigningKey } from './auth/signing-key';
import { systemClock, type Clock } from './clock';
import { publicUrlOf, recordPublicUrl, type ServiceConfig } from './config';
import type { ServiceContext } from './context';
import { openDatabase, type ServiceDatabase } from './db/database';
import { loadServiceSecret } from './db/service-secrets';
import { installErrorHandlers } from './error-handler';
import { createLogger } from './logger';
import { createBackgroundMail } from './mail/background-mail';
import { createMailer, type Mailer } from './mail/mailer';
import { RESET_CODE_KEY_NAME } from './password-reset/reset-secrets';
import { registerAdminRoutes } from './routes/admin-routes';
import { registerDirectoryRoutes } from './routes/directory-routes';
import { registerInvitationRoutes } from './routes/invitation-routes';
import { registerPasswordResetRoutes } from './routes/password-reset-routes';
import { registerProfileRoutes } from './routes/profile-routes';
import { registerPublicRoutes } from './routes/public-routes';
import { registerSessionRoutes } from './routes/session-routes';
import { registerSsoRoutes } from './routes/sso-routes';
import { createIdentityProviders } from './sso/identity-providers';
import { createProviderFetch } from './sso/provider-fetch';

export interface ServerOptions {
  config: ServiceConfig;
  /** Current time; tests inject a clock to cross the 4-day boundary. */
  now?: Clock;
  logger?: Logger;
  /** An open, migrated database; by default the configured one is opened. */
  database?: ServiceDatabase;
  mailer?: Mailer;
  signInLimits?: SignInLimits;
  /** Limits of password-reset requests; by default those of sign-ins. */
  resetLimits?: SignInLimits;
  /**
   * Minimum time between two fetches of a provider's key set that tokens
   * with an unknown key id trigger; 30 seconds by default.
   */
  ssoKeySetCooldownMs?: number;
}

/** Maximum JSON body size; photo uploads have their own limit. */
const JSON_BODY_LIMIT = 64 * 1024;

/**
 * Builds the service's Fastify app without listening. Expects a migrated
 * database. Closing the app closes the mailer, and the database when the
 * app opened it.
 */
export async function buildServer(options: ServerOptions) {
  const { config } = options;
  const now = options.now ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = options.database ?? openDatabase(config.database);
  const mailer =
    options.mailer ??
    createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      outboxDir: join(config.dataDir, 'outbox'),
      now,
    });

  // Loaded once here, because a query for them inside a SQLite transaction
  // would wait for the transaction's own connection.
  const signingKey = await loadSigningKey(database.db, now);
  const resetCodeKey = await loadServiceSecret(
    database.db,
    RESET_CODE_KEY_NAME,
    now,
  );
  const signInLimits = options.signInLimits ?? defaultSignInLimits;

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: JSON_BODY_LIMIT,
    ajv: {
      // Reject unknown properties instead of dropping them silently.
      customOptions: { removeAdditional: false, coerceTypes: 'array' },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const publicUrl = () => {
    const address = app.server.address();
    const port =
      typeof address === 'object' && address ? address.port : undefined;

    return publicUrlOf(config, port);
  };

  const context: ServiceContext = {
    config,
    db: database.db,
    now,
    logger,
    publicUrl,
    signingKey,
    accountsConsole: createAccountsConsole({
      db: database.db,
      mailer,
      brand: config.brand,
      publicUrl,
      now,
      logger,
    }),
    sessions: createSessionStore({
      db: database.db,
      now,
      logger,
      signingKey,
    }),
    signInLimiter: createSignInLimiter(database.db, now, signInLimits),
    discoveryLimiter: createSignInLimiter(
      database.db,
      now,
      signInLimits,
      'discovery',
    ),
    resetLimiter: createSignInLimiter(
      database.db,
      now,
      options.resetLimits ?? signInLimits,
      'password-reset',
    ),
    resetCodeKey,
    identityProviders: createIdentityProviders({
      fetch: createProviderFetch(config.extraCa?.pem ?? null),
      keySetCooldownMs: options.ssoKeySetCooldownMs,
    }),
    backgroundMail: createBackgroundMail(mailer, logger),
  };

  installErrorHandlers(app);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // API responses carry tokens and personal data: no caching by default.
    if (!reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });

  registerPublicRoutes(app, context);
  registerInvitationRoutes(app, context);
  registerSessionRoutes(app, context);
  registerSsoRoutes(app, context);
  registerPasswordResetRoutes(app, context);
  registerProfileRoutes(app, context);
  registerDirectoryRoutes(app, context);
  registerAdminRoutes(app, context);

  app.addHook('onListen', async () => {
    const url = publicUrl();
    try {
      recordPublicUrl(config.dataDir, url);
    } catch (error) {
      // The service works without it, but the admin CLI then needs
      // MITELONE_PUBLIC_URL to build setup links that reach this service.
      logger.warn(
        { err: error, dataDir: config.dataDir, publicUrl: url },
        'Public URL could not be recorded in the data folder',
      );
    }
  });

  app.addHook('onClose', async () => {
    await context.backgroundMail.idle();
    mailer.close();
    if (!options.database) await database.close();
  });

  return app;
}

export type ServiceServer = Awaited<ReturnType<typeof buildServer>>;
