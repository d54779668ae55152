import type { AppError } from '../../../contract/errors';

/**
 * An error shown next to one form field: either an error code from the main
 * process, or a check the renderer made itself, as a translation key.
 */
export type FieldError =
  | { error: AppError }
  | { key: string; values?: Record<string, string | number> };

/** Characters a name or status message may not contain (line breaks, tabs, other C0/C1). */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/** Length as the service counts it, in code points rather than UTF-16 units. */
export function textLength(text: string): number {
  return [...text].length;
}
