import { RESET_CODE_LENGTH } from '../../../contract/api';
import { RESET_VALIDITY_MS } from '../../../contract/setup-link';
import type { ErrorCode } from '../../../contract/errors';
import type { Locale } from '../db/schema';
import { escapeHtml } from '../html';
import { appResetLink } from '../password-reset/reset-secrets';
import type { Page } from './page';

export type UnusableResetCode = Extract<
  ErrorCode,
  'RESET_INVALID' | 'RESET_EXPIRED' | 'RESET_USED' | 'RESET_TOO_MANY_ATTEMPTS'
>;

export type ResetPageState =
  | { kind: 'usable'; email: string; expiresAt: Date; token: string }
  | { kind: 'unusable'; code: UnusableResetCode };

export interface ResetPageInput {
  brand: string;
  lang: Locale;
  /** Origin of this service, passed to the app in the link. */
  serviceOrigin: string;
  state: ResetPageState;
}

interface ResetPageTexts {
  heading: string;
  forEmail: (email: string) => string;
  openApp: string;
  validity: (expiry: string) => string;
  codeTitle: string;
  code: string;
  unusableTitle: string;
  unusable: Record<UnusableResetCode, string>;
}

const minutes = RESET_VALIDITY_MS / 60_000;

const texts: Record<Locale, (brand: string) => ResetPageTexts> = {
  de: (brand) => ({
    heading: 'Neues Passwort festlegen',
    forEmail: (email) =>
      `Legen Sie in der ${brand} App ein neues Passwort für ${email} fest.`,
    openApp: `In der ${brand} App öffnen`,
    validity: (expiry) =>
      `Der Link gilt bis ${expiry} (UTC) und lässt sich einmal verwenden. Das Öffnen dieser Seite verbraucht ihn nicht.`,
    codeTitle: 'Öffnet sich die App nicht?',
    code: `Öffnen Sie die ${brand} App selbst und geben Sie dort den ${RESET_CODE_LENGTH}-stelligen Code aus der E-Mail ein.`,
    unusableTitle: 'Dieser Link zum Zurücksetzen ist nicht mehr gültig',
    unusable: {
      RESET_INVALID:
        'Dieser Link ist unbekannt oder wurde durch eine neuere E-Mail ersetzt. Verwenden Sie die neueste E-Mail, oder fordern Sie in der App ein neues Passwort an.',
      RESET_EXPIRED: `Der Link war ${minutes} Minuten gültig und ist abgelaufen. Fordern Sie in der App erneut ein neues Passwort an.`,
      RESET_USED: `Mit diesem Link wurde bereits ein neues Passwort festgelegt. Melden Sie sich in der ${brand} App damit an, oder fordern Sie erneut ein neues Passwort an.`,
      RESET_TOO_MANY_ATTEMPTS:
        'Es wurde zu oft ein falscher Code eingegeben, deshalb gilt dieser Link nicht mehr. Fordern Sie in der App erneut ein neues Passwort an.',
    },
  }),
  en: (brand) => ({
    heading: 'Choose a new password',
    forEmail: (email) =>
      `Choose a new password for ${email} in the ${brand} app.`,
    openApp: `Open in the ${brand} app`,
    validity: (expiry) =>
      `The link is valid until ${expiry} (UTC) and can be used once. Opening this page does not use it up.`,
    codeTitle: 'The app does not open?',
    code: `Open the ${brand} app yourself and enter the ${RESET_CODE_LENGTH}-digit code from the email there.`,
    unusableTitle: 'This reset link can no longer be used',
    unusable: {
      RESET_INVALID:
        'This link is not known, or a newer email replaced it. Use the most recent email, or ask for a new password in the app.',
      RESET_EXPIRED: `The link was valid for ${minutes} minutes and has expired. Ask for a new password in the app again.`,
      RESET_USED: `A new password was already set with this link. Sign in with it in the ${brand} app, or ask for a new password again.`,
      RESET_TOO_MANY_ATTEMPTS:
        'A wrong code was entered too often, so this link no longer works. Ask for a new password in the app again.',
    },
  }),
};

function formatDate(lang: Locale, date: Date): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
}

/** Builds the landing page of a password-reset link. */
export function resetPage(input: ResetPageInput): Page {
  const { brand, lang, state } = input;
  const copy = texts[lang](brand);
  const header = `<p class="brand">${escapeHtml(brand)}</p>`;

  if (state.kind === 'unusable') {
    return {
      lang,
      title: brand,
      body: `${header}
<h1>${escapeHtml(copy.unusableTitle)}</h1>
<p class="notice">${escapeHtml(copy.unusable[state.code])}</p>`,
    };
  }

  const appLink = appResetLink(input.serviceOrigin, state.token);

  return {
    lang,
    title: brand,
    body: `${header}
<h1>${escapeHtml(copy.heading)}</h1>
<p>${escapeHtml(copy.forEmail(state.email))}</p>
<p><a class="button" href="${escapeHtml(appLink)}">${escapeHtml(copy.openApp)}</a></p>
<p class="muted">${escapeHtml(copy.validity(formatDate(lang, state.expiresAt)))}</p>
<h2>${escapeHtml(copy.codeTitle)}</h2>
<p>${escapeHtml(copy.code)}</p>`,
  };
}
