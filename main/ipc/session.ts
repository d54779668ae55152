import { fail, ok, type Result } from '../../contract/errors';
import type { IpcArgs } from '../../contract/ipc';
import { parseServiceUrl } from '../service-url';
import type { AreaHandlers, HandlerContext } from './handlers';

export interface SessionHandlerOptions {
  /** Resolves when the sign-in from the keychain at start has finished. */
  started(): Promise<void>;
}

/**
 * Picks the service to sign in to. A service address from the person is
 * accepted only while none is configured, or when it names the configured one.
 */
function chooseOrigin(
  args: IpcArgs<'session:signIn'>,
  configured: string | null,
): Result<string> {
  if (args.serviceUrl === undefined) {
    return configured
      ? ok(configured)
      : fail('SERVICE_NOT_CONFIGURED', { field: 'serviceUrl' });
  }

  const typed = parseServiceUrl(args.serviceUrl);
  if (!typed.ok || configured === null || typed.value === configured) {
    return typed;
  }
  return fail('VALIDATION_FAILED', { field: 'serviceUrl' });
}

export function createSessionHandlers(
  context: HandlerContext,
  options: SessionHandlerOptions,
): AreaHandlers<'session'> {
  const logger = context.logger.child({ area: 'session' });

  return {
    'session:get': async () => {
      await options.started();
      return ok(await context.session.current());
    },

    'session:signIn': async (args) => {
      const origin = chooseOrigin(args, context.configuredOrigin());
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
