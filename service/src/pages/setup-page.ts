import type { ErrorCode } from '../../../contract/errors';
import { URL_SCHEME } from '../../../contract/setup-link';
import type { Locale, SignInMethodSetting } from '../db/schema';
import { escapeHtml } from '../html';
import type { Page } from './page';

export type UnusableCode = Extract<
  ErrorCode,
  | 'INVITATION_NOT_FOUND'
  | 'INVITATION_EXPIRED'
  | 'INVITATION_USED'
  | 'INVITATION_REPLACED'
  | 'INVITATION_REVOKED'
>;

export type SetupPageState =
  | {
      kind: 'usable';
      email: string;
      accountName: string;
      signInMethod: SignInMethodSetting;
      expiresAt: Date;
      setupLink: string;
      token: string;
    }
  | {
      kind: 'unusable';
      code: UnusableCode;
      expiresAt?: Date;
      /** Sign-in method of the link's account, when the link is known. */
      signInMethod?: SignInMethodSetting;
    };

export interface SetupPageInput {
  brand: string;
  lang: Locale;
  /** Origin of this service, passed to the app in the link. */
  serviceOrigin: string;
  state: SetupPageState;
}

/**
 * Builds the link that opens the app. The app's link parser expects these
 * parameter names in this order: service, then token.
 */
export function appSetupLink(serviceOrigin: string, token: string): string {
  return `${URL_SCHEME}://setup?service=${encodeURIComponent(serviceOrigin)}&token=${encodeURIComponent(token)}`;
}

interface SetupTexts {
  heading: string;
  openApp: string;
  invited: (email: string, accountName: string) => string;
  /** How a person of a single sign-on account signs in. */
  sso: string;
  validity: (expiry: string) => string;
  noAppTitle: string;
  noApp: string;
  pasteLink: string;
  unusableTitle: string;
  unusable: Record<UnusableCode, (expiry: string) => string>;
  /** INVITATION_USED for a single sign-on account. */
  usedSso: string;
}

const texts: Record<Locale, (brand: string) => SetupTexts> = {
  de: (brand) => ({
    heading: `${brand} einrichten`,
    openApp: `In der ${brand} App öffnen`,
    invited: (email, accountName) =>
      `${accountName} hat Sie zu ${brand} eingeladen. Ihre Anmeldung lautet ${email}.`,
    sso: `In der ${brand} App melden Sie sich mit dem Konto Ihrer Organisation an. Ein eigenes Passwort brauchen Sie nicht.`,
    validity: (expiry) =>
      `Der Link gilt bis ${expiry} (UTC) und lässt sich einmal verwenden. Das Öffnen dieser Seite verbraucht ihn nicht.`,
    noAppTitle: `Die ${brand} App ist noch nicht installiert?`,
    noApp: `Bitten Sie Ihre IT-Abteilung, die ${brand} App auf Ihrem Computer zu installieren. Öffnen Sie danach diesen Link erneut.`,
    pasteLink:
      'Sie können den Link auch kopieren und auf der Anmeldeseite der App in das Feld für Einrichtungslinks einfügen:',
    unusableTitle: 'Dieser Einrichtungslink funktioniert nicht',
    unusable: {
      INVITATION_NOT_FOUND: () =>
        'Dieser Link ist unbekannt. Prüfen Sie, ob Sie ihn vollständig aus der E-Mail geöffnet oder kopiert haben. Hilft das nicht, bitten Sie Ihre IT-Abteilung um eine neue Einladung.',
      INVITATION_EXPIRED: (expiry) =>
        `Der Link war 4 Tage gültig und ist am ${expiry} (UTC) abgelaufen. Bitten Sie Ihre IT-Abteilung, Ihnen eine neue Einladung zu senden.`,
      INVITATION_USED: () =>
        `Mit diesem Link wurde Ihr Konto bereits eingerichtet. Öffnen Sie die ${brand} App und melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an.`,
      INVITATION_REPLACED: () =>
        'Sie haben inzwischen eine neuere Einladung erhalten, deren Link diesen ersetzt. Verwenden Sie die Schaltfläche in der neuesten E-Mail.',
      INVITATION_REVOKED: () =>
        'Ihre Administration hat diese Einladung zurückgezogen. Wenden Sie sich an Ihre IT-Abteilung, wenn Sie weiterhin Zugang brauchen.',
    },
    usedSso: `Sie haben sich bereits angemeldet. Öffnen Sie die ${brand} App und melden Sie sich mit dem Konto Ihrer Organisation an.`,
  }),
  en: (brand) => ({
    heading: `Set up ${brand}`,
    openApp: `Open in the ${brand} app`,
    invited: (email, accountName) =>
      `${accountName} has invited you to ${brand}. You sign in as ${email}.`,
    sso: `In the ${brand} app, you sign in with your organisation's account. You do not need a separate password.`,
    validity: (expiry) =>
      `The link is valid until ${expiry} (UTC) and can be used once. Opening this page does not use it up.`,
    noAppTitle: `The ${brand} app is not installed yet?`,
    noApp: `Ask your IT department to install the ${brand} app on your computer. Then open this link again.`,
    pasteLink:
      'You can also copy the link and paste it into the "Have a setup link?" field on the sign-in page of the app:',
    unusableTitle: 'This setup link does not work',
    unusable: {
      INVITATION_NOT_FOUND: () =>
        'This link is not known. Check that you opened or copied the complete link from the email. If that does not help, ask your IT department for a new invitation.',
      INVITATION_EXPIRED: (expiry) =>
        `The link was valid for 4 days and expired on ${expiry} (UTC). Ask your IT department to send you a new invitation.`,
      INVITATION_USED: () =>
        `Your account has already been set up with this link. Open the ${brand} app and sign in with your email address and password.`,
      INVITATION_REPLACED: () =>
        'You have since received a newer invitation, and its link replaces this one. Use the button in the most recent email.',
      INVITATION_REVOKED: () =>
        'Your administrator withdrew this invitation. Contact your IT department if you still need access.',
    },
    usedSso: `You have already signed in. Open the ${brand} app and sign in with your organisation's account.`,
  }),
};

function formatDate(lang: Locale, date: Date | undefined): string {
  if (!date) return '';

  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
}

/** Builds the landing page of an https setup link. */
export function setupPage(input: SetupPageInput): Page {
  const { brand, lang, state } = input;
  const copy = texts[lang](brand);
  const header = `<p class="brand">${escapeHtml(brand)}</p>`;

  if (state.kind === 'unusable') {
    const explanation =
      state.code === 'INVITATION_USED' && state.signInMethod === 'sso'
        ? copy.usedSso
        : copy.unusable[state.code](formatDate(lang, state.expiresAt));

    return {
      lang,
      title: brand,
      body: `${header}
<h1>${escapeHtml(copy.unusableTitle)}</h1>
<p class="notice">${escapeHtml(explanation)}</p>`,
    };
  }

  const appLink = appSetupLink(input.serviceOrigin, state.token);
  const ssoNote =
    state.signInMethod === 'sso' ? `<p>${escapeHtml(copy.sso)}</p>\n` : '';

  return {
    lang,
    title: brand,
    body: `${header}
<h1>${escapeHtml(copy.heading)}</h1>
<p>${escapeHtml(copy.invited(state.email, state.accountName))}</p>
${ssoNote}<p><a class="button" href="${escapeHtml(appLink)}">${escapeHtml(copy.openApp)}</a></p>
<p class="muted">${escapeHtml(copy.validity(formatDate(lang, state.expiresAt)))}</p>
<h2>${escapeHtml(copy.noAppTitle)}</h2>
<p>${escapeHtml(copy.noApp)}</p>
<p>${escapeHtml(copy.pasteLink)}</p>
<p class="link">${escapeHtml(state.setupLink)}</p>`,
  };
}
