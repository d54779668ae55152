import { describe, expect, test } from 'vitest';
import {
  validateDisplayName,
  validateStatusMessage,
} from '../../src/profile/text-fields';

describe('validateDisplayName', () => {
  test.each([
    ['', 'must have 1 to 80 characters after trimming; it has 0'],
    ['Anna\nBerg', 'contains a control character or line break'],
    ['Admin \u202etxt.exe', 'contains an invisible format character'],
    ['\u200b\u200b', 'contains an invisible format character'],
    ['\u200d', 'has no visible character'],
  ])('%j names the reason', (raw, reason) => {
    const result = validateDisplayName(raw);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('DISPLAY_NAME_INVALID');
    expect(result.error.message).toContain(reason);
  });

  test('keeps joiners inside a name', () => {
    expect(validateDisplayName(' Anna 👩\u200d💻 ')).toEqual({
      ok: true,
      value: 'Anna 👩\u200d💻',
    });
  });
});

describe('validateStatusMessage', () => {
  test('rejects a bidi control', () => {
    const result = validateStatusMessage('Zurück \u202egatnoM');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('STATUS_MESSAGE_INVALID');
    expect(result.error.message).toContain(
      'contains an invisible format character',
    );
  });

  test('accepts an empty message', () => {
    expect(validateStatusMessage('  ')).toEqual({ ok: true, value: '' });
  });
});
