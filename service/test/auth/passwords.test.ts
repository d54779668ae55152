import { describe, expect, test } from 'vitest';
import {
  checkPasswordRules,
  hashPassword,
  verifyAgainstDummyHash,
  verifyPassword,
} from '../../src/auth/passwords';

describe('checkPasswordRules', () => {
  test.each([
    ['empty', '', 'PASSWORD_TOO_SHORT', ['minLength']],
    [
      'short and common',
      '123456',
      'PASSWORD_TOO_SHORT',
      ['minLength', 'notCommon'],
    ],
    ['7 characters', 'Tk4#pQz', 'PASSWORD_TOO_SHORT', ['minLength']],
    ['common German', 'Passwort2026!', 'PASSWORD_TOO_COMMON', ['notCommon']],
    ['common English', 'password123', 'PASSWORD_TOO_COMMON', ['notCommon']],
    ['common, other case', 'QWERTZUIOP', 'PASSWORD_TOO_COMMON', ['notCommon']],
    [
      '257 characters',
      `${'kx'.repeat(128)}k`,
      'PASSWORD_TOO_LONG',
      ['maxLength'],
    ],
    ['eight spaces', '        ', 'PASSWORD_TOO_COMMON', ['notCommon']],
    [
      'one letter repeated',
      'aaaaaaaaaaaa',
      'PASSWORD_TOO_COMMON',
      ['notCommon'],
    ],
    ['8 characters', 'Tk4#pQz9', null, []],
    ['256 characters', 'kx'.repeat(128), null, []],
    ['long passphrase', 'lila Wolken über dem Hafen', null, []],
  ])('%s', (_case, password, code, failedRules) => {
    const result = checkPasswordRules(password);

    if (code === null) {
      expect(result.ok).toBe(true);
      return;
    }

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.failedRules).toEqual(failedRules);
    expect(result.error.field).toBe('password');
  });
});

describe('password hashing', () => {
  test('verifies the right password only', async () => {
    const hash = await hashPassword('Kalender-Blau-47');

    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'Kalender-Blau-47')).toBe(true);
    expect(await verifyPassword(hash, 'Kalender-Blau-48')).toBe(false);
  });

  test('dummy verification is always false', async () => {
    expect(await verifyAgainstDummyHash('anything')).toBe(false);
  });
});
