import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Random bytes as unpadded base64url text. */
export function randomToken(byteCount: number): string {
  return randomBytes(byteCount).toString('base64url');
}

/** SHA-256 of a UTF-8 string, as lower-case hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function newId(): string {
  return randomUUID();
}
