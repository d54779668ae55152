import { readFile } from 'node:fs/promises';
import path from 'node:path';
import brand from '../../resources/brand.json';
import type { SourceContent } from './sources';

/** Largest policy file read; a real one is a few hundred bytes. */
export const MAX_POLICY_BYTES = 64 * 1024;

/** Environment variable that names another policy file on Linux, for tests and trials. */
export const POLICY_FILE_VARIABLE = 'MITELONE_POLICY_FILE';

/** Returns the Linux policy file, or the one the environment names. */
export function policyFilePath(
  env: Record<string, string | undefined>,
): string {
  const named = env[POLICY_FILE_VARIABLE]?.trim();
  return named ? path.resolve(named) : `/etc/${brand.urlScheme}/policy.json`;
}

/** Parses the text of a policy file; a byte order mark from Windows editors is allowed. */
export function parsePolicyFileText(text: string): SourceContent {
  const json = text.replace(/^\uFEFF/, '');
  try {
    return { kind: 'document', document: JSON.parse(json), problems: [] };
  } catch (error) {
    const message = (error as Error).message;
    return {
      kind: 'unreadable',
      problem: `the file is not valid JSON (${message}${lineAndColumn(json, message)}); the file is ignored`,
    };
  }
}

/**
 * Turns the character position in a JSON.parse message into a line and
 * column, which an editor shows, unless the message already names a line.
 */
function lineAndColumn(json: string, message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined || /\bline\b/.test(message)) {
    return '';
  }
  const before = json.slice(0, Number(position)).split('\n');
  return `, at line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

/**
 * Reads a JSON policy file. A missing file is no policy; an unreadable or
 * oversized one is a problem, never an exception.
 */
export async function readPolicyFile(file: string): Promise<SourceContent> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { kind: 'missing' };
    }
    return {
      kind: 'unreadable',
      problem: `the file could not be read (${code ?? String(error)}); the file is ignored`,
    };
  }

  if (bytes.byteLength > MAX_POLICY_BYTES) {
    return {
      kind: 'unreadable',
      problem: `the file has ${bytes.byteLength} bytes, more than the maximum of ${MAX_POLICY_BYTES}; the file is ignored`,
    };
  }
  return parsePolicyFileText(bytes.toString('utf8'));
}
