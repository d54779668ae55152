import { MAX_PHOTO_BYTES, type ProfileUpdate } from '../../contract/api';
import { fail } from '../../contract/errors';
import type { AreaHandlers, HandlerContext } from './handlers';

export function createProfileHandlers(
  context: HandlerContext,
): AreaHandlers<'profile'> {
  const logger = context.logger.child({ area: 'profile' });

  /** Returns the client of the signed-in session's service, or null when signed out. */
  function signedInClient() {
    const origin = context.session.origin;
    return origin ? context.clientFor(origin) : null;
  }

  return {
    'profile:update': async (args) => {
      const client = signedInClient();
      if (!client) {
        return fail('NOT_SIGNED_IN');
      }

      const update: ProfileUpdate = {};
      if (args.displayName !== undefined) update.displayName = args.displayName;
      if (args.statusMessage !== undefined)
        update.statusMessage = args.statusMessage;
      if (args.profileCompleted !== undefined)
        update.profileCompleted = args.profileCompleted;

      const result = await client.updateMe(update);
      if (result.ok) {
        context.session.updateUser(result.value);
      }
      return result;
    },

    'profile:uploadPhoto': async ({ data }) => {
      if (data.byteLength > MAX_PHOTO_BYTES) {
        return fail('PHOTO_TOO_LARGE', { field: 'photo' });
      }
      if (data.byteLength === 0) {
        return fail('PHOTO_INVALID', { field: 'photo' });
      }
      const client = signedInClient();
      if (!client) {
        return fail('NOT_SIGNED_IN');
      }

      logger.info({ bytes: data.byteLength }, 'uploading photo');
      const result = await client.uploadPhoto(data, (progress) =>
        context.emit('profile:uploadProgress', progress),
      );
      if (result.ok) {
        context.session.updateUser(result.value);
      }
      return result;
    },

    'profile:removePhoto': async () => {
      const client = signedInClient();
      if (!client) {
        return fail('NOT_SIGNED_IN');
      }

      const result = await client.removePhoto();
      if (result.ok) {
        context.session.updateUser(result.value);
      }
      return result;
    },
  };
}
