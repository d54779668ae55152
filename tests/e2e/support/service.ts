import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadServiceConfig } from '../../../service/src/config';
import { openDatabase } from '../../../service/src/db/database';
import { migrateToLatest } from '../../../service/src/db/migrations';
import { createLogger } from '../../../service/src/logger';
import { buildServer } from '../../../service/src/server';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);

export interface RunningService {
  url: string;
  dataDir: string;
  /**
   * Runs the admin CLI against this service's data, as an administrator
   * would. It runs asynchronously so that the SMTP sink in this process can
   * respond to the CLI while it sends.
   */
  admin(
    ...args: string[]
  ): Promise<{ status: number; stdout: string; stderr: string }>;
  /** Runs the admin CLI with `--json` and returns its parsed output; throws on failure. */
  adminJson<T = unknown>(...args: string[]): Promise<T>;
  /**
   * Moves a person's pending invitation back in time, as if it had been sent
   * `ageMs` ago. The service keeps its real clock; only the stored dates move.
   */
  ageInvitation(email: string, ageMs: number): void;
  close(): Promise<void>;
}

/**
 * Starts the reference service on a fresh data folder with its SQLite file,
 * sending email over SMTP to `smtpUrl` and listening on a free loopback port.
 */
export async function startService(options: {
  smtpUrl: string;
  /** More MITELONE_* settings, such as MITELONE_EXTRA_CA_FILE. */
  env?: Record<string, string>;
}): Promise<RunningService> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mitelone-e2e-service-'));
  const env: Record<string, string> = {
    MITELONE_DATA_DIR: dataDir,
    MITELONE_HOST: '127.0.0.1',
    MITELONE_PORT: '0',
    MITELONE_SMTP_URL: options.smtpUrl,
    MITELONE_LOG_LEVEL: 'warn',
    ...options.env,
  };

  const config = loadServiceConfig(env);
  const database = openDatabase(config.database);
  await migrateToLatest(database);
  const app = await buildServer({
    config,
    database,
    logger: createLogger(config.logLevel),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  // The CLI is a separate process: it learns the service's address from here.
  env.MITELONE_PUBLIC_URL = url;

  const admin = (...args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [
            path.join(root, 'node_modules/tsx/dist/cli.mjs'),
            'service/src/cli/admin.ts',
            ...args,
          ],
          { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' },
          (error, stdout, stderr) => {
            const status = error
              ? typeof error.code === 'number'
                ? error.code
                : 1
              : 0;
            resolve({ status, stdout, stderr });
          },
        );
      },
    );

  return {
    url,
    dataDir,
    admin,
    async adminJson<T>(...args: string[]) {
      const result = await admin(...args, '--json');
      if (result.status !== 0) {
        throw new Error(
          `admin ${args.join(' ')} failed (${result.status}): ${result.stderr}`,
        );
      }
      return JSON.parse(result.stdout) as T;
    },
    ageInvitation(email, ageMs) {
      const sqlite = new Database(path.join(dataDir, 'service.sqlite'));
      try {
        const shift = (iso: string) =>
          new Date(Date.parse(iso) - ageMs).toISOString();
        const rows = sqlite
          .prepare(
            `select invitations.id, invitations.created_at, invitations.expires_at
             from invitations join users on users.id = invitations.user_id
             where users.email = ? and invitations.status = 'pending'`,
          )
          .all(email.toLowerCase()) as {
          id: string;
          created_at: string;
          expires_at: string;
        }[];
        if (rows.length !== 1)
          throw new Error(`${rows.length} pending invitations for ${email}`);

        const [row] = rows as [(typeof rows)[number]];
        sqlite
          .prepare(
            'update invitations set created_at = ?, expires_at = ? where id = ?',
          )
          .run(shift(row.created_at), shift(row.expires_at), row.id);
      } finally {
        sqlite.close();
      }
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
