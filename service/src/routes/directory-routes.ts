import { sql } from 'kysely';
import {
  DirectoryPage,
  DirectoryQuery,
  type DirectoryEntry,
} from '../../../contract/api';
import { authOf, createAuthenticate } from '../auth/authenticate';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { withErrors, type ServiceApp } from './responses';
import { foldForSearch } from '../profile/name-key';

const DEFAULT_PAGE_SIZE = 50;

interface Cursor {
  nameKey: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.nameKey, cursor.id])).toString(
    'base64url',
  );
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    );
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return { nameKey: value[0], id: value[1] };
    }
  } catch {
    // Falls through to null: the cursor was not made by encodeCursor.
  }

  return null;
}

/** Escapes `%`, `_` and the escape character itself for LIKE ... ESCAPE '\'. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Registers the directory: the people of the caller's account, including
 * licensed people who have not registered yet, sorted by name (display
 * name, else email) and then id.
 */
export function registerDirectoryRoutes(
  app: ServiceApp,
  context: ServiceContext,
) {
  const authenticate = createAuthenticate(context);

  app.get(
    '/v1/directory',
    {
      preHandler: authenticate,
      schema: {
        querystring: DirectoryQuery,
        response: withErrors({ 200: DirectoryPage }),
      },
    },
    async (request) => {
      const { userId } = authOf(request);
      const { q, cursor, limit = DEFAULT_PAGE_SIZE } = request.query;

      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (after === null) {
        throw ServiceError.of(
          'VALIDATION_FAILED',
          'The cursor is not one that this service returned.',
          { field: 'cursor' },
        );
      }

      let query = context.db
        .selectFrom('users')
        .innerJoin('users as caller', 'caller.account_id', 'users.account_id')
        .leftJoin('user_photos', 'user_photos.user_id', 'users.id')
        .select([
          'users.id',
          'users.display_name',
          'users.email',
          'users.status_message',
          'users.registered_at',
          'users.name_key',
          'user_photos.version as photo_version',
        ])
        .where('caller.id', '=', userId);

      // Each word must appear in the name or the email, in any order, so
      // that "berger anna" finds Anna Berger. Names are stored folded, and
      // emails are matched as typed, in lower case.
      const words = q?.trim().split(/\s+/).filter(Boolean) ?? [];
      for (const word of words) {
        const namePattern = `%${escapeLikePattern(foldForSearch(word))}%`;
        const emailPattern = `%${escapeLikePattern(word.toLowerCase())}%`;
        query = query.where((eb) =>
          eb.or([
            sql<boolean>`${eb.ref('users.name_key')} like ${namePattern} escape '\\'`,
            sql<boolean>`${eb.ref('users.email')} like ${emailPattern} escape '\\'`,
          ]),
        );
      }

      if (after) {
        query = query.where((eb) =>
          eb.or([
            eb('users.name_key', '>', after.nameKey),
            eb.and([
              eb('users.name_key', '=', after.nameKey),
              eb('users.id', '>', after.id),
            ]),
          ]),
        );
      }

      const rows = await query
        .orderBy('users.name_key')
        .orderBy('users.id')
        .limit(limit + 1)
        .execute();

      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const entries: DirectoryEntry[] = page.map((row) => ({
        id: row.id,
        displayName: row.display_name,
        email: row.email,
        statusMessage: row.status_message,
        photoVersion: row.photo_version,
        registered: row.registered_at !== null,
      }));

      return {
        entries,
        nextCursor:
          rows.length > limit && last
            ? encodeCursor({ nameKey: last.name_key, id: last.id })
            : null,
      };
    },
  );
}
