import { describe, expect, test } from 'vitest';
import { SETUP_TOKEN_PATTERN } from '../../../contract/setup-link';
import {
  createSetupToken,
  hashSetupToken,
  invitationExpiresAt,
  isInvitationExpired,
  setupLinkUrl,
} from '../../src/invitations/setup-token';

const DAY_MS = 24 * 60 * 60 * 1000;
const createdAt = new Date('2026-03-02T09:15:00.000Z');
const at = (offsetMs: number) => new Date(createdAt.getTime() + offsetMs);

describe('isInvitationExpired', () => {
  test.each([
    ['at creation', 0, false],
    ['after 3 days', 3 * DAY_MS, false],
    ['1 ms before 4 days', 4 * DAY_MS - 1, false],
    ['at exactly 4 days', 4 * DAY_MS, true],
    ['1 ms after 4 days', 4 * DAY_MS + 1, true],
    ['after 30 days', 30 * DAY_MS, true],
  ])('%s', (_case, offsetMs, expired) => {
    expect(isInvitationExpired(createdAt, at(offsetMs))).toBe(expired);
  });

  test('expiry is 4 days after creation', () => {
    expect(invitationExpiresAt(createdAt).toISOString()).toBe(
      '2026-03-06T09:15:00.000Z',
    );
  });
});

describe('createSetupToken', () => {
  test('is 43 base64url characters', () => {
    expect(createSetupToken()).toMatch(SETUP_TOKEN_PATTERN);
  });

  test('differs on every call', () => {
    const tokens = new Set(Array.from({ length: 100 }, createSetupToken));

    expect(tokens.size).toBe(100);
  });

  test('hash is SHA-256 hex, not the token', () => {
    const token = createSetupToken();

    expect(hashSetupToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSetupToken(token)).not.toContain(token);
  });

  test('link is public URL, /setup/ and token', () => {
    expect(setupLinkUrl('https://uc.example.com', 'T'.repeat(43))).toBe(
      `https://uc.example.com/setup/${'T'.repeat(43)}`,
    );
  });
});
