import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import type { Database } from './schema';

export type Dialect = DatabaseConfig['kind'];

export interface ServiceDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Milliseconds a SQLite writer waits for another process's lock. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Opens the configured database. Run `migrateToLatest` before use. */
export function openDatabase(config: DatabaseConfig): ServiceDatabase {
  const db =
    config.kind === 'sqlite'
      ? new Kysely<Database>({
          dialect: new SqliteDialect({ database: openSqlite(config.file) }),
        })
      : new Kysely<Database>({
          dialect: new PostgresDialect({
            pool: new pg.Pool({ connectionString: config.url, max: 10 }),
          }),
        });

  return { db, dialect: config.kind, close: () => db.destroy() };
}

function openSqlite(file: string): SqliteDatabase.Database {
  const database = new SqliteDatabase(file);

  // WAL lets the admin CLI write while the service reads; foreign keys are
  // off by default in SQLite.
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  database.pragma('synchronous = NORMAL');

  return database;
}
