import type { TFunction } from 'i18next';
import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_PHOTO_BYTES,
  MAX_STATUS_MESSAGE_LENGTH,
} from '../../../contract/limits';
import {
  isErrorCode,
  type AppError,
  type ErrorCode,
} from '../../../contract/errors';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from '../../../contract/password-policy';
import { RESET_VALIDITY_MS } from '../../../contract/setup-link';

const ruleValues = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH };

export interface ErrorText {
  message: string;
  next: string;
}

/** Failures that point to a bug or a broken installation, where the log helps. */
const unexpected = new Set<ErrorCode>([
  'INTERNAL',
  'VALIDATION_FAILED',
  'SERVICE_INCOMPATIBLE',
  'IPC_FORBIDDEN',
]);

/**
 * Translates an error into a message and a next step. Codes without a
 * translation, which should not exist, read as INTERNAL.
 */
export function describeError(
  t: TFunction,
  error: AppError,
  logFile?: string,
): ErrorText {
  const code = isErrorCode(error.code) ? error.code : 'INTERNAL';
  const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
  const values = {
    count: minutes,
    maxLength: error.maxLength,
    minutes,
    maxName: MAX_DISPLAY_NAME_LENGTH,
    maxStatus: MAX_STATUS_MESSAGE_LENGTH,
    minPassword: MIN_PASSWORD_LENGTH,
    maxPassword: MAX_PASSWORD_LENGTH,
    maxPhotoMb: MAX_PHOTO_BYTES / 1024 / 1024,
    resetMinutes: RESET_VALIDITY_MS / 60_000,
  };

  const parts = [t(`errors.${code}.next`, values)];
  // A single failed rule repeats what the code's message already states.
  if (error.failedRules && error.failedRules.length > 1) {
    const rules = error.failedRules
      .map((rule) => t(`registration.rules.${rule}`, ruleValues))
      .join('; ');
    parts.push(t('errors.failedRules', { rules }));
  }
  if (logFile && unexpected.has(code)) {
    parts.push(t('errors.logFile', { logFile }));
  }

  return {
    message: t(`errors.${code}.message`, values),
    next: parts.join(' '),
  };
}
