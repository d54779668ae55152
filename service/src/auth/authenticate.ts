import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { verifyAccessToken, type AccessTokenClaims } from './access-tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the `authenticate` hook on routes that need a signed-in user. */
    auth: AccessTokenClaims | null;
  }
}

function unauthenticated(message: string) {
  return ServiceError.of('UNAUTHENTICATED', message);
}

/**
 * Creates the preHandler hook of authenticated routes. Beside the token's
 * signature and expiry it checks that the session family is still active,
 * so that signing out ends every access token of that session at once.
 */
export function createAuthenticate(context: ServiceContext) {
  return async function authenticate(request: FastifyRequest) {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer ([A-Za-z0-9._~+/-]+=*)$/);
    if (!match) {
      throw unauthenticated(
        'The request needs an "Authorization: Bearer <access token>" header.',
      );
    }

    const claims = await verifyAccessToken(
      context.signingKey,
      match[1]!,
      context.now(),
    );
    if (!claims) {
      throw unauthenticated('The access token is invalid or expired.');
    }

    if (!(await context.sessions.isFamilyActive(claims.familyId))) {
      throw unauthenticated('The session has ended; sign in again.');
    }

    request.auth = claims;
  };
}

/** Returns the claims that the `authenticate` hook set. */
export function authOf(request: FastifyRequest): AccessTokenClaims {
  if (!request.auth) {
    throw new Error('Route uses authOf without the authenticate hook');
  }

  return request.auth;
}
