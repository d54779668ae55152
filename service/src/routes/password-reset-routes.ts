import { Type } from '@sinclair/typebox';
import {
  PasswordResetCompletion,
  PasswordResetInfo,
  PasswordResetProof,
  PasswordResetRequest,
  PasswordResetStarted,
  SessionGrant,
} from '../../../contract/api';
import { SETUP_TOKEN_PATTERN } from '../../../contract/setup-link';
import type { ServiceContext } from '../context';
import { statusOf, unwrap } from '../errors';
import { pickLanguage } from '../pages/accept-language';
import { sendPage } from '../pages/page';
import { resetPage, type UnusableResetCode } from '../pages/reset-page';
import { completePasswordReset } from '../password-reset/reset-completion';
import {
  findProvenReset,
  findResetOfToken,
  resetStateFailure,
} from '../password-reset/reset-proof';
import { requestPasswordReset } from '../password-reset/reset-request';
import { withErrors, type ServiceApp } from './responses';
import { sessionGrantOf } from './session-grant';

/**
 * Registers the password reset: the request that sends the email, the
 * check of its link or code, the completion with the new password, and the
 * landing page of the link. Only the completion consumes the reset.
 */
export function registerPasswordResetRoutes(
  app: ServiceApp,
  context: ServiceContext,
) {
  app.post(
    '/v1/password-resets',
    {
      schema: {
        body: PasswordResetRequest,
        response: withErrors({ 202: PasswordResetStarted }),
      },
    },
    async (request, reply) => {
      const started = unwrap(
        await requestPasswordReset(context, request.body, request.ip),
      );

      return reply.code(202).send(started);
    },
  );

  app.post(
    '/v1/password-resets/check',
    {
      schema: {
        body: PasswordResetProof,
        response: withErrors({ 200: PasswordResetInfo }),
      },
    },
    async (request) => {
      const reset = unwrap(await findProvenReset(context, request.body));

      return { email: reset.email, expiresAt: reset.expires_at };
    },
  );

  app.post(
    '/v1/password-resets/complete',
    {
      schema: {
        body: PasswordResetCompletion,
        response: withErrors({ 200: SessionGrant }),
      },
    },
    async (request) => {
      const tokens = unwrap(await completePasswordReset(context, request.body));

      return sessionGrantOf(context, tokens);
    },
  );

  app.get(
    '/reset/:token',
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

      const reset = SETUP_TOKEN_PATTERN.test(token)
        ? await findResetOfToken(context.db, token)
        : undefined;
      const unusable = reset
        ? resetStateFailure(reset, context.now())
        : { code: 'RESET_INVALID' as const };
      const lang = pickLanguage(acceptLanguage, reset?.locale ?? 'de');

      if (!reset || unusable) {
        const code = (unusable?.code ?? 'RESET_INVALID') as UnusableResetCode;

        return sendPage(
          reply,
          statusOf(code),
          resetPage({
            brand,
            lang,
            serviceOrigin,
            state: { kind: 'unusable', code },
          }),
        );
      }

      return sendPage(
        reply,
        200,
        resetPage({
          brand,
          lang,
          serviceOrigin,
          state: {
            kind: 'usable',
            email: reset.email,
            expiresAt: new Date(reset.expires_at),
            token,
          },
        }),
      );
    },
  );
}
