import {
  Migrator,
  sql,
  type Kysely,
  type Migration,
  type MigrationResult,
} from 'kysely';
import { foldForSearch } from '../profile/name-key';
import type { Dialect, ServiceDatabase } from './database';

/*
 * Migrations live in code, so the service and the admin CLI carry them
 * without a folder of files. Add new ones at the end with a later name;
 * never change one that has shipped.
 */

function initialSchema(dialect: Dialect): Migration {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';

  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('number', 'text', (column) => column.notNull().unique())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('default_locale', 'text', (column) => column.notNull())
        .addColumn('sign_in_method', 'text', (column) =>
          column.notNull().defaultTo('password'),
        )
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('account_id', 'text', (column) =>
          column.notNull().references('accounts.id').onDelete('cascade'),
        )
        .addColumn('email', 'text', (column) => column.notNull())
        .addColumn('display_name', 'text')
        // Binary collation in PostgreSQL, so that paging by name compares
        // the same way as in SQLite.
        .addColumn('name_key', 'text', (column) =>
          dialect === 'postgres'
            ? column.notNull().modifyEnd(sql`collate "C"`)
            : column.notNull(),
        )
        .addColumn('password_hash', 'text')
        .addColumn('status_message', 'text', (column) =>
          column.notNull().defaultTo(''),
        )
        .addColumn('locale', 'text', (column) => column.notNull())
        .addColumn('licence', 'text', (column) => column.notNull())
        .addColumn('terms_version', 'text')
        .addColumn('terms_accepted_at', 'text')
        .addColumn('registered_at', 'text')
        .addColumn('profile_completed_at', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addUniqueConstraint('users_account_email_unique', [
          'account_id',
          'email',
        ])
        .execute();

      await db.schema
        .createIndex('users_email_index')
        .on('users')
        .column('email')
        .execute();

      await db.schema
        .createIndex('users_directory_index')
        .on('users')
        .columns(['account_id', 'name_key', 'id'])
        .execute();

      await db.schema
        .createTable('user_photos')
        .addColumn('user_id', 'text', (column) =>
          column.primaryKey().references('users.id').onDelete('cascade'),
        )
        .addColumn('version', 'text', (column) => column.notNull())
        .addColumn('content_type', 'text', (column) => column.notNull())
        .addColumn('bytes', sql.raw(blob), (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('invitations')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('user_id', 'text', (column) =>
          column.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .addColumn('used_at', 'text')
        .addColumn('replaced_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createIndex('invitations_user_index')
        .on('invitations')
        .columns(['user_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('family_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) =>
          column.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('refresh_token_hash', 'text', (column) =>
          column.notNull().unique(),
        )
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .addColumn('rotated_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createIndex('sessions_family_index')
        .on('sessions')
        .column('family_id')
        .execute();

      await db.schema
        .createTable('sign_in_failures')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('key_hash', 'text', (column) => column.notNull())
        .addColumn('failed_at', 'text', (column) => column.notNull())
        .execute();

      await db.schema
        .createIndex('sign_in_failures_key_index')
        .on('sign_in_failures')
        .columns(['key_hash', 'failed_at'])
        .execute();

      await db.schema
        .createTable('service_secrets')
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('value', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
    },
  };
}

/**
 * An account's single sign-on settings, one row per SSO account, and the
 * identity provider's stable subject (`oid`) of each user.
 */
const singleSignOn: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('account_sso_settings')
      .addColumn('account_id', 'text', (column) =>
        column.primaryKey().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('authority', 'text', (column) => column.notNull())
      .addColumn('tenant_id', 'text', (column) => column.notNull())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('api_scope', 'text', (column) => column.notNull())
      .addColumn('audience', 'text')
      .addColumn('password_sign_in_allowed', 'integer', (column) =>
        column.notNull().defaultTo(0),
      )
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();

    await db.schema
      .createIndex('account_sso_settings_tenant_index')
      .on('account_sso_settings')
      .column('tenant_id')
      .execute();

    await db.schema
      .alterTable('users')
      .addColumn('sso_subject', 'text')
      .execute();

    // NULLs do not collide, so only users who signed in with SSO count.
    await db.schema
      .createIndex('users_account_sso_subject_unique')
      .on('users')
      .columns(['account_id', 'sso_subject'])
      .unique()
      .execute();
  },
};

const passwordResets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('password_resets')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'text', (column) =>
        column.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('token_hash', 'text', (column) => column.notNull().unique())
      .addColumn('code_hash', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'text', (column) => column.notNull())
      .addColumn('used_at', 'text')
      .addColumn('ended_at', 'text')
      .addColumn('failed_attempts', 'integer', (column) =>
        column.notNull().defaultTo(0),
      )
      .execute();

    await db.schema
      .createIndex('password_resets_user_index')
      .on('password_resets')
      .columns(['user_id', 'created_at'])
      .execute();
  },
};

/**
 * Stores every name key folded (lower case, no accents or umlauts), so that
 * the directory search finds "Müller" when "mull" is typed.
 */
const foldedNameKeys: Migration = {
  async up(db: Kysely<unknown>) {
    const users = db as Kysely<{
      users: {
        id: string;
        display_name: string | null;
        email: string;
        name_key: string;
      };
    }>;
    const rows = await users
      .selectFrom('users')
      .select(['id', 'display_name', 'email'])
      .execute();

    for (const row of rows) {
      await users
        .updateTable('users')
        .set({ name_key: foldForSearch(row.display_name ?? row.email) })
        .where('id', '=', row.id)
        .execute();
    }
  },
};

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '2026-01-01-initial-schema': initialSchema(dialect),
    '2026-02-01-folded-name-keys': foldedNameKeys,
    '2026-02-01-single-sign-on': singleSignOn,
    '2026-02-02-password-resets': passwordResets,
  };
}

/**
 * Brings the schema up to date. Kysely's migrator takes a lock, so several
 * instances starting at once apply each migration once.
 */
export async function migrateToLatest(
  database: ServiceDatabase,
): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrationsFor(database.dialect) },
  });

  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new Error('Database migration failed', { cause: error });
  }

  return results ?? [];
}
