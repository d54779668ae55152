import { decodeJwt, errors, jwtVerify } from 'jose';
import { failure, success, type ServiceResult } from '../errors';
import type { IdentityProviders } from './identity-providers';
import { ProviderUnreachableError } from './provider-fetch';
import { audienceOf, type AccountSso } from './sso-config';

/** The claims of a verified access token that the service uses. */
export interface ProviderIdentity {
  /** Object id: stable for the person within the tenant. */
  oid: string;
  tid: string;
  /** `preferred_username`, `email` or `upn`, as the token carries it. */
  email: string | null;
  name: string | null;
}

const CHECK_SETTINGS =
  "If signing in again does not help, the administrator checks the account's authority, API scope and audience.";

/** Allowed clock difference to the identity provider, in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 60;

/** Asymmetric algorithms only: a provider's key set has no shared secrets. */
const algorithms = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** Returns the token's tenant without verifying the token, or null if malformed. */
export function unverifiedTenantOf(token: string): string | null {
  try {
    const { tid } = decodeJwt(token);
    return typeof tid === 'string' && tid !== '' ? tid : null;
  } catch {
    return null;
  }
}

/**
 * Verifies an identity provider's access token for an account: signature
 * against the provider's key set, audience, expiry, then the tenant, then
 * the issuer. The tenant comes before the issuer, because Entra's issuer
 * contains the tenant, and SSO_TENANT_MISMATCH is the more precise error.
 */
export async function verifyProviderToken(
  providers: IdentityProviders,
  sso: AccountSso,
  token: string,
  now: Date,
): Promise<ServiceResult<ProviderIdentity>> {
  try {
    const metadata = await providers.metadataOf(sso.authority);
    const { payload } = await jwtVerify(
      token,
      providers.keySetOf(metadata.jwksUri),
      {
        algorithms,
        audience: audienceOf(sso),
        currentDate: now,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'tid', 'oid'],
      },
    );

    if (payload.tid !== sso.tenantId) {
      return failure(
        'SSO_TENANT_MISMATCH',
        `The token comes from tenant ${String(payload.tid)}, but the account's tenant is ${sso.tenantId}. Sign in with an account of your organisation.`,
      );
    }

    const issuer = metadata.issuer.replace('{tenantid}', sso.tenantId);
    if (payload.iss !== issuer) {
      return failure(
        'SSO_TOKEN_INVALID',
        `The token's issuer is ${String(payload.iss)}, not ${issuer}. ${CHECK_SETTINGS}`,
      );
    }

    if (typeof payload.oid !== 'string' || payload.oid === '') {
      return failure(
        'SSO_TOKEN_INVALID',
        `The token has no "oid" claim. ${CHECK_SETTINGS}`,
      );
    }

    return success({
      oid: payload.oid,
      tid: sso.tenantId,
      email: firstString(
        payload.preferred_username,
        payload.email,
        payload.upn,
      ),
      name: firstString(payload.name),
    });
  } catch (error) {
    return tokenFailure(error);
  }
}

function firstString(...values: unknown[]): string | null {
  const found = values.find(
    (value) => typeof value === 'string' && value.trim() !== '',
  );

  return (found as string | undefined) ?? null;
}

function tokenFailure(error: unknown): ServiceResult<never> {
  if (
    error instanceof ProviderUnreachableError ||
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid
  ) {
    return failure(
      'SSO_PROVIDER_UNREACHABLE',
      `The identity provider's configuration or keys could not be fetched: ${error.message}`,
    );
  }

  if (error instanceof errors.JWTExpired) {
    return failure(
      'SSO_TOKEN_EXPIRED',
      'The token has expired. Sign in with the identity provider again.',
    );
  }

  if (error instanceof errors.JWKSNoMatchingKey) {
    return failure(
      'SSO_TOKEN_INVALID',
      "The token is signed with a key that is not in the identity provider's key set. Sign in with the identity provider again.",
    );
  }

  if (error instanceof errors.JOSEError) {
    return failure(
      'SSO_TOKEN_INVALID',
      `The token is not valid for this account: ${error.message}. ${CHECK_SETTINGS}`,
    );
  }

  throw error;
}
