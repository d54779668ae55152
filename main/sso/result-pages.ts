import type { Language } from '../../contract/api';

/**
 * The pages that MSAL's loopback server shows in the browser after the
 * identity provider sends the person back: self-contained HTML, with no
 * script and nothing loaded from elsewhere.
 */
export interface ResultPages {
  successTemplate: string;
  errorTemplate: string;
}

interface PageText {
  title: string;
  heading: string;
  body: string;
}

const texts: Record<Language, { success: PageText; error: PageText }> = {
  de: {
    success: {
      title: 'Anmeldung abgeschlossen',
      heading: 'Sie sind angemeldet.',
      body: 'Kehren Sie zur App zurück. Sie können dieses Fenster schließen.',
    },
    error: {
      title: 'Anmeldung nicht abgeschlossen',
      heading: 'Die Anmeldung wurde nicht abgeschlossen.',
      body: 'Kehren Sie zur App zurück: Dort sehen Sie, was passiert ist, und können es erneut versuchen. Sie können dieses Fenster schließen.',
    },
  },
  en: {
    success: {
      title: 'Sign-in complete',
      heading: 'You are signed in.',
      body: 'Return to the app. You can close this window.',
    },
    error: {
      title: 'Sign-in not completed',
      heading: 'The sign-in was not completed.',
      body: 'Return to the app to see what happened and try again. You can close this window.',
    },
  },
};

/** Escapes the characters that HTML gives a meaning, and every non-ASCII one. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"'\u0080-\uffff]/g,
    (char) => `&#${char.codePointAt(0)};`,
  );
}

function page(language: Language, text: PageText): string {
  return [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(text.title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>',
    `</head><body><h1>${escapeHtml(text.heading)}</h1>`,
    `<p>${escapeHtml(text.body)}</p></body></html>`,
  ].join('');
}

/** Returns the success and error pages in the app's language. */
export function resultPages(language: Language): ResultPages {
  return {
    successTemplate: page(language, texts[language].success),
    errorTemplate: page(language, texts[language].error),
  };
}
