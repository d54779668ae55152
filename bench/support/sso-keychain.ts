import { createHash, randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { createKeychain } from '../../main/keychain';
import { encodeChunks } from '../../main/sso/keychain-token-cache';

/**
 * Changes to what the app stored in the keychain, to put a stored SSO
 * session into the state a measurement needs. The formats are the app's:
 * the session entry is JSON under the service origin (credential-store.ts),
 * and MSAL's cache is compressed and split into chunks
 * (keychain-token-cache.ts).
 */

const keychain = createKeychain({ timeoutMs: 5000 });

async function readEntry(service: string, account: string): Promise<string> {
  const text = await keychain.getPassword(service, account);
  if (text === null) {
    throw new Error(`The keychain has no entry ${account} of ${service}`);
  }
  return text;
}

/**
 * Replaces the stored refresh token with one the service never issued, so
 * that the next start finds the service session ended, as after its expiry.
 */
export async function endServiceSession(
  keychainService: string,
  origin: string,
): Promise<void> {
  const stored = JSON.parse(await readEntry(keychainService, origin)) as {
    sso?: unknown;
  };
  if (!stored.sso) {
    throw new Error(`The session of ${origin} was not started with SSO`);
  }
  await keychain.setPassword(
    keychainService,
    origin,
    JSON.stringify({
      ...stored,
      refreshToken: randomBytes(32).toString('base64url'),
    }),
  );
}

interface MsalCache {
  AccessToken?: Record<string, Record<string, unknown>>;
}

/**
 * Marks every access token in MSAL's cache as expired a minute ago, so that
 * MSAL's silent sign-in must redeem its refresh token at the identity
 * provider, as it must once the provider's one-hour token has run out.
 */
export async function expireCachedAccessTokens(
  keychainService: string,
  origin: string,
): Promise<number> {
  const indexAccount = `msal:${origin}:count`;
  const index = JSON.parse(await readEntry(keychainService, indexAccount)) as {
    chunks: number;
  };
  const chunks: string[] = [];
  for (let i = 0; i < index.chunks; i++) {
    chunks.push(await readEntry(keychainService, `msal:${origin}:${i}`));
  }
  const cache = JSON.parse(
    inflateRawSync(Buffer.from(chunks.join(''), 'base64')).toString('utf8'),
  ) as MsalCache;

  const expiredAt = String(Math.floor(Date.now() / 1000) - 60);
  const tokens = Object.values(cache.AccessToken ?? {});
  for (const token of tokens) {
    token.expires_on = expiredAt;
    token.extended_expires_on = expiredAt;
    delete token.refresh_on;
  }

  const written = encodeChunks(JSON.stringify(cache));
  for (const [i, chunk] of written.entries()) {
    await keychain.setPassword(keychainService, `msal:${origin}:${i}`, chunk);
  }
  const sha256 = createHash('sha256').update(written.join('')).digest('hex');
  await keychain.setPassword(
    keychainService,
    indexAccount,
    JSON.stringify({ chunks: written.length, sha256 }),
  );
  for (let i = written.length; i < index.chunks; i++) {
    await keychain.deletePassword(keychainService, `msal:${origin}:${i}`);
  }
  return tokens.length;
}

/** Returns the number of chunks of MSAL's cache in the keychain and their length. */
export async function readTokenCacheSize(
  keychainService: string,
  origin: string,
): Promise<{ chunks: number; base64Chars: number }> {
  const index = JSON.parse(
    await readEntry(keychainService, `msal:${origin}:count`),
  ) as { chunks: number };
  let base64Chars = 0;
  for (let i = 0; i < index.chunks; i++) {
    base64Chars += (await readEntry(keychainService, `msal:${origin}:${i}`))
      .length;
  }
  return { chunks: index.chunks, base64Chars };
}
