import type { AppError } from '../../../contract/errors';

/**
 * An error shown next to one form field: either an error code from the main
 * process, or a check the renderer made itself, as a translation key.
 */
export type FieldError =
  | { error: AppError }
  | { key: string; values?: Record<string, string | number> };

export { textLength } from '../../../contract/text-fields';
