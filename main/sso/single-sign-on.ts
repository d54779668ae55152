import { PublicClientApplication } from '@azure/msal-node';
import type { Logger } from 'pino';
import type { Language, SsoSettings } from '../../contract/api';
import { fail, ok, type ErrorCode, type Result } from '../../contract/errors';
import type { Fetch } from '../fetch';
import type { Keychain } from '../keychain';
import { KeychainTokenCache } from './keychain-token-cache';
import {
  loopbackCallbackOf,
  postCallbackError,
  type LoopbackCallback,
} from './loopback-callback';
import { needsInteraction, ssoErrorCode } from './msal-errors';
import { msalLoggerOptions } from './msal-logger';
import { createMsalNetworkClient } from './msal-network';
import { resultPages } from './result-pages';

/** How long an interactive sign-in may wait for the browser: 5 minutes. */
export const DEFAULT_SSO_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * How long MSAL may take to settle after its loopback server received the
 * cancelling response. It settles at once; this bounds a server that is stuck.
 */
const SETTLE_AFTER_CANCEL_MS = 5000;

export interface SingleSignOnOptions {
  logger: Logger;
  /** The app's keychain, each call bounded by a timeout. */
  keychain: Keychain;
  keychainService: string;
  /** The fetch that reaches the identity provider. */
  fetch: Fetch;
  /** Opens the identity provider's page in the system browser. */
  openInBrowser(url: string): Promise<void>;
  /** Maximum time in ms an interactive sign-in waits for the browser. */
  timeoutMs: number;
  onKeychainSuccess(): void;
  onKeychainFailure(error: unknown): void;
  keychainUsable(): boolean;
}

export interface InteractiveSignIn {
  /** Service origin whose session the token is for; names the token cache. */
  origin: string;
  settings: SsoSettings;
  /** The email, sent to the identity provider as the login hint. */
  loginHint?: string;
  /** Language of the page the browser shows when it returns to the app. */
  language: Language;
}

/** An access token for the service's API scope, and the MSAL account it belongs to. */
export interface SsoToken {
  accessToken: string;
  homeAccountId: string;
}

type AbortReason = 'cancelled' | 'timedOut';

/** One MSAL application and its keychain cache, for one service origin. */
interface MsalApp {
  key: string;
  app: PublicClientApplication;
  cache: KeychainTokenCache;
}

/** The interactive sign-in that waits for the browser. */
class PendingSignIn {
  callback: LoopbackCallback | null = null;
  abortReason: AbortReason | null = null;
  /** Bounds the wait for MSAL after a cancel was sent. */
  graceTimer: ReturnType<typeof setTimeout> | undefined;
  readonly abandoned: Promise<'abandoned'>;
  #abandon: () => void = () => undefined;

  constructor() {
    this.abandoned = new Promise((resolve) => {
      this.#abandon = () => resolve('abandoned');
    });
  }

  /** Stops waiting for MSAL, which may still settle later on its own. */
  abandon(): void {
    this.#abandon();
  }
}

function settingsKey(settings: SsoSettings): string {
  return JSON.stringify([
    settings.authority,
    settings.clientId,
    [...settings.knownAuthorities].sort(),
  ]);
}

/**
 * Single sign-on with MSAL: the authorization code flow with PKCE in the
 * system browser, MSAL's loopback server on 127.0.0.1 receiving the response,
 * and the token cache in the OS keychain so that a later start signs in
 * without the browser.
 *
 * MSAL 7's `acquireTokenInteractive` has neither a timeout nor a way to
 * cancel it: a closed tab leaves it waiting forever. It settles only when its
 * loopback server receives a response with the right `state`. So a cancel or
 * timeout sends that server the error response an identity provider would send.
 */
export class SingleSignOn {
  readonly #options: SingleSignOnOptions;
  readonly #logger: Logger;
  readonly #apps = new Map<string, MsalApp>();
  #pending: PendingSignIn | null = null;

  constructor(options: SingleSignOnOptions) {
    this.#options = options;
    this.#logger = options.logger;
  }

  /** True while an interactive sign-in waits for the browser. */
  get busy(): boolean {
    return this.#pending !== null;
  }

  /**
   * Signs in at the identity provider in the system browser. Resolves with
   * SSO_IN_PROGRESS while another sign-in waits, SSO_CANCELLED after
   * `cancel()` or a refusal at the provider, SSO_TIMED_OUT after the time
   * limit, and SSO_PROVIDER_UNREACHABLE or SSO_FAILED otherwise.
   */
  async signInInteractive(
    request: InteractiveSignIn,
  ): Promise<Result<SsoToken>> {
    if (this.#pending) {
      return fail('SSO_IN_PROGRESS');
    }
    const pending = new PendingSignIn();
    this.#pending = pending;
    const timer = setTimeout(
      () => void this.#abort(pending, 'timedOut'),
      this.#options.timeoutMs,
    );

    try {
      return await this.#runInteractive(pending, request);
    } finally {
      clearTimeout(timer);
      clearTimeout(pending.graceTimer);
      if (this.#pending === pending) {
        this.#pending = null;
      }
    }
  }

  /** Cancels the waiting interactive sign-in; returns false when none waits. */
  cancel(): boolean {
    const pending = this.#pending;
    if (!pending) {
      return false;
    }
    void this.#abort(pending, 'cancelled');
    return true;
  }

  /**
   * Gets an access token from the keychain's token cache, refreshed at the
   * identity provider when needed, without the browser. Fails with SSO_FAILED
   * when the person must sign in interactively again.
   */
  async signInSilently(
    origin: string,
    settings: SsoSettings,
    homeAccountId: string,
  ): Promise<Result<SsoToken>> {
    const app = this.#appFor(origin, settings);
    if (!app.ok) {
      return app;
    }

    try {
      const account = await app.value.app
        .getTokenCache()
        .getAccountByHomeId(homeAccountId);
      if (!account) {
        this.#logger.info({ origin }, 'no cached account for a silent sign-in');
        return fail('SSO_FAILED');
      }
      const result = await app.value.app.acquireTokenSilent({
        account,
        scopes: settings.scopes,
      });
      this.#logger.info(
        { origin },
        'signed in silently at the identity provider',
      );
      return ok({
        accessToken: result.accessToken,
        homeAccountId: result.account?.homeAccountId ?? homeAccountId,
      });
    } catch (error) {
      const code: ErrorCode = needsInteraction(error)
        ? 'SSO_FAILED'
        : ssoErrorCode(error);
      this.#logger.warn(
        { err: error, origin, code },
        'silent sign-in at the identity provider failed',
      );
      return fail(code === 'SSO_CANCELLED' ? 'SSO_FAILED' : code);
    }
  }

  /**
   * Removes the cached accounts of `origin` and deletes every keychain entry
   * of its token cache.
   */
  async forget(origin: string, settings?: SsoSettings): Promise<void> {
    const existing = this.#apps.get(origin);
    const app = settings ? this.#appFor(origin, settings) : undefined;
    const entry = app?.ok ? app.value : existing;
    this.#apps.delete(origin);

    const cache = entry?.cache ?? this.#createCache(origin);
    if (entry) {
      try {
        const tokenCache = entry.app.getTokenCache();
        for (const account of await tokenCache.getAllAccounts()) {
          await tokenCache.removeAccount(account);
        }
      } catch (error) {
        this.#logger.warn(
          { err: error, origin },
          'removing the cached accounts failed',
        );
      }
    }
    await cache.clear();
    this.#logger.info({ origin }, 'token cache deleted');
  }

  /** Resolves when every token cache write so far has finished. */
  async flush(): Promise<void> {
    await Promise.all(
      [...this.#apps.values()].map(({ cache }) => cache.flush()),
    );
  }

  async #runInteractive(
    pending: PendingSignIn,
    request: InteractiveSignIn,
  ): Promise<Result<SsoToken>> {
    const { origin, settings } = request;
    const app = this.#appFor(origin, settings);
    if (!app.ok) {
      return app;
    }

    const acquisition = app.value.app
      .acquireTokenInteractive({
        scopes: settings.scopes,
        loginHint: request.loginHint,
        openBrowser: (url) => this.#openBrowser(pending, url),
        ...resultPages(request.language),
      })
      .then(
        (result) => ({ settled: 'ok' as const, result }),
        (error: unknown) => ({ settled: 'error' as const, error }),
      );
    const outcome = await Promise.race([acquisition, pending.abandoned]);

    if (outcome === 'abandoned') {
      this.#logger.warn(
        { origin, reason: pending.abortReason },
        'interactive sign-in abandoned before MSAL settled',
      );
      return fail(abortCode(pending.abortReason ?? 'cancelled'));
    }
    if (outcome.settled === 'ok') {
      this.#logger.info(
        { origin, authority: settings.authority },
        'signed in at the identity provider',
      );
      return ok({
        accessToken: outcome.result.accessToken,
        homeAccountId: outcome.result.account?.homeAccountId ?? '',
      });
    }

    const code = pending.abortReason
      ? abortCode(pending.abortReason)
      : ssoErrorCode(outcome.error);
    this.#logger.warn(
      { err: outcome.error, origin, code },
      'interactive sign-in failed',
    );
    return fail(code);
  }

  /** MSAL's `openBrowser`: checks the authorize URL and notes its loopback callback. */
  async #openBrowser(pending: PendingSignIn, url: string): Promise<void> {
    const parsed = URL.parse(url);
    if (parsed?.protocol !== 'https:') {
      this.#logger.error(
        { scheme: parsed?.protocol },
        'authorize URL is not https; not opening it',
      );
      throw new Error('authorize URL is not https');
    }
    pending.callback = loopbackCallbackOf(parsed);
    if (!pending.callback) {
      this.#logger.error(
        'authorize URL has no loopback redirect URI and state',
      );
      throw new Error('authorize URL has no loopback redirect URI and state');
    }
    if (pending.abortReason) {
      // Cancelled or timed out while MSAL resolved the authority: failing
      // here makes MSAL close its loopback server.
      throw new Error(
        `sign-in ${pending.abortReason} before the browser opened`,
      );
    }

    this.#logger.info(
      {
        authority: `${parsed.protocol}//${parsed.host}`,
        port: pending.callback.port,
      },
      'opening the identity provider in the browser',
    );
    await this.#options.openInBrowser(parsed.href);
  }

  async #abort(pending: PendingSignIn, reason: AbortReason): Promise<void> {
    if (pending.abortReason) {
      return;
    }
    pending.abortReason = reason;
    this.#logger.info({ reason }, 'ending the interactive sign-in');

    const callback = pending.callback;
    if (!callback) {
      // MSAL is still resolving the authority; `#openBrowser` fails when it
      // gets there.
      pending.abandon();
      return;
    }

    pending.graceTimer = setTimeout(
      () => pending.abandon(),
      SETTLE_AFTER_CANCEL_MS,
    );
    try {
      const status = await postCallbackError(
        callback,
        reason === 'timedOut'
          ? 'The sign-in did not finish in time.'
          : 'The sign-in was cancelled in the app.',
      );
      this.#logger.debug({ status }, 'loopback server responded to the cancel');
    } catch (error) {
      this.#logger.warn(
        { err: error, port: callback.port },
        'sending the cancel to the loopback server failed',
      );
      clearTimeout(pending.graceTimer);
      pending.abandon();
    }
  }

  #appFor(origin: string, settings: SsoSettings): Result<MsalApp> {
    const key = settingsKey(settings);
    const existing = this.#apps.get(origin);
    if (existing?.key === key) {
      return ok(existing);
    }

    const cache = this.#createCache(origin);
    try {
      const app = new PublicClientApplication({
        auth: {
          clientId: settings.clientId,
          authority: settings.authority,
          knownAuthorities: settings.knownAuthorities,
        },
        cache: { cachePlugin: cache },
        system: {
          networkClient: createMsalNetworkClient(
            this.#options.fetch,
            this.#logger,
          ),
          loggerOptions: msalLoggerOptions(
            this.#logger.child({ source: 'msal' }),
          ),
        },
      });
      const entry = { key, app, cache };
      this.#apps.set(origin, entry);
      return ok(entry);
    } catch (error) {
      this.#logger.error(
        { err: error, origin, authority: settings.authority },
        'SSO settings rejected by MSAL',
      );
      return fail('SSO_FAILED');
    }
  }

  #createCache(origin: string): KeychainTokenCache {
    return new KeychainTokenCache({
      keychain: this.#options.keychain,
      service: this.#options.keychainService,
      origin,
      logger: this.#logger,
      onKeychainSuccess: this.#options.onKeychainSuccess,
      onKeychainFailure: this.#options.onKeychainFailure,
      keychainUsable: this.#options.keychainUsable,
    });
  }
}

function abortCode(reason: AbortReason): ErrorCode {
  return reason === 'timedOut' ? 'SSO_TIMED_OUT' : 'SSO_CANCELLED';
}
