import { describe, expect, it } from 'vitest';
import { decodeIpcJson, encodeIpcJson } from './ipc-json';

describe('ipc-json', () => {
  it.each([0, 1, 2, 3, 4, 5, 255, 1000])('round-trips %i bytes', (length) => {
    const bytes = Uint8Array.from(
      { length },
      (_, index) => (index * 37 + 11) % 256,
    );

    const decoded = decodeIpcJson(encodeIpcJson({ data: bytes })) as {
      data: Uint8Array;
    };

    expect(decoded.data).toBeInstanceOf(Uint8Array);
    expect([...decoded.data]).toEqual([...bytes]);
  });

  it('encodes bytes as standard base64', () => {
    const text = encodeIpcJson({
      data: new TextEncoder().encode('Mitel One!'),
    });

    expect(text).toBe(
      `{"data":{"$bytes":"${Buffer.from('Mitel One!').toString('base64')}"}}`,
    );
  });

  it('keeps plain objects with other keys', () => {
    expect(decodeIpcJson('{"$bytes":"AA==","extra":1}')).toEqual({
      $bytes: 'AA==',
      extra: 1,
    });
  });

  it('rejects invalid base64', () => {
    expect(() => decodeIpcJson('{"$bytes":"@@@@"}')).toThrow('Invalid base64');
  });
});
