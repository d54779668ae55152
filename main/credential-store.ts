import type { Logger } from 'pino';
import type { Keychain } from './keychain';

/** Keychain entry of one service origin, stored as JSON. */
export interface StoredCredential {
  refreshToken: string;
  userId: string;
}

function parseCredential(text: string): StoredCredential | null {
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as StoredCredential).refreshToken === 'string' &&
      typeof (value as StoredCredential).userId === 'string'
    ) {
      const { refreshToken, userId } = value as StoredCredential;
      return { refreshToken, userId };
    }
  } catch {
    // Falls through: unreadable JSON is treated like a missing entry.
  }
  return null;
}

/**
 * The refresh token in the OS keychain, one entry per service origin. Every
 * method rejects with a `KeychainError` when the keychain fails or times out.
 */
export class CredentialStore {
  constructor(
    private readonly keychain: Keychain,
    private readonly service: string,
    private readonly logger: Logger,
  ) {}

  async read(origin: string): Promise<StoredCredential | null> {
    const text = await this.keychain.getPassword(this.service, origin);
    if (text === null) {
      return null;
    }

    const credential = parseCredential(text);
    if (!credential) {
      this.logger.warn(
        { origin },
        'keychain entry is not a stored session; ignoring it',
      );
    }
    return credential;
  }

  write(origin: string, credential: StoredCredential): Promise<void> {
    const { refreshToken, userId } = credential;
    return this.keychain.setPassword(
      this.service,
      origin,
      JSON.stringify({ refreshToken, userId }),
    );
  }

  async delete(origin: string): Promise<void> {
    await this.keychain.deletePassword(this.service, origin);
  }
}
