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
  try {
    return {
      kind: 'document',
      document: JSON.parse(text.replace(/^\uFEFF/, '')),
      problems: [],
    };
  } catch (error) {
    return {
      kind: 'unreadable',
      problem: `the file is not valid JSON (${(error as Error).message}); the file is ignored`,
    };
  }
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
