import { join } from 'node:path';
import type pino from 'pino';
import brand from '../resources/brand.json';
import type { Result } from '../contract/errors';
import type {
  AppInfo,
  IpcEventName,
  IpcEvents,
  SessionState,
} from '../contract/ipc';
import { CredentialStore } from './credential-store';
import { createAppHandlers } from './ipc/app';
import { createDirectoryHandlers } from './ipc/directory';
import type { HandlerContext, IpcHandlers } from './ipc/handlers';
import { createLinkHandlers } from './ipc/link';
import { createPhotoHandlers } from './ipc/photos';
import { createProfileHandlers } from './ipc/profile';
import { createIpcRouter } from './ipc/router';
import { createSessionHandlers } from './ipc/session';
import { createSettingsHandlers } from './ipc/settings';
import { createSetupHandlers } from './ipc/setup';
import type { Fetch } from './fetch';
import { createPasswordResetHandlers } from './ipc/password-reset';
import { createKeychain } from './keychain';
import { InvitationLookups } from './invitation-lookups';
import { LinkInbox } from './link-inbox';
import { PhotoCache } from './photo-cache';
import type { MachinePolicy } from './policy/machine-policy';
import { ServiceClient } from './service-client';
import { parseServiceUrl } from './service-url';
import { SessionManager } from './session';
import { resolveLanguage, SettingsStore } from './settings';
import { createSsoRenewal } from './sso/session-renewal';
import { DEFAULT_SSO_TIMEOUT_MS, SingleSignOn } from './sso/single-sign-on';

export interface DesktopCoreOptions {
  runtime: 'electron' | 'preview';
  version: string;
  /** Folder of `settings.json` and `logs/`. */
  userDataDir: string;
  /** The OS locale, such as `de-DE`; `de*` means German, anything else English. */
  systemLocale: string;
  /**
   * Service origin preset by the command line or environment; it wins over
   * the machine-wide policy and the settings.
   */
  serviceUrl?: string;
  /** The machine-wide policy, read by `loadMachinePolicy`. */
  policy?: MachinePolicy;
  /** Keychain "service" name of the entries; tests pass a unique one. */
  keychainService: string;
  /** Maximum time in ms for one keychain call; 5000 when absent. */
  keychainTimeoutMs?: number;
  logger: pino.Logger;
  /** Opens a URL in the system browser or mail app. */
  openInBrowser(url: string): Promise<void>;
  /** True for the renderer's own origin only. */
  isTrustedOrigin(origin: string): boolean;
  now?: () => Date;
  /**
   * The fetch for the identity provider and the service, such as Electron's
   * `net.fetch`, which follows the system proxy and trust store. Without it,
   * MSAL uses Node's fetch and the service client Node's HTTP client.
   */
  fetch?: Fetch;
  /** Maximum time in ms an SSO sign-in waits for the browser; 5 minutes when absent. */
  ssoTimeoutMs?: number;
}

export interface DesktopCore {
  /** One IPC call: origin check, schema check, handler. Never throws. */
  invoke(
    channel: string,
    args: unknown,
    context: { origin: string },
  ): Promise<Result<unknown>>;
  /** Events for the renderer(s); returns an unsubscribe function. */
  subscribe(
    listener: (event: IpcEventName, payload: unknown) => void,
  ): () => void;
  /** A link from the OS: first-instance argv, second-instance argv, macOS open-url. */
  receiveLink(text: string): void;
  /** Starts the sign-in from the keychain; `session:get` waits for it. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

type Listener = (event: IpcEventName, payload: unknown) => void;

/** Runs `task` on the first call and returns the same promise afterwards. */
function once(task: () => Promise<void>): () => Promise<void> {
  let promise: Promise<void> | undefined;
  return () => (promise ??= task());
}

function presetOrigin(options: DesktopCoreOptions): string | null {
  if (options.serviceUrl === undefined) {
    return options.policy?.serviceUrl ?? null;
  }
  const parsed = parseServiceUrl(options.serviceUrl);
  if (!parsed.ok) {
    options.logger.error(
      { serviceUrl: options.serviceUrl },
      'preset service address is not an https URL (or http on this computer); ignoring it',
    );
    return null;
  }
  return parsed.value;
}

/**
 * Builds the main process without Electron: settings, links, keychain,
 * session, service clients and the IPC handlers. The Electron adapter and the
 * browser preview host both drive the renderer through it.
 */
export function createDesktopCore(options: DesktopCoreOptions): DesktopCore {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const policy = options.policy ?? {};
  const preset = presetOrigin(options);
  const listeners = new Set<Listener>();
  if (policy.serviceUrl !== undefined && preset !== policy.serviceUrl) {
    logger.warn(
      { preset, policyServiceUrl: policy.serviceUrl },
      'the command line names another service than the policy, so the SSO preset of the policy does not apply',
    );
  }

  const emit = <E extends IpcEventName>(event: E, payload: IpcEvents[E]) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        logger.error({ err: error, event }, 'event listener failed');
      }
    }
  };

  const settings = new SettingsStore(
    options.userDataDir,
    logger.child({ area: 'settings' }),
  );
  const configuredOrigin = () => preset ?? settings.current.serviceUrl;
  const photos = new PhotoCache();

  const clients = new Map<string, ServiceClient>();
  const clientFor = (origin: string) => {
    let client = clients.get(origin);
    if (!client) {
      client = new ServiceClient({
        origin,
        logger: logger.child({ area: 'service' }),
        tokens: session,
        fetch: options.fetch,
      });
      clients.set(origin, client);
    }
    return client;
  };

  const language = () =>
    resolveLanguage(settings.current.language, options.systemLocale);

  /** Returns the policy's SSO preset, unless the app is configured for another service. */
  const ssoPreset = () => {
    const origin = configuredOrigin();
    if (!policy.sso || !origin) {
      return null;
    }
    if (policy.serviceUrl !== undefined && policy.serviceUrl !== origin) {
      return null;
    }
    return { origin, settings: policy.sso };
  };

  const appInfo = (): AppInfo => ({
    brand: brand.name,
    version: options.version,
    language: language(),
    languageSetting: settings.current.language,
    serviceUrl: configuredOrigin(),
    keychain: session.keychainStatus,
    runtime: options.runtime,
    logFile: join(options.userDataDir, 'logs', 'main.log'),
    presetSignIn: ssoPreset() ? 'sso' : null,
  });

  let signedInUserId: string | null = null;
  const onSessionChange = (state: SessionState) => {
    const userId = state.status === 'signedIn' ? state.user.id : null;
    if (userId !== signedInUserId) {
      photos.clear();
      signedInUserId = userId;
    }
    emit('session:changed', state);
  };

  const keychain = createKeychain({
    timeoutMs: options.keychainTimeoutMs ?? 5000,
  });
  const sso = new SingleSignOn({
    logger: logger.child({ area: 'sso' }),
    keychain,
    keychainService: options.keychainService,
    fetch: options.fetch ?? fetch,
    openInBrowser: options.openInBrowser,
    timeoutMs: options.ssoTimeoutMs ?? DEFAULT_SSO_TIMEOUT_MS,
    onKeychainSuccess: () => session.recordKeychainSuccess(),
    onKeychainFailure: (error) => session.recordKeychainFailure(error),
    keychainUsable: () => session.keychainUsable,
  });
  const session: SessionManager = new SessionManager({
    logger: logger.child({ area: 'session' }),
    credentials: new CredentialStore(
      keychain,
      options.keychainService,
      logger.child({ area: 'keychain' }),
    ),
    clientFor,
    configuredOrigin,
    now,
    onStateChange: onSessionChange,
    onKeychainStatusChange: () => emit('app:infoChanged', appInfo()),
    sso: createSsoRenewal(sso, clientFor),
  });

  const invitations = new InvitationLookups(clientFor);
  const inbox = new LinkInbox({
    logger: logger.child({ area: 'links' }),
    configuredOrigin,
    emit: (notice) => emit('link:received', notice),
    onUsable: (link) => {
      if (link.kind === 'setup') invitations.prefetch(link);
    },
  });

  const loadSettings = once(async () => {
    await settings.load();
  });
  const start = once(async () => {
    await loadSettings();
    await session.start();
  });

  const useService = async (origin: string) => {
    if (settings.current.serviceUrl === origin) {
      return;
    }
    const before = configuredOrigin();
    await settings.update({ serviceUrl: origin }).catch(() => undefined);
    if (configuredOrigin() !== before) {
      emit('app:infoChanged', appInfo());
    }
  };

  const context: HandlerContext = {
    logger,
    settings,
    inbox,
    invitations,
    session,
    sso,
    photos,
    clientFor,
    configuredOrigin,
    useService,
    ssoPreset,
    language,
    appInfo,
    emit,
    openInBrowser: options.openInBrowser,
  };
  const { systemLocale } = options;
  const handlers: IpcHandlers = {
    ...createAppHandlers(context),
    ...createSettingsHandlers(context, { systemLocale }),
    ...createLinkHandlers(context),
    ...createSetupHandlers(context, { systemLocale }),
    ...createSessionHandlers(context, { started: start }),
    ...createPasswordResetHandlers(context),
    ...createProfileHandlers(context),
    ...createPhotoHandlers(context),
    ...createDirectoryHandlers(context),
  };
  const route = createIpcRouter({
    handlers,
    isTrustedOrigin: options.isTrustedOrigin,
    logger,
  });

  return {
    async invoke(channel, args, callContext) {
      await loadSettings();
      return route(channel, args, callContext);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    receiveLink(text) {
      // Whether a link is trusted depends on the configured service, which
      // is known once the settings are loaded.
      loadSettings()
        .then(() => inbox.receive(text))
        .catch((error: unknown) =>
          logger.error({ err: error }, 'handling a link failed'),
        );
    },

    start,

    async stop() {
      sso.cancel();
      await Promise.all([
        settings.flush().catch(() => undefined),
        session.flush(),
        sso.flush(),
      ]);
      listeners.clear();
      logger.info('core stopped');
    },
  };
}
