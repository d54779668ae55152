import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DirectoryEntry, SessionGrant } from '../../../contract/api';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import {
  decodeCursor,
  encodeCursor,
  escapeLikePattern,
} from '../../src/routes/directory-routes';
import {
  bearer,
  createAccount,
  inviteUser,
  registeredUser,
} from '../support/invitations';

let service: TestService;
let caller: SessionGrant;

beforeAll(async () => {
  service = await startTestService();
  const { number } = await createAccount(service, { name: 'Nord GmbH' });
  const { number: other } = await createAccount(service, { name: 'Süd AG' });

  caller = await registeredUser(
    service,
    number,
    'anna@example.com',
    'anna Berg',
  );
  await registeredUser(service, number, 'zoe@example.com', 'Björn Alt');
  await registeredUser(service, number, 'carl@example.com', 'Carl 100% Sicher');
  await registeredUser(service, number, 'dora_x@example.com', 'Dora Kling');
  await inviteUser(service, number, 'bea@example.com');
  await inviteUser(service, number, 'emil@example.com');
  await registeredUser(service, other, 'andrea@example.com', 'Andrea Fremd');
});

afterAll(() => service.close());

async function directory(query: Record<string, string | number> = {}) {
  const search = new URLSearchParams(
    Object.entries(query).map(([key, value]): [string, string] => [
      key,
      String(value),
    ]),
  );
  const response = await service.app.inject({
    method: 'GET',
    url: `/v1/directory?${search}`,
    headers: bearer(caller),
  });
  expect(response.statusCode).toBe(200);

  return response.json() as {
    entries: DirectoryEntry[];
    nextCursor: string | null;
  };
}

const names = (entries: DirectoryEntry[]) =>
  entries.map((entry) => entry.displayName ?? entry.email);

describe('directory', () => {
  test('lists the account sorted by name', async () => {
    const page = await directory();

    expect(names(page.entries)).toEqual([
      'anna Berg',
      'bea@example.com',
      'Björn Alt',
      'Carl 100% Sicher',
      'Dora Kling',
      'emil@example.com',
    ]);
    expect(page.nextCursor).toBeNull();
  });

  test('includes licensed people who have not registered', async () => {
    const page = await directory({ q: 'bea' });

    expect(page.entries).toEqual([
      expect.objectContaining({
        email: 'bea@example.com',
        displayName: null,
        registered: false,
      }),
    ]);
  });

  test('search ignores case on name and email', async () => {
    expect(names((await directory({ q: 'BERG' })).entries)).toEqual([
      'anna Berg',
    ]);
    expect(names((await directory({ q: 'ZOE@' })).entries)).toEqual([
      'Björn Alt',
    ]);
  });

  test('search ignores accents and umlauts', async () => {
    expect(names((await directory({ q: 'bjorn' })).entries)).toEqual([
      'Björn Alt',
    ]);
    expect(names((await directory({ q: 'Björn' })).entries)).toEqual([
      'Björn Alt',
    ]);
  });

  test('search words match in any order', async () => {
    expect(names((await directory({ q: 'berg anna' })).entries)).toEqual([
      'anna Berg',
    ]);
    expect(names((await directory({ q: '  alt   zoe@ ' })).entries)).toEqual([
      'Björn Alt',
    ]);
    expect(names((await directory({ q: 'berg zoe' })).entries)).toEqual([]);
  });

  test('LIKE wildcards match literally', async () => {
    expect(names((await directory({ q: '%' })).entries)).toEqual([
      'Carl 100% Sicher',
    ]);
    expect(names((await directory({ q: '_' })).entries)).toEqual([
      'Dora Kling',
    ]);
  });

  test('pages cover every entry once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;

    do {
      const page = await directory(
        cursor ? { limit: 2, cursor } : { limit: 2 },
      );
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...names(page.entries));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual(names((await directory()).entries));
  });

  test('invalid cursor fails validation', async () => {
    const response = await service.app.inject({
      method: 'GET',
      url: '/v1/directory?cursor=bm90LWEtY3Vyc29y',
      headers: bearer(caller),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'cursor',
    });
  });

  test('limit above 200 fails validation', async () => {
    const response = await service.app.inject({
      method: 'GET',
      url: '/v1/directory?limit=500',
      headers: bearer(caller),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('limit');
  });
});

describe('directory helpers', () => {
  test('cursor round-trips', () => {
    const cursor = { nameKey: 'anna berg', id: 'f3b1' };

    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  test.each([
    ['100%', '100\\%'],
    ['a_b', 'a\\_b'],
    ['back\\slash', 'back\\\\slash'],
    ['plain', 'plain'],
  ])('escapeLikePattern(%s)', (input, escaped) => {
    expect(escapeLikePattern(input)).toBe(escaped);
  });
});
