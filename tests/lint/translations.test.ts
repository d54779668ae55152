import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../contract/errors';

/**
 * The renderer shows every error code as a message and a next step in the
 * person's language, so both translation files need both texts for each
 * code, and the two files need the same keys.
 */

type Messages = { [key: string]: string | Messages };

const i18nFolder = path.join(import.meta.dirname, '../../renderer/src/i18n');
const languages = ['de', 'en'] as const;

function readMessages(language: string): Messages {
  const file = path.join(i18nFolder, `${language}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Messages;
}

/** Returns every key path that leads to a text, such as `errors.LINK_MALFORMED.next`. */
function textKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [`${prefix}${key}`]
      : textKeys(value, `${prefix}${key}.`),
  );
}

function textAt(messages: Messages, key: string): unknown {
  let value: unknown = messages;
  for (const part of key.split('.')) {
    value = (value as Record<string, unknown> | undefined)?.[part];
  }
  return value;
}

function hasText(messages: Messages, key: string): boolean {
  const text = textAt(messages, key);
  return typeof text === 'string' && text.trim() !== '';
}

describe('translations', () => {
  const byLanguage = Object.fromEntries(
    languages.map((language) => [language, readMessages(language)]),
  );

  it('has the same keys in German and English', () => {
    const german = textKeys(byLanguage.de!).sort();
    const english = textKeys(byLanguage.en!).sort();

    expect(german.filter((key) => !english.includes(key))).toEqual([]);
    expect(english.filter((key) => !german.includes(key))).toEqual([]);
  });

  for (const language of languages) {
    it(`explains every error code in ${language}`, () => {
      const missing = errorCodes.flatMap((code) =>
        ['message', 'next']
          .map((part) => `errors.${code}.${part}`)
          // A text with a count has its plural forms instead, as i18next names them.
          .filter(
            (key) =>
              !hasText(byLanguage[language]!, key) &&
              !hasText(byLanguage[language]!, `${key}_other`),
          ),
      );

      expect(missing).toEqual([]);
    });
  }
});
