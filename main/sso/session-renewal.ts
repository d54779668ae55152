import type { SessionGrant } from '../../contract/api';
import type { Result } from '../../contract/errors';
import type { SsoSessionInfo } from '../credential-store';
import type { ServiceClient } from '../service-client';
import type { SsoRenewal } from '../session';
import type { SingleSignOn } from './single-sign-on';

/**
 * Renews SSO sessions for the session manager: a token from MSAL's cache,
 * without the browser, exchanged at the service like the one of an
 * interactive sign-in.
 */
export function createSsoRenewal(
  sso: SingleSignOn,
  clientFor: (origin: string) => ServiceClient,
): SsoRenewal {
  return {
    async renew(
      origin: string,
      info: SsoSessionInfo,
    ): Promise<Result<SessionGrant>> {
      const token = await sso.signInSilently(
        origin,
        info.settings,
        info.homeAccountId,
      );
      if (!token.ok) {
        return token;
      }
      const { accessToken } = token.value;
      return clientFor(origin).signInSso(
        info.accountNumber === undefined
          ? { accessToken }
          : { accessToken, accountNumber: info.accountNumber },
      );
    },

    forget: (origin, info) => sso.forget(origin, info.settings),
  };
}
