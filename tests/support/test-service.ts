import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Logger } from 'pino';
import type { SignInLimits } from '../../service/src/auth/sign-in-limiter';
import type { Clock } from '../../service/src/clock';
import {
  loadServiceConfig,
  type ServiceConfig,
} from '../../service/src/config';
import {
  openDatabase,
  type ServiceDatabase,
} from '../../service/src/db/database';
import { migrateToLatest } from '../../service/src/db/migrations';
import { createLogger } from '../../service/src/logger';
import { randomToken } from '../../service/src/secure-random';
import { buildServer, type ServiceServer } from '../../service/src/server';

// This module must not import vitest, because the benchmarks start the
// service through it outside the test runner.

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const adminScript = path.join(root, 'service', 'src', 'cli', 'admin.ts');

/** Public URL of a service that does not listen, which tests reach with `app.inject`. */
export const TEST_PUBLIC_URL = 'http://127.0.0.1:8080';

/** A request that reached the service over HTTP. */
export interface ReceivedRequest {
  /** `METHOD /path`, without the query. */
  route: string;
  authorization: string | undefined;
  contentType: string | undefined;
}

/** Exit status and output of one admin CLI run. */
export interface AdminCliRun {
  /** Exit code, or -1 when the CLI did not exit by itself, e.g. on the time limit. */
  status: number;
  stdout: string;
  stderr: string;
}

export interface TestServiceOptions {
  /**
   * MITELONE_* settings over the test defaults, such as MITELONE_SMTP_URL,
   * MITELONE_PUBLIC_URL or MITELONE_EXTRA_CA_FILE.
   */
  env?: Record<string, string>;
  /** Listens on a free port of 127.0.0.1. Without it, only `app.inject` reaches the service. */
  listen?: boolean;
  now?: Clock;
  /** Silent by default. */
  logger?: Logger;
  signInLimits?: SignInLimits;
  resetLimits?: SignInLimits;
  ssoKeySetCooldownMs?: number;
}

/**
 * The reference service in this process, on a fresh data folder and
 * database, as `startTestService` starts it.
 */
export interface TestService {
  /** The running app, which `restart` replaces. */
  readonly app: ServiceServer;
  config: ServiceConfig;
  database: ServiceDatabase;
  dataDir: string;
  /**
   * `http://127.0.0.1:<port>`, without a trailing slash, when listening,
   * and TEST_PUBLIC_URL otherwise.
   */
  url: string;
  /**
   * Every request that arrived over HTTP, in order. Requests sent with
   * `app.inject` never reach the server, so they are not among them.
   */
  received: ReceivedRequest[];
  /**
   * Runs the admin CLI against this service's data folder and database, as
   * an administrator would, with the service's MITELONE_* settings.
   */
  adminCli(...args: string[]): Promise<AdminCliRun>;
  /** Stops the app, so that connections to its port are refused. */
  stop(): Promise<void>;
  /** Starts the stopped app again on the same port, data and database. */
  restart(): Promise<void>;
  /** Stops the app and deletes its data folder and test database. */
  close(): Promise<void>;
}

/**
 * Creates a database for one test service: a SQLite file in the data folder,
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
      try {
        await dropOnceUnused(client, name);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Drops a test database once the connections of its closed pool are gone.
 * A pool's `end()` resolves while its connections are still closing, and a
 * forced drop would end them with an error that nothing catches, so the
 * drop is forced only after about 5 seconds.
 */
async function dropOnceUnused(client: pg.Client, name: string) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      await client.query(`drop database if exists ${name}`);
      return;
    } catch (error) {
      // Error 55006 (object_in_use) means that connections to it remain.
      if ((error as { code?: string }).code !== '55006') throw error;
      await sleep(50);
    }
  }
  await client.query(`drop database if exists ${name} with (force)`);
}

/**
 * Runs `service/src/cli/admin.ts` in a child process. Its environment is
 * `env` with PATH and HOME only, so no MITELONE_* variable of the shell
 * reaches it. The run is asynchronous, so that an SMTP sink in this process
 * can accept the emails the CLI sends.
 */
export function runAdminCli(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<AdminCliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsxCli, adminScript, ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const status = error
          ? typeof error.code === 'number'
            ? error.code
            : -1
          : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/** Starts the service on a fresh data folder and database. */
export async function startTestService(
  options: TestServiceOptions = {},
): Promise<TestService> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mitelone-service-'));
  const testDatabase = await createTestDatabaseUrl();
  const env: Record<string, string | undefined> = {
    MITELONE_DATA_DIR: dataDir,
    MITELONE_PUBLIC_URL: options.listen ? undefined : TEST_PUBLIC_URL,
    MITELONE_PORT: '0',
    MITELONE_DATABASE_URL: testDatabase.url,
    MITELONE_LOG_LEVEL: 'silent',
    ...options.env,
  };

  const config = loadServiceConfig(env);
  const database = openDatabase(config.database);
  await migrateToLatest(database);

  const logger = options.logger ?? createLogger('silent');
  const received: ReceivedRequest[] = [];
  const build = async () => {
    const built = await buildServer({
      config,
      database,
      now: options.now,
      logger,
      signInLimits: options.signInLimits,
      resetLimits: options.resetLimits,
      ssoKeySetCooldownMs: options.ssoKeySetCooldownMs,
    });
    recordRequests(built, received);
    return built;
  };

  let app = await build();
  let running = true;
  let port: number | null = null;
  if (options.listen) {
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  }
  const url = port === null ? TEST_PUBLIC_URL : `http://127.0.0.1:${port}`;

  // The CLI runs in another process, so it learns the service's address here.
  const cliEnv = {
    ...env,
    MITELONE_PUBLIC_URL: env.MITELONE_PUBLIC_URL ?? url,
  };

  return {
    get app() {
      return app;
    },
    config,
    database,
    dataDir,
    url,
    received,
    adminCli: (...args) => runAdminCli(args, cliEnv),
    async stop() {
      running = false;
      await app.close();
    },
    async restart() {
      app = await build();
      if (port !== null) await app.listen({ host: '127.0.0.1', port });
      running = true;
    },
    async close() {
      if (running) await app.close();
      running = false;
      await database.close();
      await testDatabase.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Records requests as the HTTP server receives them, so that requests sent
 * with `app.inject`, which never reach the server, are left out.
 */
function recordRequests(app: ServiceServer, received: ReceivedRequest[]) {
  app.server.on('request', (request: IncomingMessage) => {
    received.push({
      route: `${request.method} ${(request.url ?? '/').split('?')[0]}`,
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
    });
  });
}
