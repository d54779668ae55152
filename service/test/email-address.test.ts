import { describe, expect, test } from 'vitest';
import { normalizeEmail, validateEmail } from '../src/email-address';

describe('normalizeEmail', () => {
  test.each([
    [
      'trims and lower-cases',
      '  Anna.Berg@Example.COM ',
      'anna.berg@example.com',
    ],
    ['keeps a Unicode domain', 'jürgen@müller.de', 'jürgen@müller.de'],
    [
      'decodes a punycode domain',
      'jürgen@xn--mller-kva.de',
      'jürgen@müller.de',
    ],
    ['decodes upper-case punycode', 'ANNA@XN--MLLER-KVA.DE', 'anna@müller.de'],
    ['maps full-width letters', 'anna@ｅxample.com', 'anna@example.com'],
    [
      'maps a full-width local part',
      'ＡＮＮＡ@example.com',
      'anna@example.com',
    ],
    ['maps a full-width at sign', 'anna＠example.com', 'anna@example.com'],
    ['applies NFC', 'ju\u0308rgen@example.de', 'jürgen@example.de'],
    ['leaves a numeric domain', 'anna@1.2', 'anna@1.2'],
    ['leaves a percent in the domain', 'anna@a%2e.com', 'anna@a%2e.com'],
  ])('%s', (_case, raw, normalized) => {
    expect(normalizeEmail(raw)).toBe(normalized);
  });
});

describe('validateEmail', () => {
  test('returns the normalized address', () => {
    expect(validateEmail('Jürgen@XN--MLLER-KVA.DE')).toEqual({
      ok: true,
      value: 'jürgen@müller.de',
    });
  });

  test.each([
    'anna,eve@example.org',
    'carl(x)@example.com',
    'dora:eve@example.org',
    'anna@xn--zz.de',
    'anna@1.2',
    'anna@a%2e.com',
    'anna@☃.com',
  ])('%s is EMAIL_INVALID', (raw) => {
    const result = validateEmail(raw);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('EMAIL_INVALID');
    expect(result.error.field).toBe('email');
    expect(result.error.message).toContain('is not a valid email address');
  });

  test.each([
    ['65 bytes before @', `${'l'.repeat(65)}@example.com`],
    // The label has 60 UTF-8 bytes, but 66 in its xn-- form.
    ['long punycode label', `anna@${'d'.repeat(58)}ü.de`],
  ])('%s is too long', (_case, raw) => {
    const result = validateEmail(raw);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('EMAIL_INVALID');
    expect(result.error.message).toContain('is too long for an email address');
  });
});
