import { MAX_EMAIL_LENGTH } from '../../contract/api';

/** Trims, applies Unicode NFC and lower-cases an email address. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/**
 * A practical check, not RFC 5322: one `@`, a local part, a domain with a dot
 * and no spaces or control characters. The mail server decides the rest.
 */
const emailPattern =
  /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}.][^\s@\p{Cc}]*$/u;

export function isValidEmail(normalized: string): boolean {
  return normalized.length <= MAX_EMAIL_LENGTH && emailPattern.test(normalized);
}
