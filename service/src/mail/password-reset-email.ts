import { RESET_VALIDITY_MS } from '../../../contract/setup-link';
import type { Locale } from '../db/schema';
import { escapeHtml } from '../html';
import type { ComposedEmail } from './welcome-email';

export interface PasswordResetEmailInput {
  brand: string;
  locale: Locale;
  accountName: string;
  email: string;
  resetLink: string;
  code: string;
  expiresAt: Date;
}

interface ResetTexts {
  subject: string;
  greeting: string;
  requested: string;
  button: string;
  codeIntro: string;
  validity: string;
  notRequested: string;
  fallback: string;
  footer: string;
}

type Texts = (input: PasswordResetEmailInput, expiry: string) => ResetTexts;

const minutes = RESET_VALIDITY_MS / 60_000;

const texts: Record<Locale, Texts> = {
  de: ({ brand, accountName, email }, expiry) => ({
    subject: `Neues Passwort für ${brand}`,
    greeting: 'Hallo,',
    requested: `für Ihre Anmeldung ${email} bei ${accountName} wurde ein neues Passwort für ${brand} angefordert.`,
    button: 'Neues Passwort festlegen',
    codeIntro: 'Oder geben Sie in der App diesen Code ein:',
    validity: `Link und Code gelten ${minutes} Minuten, bis ${expiry} (UTC), und lassen sich einmal verwenden.`,
    notRequested:
      'Haben Sie kein neues Passwort angefordert, ignorieren Sie diese E-Mail. Dann ändert sich nichts, und Ihr Passwort bleibt, wie es ist.',
    fallback: 'Öffnet sich nichts, kopieren Sie diesen Link in Ihren Browser:',
    footer:
      'Diese Nachricht wurde automatisch versendet. Antworten an diese Adresse werden nicht gelesen.',
  }),
  en: ({ brand, accountName, email }, expiry) => ({
    subject: `Your new ${brand} password`,
    greeting: 'Hello,',
    requested: `A new ${brand} password was requested for your sign-in ${email} at ${accountName}.`,
    button: 'Choose a new password',
    codeIntro: 'Or enter this code in the app:',
    validity: `The link and the code are valid for ${minutes} minutes, until ${expiry} (UTC), and work once.`,
    notRequested:
      'If you did not ask for a new password, ignore this email. Nothing happens, and your password stays as it is.',
    fallback: 'If nothing opens, copy this link into your browser:',
    footer:
      'This message was sent automatically. Replies to this address are not read.',
  }),
};

function formatExpiry(locale: Locale, expiresAt: Date): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(expiresAt);
}

/** Writes the password-reset email with its link and code. */
export function composePasswordResetEmail(
  input: PasswordResetEmailInput,
): ComposedEmail {
  const copy = texts[input.locale](
    input,
    formatExpiry(input.locale, input.expiresAt),
  );

  const text = [
    copy.greeting,
    copy.requested,
    '',
    `${copy.button}:`,
    input.resetLink,
    '',
    copy.codeIntro,
    '',
    `    ${input.code}`,
    '',
    copy.validity,
    copy.notRequested,
    '',
    copy.footer,
    '',
  ].join('\n');

  return { subject: copy.subject, text, html: renderHtml(input, copy) };
}

const fontStack = "'Segoe UI', Helvetica, Arial, sans-serif";
const monoStack = "Consolas, 'Liberation Mono', monospace";

function renderHtml(input: PasswordResetEmailInput, copy: ResetTexts): string {
  const link = escapeHtml(input.resetLink);
  const paragraph = `margin:0 0 16px;font-size:15px;line-height:1.5;color:#1f2933;`;

  return `<!doctype html>
<html lang="${input.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(copy.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f3f5f8;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background-color:#f3f5f8;padding:24px 0;">
<tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background-color:#ffffff;border-radius:8px;font-family:${fontStack};">
<tr><td style="padding:32px 32px 8px;">
<h1 style="margin:0 0 16px;font-size:22px;font-weight:600;color:#1f2933;">${escapeHtml(copy.subject)}</h1>
<p style="${paragraph}">${escapeHtml(copy.greeting)}<br>${escapeHtml(copy.requested)}</p>
</td></tr>
<tr><td align="center" style="padding:8px 32px 24px;">
<a href="${link}" style="display:inline-block;background-color:#0b5cab;color:#ffffff;font-size:16px;font-weight:600;text-decoration:none;padding:14px 32px;border-radius:6px;">${escapeHtml(copy.button)}</a>
</td></tr>
<tr><td style="padding:0 32px 8px;">
<p style="${paragraph}">${escapeHtml(copy.codeIntro)}</p>
<p class="code" style="margin:0 0 24px;text-align:center;font-family:${monoStack};font-size:32px;font-weight:700;letter-spacing:8px;color:#1f2933;">${escapeHtml(input.code)}</p>
<p style="${paragraph}">${escapeHtml(copy.validity)}</p>
<p style="${paragraph}">${escapeHtml(copy.notRequested)}</p>
<p style="margin:0 0 8px;font-size:13px;line-height:1.5;color:#52606d;">${escapeHtml(copy.fallback)}</p>
<p style="margin:0 0 16px;font-size:13px;line-height:1.5;word-break:break-all;"><a href="${link}" style="color:#0b5cab;">${link}</a></p>
</td></tr>
<tr><td style="padding:16px 32px 32px;border-top:1px solid #e4e7eb;">
<p style="margin:0;font-size:12px;line-height:1.5;color:#7b8794;">${escapeHtml(copy.footer)}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
