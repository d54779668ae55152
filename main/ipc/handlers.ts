import type { Logger } from 'pino';
import type { Language, SsoSettings } from '../../contract/api';
import type { Result } from '../../contract/errors';
import type {
  AppInfo,
  IpcArgs,
  IpcChannel,
  IpcEventName,
  IpcEvents,
  IpcResults,
} from '../../contract/ipc';
import type { InvitationLookups } from '../invitation-lookups';
import type { LinkInbox } from '../link-inbox';
import type { PhotoCache } from '../photo-cache';
import type { EffectivePolicy, UpdatePolicy } from '../policy/effective-policy';
import type { ServiceClient } from '../service-client';
import type { SessionManager } from '../session';
import type { SettingsStore } from '../settings';
import type { SingleSignOn } from '../sso/single-sign-on';

/** Handler of one channel's validated argument. Expected failures are `Result`s. */
export type IpcHandler<C extends IpcChannel> = (
  args: IpcArgs<C>,
) => Promise<Result<IpcResults[C]>>;

export type IpcHandlers = { [C in IpcChannel]: IpcHandler<C> };

/** The handlers of one area, such as every `setup:*` channel. */
export type AreaHandlers<Area extends string> = {
  [C in IpcChannel as C extends `${Area}:${string}` ? C : never]: IpcHandler<C>;
};

/** Services and state the handlers share, built by `core.ts`. */
export interface HandlerContext {
  logger: Logger;
  /** The organisation's policy of this computer. */
  policy: EffectivePolicy;
  /** Stores the person's choice of automatic updates; SETTING_MANAGED when enforced. */
  setAutomaticUpdates(enabled: boolean): Promise<Result<UpdatePolicy>>;
  settings: SettingsStore;
  inbox: LinkInbox;
  invitations: InvitationLookups;
  session: SessionManager;
  sso: SingleSignOn;
  photos: PhotoCache;
  clientFor(origin: string): ServiceClient;
  /**
   * Returns the origin of the configured service: enforced by the policy,
   * else the command line's or the settings' one, else recommended.
   */
  configuredOrigin(): string | null;
  /** Saves the origin of a registration or sign-in as the configured service. */
  useService(origin: string): Promise<void>;
  /**
   * Returns the single sign-on preset of the policy, with the configured
   * service it belongs to, or null.
   */
  ssoPreset(): { origin: string; settings: SsoSettings } | null;
  /** Returns the app's language, for the UI, emails and the pages MSAL shows. */
  language(): Language;
  appInfo(): AppInfo;
  emit<E extends IpcEventName>(event: E, payload: IpcEvents[E]): void;
  openInBrowser(url: string): Promise<void>;
}
