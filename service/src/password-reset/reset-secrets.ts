import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { RESET_CODE_LENGTH } from '../../../contract/api';
import {
  RESET_PATH_PREFIX,
  RESET_VALIDITY_MS,
  SETUP_TOKEN_BYTES,
  URL_SCHEME,
} from '../../../contract/setup-link';
import { randomToken, sha256Hex } from '../secure-random';

/** Name of the HMAC key for reset codes in the service_secrets table. */
export const RESET_CODE_KEY_NAME = 'password-reset-code-key';

/** Wrong codes after which a pending reset stops working. */
export const MAX_RESET_CODE_ATTEMPTS = 5;

/** Creates a reset token in the format of a setup token: 32 bytes, base64url. */
export function createResetToken(): string {
  return randomToken(SETUP_TOKEN_BYTES);
}

export function hashResetToken(token: string): string {
  return sha256Hex(token);
}

/** Creates a random code of RESET_CODE_LENGTH digits, leading zeros kept. */
export function createResetCode(): string {
  return String(randomInt(0, 10 ** RESET_CODE_LENGTH)).padStart(
    RESET_CODE_LENGTH,
    '0',
  );
}

/**
 * Hashes a code with the service's HMAC key and the reset's id. A plain hash
 * of a 6-digit code is reversed by trying all million codes, so a copy of
 * the resets table alone must not be enough to read the codes.
 */
export function hashResetCode(
  key: Uint8Array,
  resetId: string,
  code: string,
): string {
  return createHmac('sha256', key).update(`${resetId}:${code}`).digest('hex');
}

export function resetCodeMatches(
  key: Uint8Array,
  reset: { id: string; code_hash: string },
  code: string,
): boolean {
  const expected = Buffer.from(reset.code_hash, 'hex');
  const actual = Buffer.from(hashResetCode(key, reset.id, code), 'hex');

  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function resetExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + RESET_VALIDITY_MS);
}

export function resetLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}${RESET_PATH_PREFIX}${token}`;
}

/**
 * Builds the link that opens the app at the new-password form. The app's
 * link parser expects these parameter names in this order: service, then
 * token.
 */
export function appResetLink(serviceOrigin: string, token: string): string {
  return `${URL_SCHEME}://reset?service=${encodeURIComponent(serviceOrigin)}&token=${encodeURIComponent(token)}`;
}
