import {
  DiscoveryRequest,
  SessionGrant,
  SignInDiscovery,
  SsoSignInRequest,
} from '../../../contract/api';
import type { ServiceContext } from '../context';
import { unwrap } from '../errors';
import { discoverSignIn } from '../sso/sign-in-discovery';
import { signInWithSso } from '../sso/sso-sign-in';
import { withErrors, type ServiceApp } from './responses';
import { sessionGrantOf } from './session-grant';

/** Registers the sign-in discovery and the single sign-on token exchange. */
export function registerSsoRoutes(app: ServiceApp, context: ServiceContext) {
  app.post(
    '/v1/sign-in/discover',
    {
      schema: {
        body: DiscoveryRequest,
        response: withErrors({ 200: SignInDiscovery }),
      },
    },
    async (request) =>
      unwrap(await discoverSignIn(context, request.body, request.ip)),
  );

  app.post(
    '/v1/sessions/sso',
    {
      schema: {
        body: SsoSignInRequest,
        response: withErrors({ 200: SessionGrant }),
      },
    },
    async (request) => {
      const tokens = unwrap(await signInWithSso(context, request.body));

      return sessionGrantOf(context, tokens);
    },
  );
}
