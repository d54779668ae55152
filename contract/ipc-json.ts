/**
 * JSON for IPC over HTTP in the browser preview. Electron's IPC clones
 * `Uint8Array`s natively; JSON does not, so byte arrays travel as
 * `{ "$bytes": "<base64>" }`.
 */

const ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map([...ALPHABET].map((char, index) => [char, index]));

function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk =
      (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(chunk >> 18) & 63]! + ALPHABET[(chunk >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(chunk >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[chunk & 63]! : '=';
  }
  return out;
}

function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let index = 0;

  for (const char of clean) {
    const value = LOOKUP.get(char);
    if (value === undefined) throw new Error('Invalid base64 in IPC payload');

    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

export function encodeIpcJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    item instanceof Uint8Array ? { $bytes: encodeBase64(item) } : item,
  );
}

export function decodeIpcJson(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item && typeof item === 'object' && '$bytes' in item) {
      const { $bytes } = item as { $bytes: unknown };
      if (typeof $bytes === 'string' && Object.keys(item).length === 1)
        return decodeBase64($bytes);
    }
    return item;
  });
}
