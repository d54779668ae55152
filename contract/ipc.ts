import type { Static } from '@sinclair/typebox';
import type {
  DirectoryPage,
  InvitationInfo,
  Language,
  PasswordResetInfo,
  PasswordResetStarted,
  SignInMethod,
  UserProfile,
} from './api';
import type { ErrorCode, Result } from './errors';
import type { ipcRequests } from './ipc-schemas';

/**
 * The one contract between the renderer and the main process.
 *
 * Channels are named `area:action`. Each takes a single object argument,
 * checked by the main process against its schema in `ipc-schemas.ts`, and
 * resolves to a
 * `Result`: expected failures are values with an error code, not exceptions.
 * The preload turns each channel into a function `api[area][action]`.
 */

export type LanguageSetting = Language | 'system';

export type KeychainStatus = 'available' | 'unavailable' | 'unknown';

export interface AppInfo {
  brand: string;
  version: string;
  /** Language the UI shows: the setting, or the OS locale under `system`. */
  language: Language;
  languageSetting: LanguageSetting;
  /** Origin of the service the app talks to, or null before the first one. */
  serviceUrl: string | null;
  keychain: KeychainStatus;
  /** `preview` when the renderer runs in a local browser instead of Electron. */
  runtime: 'electron' | 'preview';
  /** Path of the main process's log file, shown with unexpected errors. */
  logFile?: string;
  /**
   * `sso` when the organisation preset the service and single sign-on on this
   * computer, so sign-in starts at the identity provider, without the email.
   */
  presetSignIn: 'sso' | null;
  /** What the organisation configured on this computer. */
  managed: ManagedState;
  /** Whether and how the app updates itself. */
  updates: UpdateState;
}

/**
 * A setting an organisation can manage on this computer, as named in
 * docs/it-deployment.md: the service address, the allowed services,
 * the single sign-on preset, password sign-in, automatic updates, the update
 * feed and the language.
 */
export type ManagedSetting =
  | 'serviceUrl'
  | 'allowedServices'
  | 'ssoPreset'
  | 'passwordSignIn'
  | 'updates'
  | 'updateFeedUrl'
  | 'language';

export interface ManagedState {
  /**
   * `none` when no policy is configured, `applied` when every source was read
   * without a problem, `unreadable` when a source or a setting could not be
   * read: the app then runs on the rest and its defaults, and logs the cause.
   */
  policy: 'none' | 'applied' | 'unreadable';
  /** Settings the organisation enforces; the person cannot change them. */
  enforced: ManagedSetting[];
  /** Origins of the services the organisation allows, or null for any. */
  allowedServices: string[] | null;
  /** False when the organisation turned password sign-in off. */
  passwordSignIn: boolean;
}

/**
 * Why an installation does not update itself: the browser preview, a build
 * run from source, the organisation's policy, no update server named by the
 * installer or the policy, an MSI install (updated by the IT department) or
 * a deb/rpm install (updated by the package manager).
 */
export type UpdatesUnsupportedReason =
  'preview' | 'development' | 'policy' | 'noFeed' | 'msi' | 'packageManager';

export interface UpdateState {
  /** `supported`, or why this installation does not update itself. */
  support: 'supported' | UpdatesUnsupportedReason;
  /** Whether the app looks for updates on its own: the person's or the organisation's choice. */
  automatic: boolean;
  /**
   * `ready`: an update is downloaded and installs at the next restart, or
   * now through `updates:restart`. `failed`: the last check or download did
   * not finish; `error` says why.
   */
  status: 'idle' | 'checking' | 'upToDate' | 'downloading' | 'ready' | 'failed';
  /** Version being downloaded or ready, otherwise null. */
  version: string | null;
  /** Download progress from 0 to 100 while downloading, otherwise null. */
  percent: number | null;
  /** ISO time of the last finished check, or null. */
  lastCheckedAt: string | null;
  /** Error code of the last failure while `failed`, otherwise null. */
  error: ErrorCode | null;
}

/**
 * A link the main process received, from the OS or pasted by the person: a
 * setup link from a welcome email, or a link from a password-reset email.
 */
export type LinkNotice =
  | {
      kind: 'setup' | 'reset';
      /** Handle for the pending link; the token itself stays in main. */
      linkId: string;
      serviceOrigin: string;
      serviceHost: string;
      /** False when the link names a service other than the configured one. */
      trusted: boolean;
    }
  | {
      kind: 'invalid';
      code:
        'LINK_MALFORMED' | 'LINK_TOO_LONG' | 'LINK_INSECURE' | 'LINK_MULTIPLE';
    }
  | {
      /** The link is valid up to its token but has more text after it. */
      kind: 'invalid';
      code: 'LINK_EXTRA_TEXT';
      /** The text after the token, such as `?utm_source=mail`, shortened. */
      extraText: string;
    }
  | {
      /** The link names a service outside the ones the organisation allows. */
      kind: 'invalid';
      code: 'LINK_SERVICE_NOT_ALLOWED';
      serviceHost: string;
    };

/** How a person may sign in, as the service answered for their email. */
export interface SignInOptions {
  methods: SignInMethod[];
}

export type SessionState =
  | {
      status: 'signedOut';
      /** Why the last session ended, when it ended by itself. */
      reason?: 'expired' | 'revoked';
    }
  | {
      status: 'signedIn';
      user: UserProfile;
      /** `memory` when the keychain failed: the session ends with this run. */
      persistence: 'keychain' | 'memory';
    };

export interface UploadProgress {
  loaded: number;
  total: number;
}

export type {
  DirectoryPage,
  InvitationInfo,
  PasswordResetInfo,
  PasswordResetStarted,
  SignInMethod,
  UserProfile,
};

export const ipcChannels = [
  'app:getInfo',
  'app:openInBrowser',
  'app:openLogFolder',
  'settings:setLanguage',
  'settings:setAutomaticUpdates',
  'updates:check',
  'updates:restart',
  'link:takePending',
  'link:submit',
  'setup:trustService',
  'setup:inspect',
  'setup:register',
  'setup:discard',
  'session:get',
  'session:discover',
  'session:signIn',
  'session:signInSso',
  'session:cancelSso',
  'session:signOut',
  'passwordReset:request',
  'passwordReset:check',
  'passwordReset:complete',
  'profile:update',
  'profile:uploadPhoto',
  'profile:removePhoto',
  'photos:get',
  'directory:search',
] as const;

export type IpcChannel = (typeof ipcChannels)[number];

export type IpcArgs<C extends IpcChannel> = Static<(typeof ipcRequests)[C]>;

/** What each channel resolves to when it succeeds. */
export interface IpcResults {
  'app:getInfo': AppInfo;
  'app:openInBrowser': null;
  /** Opens the folder of the log files in the file manager. */
  'app:openLogFolder': null;
  'settings:setLanguage': AppInfo;
  /** Turns automatic updates on or off, unless the organisation decides. */
  'settings:setAutomaticUpdates': AppInfo;
  /** Looks for an update now; progress arrives through `app:infoChanged`. */
  'updates:check': UpdateState;
  /** Quits and installs the update that is ready; UPDATE_NOT_READY otherwise. */
  'updates:restart': null;

  /** Links that arrived before the renderer was listening, oldest first. */
  'link:takePending': LinkNotice[];
  'link:submit': LinkNotice;

  'setup:trustService': null;
  'setup:inspect': InvitationInfo;
  /** Registration signs the person in; the result is their profile. */
  'setup:register': UserProfile;
  'setup:discard': null;

  /** Waits for the sign-in from the keychain at start to finish. */
  'session:get': SessionState;
  /** Asks the service how the email signs in; ACCOUNT_NUMBER_REQUIRED asks for the number. */
  'session:discover': SignInOptions;
  'session:signIn': UserProfile;
  /**
   * Signs in through the identity provider in the system browser. Resolves
   * when the browser sign-in finished, failed, was cancelled or timed out.
   */
  'session:signInSso': UserProfile;
  'session:cancelSso': null;
  'session:signOut': null;

  /** Sends a reset email with a link and a code, if the email has a password. */
  'passwordReset:request': PasswordResetStarted;
  /** Checks a code or a reset link before the new password is asked for. */
  'passwordReset:check': PasswordResetInfo;
  /** Sets the new password, ends every other session and signs in. */
  'passwordReset:complete': UserProfile;

  'profile:update': UserProfile;
  'profile:uploadPhoto': UserProfile;
  'profile:removePhoto': UserProfile;

  /** The photo as a `data:` URL, or null when the user has none. */
  'photos:get': string | null;

  'directory:search': DirectoryPage;
}

/** Events the main process sends to the renderer. */
export interface IpcEvents {
  'link:received': LinkNotice;
  'session:changed': SessionState;
  'app:infoChanged': AppInfo;
  'profile:uploadProgress': UploadProgress;
  /** The person chose "About" in the application menu. */
  'app:showAbout': null;
}

export type IpcEventName = keyof IpcEvents;

export const ipcEventNames = [
  'link:received',
  'session:changed',
  'app:infoChanged',
  'profile:uploadProgress',
  'app:showAbout',
] as const satisfies readonly IpcEventName[];

type AreaOf<C extends string> = C extends `${infer Area}:${string}`
  ? Area
  : never;

/** The API the preload exposes to the renderer as `window.api`. */
export type DesktopApi = {
  [Area in AreaOf<IpcChannel>]: {
    [C in IpcChannel as C extends `${Area}:${infer Action}` ? Action : never]: (
      args: IpcArgs<C>,
    ) => Promise<Result<IpcResults[C]>>;
  };
} & {
  on<E extends IpcEventName>(
    event: E,
    listener: (payload: IpcEvents[E]) => void,
  ): () => void;
};

export type IpcInvoke = (
  channel: IpcChannel,
  args: unknown,
) => Promise<unknown>;

export type IpcSubscribe = (
  event: IpcEventName,
  listener: (payload: unknown) => void,
) => () => void;

/**
 * Builds the renderer's API from the channel list over a transport: Electron's
 * IPC in the preload, or HTTP in the browser preview.
 */
export function buildDesktopApi(
  invoke: IpcInvoke,
  subscribe: IpcSubscribe,
): DesktopApi {
  const api: Record<
    string,
    Record<string, (args: unknown) => Promise<unknown>>
  > = {};

  for (const channel of ipcChannels) {
    const [area, action] = channel.split(':') as [string, string];
    api[area] ??= {};
    api[area][action] = (args: unknown) => invoke(channel, args ?? {});
  }

  const on = (event: IpcEventName, listener: (payload: unknown) => void) => {
    if (!(ipcEventNames as readonly string[]).includes(event)) {
      throw new Error(`Unknown event: ${event}`);
    }
    return subscribe(event, listener);
  };

  return { ...api, on } as unknown as DesktopApi;
}
