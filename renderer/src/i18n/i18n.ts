import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../contract/api';
import de from './de.json';
import en from './en.json';

/** The language shown before the main process reports the real one. */
function guessLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'de';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: guessLanguage(),
  fallbackLng: 'de',
  // React escapes text itself.
  interpolation: { escapeValue: false },
  initAsync: false,
});

document.documentElement.lang = i18n.language;

export function applyLanguage(language: Language): void {
  if (i18n.language !== language) {
    void i18n.changeLanguage(language);
  }
  document.documentElement.lang = language;
}
