/**
 * Email address syntax, shared by the service, which stores addresses, and
 * the renderer, which checks what a person types. Mail software parses `,`
 * `;` `:` `(` `<` and quotes in an address, so an address that contains them
 * could reach another mailbox than the one stored. Only a dot-atom local part
 * (RFC 5322 atext, plus letters, marks and digits of any script as RFC 6531
 * allows) and a domain of host name labels are accepted.
 */

/** Maximum UTF-8 bytes before the `@` (RFC 5321). */
export const MAX_LOCAL_PART_BYTES = 64;
/** Maximum UTF-8 bytes of one domain label (RFC 1035). */
export const MAX_DOMAIN_LABEL_BYTES = 63;
/** Maximum UTF-8 bytes of the domain (RFC 1035). */
export const MAX_DOMAIN_BYTES = 253;
/** Maximum UTF-8 bytes of the whole address: the RFC 5321 path of 256 without `<>`. */
export const MAX_EMAIL_BYTES = 254;

export type EmailAddressProblem = 'invalid' | 'tooLong';

const atom = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+$/u;
const domainLabel =
  /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?$/u;
const letter = /\p{L}/u;

/** Counts the bytes of a string's UTF-8 encoding. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (codePoint < 0x80) bytes += 1;
    else if (codePoint < 0x800) bytes += 2;
    else if (codePoint < 0x10000) bytes += 3;
    else bytes += 4;
  }
  return bytes;
}

/**
 * Checks the syntax of an email address. Returns null for a valid address,
 * `invalid` when a character or the structure is wrong, and `tooLong` when
 * the address is well formed but exceeds a length limit.
 *
 * NOTE: The label and domain limits count the bytes of the form given. The
 * service also checks the ASCII form of an internationalised domain, whose
 * labels can be longer, so the renderer may accept a very long domain label
 * that the service rejects.
 */
export function emailAddressProblem(
  address: string,
): EmailAddressProblem | null {
  const at = address.lastIndexOf('@');
  if (at < 0) return 'invalid';

  const localPart = address.slice(0, at);
  const domain = address.slice(at + 1);
  const labels = domain.split('.');

  if (!localPart.split('.').every((part) => atom.test(part))) return 'invalid';
  if (labels.length < 2) return 'invalid';
  if (!labels.every((label) => domainLabel.test(label))) return 'invalid';
  // An all-digit top-level label would make the domain an IPv4 address.
  if (!letter.test(labels.at(-1)!)) return 'invalid';

  if (
    utf8Length(localPart) > MAX_LOCAL_PART_BYTES ||
    labels.some((label) => utf8Length(label) > MAX_DOMAIN_LABEL_BYTES) ||
    utf8Length(domain) > MAX_DOMAIN_BYTES ||
    utf8Length(address) > MAX_EMAIL_BYTES
  ) {
    return 'tooLong';
  }
  return null;
}
