/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import errorsPage from '../docs/errors.md?raw';
import { errorCatalog, errorCodes } from './errors';

/** Rows of the page's tables: code and status column. */
const rows = new Map(
  [...errorsPage.matchAll(/^\|\s*`([A-Z_]+)`\s*\|([^|]+)\|/gm)].map((match) => [
    match[1]!,
    match[2]!.trim(),
  ]),
);

describe('docs/errors.md', () => {
  it.each(errorCodes)('lists %s with its status', (code) => {
    const status = errorCatalog[code].status;

    expect(rows.has(code), `${code} is missing from docs/errors.md`).toBe(true);
    expect(rows.get(code)).toBe(
      status === null ? 'client only' : String(status),
    );
  });

  it('lists no code outside the catalog', () => {
    const unknown = [...rows.keys()].filter((code) => !(code in errorCatalog));

    expect(unknown).toEqual([]);
  });
});
