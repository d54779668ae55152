import type { Logger } from 'pino';
import type { SessionGrant, UserProfile } from '../contract/api';
import { fail, ok, type Result } from '../contract/errors';
import type { KeychainStatus, SessionState } from '../contract/ipc';
import type { CredentialStore, SsoSessionInfo } from './credential-store';
import { KeychainError, type KeychainFailure } from './keychain';
import type { AccessTokenSource, ServiceClient } from './service-client';

/** Access tokens are refreshed this long before they expire. */
const REFRESH_MARGIN_MS = 60_000;

export interface SessionManagerOptions {
  logger: Logger;
  credentials: CredentialStore;
  clientFor(origin: string): ServiceClient;
  /** Origin of the configured service, or null before the first one. */
  configuredOrigin(): string | null;
  now(): Date;
  onStateChange(state: SessionState): void;
  onKeychainStatusChange(status: KeychainStatus): void;
  /** Signs in again through single sign-on when a stored SSO session's refresh token no longer works. */
  sso?: SsoRenewal;
}

/** Single sign-on as the session uses it: silent renewal and the token cache's deletion. */
export interface SsoRenewal {
  /**
   * Gets a token from MSAL's cache, without the browser, and exchanges it at
   * the service for a new session.
   */
  renew(origin: string, sso: SsoSessionInfo): Promise<Result<SessionGrant>>;
  /** Removes the session's MSAL accounts and deletes its token cache. */
  forget(origin: string, sso: SsoSessionInfo): Promise<void>;
}

/** Codes after which a stored SSO session is kept, because a later try may work. */
const transientRenewalCodes = new Set([
  'SERVICE_UNREACHABLE',
  'SSO_PROVIDER_UNREACHABLE',
]);

interface LiveSession {
  origin: string;
  user: UserProfile;
  accessToken: string;
  /** Expiry of the access token in ms since the epoch. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  persistence: 'keychain' | 'memory';
  sso?: SsoSessionInfo;
}

type SignOutReason = 'expired' | 'revoked';

/**
 * The signed-in person's session. The access token stays in memory and the
 * refresh token goes to the OS keychain, rewritten on every rotation. When
 * the keychain fails, the session goes on in memory for this run and the
 * token is never written anywhere else.
 */
export class SessionManager implements AccessTokenSource {
  readonly #options: SessionManagerOptions;
  readonly #logger: Logger;
  #live: LiveSession | null = null;
  #signedOutReason: SignOutReason | undefined;
  #started: Promise<void> | null = null;
  #refreshing: Promise<Result<string>> | null = null;
  /** Origin whose stored session could not be resumed because the service was unreachable. */
  #resumableOrigin: string | null = null;
  #resuming: Promise<void> | null = null;
  #keychainStatus: KeychainStatus = 'unknown';
  #keychainFailure: KeychainFailure | null = null;
  #keychainWrites: Promise<void> = Promise.resolve();

  constructor(options: SessionManagerOptions) {
    this.#options = options;
    this.#logger = options.logger;
  }

  get state(): SessionState {
    if (this.#live) {
      return {
        status: 'signedIn',
        user: this.#live.user,
        persistence: this.#live.persistence,
      };
    }
    return this.#signedOutReason
      ? { status: 'signedOut', reason: this.#signedOutReason }
      : { status: 'signedOut' };
  }

  get keychainStatus(): KeychainStatus {
    return this.#keychainStatus;
  }

  /** Origin of the signed-in session, or null when signed out. */
  get origin(): string | null {
    return this.#live?.origin ?? null;
  }

  /** Resumes the stored session of the configured service. Only the first call starts it. */
  start(): Promise<void> {
    this.#started ??= this.#resume();
    return this.#started;
  }

  /**
   * Returns the state once the start has finished. A stored session that could
   * not be resumed because the service was unreachable is tried again here.
   */
  async current(): Promise<SessionState> {
    await this.start();
    const origin = this.#resumableOrigin;
    if (
      !this.#live &&
      origin !== null &&
      origin === this.#options.configuredOrigin()
    ) {
      this.#resuming ??= this.#resume().finally(() => (this.#resuming = null));
      await this.#resuming;
    }
    return this.state;
  }

  /**
   * Starts the session of a registration or sign-in, replacing any other.
   * `sso` is given for a session that started with single sign-on.
   */
  async begin(
    origin: string,
    grant: SessionGrant,
    sso?: SsoSessionInfo,
  ): Promise<void> {
    const previous = this.#live;
    if (previous) {
      this.#live = null;
      await this.#endAtService(previous, previous.origin !== origin);
      if (previous.origin === origin && previous.sso && !sso) {
        await this.#forgetSso(origin, previous.sso);
      }
    }

    const live = this.#liveFromGrant(origin, grant, 'keychain', sso);
    this.#live = live;
    this.#signedOutReason = undefined;
    this.#resumableOrigin = null;
    this.#logger.info({ origin, userId: grant.user.id }, 'session started');

    // A keychain that timed out may still be stuck on an unlock prompt, so it
    // is not asked again in this run. One that failed quickly is tried again.
    if (this.#keychainFailure === 'timeout') {
      live.persistence = 'memory';
    } else {
      await this.#store(live);
    }
    this.#emitState();
  }

  /** Ends the session: revokes it at the service and deletes the keychain entry. */
  async signOut(): Promise<void> {
    const live = this.#live;
    if (!live) {
      return;
    }

    const token = await this.accessToken(live.origin);
    this.#live = null;
    this.#signedOutReason = undefined;
    this.#emitState();

    await Promise.all([
      token.ok ? this.#revoke(live.origin, token.value) : Promise.resolve(),
      this.#deleteStored(live),
    ]);
    this.#logger.info(
      { origin: live.origin, userId: live.user.id },
      'signed out',
    );
  }

  /** Replaces the signed-in person's profile after a change at the service. */
  updateUser(user: UserProfile): void {
    if (this.#live && this.#live.user.id === user.id) {
      this.#live.user = user;
      this.#emitState();
    }
  }

  async accessToken(origin: string): Promise<Result<string>> {
    const live = this.#live;
    if (!live || live.origin !== origin) {
      return fail('NOT_SIGNED_IN');
    }
    if (
      live.accessTokenExpiresAt - REFRESH_MARGIN_MS >
      this.#options.now().getTime()
    ) {
      return ok(live.accessToken);
    }
    return this.#refresh();
  }

  async refreshAfterRejection(
    origin: string,
    rejected: string,
  ): Promise<Result<string>> {
    const live = this.#live;
    if (!live || live.origin !== origin) {
      return fail('NOT_SIGNED_IN');
    }
    // Another call may have refreshed the token since this one was sent.
    if (live.accessToken !== rejected) {
      return ok(live.accessToken);
    }
    return this.#refresh();
  }

  /** Ends the session as revoked after the service rejected even a freshly refreshed token. */
  async rejectedAfterRefresh(origin: string): Promise<void> {
    if (this.#live?.origin === origin) {
      this.#logger.warn(
        { origin },
        'fresh access token rejected; the session was revoked',
      );
      await this.#end('revoked');
    }
  }

  /** Resolves when every keychain write so far has finished or failed. */
  async flush(): Promise<void> {
    await this.#keychainWrites;
  }

  /** False once the keychain timed out in this run, so that it is not asked again. */
  get keychainUsable(): boolean {
    return this.#keychainFailure !== 'timeout';
  }

  /** Records a keychain call made elsewhere, such as for the token cache, that succeeded. */
  recordKeychainSuccess(): void {
    this.#keychainFailure = null;
    this.#setKeychainStatus('available');
  }

  /** Records a keychain call made elsewhere that failed; the caller logs it. */
  recordKeychainFailure(error: unknown): void {
    this.#keychainFailure =
      error instanceof KeychainError ? error.kind : 'unavailable';
    this.#setKeychainStatus('unavailable');
  }

  async #resume(): Promise<void> {
    const origin = this.#options.configuredOrigin();
    if (!origin) {
      return;
    }

    let credential;
    try {
      credential = await this.#options.credentials.read(origin);
      this.#setKeychainStatus('available');
    } catch (error) {
      this.#keychainFailed(error);
      return;
    }
    if (!credential) {
      return;
    }

    const result = await this.#options
      .clientFor(origin)
      .refresh(credential.refreshToken);
    const renewal = this.#options.sso;
    if (
      !result.ok &&
      result.error.code === 'REFRESH_TOKEN_INVALID' &&
      credential.sso &&
      renewal
    ) {
      await this.#renewSso(origin, credential.sso, renewal);
      return;
    }
    if (!result.ok) {
      await this.#resumeFailed(origin, result.error.code);
      return;
    }
    if (this.#live) {
      // A sign-in finished while the refresh was under way, and it wins.
      return;
    }

    const live = this.#liveFromGrant(
      origin,
      result.value,
      'keychain',
      credential.sso,
    );
    this.#live = live;
    this.#resumableOrigin = null;
    this.#logger.info(
      { origin, userId: live.user.id },
      'session resumed from the keychain',
    );
    await this.#store(live);
    this.#emitState();
  }

  /**
   * Signs in again through MSAL's token cache after the stored session's
   * refresh token stopped working, so that the person does not see the
   * browser again.
   */
  async #renewSso(
    origin: string,
    sso: SsoSessionInfo,
    renewal: SsoRenewal,
  ): Promise<void> {
    const result = await renewal.renew(origin, sso);
    if (!result.ok) {
      if (transientRenewalCodes.has(result.error.code)) {
        this.#logger.warn(
          { origin, code: result.error.code },
          'stored SSO session not renewed',
        );
        this.#resumableOrigin = origin;
        return;
      }
      this.#logger.info(
        { origin, code: result.error.code },
        'stored SSO session expired',
      );
      this.#resumableOrigin = null;
      this.#signedOutReason = 'expired';
      await Promise.all([
        this.#deleteStoredFor(origin),
        this.#forgetSso(origin, sso),
      ]);
      this.#emitState();
      return;
    }
    if (this.#live) {
      return;
    }

    const live = this.#liveFromGrant(origin, result.value, 'keychain', sso);
    this.#live = live;
    this.#resumableOrigin = null;
    this.#logger.info(
      { origin, userId: live.user.id },
      'session renewed through single sign-on',
    );
    await this.#store(live);
    this.#emitState();
  }

  async #forgetSso(origin: string, sso: SsoSessionInfo): Promise<void> {
    try {
      await this.#options.sso?.forget(origin, sso);
    } catch (error) {
      this.#logger.warn(
        { err: error, origin },
        'deleting the token cache failed',
      );
    }
  }

  async #resumeFailed(origin: string, code: string): Promise<void> {
    if (code === 'REFRESH_TOKEN_INVALID') {
      this.#logger.info({ origin }, 'stored session expired');
      this.#resumableOrigin = null;
      this.#signedOutReason = 'expired';
      await this.#deleteStoredFor(origin);
      this.#emitState();
      return;
    }

    // The entry stays because the service may be back at the next start.
    this.#logger.warn({ origin, code }, 'stored session not resumed');
    this.#resumableOrigin = origin;
  }

  /**
   * Refreshes the access token. Concurrent callers share one refresh,
   * because refresh tokens rotate and a used one is invalid.
   */
  #refresh(): Promise<Result<string>> {
    this.#refreshing ??= this.#refreshOnce().finally(
      () => (this.#refreshing = null),
    );
    return this.#refreshing;
  }

  async #refreshOnce(): Promise<Result<string>> {
    const live = this.#live;
    if (!live) {
      return fail('NOT_SIGNED_IN');
    }

    const result = await this.#options
      .clientFor(live.origin)
      .refresh(live.refreshToken);
    if (this.#live !== live) {
      return fail('NOT_SIGNED_IN');
    }
    if (!result.ok) {
      if (result.error.code === 'REFRESH_TOKEN_INVALID') {
        await this.#end('expired');
        return fail('NOT_SIGNED_IN');
      }
      return result;
    }

    const grant = result.value;
    live.accessToken = grant.accessToken;
    live.accessTokenExpiresAt = Date.parse(grant.accessTokenExpiresAt);
    live.refreshToken = grant.refreshToken;
    live.user = grant.user;
    this.#logger.debug({ origin: live.origin }, 'access token refreshed');

    if (live.persistence === 'keychain') {
      await this.#store(live);
    }
    return ok(live.accessToken);
  }

  /** Ends the session by itself, for a reason the renderer shows. */
  async #end(reason: SignOutReason): Promise<void> {
    const live = this.#live;
    if (!live) {
      return;
    }
    this.#live = null;
    this.#signedOutReason = reason;
    this.#logger.info(
      { origin: live.origin, userId: live.user.id, reason },
      'session ended',
    );
    this.#emitState();
    await this.#deleteStored(live);
  }

  /** Revokes a replaced session and deletes its entry when it is for another origin. */
  async #endAtService(live: LiveSession, deleteEntry: boolean): Promise<void> {
    await Promise.all([
      this.#revoke(live.origin, live.accessToken),
      deleteEntry ? this.#deleteStored(live) : Promise.resolve(),
    ]);
  }

  async #revoke(origin: string, accessToken: string): Promise<void> {
    const result = await this.#options
      .clientFor(origin)
      .revokeSession(accessToken);
    if (!result.ok) {
      this.#logger.warn(
        { origin, code: result.error.code },
        'revoking the session failed',
      );
    }
  }

  /** Writes the refresh token. When that fails, the session goes on in memory. */
  #store(live: LiveSession): Promise<void> {
    const { origin, refreshToken, sso } = live;
    const write = this.#keychainWrites.then(async () => {
      try {
        await this.#options.credentials.write(origin, {
          refreshToken,
          userId: live.user.id,
          sso,
        });
        this.#keychainFailure = null;
        this.#setKeychainStatus('available');
      } catch (error) {
        this.#keychainFailed(error);
        if (live.persistence !== 'memory') {
          live.persistence = 'memory';
          this.#emitState();
        }
      }
    });
    this.#keychainWrites = write;
    return write;
  }

  /** Deletes the session's keychain entry and, for SSO, its token cache. */
  async #deleteStored(live: LiveSession): Promise<void> {
    const forgetting = live.sso
      ? this.#forgetSso(live.origin, live.sso)
      : Promise.resolve();
    if (live.persistence === 'memory' && this.#keychainFailure === 'timeout') {
      await forgetting;
      return;
    }
    await Promise.all([forgetting, this.#deleteStoredFor(live.origin)]);
  }

  #deleteStoredFor(origin: string): Promise<void> {
    const deletion = this.#keychainWrites.then(async () => {
      try {
        await this.#options.credentials.delete(origin);
      } catch (error) {
        this.#keychainFailed(error);
      }
    });
    this.#keychainWrites = deletion;
    return deletion;
  }

  #keychainFailed(error: unknown): void {
    const failure = error instanceof KeychainError ? error.kind : 'unavailable';
    this.#keychainFailure = failure;
    this.#logger.warn(
      { err: error, failure },
      'keychain failed; the session is kept in memory',
    );
    this.#setKeychainStatus('unavailable');
  }

  #setKeychainStatus(status: KeychainStatus): void {
    if (this.#keychainStatus !== status) {
      this.#keychainStatus = status;
      this.#options.onKeychainStatusChange(status);
    }
  }

  #liveFromGrant(
    origin: string,
    grant: SessionGrant,
    persistence: LiveSession['persistence'],
    sso: SsoSessionInfo | undefined,
  ): LiveSession {
    return {
      origin,
      user: grant.user,
      accessToken: grant.accessToken,
      accessTokenExpiresAt: Date.parse(grant.accessTokenExpiresAt),
      refreshToken: grant.refreshToken,
      persistence,
      ...(sso ? { sso } : {}),
    };
  }

  #emitState(): void {
    this.#options.onStateChange(this.state);
  }
}
