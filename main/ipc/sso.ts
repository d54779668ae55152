import type { SignInMethod, SsoSettings } from '../../contract/api';
import { fail, ok, type Result } from '../../contract/errors';
import type { IpcArgs } from '../../contract/ipc';
import type { HandlerContext, IpcHandler } from './handlers';
import { chooseOrigin } from './service-origin';

type SsoChannel =
  'session:discover' | 'session:signInSso' | 'session:cancelSso';

/** The response of the last `session:discover`, kept in main for the sign-in that follows. */
interface Discovery {
  origin: string;
  methods: SignInMethod[];
  /** The email as sent, trimmed and in lower case for comparison. */
  email: string;
  accountNumber?: string;
  sso?: SsoSettings;
}

/** Destination of an SSO sign-in, and the values it sends along. */
interface SsoTarget {
  origin: string;
  settings: SsoSettings;
  loginHint?: string;
  accountNumber?: string;
  /** The setup link that started the sign-in, removed once it succeeded. */
  linkId?: string;
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Handlers of single sign-on: the discovery of how an email signs in, the
 * sign-in in the system browser, and its cancellation. The SSO settings stay
 * in main, and the renderer gets only the sign-in methods.
 */
export function createSsoHandlers(context: HandlerContext): {
  [C in SsoChannel]: IpcHandler<C>;
} {
  const logger = context.logger.child({ area: 'sso' });
  let lastDiscovery: Discovery | null = null;

  /** Drops the password while the organisation turned password sign-in off. */
  function allowedMethods(methods: SignInMethod[]): SignInMethod[] {
    return context.policy.passwordSignIn()
      ? methods
      : methods.filter((method) => method !== 'password');
  }

  async function discover(
    origin: string,
    email: string,
    accountNumber: string | undefined,
  ): Promise<Result<Discovery>> {
    const result = await context
      .clientFor(origin)
      .discover(
        accountNumber === undefined ? { email } : { email, accountNumber },
      );
    if (!result.ok) {
      return result;
    }

    const { sso } = result.value;
    const methods = allowedMethods(result.value.methods);
    if (methods.includes('sso') && !sso) {
      logger.warn({ origin }, 'discovery offers SSO without its settings');
      return fail('SERVICE_INCOMPATIBLE');
    }
    if (methods.length === 0) {
      return fail('PASSWORD_SIGN_IN_MANAGED');
    }
    const discovery: Discovery = {
      origin,
      methods,
      email: normalizeEmail(email),
      accountNumber: result.value.accountNumber ?? accountNumber,
      sso: methods.includes('sso') ? sso : undefined,
    };
    lastDiscovery = discovery;
    return ok(discovery);
  }

  /** Reads the SSO settings from the invitation of an SSO account's setup link. */
  async function targetOfLink(
    linkId: string,
    args: IpcArgs<'session:signInSso'>,
  ): Promise<Result<SsoTarget>> {
    const link = context.inbox.usable(linkId, 'setup');
    if (!link.ok) {
      return link;
    }

    const invitation = await context.invitations.lookup(link.value);
    if (!invitation.ok) {
      return invitation;
    }
    if (!invitation.value.sso) {
      return fail('SSO_NOT_CONFIGURED');
    }
    return ok({
      origin: link.value.serviceOrigin,
      settings: invitation.value.sso,
      loginHint: args.email ?? invitation.value.email,
      accountNumber: args.accountNumber,
      linkId,
    });
  }

  /** Returns the email's SSO settings from the last discovery, or from a new one. */
  async function targetOfEmail(
    email: string,
    accountNumber: string | undefined,
  ): Promise<Result<SsoTarget>> {
    let discovery = lastDiscovery;
    const matches =
      discovery !== null &&
      discovery.email === normalizeEmail(email) &&
      (accountNumber === undefined ||
        accountNumber === discovery.accountNumber);
    if (!matches) {
      const origin = chooseOrigin({}, context);
      if (!origin.ok) {
        return origin;
      }
      const fresh = await discover(origin.value, email, accountNumber);
      if (!fresh.ok) {
        return fresh;
      }
      discovery = fresh.value;
    }

    if (!discovery?.sso) {
      return fail('SSO_NOT_CONFIGURED');
    }
    return ok({
      origin: discovery.origin,
      settings: discovery.sso,
      loginHint: email,
      accountNumber: discovery.accountNumber,
    });
  }

  function targetOfPreset(
    args: IpcArgs<'session:signInSso'>,
  ): Result<SsoTarget> {
    const preset = context.ssoPreset();
    if (!preset) {
      return fail('VALIDATION_FAILED', { field: 'email' });
    }
    return ok({ ...preset, accountNumber: args.accountNumber });
  }

  function chooseTarget(
    args: IpcArgs<'session:signInSso'>,
  ): Promise<Result<SsoTarget>> | Result<SsoTarget> {
    if (args.linkId !== undefined) {
      return targetOfLink(args.linkId, args);
    }
    if (args.email !== undefined) {
      return targetOfEmail(args.email, args.accountNumber);
    }
    return targetOfPreset(args);
  }

  return {
    'session:discover': async (args) => {
      const origin = chooseOrigin(args, context);
      if (!origin.ok) {
        return origin;
      }
      const discovery = await discover(
        origin.value,
        args.email,
        args.accountNumber,
      );
      if (!discovery.ok) {
        lastDiscovery = null;
        return discovery;
      }
      return ok({ methods: discovery.value.methods });
    },

    'session:signInSso': async (args) => {
      if (context.sso.busy) {
        return fail('SSO_IN_PROGRESS');
      }
      const target = await chooseTarget(args);
      if (!target.ok) {
        return target;
      }
      const { origin, settings, loginHint, accountNumber, linkId } =
        target.value;

      const token = await context.sso.signInInteractive({
        origin,
        settings,
        loginHint,
        language: context.language(),
      });
      if (!token.ok) {
        return token;
      }

      const { accessToken, homeAccountId } = token.value;
      const grant = await context
        .clientFor(origin)
        .signInSso(
          accountNumber === undefined
            ? { accessToken }
            : { accessToken, accountNumber },
        );
      if (!grant.ok) {
        // The person is not signed in to the app, so MSAL's account goes.
        if (context.session.origin !== origin) {
          await context.sso.forget(origin, settings);
        }
        return grant;
      }

      if (linkId !== undefined) {
        context.inbox.remove(linkId);
        context.invitations.forget(linkId);
      }
      lastDiscovery = null;
      logger.info(
        { origin, userId: grant.value.user.id, viaLink: linkId !== undefined },
        'signed in with single sign-on',
      );
      await context.useService(origin);
      await context.session.begin(origin, grant.value, {
        settings,
        homeAccountId,
        ...(accountNumber === undefined ? {} : { accountNumber }),
      });
      return ok(grant.value.user);
    },

    'session:cancelSso': async () => {
      if (context.sso.cancel()) {
        logger.info('SSO sign-in cancelled by the person');
      }
      return ok(null);
    },
  };
}
