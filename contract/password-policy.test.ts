import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './common-passwords';
import { evaluatePassword, failedPasswordRules } from './password-policy';

describe('evaluatePassword', () => {
  it('lists the rules in display order', () => {
    const rules = evaluatePassword('x', () => false).map(
      (result) => result.rule,
    );

    expect(rules).toEqual(['minLength', 'maxLength', 'notCommon']);
  });

  it.each([
    ['7 characters', 'Tk4#pQz', ['minLength']],
    ['8 characters', 'Tk4#pQz9', []],
    ['8 characters counted as code points', 'Grüße🙂ab', []],
    ['7 code points in 8 UTF-16 units', 'Grüß🙂ab', ['minLength']],
    ['256 characters', 'kx'.repeat(128), []],
    ['257 characters', `${'kx'.repeat(128)}k`, ['maxLength']],
    ['common', 'password1', ['notCommon']],
    ['eight spaces', '        ', ['notCommon']],
    ['one letter repeated', 'kkkkkkkkkk', ['notCommon']],
    ['one letter in both cases', 'kKkKkKkK', ['notCommon']],
    ['one emoji repeated', '🙂'.repeat(8), ['notCommon']],
    ['two characters alternating', 'kyKYkyKY', []],
  ])('%s', (_case, password, failed) => {
    expect(failedPasswordRules(password, isCommonPassword)).toEqual(failed);
  });
});

describe('isCommonPassword', () => {
  it.each([
    ['listed', 'iloveyou', true],
    ['listed, other case', 'IloveYou', true],
    ['German addition', 'Passwort', true],
    ['trailing digits and symbols', 'Passwort2026!', true],
    ['short stem with digits', 'abc12345', true],
    ['unlisted phrase', 'lila Wolken über dem Hafen', false],
    ['unlisted word with digits', 'Kalenderblau47', false],
    ['spaces only', '        ', true],
    ['one digit repeated', '0000000000', true],
    ['one character', 'x', true],
  ])('%s', (_case, password, common) => {
    expect(isCommonPassword(password)).toBe(common);
  });
});
