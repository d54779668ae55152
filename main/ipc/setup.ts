import { fail, ok, type Result } from '../../contract/errors';
import type { PendingLink } from '../link-inbox';
import type { AreaHandlers, HandlerContext } from './handlers';

export function createSetupHandlers(
  context: HandlerContext,
): AreaHandlers<'setup'> {
  const logger = context.logger.child({ area: 'setup' });

  /** Finds a pending setup link whose service is configured or confirmed. */
  function usableLink(linkId: string): Result<PendingLink> {
    return context.inbox.usable(linkId, 'setup');
  }

  return {
    'setup:trustService': async ({ linkId }) => {
      if (!context.inbox.confirm(linkId)) {
        return fail('LINK_UNKNOWN');
      }
      logger.info({ linkId }, 'service of a setup link confirmed');
      return ok(null);
    },

    'setup:inspect': async ({ linkId }) => {
      const link = usableLink(linkId);
      if (!link.ok) {
        return link;
      }
      return context.invitations.lookup(link.value);
    },

    'setup:register': async ({
      linkId,
      displayName,
      password,
      acceptedTermsVersion,
    }) => {
      const link = usableLink(linkId);
      if (!link.ok) {
        return link;
      }

      const { serviceOrigin, token } = link.value;
      const locale = context.language();
      const result = await context.clientFor(serviceOrigin).register({
        token,
        displayName,
        password,
        acceptedTermsVersion,
        locale,
      });
      if (!result.ok) {
        return result;
      }

      context.inbox.remove(linkId);
      context.invitations.forget(linkId);
      // NOTE: with a preset service address, a registration at another,
      // confirmed service is not resumed after a restart, because the
      // keychain is read for the preset origin.
      logger.info(
        { origin: serviceOrigin, userId: result.value.user.id },
        'registered',
      );
      await context.useService(serviceOrigin);
      await context.session.begin(serviceOrigin, result.value);
      return ok(result.value.user);
    },

    'setup:discard': async ({ linkId }) => {
      context.inbox.remove(linkId);
      context.invitations.forget(linkId);
      return ok(null);
    },
  };
}
