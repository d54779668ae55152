import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { isCommonPassword } from '../../../contract/common-passwords';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  failedPasswordRules,
} from '../../../contract/password-policy';
import { failure, success, type ServiceResult } from '../errors';
import { randomToken } from '../secure-random';

/**
 * Argon2id with the minimum cost of the OWASP Password Storage Cheat Sheet
 * (19 MiB, 2 passes, 1 lane). `Algorithm` is an ambient const enum, which
 * isolated modules cannot read, so its value 2 (Argon2id) is written out.
 */
const hashOptions = {
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, hashOptions);
}

export async function verifyPassword(
  passwordHash: string,
  password: string,
): Promise<boolean> {
  return verify(passwordHash, password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies the password against a hash of a random secret, so that a
 * sign-in for an unknown email takes as long as one with a wrong password.
 * Always false.
 */
export async function verifyAgainstDummyHash(password: string) {
  dummyHash ??= hashPassword(randomToken(32));
  await verify(await dummyHash, password);

  return false;
}

/**
 * Checks a new password against the shared policy: the code names the first
 * broken rule and `failedRules` lists all of them.
 */
export function checkPasswordRules(password: string): ServiceResult<void> {
  const failedRules = failedPasswordRules(password, isCommonPassword);
  const details = { field: 'password', failedRules };

  if (failedRules.includes('minLength')) {
    return failure(
      'PASSWORD_TOO_SHORT',
      `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
      details,
    );
  }

  if (failedRules.includes('maxLength')) {
    return failure(
      'PASSWORD_TOO_LONG',
      `The password may have at most ${MAX_PASSWORD_LENGTH} characters.`,
      details,
    );
  }

  if (failedRules.includes('notCommon')) {
    return failure(
      'PASSWORD_TOO_COMMON',
      'The password is on the list of very common passwords, or is one character repeated.',
      details,
    );
  }

  return success(undefined);
}
