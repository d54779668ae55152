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
import { createKeychain } from './keychain';
import { InvitationLookups } from './invitation-lookups';
import { LinkInbox } from './link-inbox';
import { PhotoCache } from './photo-cache';
import { ServiceClient } from './service-client';
import { parseServiceUrl } from './service-url';
import { SessionManager } from './session';
import { resolveLanguage, SettingsStore } from './settings';

export interface DesktopCoreOptions {
  runtime: 'electron' | 'preview';
  version: string;
  /** Folder of `settings.json` and `logs/`. */
  userDataDir: string;
  /** The OS locale, such as `de-DE`; `de*` means German, anything else English. */
  systemLocale: string;
  /** Service origin preset by the command line or environment; it wins over the settings. */
  serviceUrl?: string;
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
  const preset = presetOrigin(options);
  const listeners = new Set<Listener>();

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
      });
      clients.set(origin, client);
    }
    return client;
  };

  const appInfo = (): AppInfo => ({
    brand: brand.name,
    version: options.version,
    language: resolveLanguage(settings.current.language, options.systemLocale),
    languageSetting: settings.current.language,
    serviceUrl: configuredOrigin(),
    keychain: session.keychainStatus,
    runtime: options.runtime,
    logFile: join(options.userDataDir, 'logs', 'main.log'),
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
  });

  const invitations = new InvitationLookups(clientFor);
  const inbox = new LinkInbox({
    logger: logger.child({ area: 'links' }),
    configuredOrigin,
    emit: (notice) => emit('link:received', notice),
    onUsable: (link) => invitations.prefetch(link),
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
    photos,
    clientFor,
    configuredOrigin,
    useService,
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
      await Promise.all([
        settings.flush().catch(() => undefined),
        session.flush(),
      ]);
      listeners.clear();
      logger.info('core stopped');
    },
  };
}
