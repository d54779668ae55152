import { expect } from 'vitest';
import { KeychainError } from '../keychain';

/** Waits for `promise` to reject, checks that the reason is a KeychainError and returns it. */
export async function keychainFailureOf(
  promise: Promise<unknown>,
): Promise<KeychainError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(KeychainError);
  return error as KeychainError;
}
