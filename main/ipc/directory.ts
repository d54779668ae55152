import { fail } from '../../contract/errors';
import type { AreaHandlers, HandlerContext } from './handlers';

/** Entries per page. The service allows up to 200. */
const PAGE_SIZE = 50;

export function createDirectoryHandlers(
  context: HandlerContext,
): AreaHandlers<'directory'> {
  return {
    'directory:search': async ({ query, cursor }) => {
      const origin = context.session.origin;
      if (!origin) {
        return fail('NOT_SIGNED_IN');
      }
      return context
        .clientFor(origin)
        .searchDirectory({ q: query, cursor, limit: PAGE_SIZE });
    },
  };
}
