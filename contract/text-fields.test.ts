import { describe, expect, it } from 'vitest';
import { displayNameProblem, statusMessageProblem } from './text-fields';

describe('displayNameProblem', () => {
  it.each([
    ['plain', 'Anna Berg'],
    ['accents', 'Jürgen Müller-Lüdenscheidt'],
    ['right-to-left script', 'مريم الحسن'],
    ['emoji with joiner', 'Anna 👩\u200d💻'],
    ['non-joiner in Persian', 'می\u200cخواهم'],
    ['combining mark', 'Zoe\u0308'],
    ['80 characters', 'n'.repeat(80)],
  ])('%s is valid', (_case, name) => {
    expect(displayNameProblem(name)).toBeNull();
  });

  it.each([
    ['empty', '', 'missing'],
    ['81 characters', 'n'.repeat(81), 'tooLong'],
    ['line break', 'Anna\nBerg', 'control'],
    ['tab', 'Anna\tBerg', 'control'],
    ['line separator', 'Anna\u2028Berg', 'control'],
    ['right-to-left override', 'Admin \u202etxt.exe', 'format'],
    ['left-to-right embedding', 'Anna \u202aBerg', 'format'],
    ['pop directional formatting', 'Anna\u202c', 'format'],
    ['right-to-left isolate', 'Anna \u2067Berg', 'format'],
    ['pop directional isolate', 'Anna\u2069', 'format'],
    ['left-to-right mark', 'Anna\u200e', 'format'],
    ['right-to-left mark', 'Anna\u200f', 'format'],
    ['Arabic letter mark', 'Anna\u061c', 'format'],
    ['zero-width space', 'An\u200bna', 'format'],
    ['only zero-width spaces', '\u200b\u200b', 'format'],
    ['soft hyphen', 'An\u00adna', 'format'],
    ['word joiner', 'An\u2060na', 'format'],
    ['only joiners', '\u200d\u200c', 'invisible'],
    ['only Hangul fillers', '\u3164\u3164', 'invisible'],
    ['only blank braille cells', '\u2800', 'invisible'],
    ['only combining accents', '\u0301\u0301', 'invisible'],
  ])('%s is %s', (_case, name, problem) => {
    expect(displayNameProblem(name)).toBe(problem);
  });
});

describe('statusMessageProblem', () => {
  it.each([
    ['empty', ''],
    ['plain', 'Im Urlaub bis Montag'],
    ['emoji with joiner', '👩\u200d💻 Home office'],
    ['160 characters', 's'.repeat(160)],
  ])('%s is valid', (_case, message) => {
    expect(statusMessageProblem(message)).toBeNull();
  });

  it.each([
    ['161 characters', 's'.repeat(161), 'tooLong'],
    ['line break', 'Im Urlaub\nbis Montag', 'control'],
    ['paragraph separator', 'Im Urlaub\u2029bis Montag', 'control'],
    ['right-to-left override', 'Zurück \u202egatnoM', 'format'],
    ['zero-width space', 'Im\u200bUrlaub', 'format'],
  ])('%s is %s', (_case, message, problem) => {
    expect(statusMessageProblem(message)).toBe(problem);
  });
});
