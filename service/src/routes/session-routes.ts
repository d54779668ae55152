import { Type } from '@sinclair/typebox';
import {
  RefreshRequest,
  RegistrationRequest,
  SessionGrant,
  SignInRequest,
} from '../../../contract/api';
import { authOf, createAuthenticate } from '../auth/authenticate';
import { registerUser } from '../auth/registration';
import type { SessionTokens } from '../auth/session-store';
import { signIn } from '../auth/sign-in';
import type { ServiceContext } from '../context';
import { unwrap } from '../errors';
import { withErrors, type ServiceApp } from './responses';
import { sessionGrantOf } from './session-grant';

/** Registration, sign-in, refresh and sign-out. */
export function registerSessionRoutes(
  app: ServiceApp,
  context: ServiceContext,
) {
  const authenticate = createAuthenticate(context);

  const grantOf = (tokens: SessionTokens) => sessionGrantOf(context, tokens);

  app.post(
    '/v1/registrations',
    {
      schema: {
        body: RegistrationRequest,
        response: withErrors({ 201: SessionGrant }),
      },
    },
    async (request, reply) => {
      const tokens = unwrap(await registerUser(context, request.body));

      return reply.code(201).send(await grantOf(tokens));
    },
  );

  app.post(
    '/v1/sessions',
    {
      schema: {
        body: SignInRequest,
        response: withErrors({ 200: SessionGrant }),
      },
    },
    async (request) => {
      // NOTE: Fastify's trustProxy is off, so behind a reverse proxy every
      // client has the proxy's IP and shares one per-IP sign-in limit.
      const tokens = unwrap(await signIn(context, request.body, request.ip));

      return grantOf(tokens);
    },
  );

  app.post(
    '/v1/sessions/refresh',
    {
      schema: {
        body: RefreshRequest,
        response: withErrors({ 200: SessionGrant }),
      },
    },
    async (request) => {
      const tokens = unwrap(
        await context.sessions.refresh(request.body.refreshToken),
      );

      return grantOf(tokens);
    },
  );

  app.delete(
    '/v1/sessions/current',
    {
      preHandler: authenticate,
      schema: { response: withErrors({ 204: Type.Null() }) },
    },
    async (request, reply) => {
      await context.sessions.revokeFamily(authOf(request).familyId, 'sign-out');

      return reply.code(204).send(null);
    },
  );
}
