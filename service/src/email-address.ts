import { domainToASCII, domainToUnicode } from 'node:url';
import {
  emailAddressProblem,
  MAX_DOMAIN_BYTES,
  MAX_DOMAIN_LABEL_BYTES,
  MAX_EMAIL_BYTES,
  MAX_LOCAL_PART_BYTES,
} from '../../contract/email-address';
import { failure, success, type ServiceResult } from './errors';

/** Splits an address at its last `@`. Without an `@`, the domain is empty. */
function splitEmail(email: string): { localPart: string; domain: string } {
  const at = email.lastIndexOf('@');
  if (at < 0) return { localPart: email, domain: '' };

  return { localPart: email.slice(0, at), domain: email.slice(at + 1) };
}

/** Full-width forms of the ASCII characters, as East Asian keyboards type them. */
const fullWidth = /[\uff01-\uff5e]/g;

/**
 * Trims, maps full-width characters to ASCII, applies Unicode NFC and
 * lower-cases an email address, and writes an internationalised domain in
 * its Unicode form, so that `müller.de` and `xn--mller-kva.de` are the same
 * address. A domain with invalid syntax is left as it is, because the URL
 * parser would rewrite it (`1.2` to `1.0.0.2`, `%2e` to `.`).
 */
export function normalizeEmail(email: string): string {
  const lower = email
    .trim()
    .replace(fullWidth, (character) =>
      String.fromCharCode(character.charCodeAt(0) - 0xfee0),
    )
    .normalize('NFC')
    .toLowerCase();
  if (emailAddressProblem(lower) === 'invalid') return lower;

  const { localPart, domain } = splitEmail(lower);
  const ascii = domainToASCII(domain);
  if (ascii === '') return lower;

  return `${localPart}@${domainToUnicode(ascii)}`;
}

/**
 * Checks a normalized email address in the form it is stored and in the
 * form with an ASCII domain, which is the one the lengths of DNS apply to.
 */
function problemOf(normalized: string): 'invalid' | 'tooLong' | null {
  const { localPart, domain } = splitEmail(normalized);
  const ascii = domainToASCII(domain);
  if (ascii === '') return 'invalid';

  return (
    emailAddressProblem(normalized) ??
    emailAddressProblem(`${localPart}@${ascii}`)
  );
}

/** Normalizes an email address and checks it. Failures have the code EMAIL_INVALID. */
export function validateEmail(raw: string): ServiceResult<string> {
  const email = normalizeEmail(raw);

  switch (problemOf(email)) {
    case null:
      return success(email);
    case 'tooLong':
      return failure(
        'EMAIL_INVALID',
        `"${raw}" is too long for an email address: it may have at most ${MAX_LOCAL_PART_BYTES} bytes before the @, ${MAX_DOMAIN_LABEL_BYTES} between two dots of the domain, ${MAX_DOMAIN_BYTES} after the @ and ${MAX_EMAIL_BYTES} in all.`,
        { field: 'email' },
      );
    case 'invalid':
      return failure(
        'EMAIL_INVALID',
        `"${raw}" is not a valid email address: it needs the form name@example.com, with only letters, digits and .!#$%&'*+/=?^_\`{|}~- before the @.`,
        { field: 'email' },
      );
  }
}
