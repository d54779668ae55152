import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { Logger } from 'pino';
import type { Keychain } from '../keychain';

/**
 * Characters of one chunk. Windows' Credential Manager stores at most 2560
 * bytes per credential (CRED_MAX_CREDENTIAL_BLOB_SIZE), and @napi-rs/keyring
 * stores a password there as UTF-16, so 1200 characters take 2400 bytes.
 */
export const CHUNK_CHARS = 1200;

/** Most chunks read or deleted; a real cache needs a handful. */
const MAX_CHUNKS = 1000;

export interface KeychainTokenCacheOptions {
  /** The app's keychain, each call bounded by a timeout. */
  keychain: Keychain;
  /** Keychain service name, the same as the stored session's. */
  service: string;
  /** Service origin whose session the cache belongs to. */
  origin: string;
  logger: Logger;
  /** Reports a keychain call that succeeded, for the keychain status. */
  onKeychainSuccess(): void;
  /** Reports a keychain call that failed or timed out. */
  onKeychainFailure(error: unknown): void;
  /** False once the keychain timed out in this run, so it is not asked again. */
  keychainUsable(): boolean;
}

/** Contents of the count entry. */
interface ChunkIndex {
  chunks: number;
  /** SHA-256 of the joined chunks, which reveals a half-finished write. */
  sha256: string;
}

function parseIndex(text: string): ChunkIndex | null {
  try {
    const value = JSON.parse(text) as Partial<ChunkIndex>;
    if (
      Number.isInteger(value.chunks) &&
      (value.chunks as number) > 0 &&
      (value.chunks as number) <= MAX_CHUNKS &&
      typeof value.sha256 === 'string'
    ) {
      return { chunks: value.chunks as number, sha256: value.sha256 };
    }
  } catch {
    // Falls through: an unreadable index is treated like a missing cache.
  }
  return null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compresses the serialized cache and splits it into chunks of base64. */
export function encodeChunks(serialized: string): string[] {
  const encoded = deflateRawSync(Buffer.from(serialized, 'utf8'), {
    level: 9,
  }).toString('base64');
  const chunks: string[] = [];
  for (let start = 0; start < encoded.length; start += CHUNK_CHARS) {
    chunks.push(encoded.slice(start, start + CHUNK_CHARS));
  }
  return chunks;
}

function decodeChunks(joined: string): string {
  return inflateRawSync(Buffer.from(joined, 'base64')).toString('utf8');
}

/**
 * MSAL's token cache in the OS keychain, compressed and split into chunks:
 * `msal:<origin>:count` contains the number of chunks, and
 * `msal:<origin>:0` onwards contain the chunks. The cache is read once per MSAL application and
 * written after every change. When the keychain fails, the cache lives in
 * memory for this run.
 */
export class KeychainTokenCache implements ICachePlugin {
  readonly #options: KeychainTokenCacheOptions;
  readonly #logger: Logger;
  #loading: Promise<void> | null = null;
  /** Number of chunks last read or written in this run, so that surplus ones are deleted. */
  #storedChunks = 0;
  #writes: Promise<void> = Promise.resolve();

  constructor(options: KeychainTokenCacheOptions) {
    this.#options = options;
    this.#logger = options.logger;
  }

  /** Account name of the count entry. */
  get indexAccount(): string {
    return `msal:${this.#options.origin}:count`;
  }

  chunkAccount(index: number): string {
    return `msal:${this.#options.origin}:${index}`;
  }

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    this.#loading ??= this.#load(context);
    await this.#loading;
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) {
      return;
    }
    const serialized = context.tokenCache.serialize();
    this.#writes = this.#writes.then(() => this.#write(serialized));
    await this.#writes;
  }

  /** Deletes every entry of the cache, also chunks that a broken write left behind. */
  async clear(): Promise<void> {
    const clearing = this.#writes.then(() => this.#deleteAll());
    this.#writes = clearing;
    await clearing;
  }

  /** Resolves when every write so far has finished or failed. */
  async flush(): Promise<void> {
    await this.#writes;
  }

  async #load(context: TokenCacheContext): Promise<void> {
    const serialized = await this.#read();
    if (serialized === null) {
      return;
    }
    try {
      context.tokenCache.deserialize(serialized);
      this.#logger.debug(
        { origin: this.#options.origin, chunks: this.#storedChunks },
        'token cache read from the keychain',
      );
    } catch (error) {
      this.#logger.warn(
        { err: error, origin: this.#options.origin },
        'token cache in the keychain is unreadable; starting empty',
      );
    }
  }

  async #read(): Promise<string | null> {
    if (!this.#options.keychainUsable()) {
      return null;
    }
    const { keychain, service } = this.#options;

    try {
      const indexText = await keychain.getPassword(service, this.indexAccount);
      this.#options.onKeychainSuccess();
      const index = indexText === null ? null : parseIndex(indexText);
      if (!index) {
        return null;
      }
      this.#storedChunks = index.chunks;

      const chunks: string[] = [];
      for (let i = 0; i < index.chunks; i++) {
        const chunk = await keychain.getPassword(service, this.chunkAccount(i));
        if (chunk === null) {
          this.#logger.warn(
            { origin: this.#options.origin, missing: i, chunks: index.chunks },
            'token cache chunk missing; starting empty',
          );
          return null;
        }
        chunks.push(chunk);
      }

      const joined = chunks.join('');
      if (sha256(joined) !== index.sha256) {
        this.#logger.warn(
          { origin: this.#options.origin, chunks: index.chunks },
          'token cache chunks do not match their checksum; starting empty',
        );
        return null;
      }
      return decodeChunks(joined);
    } catch (error) {
      this.#keychainFailed(error, 'reading');
      return null;
    }
  }

  /**
   * Writes the chunks first and the count last, so that a write cut off
   * halfway fails the checksum on the next read instead of mixing caches.
   */
  async #write(serialized: string): Promise<void> {
    if (!this.#options.keychainUsable()) {
      return;
    }
    const { keychain, service } = this.#options;
    const chunks = encodeChunks(serialized);
    const index: ChunkIndex = {
      chunks: chunks.length,
      sha256: sha256(chunks.join('')),
    };

    try {
      for (const [i, chunk] of chunks.entries()) {
        await keychain.setPassword(service, this.chunkAccount(i), chunk);
      }
      await keychain.setPassword(
        service,
        this.indexAccount,
        JSON.stringify(index),
      );
      for (let i = chunks.length; i < this.#storedChunks; i++) {
        await keychain.deletePassword(service, this.chunkAccount(i));
      }
      this.#storedChunks = chunks.length;
      this.#options.onKeychainSuccess();
      this.#logger.debug(
        { origin: this.#options.origin, chunks: chunks.length },
        'token cache written to the keychain',
      );
    } catch (error) {
      this.#keychainFailed(error, 'writing');
    }
  }

  async #deleteAll(): Promise<void> {
    if (!this.#options.keychainUsable()) {
      return;
    }
    const { keychain, service } = this.#options;

    try {
      const indexText = await keychain.getPassword(service, this.indexAccount);
      const listed =
        indexText === null ? 0 : (parseIndex(indexText)?.chunks ?? 0);
      await keychain.deletePassword(service, this.indexAccount);

      // Beyond the known chunks, deletes on until an entry is missing, which
      // also removes what an interrupted write left behind.
      const known = Math.max(listed, this.#storedChunks);
      for (let i = 0; i < MAX_CHUNKS; i++) {
        const deleted = await keychain.deletePassword(
          service,
          this.chunkAccount(i),
        );
        if (!deleted && i >= known) {
          break;
        }
      }
      this.#storedChunks = 0;
      this.#options.onKeychainSuccess();
    } catch (error) {
      this.#keychainFailed(error, 'deleting');
    }
  }

  #keychainFailed(error: unknown, action: string): void {
    this.#logger.warn(
      { err: error, origin: this.#options.origin },
      `${action} the token cache in the keychain failed; it is kept in memory`,
    );
    this.#options.onKeychainFailure(error);
  }
}
