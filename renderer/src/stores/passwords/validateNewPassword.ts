import type { AppError } from '../../../../contract/errors';
import { failedPasswordRules } from '../../../../contract/password-policy';
import type { FieldError } from '../fieldError';
import { currentCommonPasswordCheck } from './commonPasswordsStore';

/** Checks a new password against the rules the field lists as the person types. */
export function validateNewPassword(password: string): FieldError | undefined {
  if (password === '') {
    return { key: 'registration.validation.passwordMissing' };
  }
  if (failedPasswordRules(password, currentCommonPasswordCheck()).length > 0) {
    return { key: 'registration.validation.passwordRules' };
  }
  return undefined;
}

/** Returns whether the service rejected the new password itself, by one of its rules. */
export function isNewPasswordError(error: AppError): boolean {
  switch (error.code) {
    case 'PASSWORD_TOO_SHORT':
    case 'PASSWORD_TOO_LONG':
    case 'PASSWORD_TOO_COMMON':
      return true;
    case 'VALIDATION_FAILED':
      return error.field === 'password' || error.field === 'newPassword';
    default:
      return false;
  }
}
