import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import type { SignInLimits } from '../../src/auth/sign-in-limiter';
import type { Clock } from '../../src/clock';
import { loadServiceConfig, type ServiceConfig } from '../../src/config';
import { openDatabase, type ServiceDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrations';
import { createLogger } from '../../src/logger';
import { buildServer, type ServiceServer } from '../../src/server';
import { randomToken } from '../../src/secure-random';

export interface TestService {
  app: ServiceServer;
  config: ServiceConfig;
  database: ServiceDatabase;
  dataDir: string;
  /** Base URL when started with `listen: true`. */
  url: string;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  now?: Clock;
  logger?: Logger;
  env?: Record<string, string>;
  listen?: boolean;
  signInLimits?: SignInLimits;
  resetLimits?: SignInLimits;
  ssoKeySetCooldownMs?: number;
}

export const TEST_PUBLIC_URL = 'http://127.0.0.1:8080';

/**
 * Creates a database for one test file: a SQLite file in the data folder,
 * or a new PostgreSQL database when MITELONE_TEST_DATABASE_URL names a
 * server.
 */
export async function createTestDatabaseUrl(): Promise<{
  url: string | undefined;
  drop(): Promise<void>;
}> {
  const serverUrl = process.env.MITELONE_TEST_DATABASE_URL;
  if (!serverUrl) return { url: undefined, drop: async () => {} };

  const name = `mitelone_test_${randomToken(9)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Starts the service on a fresh data folder and database. */
export async function startTestService(
  options: TestServiceOptions = {},
): Promise<TestService> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mitelone-service-'));
  const testDatabase = await createTestDatabaseUrl();

  const config = loadServiceConfig({
    MITELONE_DATA_DIR: dataDir,
    MITELONE_PUBLIC_URL: options.listen ? undefined : TEST_PUBLIC_URL,
    MITELONE_PORT: '0',
    MITELONE_DATABASE_URL: testDatabase.url,
    MITELONE_LOG_LEVEL: 'silent',
    ...options.env,
  });

  const database = openDatabase(config.database);
  await migrateToLatest(database);

  const app = await buildServer({
    config,
    database,
    now: options.now,
    logger: options.logger ?? createLogger('silent'),
    signInLimits: options.signInLimits,
    resetLimits: options.resetLimits,
    ssoKeySetCooldownMs: options.ssoKeySetCooldownMs,
  });

  const url = options.listen
    ? await app.listen({ host: '127.0.0.1', port: 0 })
    : TEST_PUBLIC_URL;

  return {
    app,
    config,
    database,
    dataDir,
    url,
    async close() {
      await app.close();
      await database.close();
      await testDatabase.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
