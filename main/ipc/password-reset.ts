import { RESET_CODE_LENGTH, type PasswordResetProof } from '../../contract/api';
import { fail, ok, type Result } from '../../contract/errors';
import type { AreaHandlers, HandlerContext } from './handlers';
import { chooseOrigin } from './service-origin';

const codePattern = new RegExp(`^[0-9]{${RESET_CODE_LENGTH}}$`);

/** A reset's proof for the service, and the service it goes to. */
interface ResolvedProof {
  origin: string;
  proof: PasswordResetProof;
  /** The reset link the proof came from, removed once the reset is complete. */
  linkId?: string;
}

export function createPasswordResetHandlers(
  context: HandlerContext,
): AreaHandlers<'passwordReset'> {
  const logger = context.logger.child({ area: 'passwordReset' });
  /** Service of the last reset request, where its code is checked. */
  let requestedOrigin: string | null = null;

  /**
   * Turns a reset link's id into its token, or checks the code's form. The
   * code loses spaces that came with copying it, and a code of other than six
   * digits never reaches the service.
   */
  function resolveProof(
    args: { linkId: string } | { email: string; code: string },
  ): Result<ResolvedProof> {
    if ('linkId' in args) {
      const link = context.inbox.usable(args.linkId, 'reset');
      if (!link.ok) {
        return link;
      }
      return ok({
        origin: link.value.serviceOrigin,
        proof: { token: link.value.token },
        linkId: args.linkId,
      });
    }

    const code = args.code.replace(/\s+/g, '');
    if (!codePattern.test(code)) {
      return fail('RESET_INVALID', { field: 'code' });
    }
    const origin = requestedOrigin ?? context.configuredOrigin();
    if (!origin) {
      return fail('SERVICE_NOT_CONFIGURED', { field: 'serviceUrl' });
    }
    return ok({ origin, proof: { email: args.email, code } });
  }

  // A reset sets a password, so every reset channel is closed while the
  // organisation turned password sign-in off.
  const resetsDisabled = () => !context.policy.passwordSignIn();

  return {
    'passwordReset:request': async (args) => {
      if (resetsDisabled()) {
        return fail('PASSWORD_SIGN_IN_MANAGED');
      }
      const origin = chooseOrigin(args, context);
      if (!origin.ok) {
        return origin;
      }

      const result = await context
        .clientFor(origin.value)
        .requestPasswordReset({
          email: args.email,
          locale: context.language(),
          ...(args.accountNumber === undefined
            ? {}
            : { accountNumber: args.accountNumber }),
        });
      if (result.ok) {
        requestedOrigin = origin.value;
        logger.info({ origin: origin.value }, 'password reset requested');
      }
      return result;
    },

    'passwordReset:check': async (args) => {
      if (resetsDisabled()) {
        return fail('PASSWORD_SIGN_IN_MANAGED');
      }
      const resolved = resolveProof(args);
      if (!resolved.ok) {
        return resolved;
      }
      const { origin, proof } = resolved.value;
      return context.clientFor(origin).checkPasswordReset(proof);
    },

    'passwordReset:complete': async (args) => {
      if (resetsDisabled()) {
        return fail('PASSWORD_SIGN_IN_MANAGED');
      }
      const { newPassword, ...proofArgs } = args;
      const resolved = resolveProof(proofArgs);
      if (!resolved.ok) {
        return resolved;
      }

      const { origin, proof, linkId } = resolved.value;
      const grant = await context
        .clientFor(origin)
        .completePasswordReset({ ...proof, newPassword });
      if (!grant.ok) {
        return grant;
      }

      if (linkId !== undefined) {
        context.inbox.remove(linkId);
      }
      requestedOrigin = null;
      logger.info(
        { origin, userId: grant.value.user.id, viaLink: linkId !== undefined },
        'password reset; signing in',
      );
      await context.useService(origin);
      await context.session.begin(origin, grant.value);
      return ok(grant.value.user);
    },
  };
}
