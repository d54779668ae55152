import { fail, ok, type Result } from '../../contract/errors';
import type { AreaHandlers, HandlerContext } from './handlers';

export function createPhotoHandlers(
  context: HandlerContext,
): AreaHandlers<'photos'> {
  /** Fetches in flight, by cache key, so that a list of avatars fetches each photo once. */
  const inFlight = new Map<string, Promise<Result<string | null>>>();

  async function fetchPhoto(origin: string, userId: string, version: string) {
    const result = await context.clientFor(origin).getUserPhoto(userId);
    if (!result.ok || result.value === null) {
      return result.ok ? ok(null) : result;
    }

    const { contentType, data } = result.value;
    const dataUrl = `data:${contentType};base64,${data.toString('base64')}`;
    context.photos.set(userId, version, dataUrl);
    return ok(dataUrl);
  }

  return {
    'photos:get': async ({ userId, version }) => {
      const cached = context.photos.get(userId, version);
      if (cached !== undefined) {
        return ok(cached);
      }
      const origin = context.session.origin;
      if (!origin) {
        return fail('NOT_SIGNED_IN');
      }

      const key = JSON.stringify([origin, userId, version]);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = fetchPhoto(origin, userId, version).finally(() =>
          inFlight.delete(key),
        );
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}
