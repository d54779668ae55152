import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, expect, test } from 'vitest';
import { openDatabase, type ServiceDatabase } from '../../src/db/database';
import { migrateToLatest, migrationsFor } from '../../src/db/migrations';

let database: ServiceDatabase | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('folds the name keys of existing users', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'migrations-'));
  database = openDatabase({ kind: 'sqlite', file: join(dataDir, 'db.sqlite') });
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrationsFor('sqlite') },
  });
  await migrator.migrateTo('2026-01-01-initial-schema');

  const at = new Date().toISOString();
  await sql`insert into accounts (id, number, name, default_locale, created_at)
            values ('a1', '1234567', 'Nord', 'de', ${at})`.execute(database.db);
  await sql`insert into users (id, account_id, email, display_name, name_key, locale, licence, created_at)
            values ('u1', 'a1', 'jonas@example.com', 'Jonas Müller', 'jonas müller', 'de', 'standard', ${at}),
                   ('u2', 'a1', 'zoë@example.com', null, 'zoë@example.com', 'de', 'standard', ${at})`.execute(
    database.db,
  );

  await migrateToLatest(database);

  const rows = await database.db
    .selectFrom('users')
    .select(['id', 'name_key'])
    .orderBy('id')
    .execute();
  expect(rows).toEqual([
    { id: 'u1', name_key: 'jonas muller' },
    { id: 'u2', name_key: 'zoe@example.com' },
  ]);
});
