import { ok } from '../../contract/errors';
import type { AreaHandlers, HandlerContext } from './handlers';

export function createLinkHandlers(
  context: HandlerContext,
): AreaHandlers<'link'> {
  return {
    'link:takePending': async () => ok(context.inbox.takePending()),
    'link:submit': async ({ text }) => ok(context.inbox.submit(text)),
  };
}
