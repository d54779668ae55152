import { randomBytes, randomUUID } from 'node:crypto';
import { createKeychain } from '../../main/keychain';
import { CHUNK_CHARS } from '../../main/sso/keychain-token-cache';
import { mark, type Mark, type TimedRun } from './timeline';

/**
 * Times single calls of the app's keychain (`createKeychain`, over
 * @napi-rs/keyring and the Secret Service) on one entry the size of a token
 * cache chunk: create it, read it, replace it, delete it. They explain the
 * keychain's share of the sign-in times.
 */
export async function timeKeychainCalls(): Promise<TimedRun> {
  const keychain = createKeychain({ timeoutMs: 5000 });
  const service = `mitelone-bench-${randomUUID()}`;
  const account = 'chunk';
  const value = () =>
    randomBytes(CHUNK_CHARS).toString('base64url').slice(0, CHUNK_CHARS);
  const marks: Mark[] = [{ name: 'start', atMs: 0 }];

  const startMs = performance.now();
  await keychain.setPassword(service, account, value());
  mark(marks, 'created', performance.now(), startMs);
  const read = await keychain.getPassword(service, account);
  mark(marks, 'read', performance.now(), startMs);
  await keychain.setPassword(service, account, value());
  mark(marks, 'replaced', performance.now(), startMs);
  const deleted = await keychain.deletePassword(service, account);
  mark(marks, 'deleted', performance.now(), startMs);

  if (read?.length !== CHUNK_CHARS || !deleted) {
    throw new Error(
      'The keychain did not return or delete the entry it stored',
    );
  }
  return { totalMs: marks.at(-1)!.atMs, marks, parts: {} };
}
