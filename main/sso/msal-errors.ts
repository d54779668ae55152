import {
  AuthError,
  ClientAuthErrorCodes,
  InteractionRequiredAuthError,
  ServerError,
} from '@azure/msal-node';
import type { ErrorCode } from '../../contract/errors';
import { IdentityProviderUnreachableError } from './msal-network';

/** MSAL's codes for an identity provider that could not be reached or discovered. */
const unreachableCodes = new Set<string>([
  ClientAuthErrorCodes.endpointResolutionError,
  ClientAuthErrorCodes.networkError,
  ClientAuthErrorCodes.openIdConfigError,
  ClientAuthErrorCodes.noNetworkConnectivity,
]);

/** Error codes in the identity provider's response that mean the person declined. */
const declinedCodes = new Set<string>(['access_denied', 'user_canceled']);

function hasUnreachableCause(error: unknown): boolean {
  for (let current = error, depth = 0; depth < 5; depth++) {
    if (current instanceof IdentityProviderUnreachableError) {
      return true;
    }
    if (!(current instanceof Error)) {
      return false;
    }
    current = current.cause;
  }
  return false;
}

/**
 * Maps an MSAL failure to the code the renderer shows. MSAL's own message
 * never reaches the renderer; the caller logs it.
 */
export function ssoErrorCode(error: unknown): ErrorCode {
  if (hasUnreachableCause(error)) {
    return 'SSO_PROVIDER_UNREACHABLE';
  }
  if (error instanceof ServerError && declinedCodes.has(error.errorCode)) {
    return 'SSO_CANCELLED';
  }
  if (error instanceof AuthError && unreachableCodes.has(error.errorCode)) {
    return 'SSO_PROVIDER_UNREACHABLE';
  }
  return 'SSO_FAILED';
}

/** Tells whether a silent sign-in failed only because the person must sign in again. */
export function needsInteraction(error: unknown): boolean {
  return error instanceof InteractionRequiredAuthError;
}
