import { fail, ok } from '../../contract/errors';
import { parseExternalUrl } from '../external-url';
import type { AreaHandlers, HandlerContext } from './handlers';

export function createAppHandlers(
  context: HandlerContext,
): AreaHandlers<'app'> {
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
