import { Type } from '@sinclair/typebox';
import { InvitationInfo, SetupToken } from '../../../contract/api';
import type { ServiceContext } from '../context';
import { statusOf, unwrap } from '../errors';
import {
  findInvitation,
  findUsableInvitation,
  invitationStateFailure,
} from '../invitations/invitation-lookup';
import { isSetupToken, setupLinkUrl } from '../invitations/setup-token';
import { pickLanguage } from '../pages/accept-language';
import { sendPage } from '../pages/page';
import { setupPage, type UnusableCode } from '../pages/setup-page';
import { loadAccountSso, ssoSettingsOf } from '../sso/sso-config';
import { termsUrl } from './public-routes';
import { withErrors, type ServiceApp } from './responses';

/**
 * Registers the lookup that the app makes before it shows the registration
 * page, and the landing page of the https setup link. Neither consumes the
 * token.
 */
export function registerInvitationRoutes(
  app: ServiceApp,
  context: ServiceContext,
) {
  app.get(
    '/v1/invitations/:token',
    {
      schema: {
        params: Type.Object({ token: SetupToken }),
        response: withErrors({ 200: InvitationInfo }),
      },
    },
    async (request) => {
      const { account, user, invitation } = unwrap(
        await findUsableInvitation(
          context.db,
          request.params.token,
          context.now(),
        ),
      );

      const sso =
        account.sign_in_method === 'sso'
          ? await loadAccountSso(context.db, account.id)
          : undefined;

      return {
        email: user.email,
        accountName: account.name,
        accountNumber: account.number,
        signInMethod: account.sign_in_method,
        expiresAt: invitation.expires_at,
        terms: { version: context.config.termsVersion, url: termsUrl(context) },
        ...(sso ? { sso: ssoSettingsOf(sso) } : {}),
      };
    },
  );

  app.get(
    '/setup/:token',
    {
      schema: {
        params: Type.Object({ token: Type.String({ maxLength: 2048 }) }),
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      const acceptLanguage = request.headers['accept-language'];
      const brand = context.config.brand;
      const serviceOrigin = context.publicUrl();

      const record = isSetupToken(token)
        ? await findInvitation(context.db, token)
        : undefined;
      const unusable = record
        ? invitationStateFailure(record.invitation, context.now())
        : { code: 'INVITATION_NOT_FOUND' as const };

      if (!record || unusable) {
        const code = (unusable?.code ?? 'INVITATION_NOT_FOUND') as UnusableCode;
        const lang = pickLanguage(acceptLanguage, record?.user.locale ?? 'de');
        const expiresAt = record && new Date(record.invitation.expires_at);

        return sendPage(
          reply,
          statusOf(code),
          setupPage({
            brand,
            lang,
            serviceOrigin,
            state: {
              kind: 'unusable',
              code,
              expiresAt,
              signInMethod: record?.account.sign_in_method,
            },
          }),
        );
      }

      const { user, account, invitation } = record;
      const lang = pickLanguage(acceptLanguage, user.locale);

      return sendPage(
        reply,
        200,
        setupPage({
          brand,
          lang,
          serviceOrigin,
          state: {
            kind: 'usable',
            email: user.email,
            accountName: account.name,
            signInMethod: account.sign_in_method,
            expiresAt: new Date(invitation.expires_at),
            setupLink: setupLinkUrl(serviceOrigin, token),
            token,
          },
        }),
      );
    },
  );
}
