import { fail, ok } from '../../contract/errors';
import { parseExternalUrl } from '../external-url';
import type { AreaHandlers, HandlerContext } from './handlers';

/** Handlers of the app's information and links; app-support.ts handles the log folder. */
export function createAppHandlers(
  context: HandlerContext,
): Omit<AreaHandlers<'app'>, 'app:openLogFolder'> {
  const logger = context.logger.child({ area: 'app' });

  return {
    'app:getInfo': async () => ok(context.appInfo()),

    'app:openInBrowser': async ({ url }) => {
      const external = parseExternalUrl(url);
      if (!external) {
        logger.warn({ scheme: url.split(':', 1)[0] }, 'external URL rejected');
        return fail('EXTERNAL_URL_REJECTED', { field: 'url' });
      }
      await context.openInBrowser(external);
      return ok(null);
    },
  };
}
