import type { PasswordRule } from './errors';

/** Minimum password length, the same as the modelled cloud service's. */
export const MIN_PASSWORD_LENGTH = 8;

/**
 * Maximum password length. It bounds the work of hashing an attacker's input
 * while staying well above the 64 characters that NIST SP 800-63B asks
 * verifiers to accept.
 */
export const MAX_PASSWORD_LENGTH = 256;

export interface PasswordRuleResult {
  rule: PasswordRule;
  passed: boolean;
}

/**
 * Checks a password against every rule, in the order the registration page
 * shows them. `isCommon` is injected so that the renderer can load the list
 * of common passwords lazily while the service and the main process load it
 * at once.
 */
export function evaluatePassword(
  password: string,
  isCommon: (password: string) => boolean,
): PasswordRuleResult[] {
  const length = [...password].length;

  return [
    { rule: 'minLength', passed: length >= MIN_PASSWORD_LENGTH },
    { rule: 'maxLength', passed: length <= MAX_PASSWORD_LENGTH },
    { rule: 'notCommon', passed: !isCommon(password) },
  ];
}

export function failedPasswordRules(
  password: string,
  isCommon: (password: string) => boolean,
): PasswordRule[] {
  return evaluatePassword(password, isCommon)
    .filter((result) => !result.passed)
    .map((result) => result.rule);
}
