import { describe, expect, test } from 'vitest';
import { foldForSearch } from '../../src/profile/name-key';

describe('foldForSearch', () => {
  test.each([
    ['Jonas Müller', 'jonas muller'],
    ['Zoë Ångström', 'zoe angstrom'],
    ['Straße', 'strasse'],
    ['Ærø Łódź', 'aero lodz'],
    ['ＡＢＣ', 'abc'],
    ['anna@example.com', 'anna@example.com'],
  ])('%s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });
});
