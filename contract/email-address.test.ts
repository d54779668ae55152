import { describe, expect, it } from 'vitest';
import { emailAddressProblem, utf8Length } from './email-address';

const label63 = 'd'.repeat(63);

describe('emailAddressProblem', () => {
  it.each([
    ['plain', 'anna.berg@example.com'],
    ['upper case', 'Anna.Berg@Example.COM'],
    ['every atext special', "a!#$%&'*+/=?^_`{|}~-z@example.com"],
    ['plus tag', 'anna+team@example.com'],
    ['digits only before @', '12345@example.com'],
    ['subdomain', 'anna@mail.eu.example.com'],
    ['hyphen inside a label', 'anna@my-company.example'],
    ['digits in the domain', 'anna@123.example.com'],
    ['umlaut before @', 'jürgen@example.de'],
    ['umlaut domain', 'jürgen@müller.de'],
    ['punycode domain', 'jürgen@xn--mller-kva.de'],
    ['other script', 'δοκιμή@παράδειγμα.δοκιμή'],
    ['64 bytes before @', `${'l'.repeat(64)}@example.com`],
    ['63-byte label', `anna@${label63}.com`],
  ])('%s is valid', (_case, address) => {
    expect(emailAddressProblem(address)).toBeNull();
  });

  it.each([
    ['comma', 'anna,eve@example.org'],
    ['semicolon', 'anna;eve@example.org'],
    ['colon', 'dora:eve@example.org'],
    ['comment', 'carl(x)@example.com'],
    ['angle brackets', 'anna<eve@example.org>@example.com'],
    ['quotes', '"anna"@example.com'],
    ['backslash', 'anna\\eve@example.com'],
    ['square brackets', 'anna[1]@example.com'],
    ['space', 'anna berg@example.com'],
    ['tab', 'anna\tberg@example.com'],
    ['line break', 'anna\r\nBcc:eve@example.com'],
    ['zero-width space', 'anna\u200b@example.com'],
    ['right-to-left override', 'anna\u202e@example.com'],
    ['emoji', 'anna🙂@example.com'],
    ['two @', 'anna@eve@example.com'],
    ['no @', 'anna.example.com'],
    ['empty local part', '@example.com'],
    ['leading dot', '.anna@example.com'],
    ['trailing dot', 'anna.@example.com'],
    ['double dot', 'anna..berg@example.com'],
    ['empty domain', 'anna@'],
    ['domain without dot', 'anna@localhost'],
    ['domain with trailing dot', 'anna@example.com.'],
    ['domain with leading dot', 'anna@.example.com'],
    ['domain with double dot', 'anna@example..com'],
    ['label starting with hyphen', 'anna@-example.com'],
    ['label ending with hyphen', 'anna@example-.com'],
    ['underscore in domain', 'anna@my_company.com'],
    ['percent in domain', 'anna@example%2ecom.org'],
    ['IPv4 address', 'anna@192.168.0.1'],
    ['domain literal', 'anna@[127.0.0.1]'],
    ['all-digit top-level label', 'anna@example.123'],
  ])('%s is invalid', (_case, address) => {
    expect(emailAddressProblem(address)).toBe('invalid');
  });

  it.each([
    ['65 bytes before @', `${'l'.repeat(65)}@example.com`],
    ['33 umlauts before @', `${'ü'.repeat(33)}@example.com`],
    ['64-byte label', `anna@${'d'.repeat(64)}.com`],
    [
      '254-byte domain',
      `a@${[label63, label63, label63, 'd'.repeat(62)].join('.')}`,
    ],
    [
      '255 bytes in all',
      `${'l'.repeat(64)}@${[label63, label63, 'd'.repeat(62)].join('.')}`,
    ],
  ])('%s is too long', (_case, address) => {
    expect(emailAddressProblem(address)).toBe('tooLong');
  });
});

describe('utf8Length', () => {
  it.each([
    ['ASCII', 'anna', 4],
    ['two-byte letter', 'ü', 2],
    ['three-byte letter', '例', 3],
    ['four-byte character', '🙂', 4],
  ])('%s', (_case, text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
  });
});
