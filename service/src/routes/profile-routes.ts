import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Updateable } from 'kysely';
import {
  MAX_PHOTO_BYTES,
  ProfileUpdate,
  UserProfile,
} from '../../../contract/api';
import { authOf, createAuthenticate } from '../auth/authenticate';
import type { ServiceContext } from '../context';
import type { UserTable } from '../db/schema';
import { ServiceError, unwrap } from '../errors';
import { processPhoto } from '../photos/process-photo';
import {
  validateDisplayName,
  validateStatusMessage,
} from '../profile/text-fields';
import { loadUserProfile } from '../profile/user-profile';
import { newId } from '../secure-random';
import { withErrors, type ServiceApp } from './responses';
import { foldForSearch } from '../profile/name-key';

/**
 * Registers the routes of the signed-in person's profile and photo, and of
 * other users' photos.
 */
export function registerProfileRoutes(
  app: ServiceApp,
  context: ServiceContext,
) {
  const authenticate = createAuthenticate(context);

  async function profileOf(userId: string) {
    const profile = await loadUserProfile(context.db, userId);
    if (!profile) {
      throw ServiceError.of('UNAUTHENTICATED', 'The user no longer exists.');
    }

    return profile;
  }

  app.get(
    '/v1/me',
    {
      preHandler: authenticate,
      schema: { response: withErrors({ 200: UserProfile }) },
    },
    async (request) => profileOf(authOf(request).userId),
  );

  app.patch(
    '/v1/me',
    {
      preHandler: authenticate,
      schema: {
        body: ProfileUpdate,
        response: withErrors({ 200: UserProfile }),
      },
    },
    async (request) => {
      const { userId } = authOf(request);
      const changes = profileChanges(request.body);

      if (Object.keys(changes).length > 0) {
        await context.db
          .updateTable('users')
          .set(changes)
          .where('id', '=', userId)
          .execute();
      }

      // Keeps the time the profile dialog was first completed.
      if (request.body.profileCompleted) {
        await context.db
          .updateTable('users')
          .set({ profile_completed_at: context.now().toISOString() })
          .where('id', '=', userId)
          .where('profile_completed_at', 'is', null)
          .execute();
      }

      return profileOf(userId);
    },
  );

  app.register(async (scope) => {
    registerPhotoUpload(scope.withTypeProvider<TypeBoxTypeProvider>());
  });

  function registerPhotoUpload(scope: ServiceApp) {
    // Only raw image bodies; the handler judges the type by content.
    scope.removeAllContentTypeParsers();
    for (const contentType of [
      'application/octet-stream',
      /^image\/[\w.+-]+$/,
    ]) {
      scope.addContentTypeParser(
        contentType,
        { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES },
        (_request, body, done) => done(null, body),
      );
    }

    scope.put(
      '/v1/me/photo',
      {
        preHandler: authenticate,
        bodyLimit: MAX_PHOTO_BYTES,
        config: {
          bodyErrorCodes: {
            bodyTooLarge: 'PHOTO_TOO_LARGE',
            unsupportedMediaType: 'PHOTO_TYPE_UNSUPPORTED',
          },
        },
        schema: { response: withErrors({ 200: UserProfile }) },
      },
      async (request) => {
        const { userId } = authOf(request);
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw ServiceError.of(
            'PHOTO_TYPE_UNSUPPORTED',
            'The request body must be the raw bytes of a JPEG, PNG or WebP image.',
          );
        }

        const photo = unwrap(await processPhoto(body));
        await storePhoto(userId, photo.bytes, photo.contentType);
        request.log.info(
          { userId, bytes: photo.bytes.length },
          'Profile photo stored',
        );

        return profileOf(userId);
      },
    );
  }

  async function storePhoto(
    userId: string,
    bytes: Buffer,
    contentType: string,
  ) {
    const row = {
      user_id: userId,
      version: newId(),
      content_type: contentType,
      bytes,
      updated_at: context.now().toISOString(),
    };

    await context.db
      .insertInto('user_photos')
      .values(row)
      .onConflict((conflict) =>
        conflict.column('user_id').doUpdateSet({
          version: row.version,
          content_type: row.content_type,
          bytes: row.bytes,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  app.delete(
    '/v1/me/photo',
    {
      preHandler: authenticate,
      schema: { response: withErrors({ 200: UserProfile }) },
    },
    async (request) => {
      const { userId } = authOf(request);
      await context.db
        .deleteFrom('user_photos')
        .where('user_id', '=', userId)
        .execute();

      return profileOf(userId);
    },
  );

  app.get(
    '/v1/users/:userId/photo',
    {
      preHandler: authenticate,
      schema: {
        params: Type.Object({ userId: Type.String({ maxLength: 64 }) }),
        response: withErrors({
          200: Type.Unsafe<Buffer>({ description: 'The photo bytes.' }),
          304: Type.Null(),
        }),
      },
    },
    async (request, reply) => {
      const caller = authOf(request);
      const photo = await context.db
        .selectFrom('user_photos')
        .innerJoin('users as owner', 'owner.id', 'user_photos.user_id')
        .innerJoin('users as caller', 'caller.account_id', 'owner.account_id')
        .select([
          'user_photos.version',
          'user_photos.content_type',
          'user_photos.bytes',
        ])
        .where('owner.id', '=', request.params.userId)
        .where('caller.id', '=', caller.userId)
        .executeTakeFirst();

      // Users of other accounts get the same response as users without a photo.
      if (!photo) {
        throw ServiceError.of(
          'PHOTO_NOT_FOUND',
          'The user has no photo, or is not in your account.',
        );
      }

      const etag = `"${photo.version}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff');

      if (request.headers['if-none-match'] === etag) {
        return reply.code(304).send(null);
      }

      return reply.type(photo.content_type).send(photo.bytes);
    },
  );
}

/** Validates a profile update and returns the columns to change. */
function profileChanges(update: ProfileUpdate): Updateable<UserTable> {
  const changes: Updateable<UserTable> = {};

  if (update.displayName !== undefined) {
    const name = unwrap(validateDisplayName(update.displayName));
    changes.display_name = name;
    changes.name_key = foldForSearch(name);
  }

  if (update.statusMessage !== undefined) {
    changes.status_message = unwrap(
      validateStatusMessage(update.statusMessage),
    );
  }

  if (update.locale !== undefined) changes.locale = update.locale;

  return changes;
}
