import {
  SETUP_LINK_VALIDITY_MS,
  SETUP_PATH_PREFIX,
  SETUP_TOKEN_BYTES,
  SETUP_TOKEN_PATTERN,
} from '../../../contract/setup-link';
import { randomToken, sha256Hex } from '../secure-random';

/** Creates a setup token: 32 random bytes, base64url, 43 characters. */
export function createSetupToken(): string {
  return randomToken(SETUP_TOKEN_BYTES);
}

/** Hashes a setup token; the database stores only this hash. */
export function hashSetupToken(token: string): string {
  return sha256Hex(token);
}

export function isSetupToken(text: string): boolean {
  return SETUP_TOKEN_PATTERN.test(text);
}

export function invitationExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SETUP_LINK_VALIDITY_MS);
}

/**
 * Checks the 4-day validity: a setup link is valid while
 * `now < createdAt + 4 days`, so it has expired at exactly 4 days.
 */
export function isInvitationExpired(createdAt: Date, now: Date): boolean {
  return now.getTime() >= invitationExpiresAt(createdAt).getTime();
}

export function setupLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}${SETUP_PATH_PREFIX}${token}`;
}
