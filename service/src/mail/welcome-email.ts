import type { Locale, SignInMethodSetting } from '../db/schema';
import { escapeHtml } from '../html';

export interface WelcomeEmailInput {
  brand: string;
  locale: Locale;
  accountName: string;
  email: string;
  /** `sso`: the person signs in with the organisation's account, no password. */
  signInMethod: SignInMethodSetting;
  setupLink: string;
  expiresAt: Date;
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

interface WelcomeTexts {
  subject: string;
  button: string;
  greeting: string;
  licence: string;
  /** Explanation of the button for a password account. */
  action: string;
  /** Explanation of the button for a single sign-on account. */
  ssoAction: string;
  validity: string;
  fallback: string;
  footer: string;
}

type Texts = (input: WelcomeEmailInput, expiry: string) => WelcomeTexts;

const texts: Record<Locale, Texts> = {
  de: ({ brand, accountName, email }, expiry) => ({
    subject: `Willkommen bei ${brand}`,
    button: `${brand} einrichten`,
    greeting: 'Hallo,',
    licence: `${accountName} hat Ihnen eine Lizenz für ${brand} zugewiesen. Ihre Anmeldung lautet ${email}.`,
    // Names the button by its label, which the text part shows above the link.
    action: `Mit „${brand} einrichten“ legen Sie den Namen fest, den Ihre Kolleginnen und Kollegen sehen, und wählen Ihr Passwort.`,
    ssoAction: `Sie melden sich mit dem Konto Ihrer Organisation an und wählen kein eigenes Passwort für ${brand}. „${brand} einrichten“ öffnet die ${brand} App, die Sie zur Anmeldung Ihrer Organisation führt.`,
    validity: `Der Link ist 4 Tage lang gültig, bis ${expiry} (UTC), und lässt sich nur einmal verwenden. Ist er abgelaufen, bitten Sie Ihre IT-Abteilung um eine neue Einladung.`,
    fallback:
      'Öffnet sich nichts, kopieren Sie diesen Link in Ihren Browser oder fügen Sie ihn auf der Anmeldeseite der App in das Feld für Einrichtungslinks ein:',
    footer:
      'Diese Nachricht wurde automatisch versendet. Antworten an diese Adresse werden nicht gelesen.',
  }),
  en: ({ brand, accountName, email }, expiry) => ({
    subject: `Welcome to ${brand}`,
    button: `Set up ${brand}`,
    greeting: 'Hello,',
    licence: `${accountName} has assigned you a ${brand} licence. You sign in as ${email}.`,
    action: `With "Set up ${brand}" you choose the name your colleagues will see and pick your password.`,
    ssoAction: `You sign in with your organisation's account, so there is no ${brand} password to choose. "Set up ${brand}" opens the ${brand} app, which takes you to your organisation's sign-in.`,
    validity: `The link is valid for 4 days, until ${expiry} (UTC), and can be used once. If it has expired, ask your IT department for a new invitation.`,
    fallback:
      'If nothing opens, copy this link into your browser, or paste it into the "Have a setup link?" field on the sign-in page of the app:',
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

/** Writes the welcome email with the setup link, in the user's language. */
export function composeWelcomeEmail(input: WelcomeEmailInput): ComposedEmail {
  const copy = texts[input.locale](
    input,
    formatExpiry(input.locale, input.expiresAt),
  );

  const action = input.signInMethod === 'sso' ? copy.ssoAction : copy.action;
  const text = [
    copy.greeting,
    '',
    copy.licence,
    action,
    '',
    `${copy.button}:`,
    input.setupLink,
    '',
    copy.validity,
    '',
    copy.footer,
    '',
  ].join('\n');

  return {
    subject: copy.subject,
    text,
    html: renderHtml(input, { ...copy, action }),
  };
}

const fontStack = "'Segoe UI', Helvetica, Arial, sans-serif";

function renderHtml(input: WelcomeEmailInput, copy: WelcomeTexts): string {
  const link = escapeHtml(input.setupLink);
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
<p style="${paragraph}">${escapeHtml(copy.greeting)}</p>
<p style="${paragraph}">${escapeHtml(copy.licence)}</p>
<p style="${paragraph}">${escapeHtml(copy.action)}</p>
</td></tr>
<tr><td align="center" style="padding:8px 32px 24px;">
<a href="${link}" style="display:inline-block;background-color:#0b5cab;color:#ffffff;font-size:16px;font-weight:600;text-decoration:none;padding:14px 32px;border-radius:6px;">${escapeHtml(copy.button)}</a>
</td></tr>
<tr><td style="padding:0 32px 24px;">
<p style="${paragraph}">${escapeHtml(copy.validity)}</p>
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
