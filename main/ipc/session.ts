import { fail, ok } from '../../contract/errors';
import type { AreaHandlers, HandlerContext } from './handlers';
import { chooseOrigin } from './service-origin';
import { createSsoHandlers } from './sso';

export interface SessionHandlerOptions {
  /** Resolves when the sign-in from the keychain at start has finished. */
  started(): Promise<void>;
}

export function createSessionHandlers(
  context: HandlerContext,
  options: SessionHandlerOptions,
): AreaHandlers<'session'> {
  const logger = context.logger.child({ area: 'session' });

  return {
    ...createSsoHandlers(context),

    'session:get': async () => {
      await options.started();
      return ok(await context.session.current());
    },

    'session:signIn': async (args) => {
      if (!context.policy.passwordSignIn()) {
        return fail('PASSWORD_SIGN_IN_MANAGED');
      }
      const origin = chooseOrigin(args, context);
      if (!origin.ok) {
        return origin;
      }

      const { email, password, accountNumber } = args;
      const result = await context
        .clientFor(origin.value)
        .signIn(
          accountNumber === undefined
            ? { email, password }
            : { email, password, accountNumber },
        );
      if (!result.ok) {
        return result;
      }

      logger.info(
        { origin: origin.value, userId: result.value.user.id },
        'signed in',
      );
      await context.useService(origin.value);
      await context.session.begin(origin.value, result.value);
      return ok(result.value.user);
    },

    'session:signOut': async () => {
      await context.session.signOut();
      context.photos.clear();
      return ok(null);
    },
  };
}
