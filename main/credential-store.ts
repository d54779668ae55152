import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Logger } from 'pino';
import { AccountNumber, SsoSettings } from '../contract/api';
import type { Keychain } from './keychain';

/**
 * Data that a session started with single sign-on keeps, so that a later
 * start can sign in again through MSAL's token cache, without the browser.
 */
export const SsoSessionInfo = Type.Object({
  settings: SsoSettings,
  /** MSAL's id of the account in the token cache. */
  homeAccountId: Type.String({ minLength: 1 }),
  accountNumber: Type.Optional(AccountNumber),
});
export type SsoSessionInfo = Static<typeof SsoSessionInfo>;

const ssoSessionInfoCheck = TypeCompiler.Compile(SsoSessionInfo);

/** Keychain entry of one service origin, stored as JSON. */
export interface StoredCredential {
  refreshToken: string;
  userId: string;
  /** Present when the session started with single sign-on. */
  sso?: SsoSessionInfo;
}

type ParsedCredential =
  | { ok: true; credential: StoredCredential; ssoDropped: boolean }
  | { ok: false };

function parseCredential(text: string): ParsedCredential {
  let value: Partial<Record<keyof StoredCredential, unknown>>;
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    return { ok: false };
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof value.refreshToken !== 'string' ||
    typeof value.userId !== 'string'
  ) {
    return { ok: false };
  }

  const credential: StoredCredential = {
    refreshToken: value.refreshToken,
    userId: value.userId,
  };
  const ssoValid = ssoSessionInfoCheck.Check(value.sso);
  if (ssoValid) {
    credential.sso = value.sso as SsoSessionInfo;
  }
  return {
    ok: true,
    credential,
    ssoDropped: value.sso !== undefined && !ssoValid,
  };
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

    const parsed = parseCredential(text);
    if (!parsed.ok) {
      this.logger.warn(
        { origin },
        'keychain entry is not a stored session; ignoring it',
      );
      return null;
    }
    if (parsed.ssoDropped) {
      this.logger.warn(
        { origin },
        'SSO part of the stored session is invalid; ignoring that part',
      );
    }
    return parsed.credential;
  }

  // NOTE: SSO settings far longer than real ones (over about 1000 characters
  // in all) push this entry past Windows' limit of 2560 bytes, stored as
  // UTF-16. The write then fails and the session stays in memory.
  write(origin: string, credential: StoredCredential): Promise<void> {
    const { refreshToken, userId, sso } = credential;
    return this.keychain.setPassword(
      this.service,
      origin,
      JSON.stringify({ refreshToken, userId, sso }),
    );
  }

  async delete(origin: string): Promise<void> {
    await this.keychain.deletePassword(this.service, origin);
  }
}
