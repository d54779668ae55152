import type { ParsedMail } from 'mailparser';

const resetLinkPattern = /https?:\/\/[^\s/]+\/reset\/([A-Za-z0-9_-]{43})/;
// The text part shows the code indented on a line of its own.
const resetCodePattern = /^\s+([0-9]{6})$/m;

/** Returns the link, the link's token and the six-digit code of a password reset email. */
export function resetProofOf(mail: ParsedMail): {
  link: string;
  token: string;
  code: string;
} {
  const link = mail.text?.match(resetLinkPattern);
  const code = mail.text?.match(resetCodePattern)?.[1];
  if (!link || !code) {
    throw new Error(`No reset link or code in the email "${mail.subject}"`);
  }

  return { link: link[0], token: link[1]!, code };
}

/**
 * Returns the address, with `&amp;` decoded, and the label of the one
 * button-styled link in an email's HTML part.
 */
export function emailButtonOf(html: string): { href: string; label: string } {
  const match = html.match(
    /<a href="([^"]+)" style="display:inline-block[^"]*">([^<]+)<\/a>/,
  );
  if (!match) throw new Error('No button in the email');

  return { href: match[1]!.replaceAll('&amp;', '&'), label: match[2]! };
}
