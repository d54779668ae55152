import { join } from 'node:path';
import type pino from 'pino';
import brand from '../resources/brand.json';
import { fail, ok, type Result } from '../contract/errors';
import type {
  AppInfo,
  IpcEventName,
  IpcEvents,
  SessionState,
} from '../contract/ipc';
import { CredentialStore } from './credential-store';
import { createAppHandlers } from './ipc/app';
import { createAppSupportHandlers } from './ipc/app-support';
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
import {
  EffectivePolicy,
  isEnforced,
  type UpdatePolicy,
} from './policy/effective-policy';
import type { MachinePolicy } from './policy/machine-policy';
import { ServiceClient } from './service-client';
import { parseServiceUrl } from './service-url';
import { SessionManager } from './session';
import { resolveLanguage, SettingsStore } from './settings';
import { createSsoRenewal } from './sso/session-renewal';
import { DEFAULT_SSO_TIMEOUT_MS, SingleSignOn } from './sso/single-sign-on';
import { createUnsupportedUpdates, type Updates } from './updates/updates';

export interface DesktopCoreOptions {
  runtime: 'electron' | 'preview';
  version: string;
  /** Folder of `settings.json` and `logs/`. */
  userDataDir: string;
  /** The OS locale, such as `de-DE`; `de*` means German, anything else English. */
  systemLocale: string;
  /**
   * Service origin from the command line or environment, for development:
   * the person's choice for this run. It wins over settings.json and a
   * recommended service, never over an enforced one.
   */
  serviceUrl?: string;
  /** The policy of this computer, read by `loadMachinePolicy`. */
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
  /**
   * Creates the app's updates from the update settings of the policy. Absent
   * in the browser preview and in tests, where the app does not update.
   */
  createUpdates?(updatePolicy: () => UpdatePolicy): Updates;
  /** Opens a folder in the file manager; absent where there is none. */
  openPath?(path: string): Promise<void>;
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
  /** The organisation's policy, for the parts of the app outside the IPC handlers. */
  policy: PolicyAccess;
}

/** What the policy decides outside the IPC handlers, such as for updates. */
export interface PolicyAccess {
  /**
   * The update settings: the organisation's and the person's. The person's
   * choice is known once the settings are loaded, after `start()`.
   */
  updates(): UpdatePolicy;
  /**
   * Stores the person's choice of automatic updates in settings.json.
   * SETTING_MANAGED when the organisation enforces UpdatesEnabled.
   */
  setAutomaticUpdates(enabled: boolean): Promise<Result<UpdatePolicy>>;
}

type Listener = (event: IpcEventName, payload: unknown) => void;

/** Runs `task` on the first call and returns the same promise afterwards. */
function once(task: () => Promise<void>): () => Promise<void> {
  let promise: Promise<void> | undefined;
  return () => (promise ??= task());
}

/** Parses the service address of the command line or environment. */
function commandLineOrigin(options: DesktopCoreOptions): string | null {
  if (options.serviceUrl === undefined) {
    return null;
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
  const policy = new EffectivePolicy(options.policy ?? {});
  const commandLine = commandLineOrigin(options);
  const listeners = new Set<Listener>();
  warnAboutCommandLine(commandLine, policy, logger);

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
  const configuredOrigin = () =>
    policy.serviceUrl({ commandLine, saved: settings.current.serviceUrl })
      .value;
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

  const languageSetting = () =>
    policy.language(settings.current.language).value;
  const language = () =>
    resolveLanguage(languageSetting(), options.systemLocale);

  /** Returns the policy's SSO preset, unless the app is configured for another service. */
  const ssoPreset = () => {
    const origin = configuredOrigin();
    const preset = policy.ssoPreset(origin);
    return origin && preset ? { origin, settings: preset } : null;
  };

  const appInfo = (): AppInfo => ({
    brand: brand.name,
    version: options.version,
    language: language(),
    languageSetting: languageSetting(),
    serviceUrl: configuredOrigin(),
    keychain: session.keychainStatus,
    runtime: options.runtime,
    logFile: join(options.userDataDir, 'logs', 'main.log'),
    presetSignIn: ssoPreset() ? 'sso' : null,
    managed: policy.managedState(),
    updates: appUpdates.state(),
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
    checkService: (origin) => {
      if (!policy.isAllowed(origin)) return 'notAllowed';
      return policy.isListed(origin) ? 'listed' : 'unlisted';
    },
    emit: (notice) => emit('link:received', notice),
    onUsable: (link) => {
      if (link.kind === 'setup') invitations.prefetch(link);
    },
  });

  const loadSettings = once(async () => {
    const saved = await settings.load();
    if (saved.serviceUrl !== null && !policy.isAllowed(saved.serviceUrl)) {
      logger.warn(
        { serviceUrl: saved.serviceUrl },
        'the saved service is not among the services the organisation allows; it is not used',
      );
    }
  });
  const start = once(async () => {
    await loadSettings();
    appUpdates.start();
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

  const updates = () => policy.updates(settings.current.automaticUpdates);
  const appUpdates =
    options.createUpdates?.(updates) ??
    createUnsupportedUpdates(
      options.runtime === 'preview' ? 'preview' : 'development',
    );
  appUpdates.onChange(() => emit('app:infoChanged', appInfo()));
  const setAutomaticUpdates = async (
    enabled: boolean,
  ): Promise<Result<UpdatePolicy>> => {
    if (isEnforced(policy.resolve('UpdatesEnabled').source)) {
      return fail('SETTING_MANAGED', { field: 'enabled' });
    }
    // The choice applies to this run even when the file cannot be written,
    // and the store logs that failure.
    await settings.update({ automaticUpdates: enabled }).catch(() => undefined);
    return ok(updates());
  };

  const context: HandlerContext = {
    logger,
    policy,
    setAutomaticUpdates,
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
  const handlers: IpcHandlers = {
    ...createAppHandlers(context),
    ...createSettingsHandlers(context),
    ...createLinkHandlers(context),
    ...createSetupHandlers(context),
    ...createSessionHandlers(context, { started: start }),
    ...createPasswordResetHandlers(context),
    ...createProfileHandlers(context),
    ...createPhotoHandlers(context),
    ...createDirectoryHandlers(context),
    ...createAppSupportHandlers(context, {
      updates: appUpdates,
      logDir: join(options.userDataDir, 'logs'),
      openPath: options.openPath,
    }),
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

    policy: { updates, setAutomaticUpdates },

    async stop() {
      sso.cancel();
      appUpdates.stop();
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

/** Logs when the command line names a service the policy overrides or forbids. */
function warnAboutCommandLine(
  commandLine: string | null,
  policy: EffectivePolicy,
  logger: pino.Logger,
): void {
  if (commandLine === null) {
    return;
  }
  const enforced = policy.enforcedValue('ServiceUrl');
  if (enforced !== undefined && enforced !== commandLine) {
    logger.warn(
      { commandLine, enforced },
      'the organisation enforces another service than the command line names; the enforced one is used',
    );
  } else if (!policy.isAllowed(commandLine)) {
    logger.warn(
      { commandLine, allowed: policy.allowedServices() },
      'the command line names a service the organisation does not allow; it is not used',
    );
  }
}
