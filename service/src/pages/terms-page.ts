import type { Locale } from '../db/schema';
import { escapeHtml } from '../html';
import type { Page } from './page';

interface TermsTexts {
  title: string;
  version: string;
  sections: Array<[heading: string, text: string]>;
}

const texts: Record<Locale, (brand: string, version: string) => TermsTexts> = {
  de: (brand, version) => ({
    title: `Nutzungsbedingungen für ${brand}`,
    version: `Version ${version}`,
    sections: [
      [
        'Geltungsbereich',
        `Diese Bedingungen gelten für alle Personen, denen ihre Organisation eine Lizenz für ${brand} zugewiesen hat. Mit der Registrierung stimmen Sie ihnen in der oben genannten Version zu.`,
      ],
      [
        'Ihr Zugang',
        'Ihr Passwort gehört nur Ihnen. Geben Sie es nicht weiter und melden Sie Ihrer IT-Abteilung, wenn Sie einen Missbrauch vermuten.',
      ],
      [
        'Ihre Daten',
        'Ihr Anzeigename, Ihr Profilfoto und Ihre Statusnachricht sind für die anderen Personen Ihres Kontos sichtbar. Ihre Organisation verwaltet die Lizenzen und kann Ihren Zugang beenden.',
      ],
      [
        'Zulässige Nutzung',
        `Nutzen Sie ${brand} für die Kommunikation Ihrer Organisation und im Rahmen ihrer Richtlinien und des geltenden Rechts.`,
      ],
    ],
  }),
  en: (brand, version) => ({
    title: `Terms of use for ${brand}`,
    version: `Version ${version}`,
    sections: [
      [
        'Scope',
        `These terms apply to everyone whose organisation has assigned them a ${brand} licence. By registering, you accept them in the version shown above.`,
      ],
      [
        'Your access',
        'Your password is yours alone. Do not share it, and tell your IT department if you suspect misuse.',
      ],
      [
        'Your data',
        'Your display name, profile photo and status message are visible to the other people in your account. Your organisation manages the licences and can end your access.',
      ],
      [
        'Acceptable use',
        `Use ${brand} for your organisation's communication, within its policies and the applicable law.`,
      ],
    ],
  }),
};

/** Builds the terms page, which people accept when they register. */
export function termsPage(brand: string, version: string, lang: Locale): Page {
  const copy = texts[lang](brand, version);
  const sections = copy.sections
    .map(
      ([heading, text]) =>
        `<h2>${escapeHtml(heading)}</h2>\n<p>${escapeHtml(text)}</p>`,
    )
    .join('\n');

  return {
    lang,
    title: copy.title,
    body: `<p class="brand">${escapeHtml(brand)}</p>
<h1>${escapeHtml(copy.title)}</h1>
<p class="muted">${escapeHtml(copy.version)}</p>
${sections}`,
  };
}
