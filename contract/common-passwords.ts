import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * German passwords that are common in breach lists but missing from the
 * English-centred list that zxcvbn-ts ships.
 */
const germanPasswords = [
  'passwort',
  'passwort1',
  'passwort123',
  'kennwort',
  'kennwort1',
  'hallo123',
  'hallohallo',
  'schatz123',
  'qwertz123',
  'qwertzuiop',
  'asdfghjkl',
  'ichliebedich',
  'fussball',
  'schalke04',
  'borussia',
  'sommer2024',
  'sommer2025',
  'sommer2026',
  'winter2025',
  'winter2026',
  'willkommen',
  'willkommen1',
  'geheim123',
  'mitelone',
  'mitelone1',
];

let commonPasswords: Set<string> | undefined;

/**
 * Normalizes a password for the list lookup: case is ignored, and so are
 * digits and punctuation added at the end ("Passwort2026!" is "passwort").
 */
function normalize(password: string): string[] {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\p{P}\p{S}\s]+$/u, '');

  return stem.length >= 4 && stem !== lower ? [lower, stem] : [lower];
}

/** Returns whether the password is one character repeated, such as eight spaces. */
function isOneRepeatedCharacter(password: string): boolean {
  return new Set(password.toLowerCase()).size === 1;
}

/**
 * Returns whether the password is on the list of very common passwords, or
 * is one character repeated, which no list can hold in every length.
 */
export function isCommonPassword(password: string): boolean {
  if (isOneRepeatedCharacter(password)) return true;

  commonPasswords ??= new Set([
    ...dictionary['passwords-common'],
    ...germanPasswords,
  ]);

  return normalize(password).some((candidate) =>
    commonPasswords!.has(candidate),
  );
}
