export interface PhotoCacheOptions {
  /** Maximum number of photos kept. */
  maxEntries?: number;
  /** Maximum total length in characters of the kept data URLs. */
  maxCharacters?: number;
}

/**
 * Photos as `data:` URLs by user id and photo version, least recently used
 * first out. A new version has a new key, so an entry never goes stale.
 */
export class PhotoCache {
  readonly #entries = new Map<string, string>();
  readonly #maxEntries: number;
  readonly #maxCharacters: number;
  #characters = 0;

  constructor(options: PhotoCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 500;
    this.#maxCharacters = options.maxCharacters ?? 32 * 1024 * 1024;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(userId: string, version: string): string | undefined {
    const key = cacheKey(userId, version);
    const value = this.#entries.get(key);
    if (value !== undefined) {
      // Re-inserting moves the entry to the end, the most recently used.
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(userId: string, version: string, dataUrl: string): void {
    if (dataUrl.length > this.#maxCharacters) {
      return;
    }
    const key = cacheKey(userId, version);
    this.#remove(key);
    this.#entries.set(key, dataUrl);
    this.#characters += dataUrl.length;

    while (
      this.#entries.size > this.#maxEntries ||
      this.#characters > this.#maxCharacters
    ) {
      const oldest = this.#entries.keys().next().value as string;
      this.#remove(oldest);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#characters = 0;
  }

  #remove(key: string): void {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#characters -= value.length;
    }
  }
}

function cacheKey(userId: string, version: string): string {
  return JSON.stringify([userId, version]);
}
