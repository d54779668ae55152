import type { StateCreator } from 'zustand';
import type { AppError } from '../../../../contract/errors';
import type { UpdateState } from '../../../../contract/ipc';
import { desktopApi, settle } from '../../api';
import type { AppState } from './appStore';

export interface UpdatesSlice {
  /** The automatic-updates choice being saved, shown as chosen until the result arrives. */
  automaticUpdatesPending: boolean | null;
  automaticUpdatesError: AppError | null;
  updateCheckSending: boolean;
  updateCheckError: AppError | null;
  restartSending: boolean;
  restartError: AppError | null;
  /**
   * Version whose banner the person closed with "Later" (an empty string for
   * an unnamed one), or null. A newer version shows the banner again.
   */
  dismissedUpdate: string | null;
  setAutomaticUpdates: (enabled: boolean) => Promise<void>;
  /** Looks for an update now. Progress arrives with `app:infoChanged`. */
  checkForUpdates: () => Promise<void>;
  /** Quits and installs the downloaded update. Only a person's click calls it. */
  restartToUpdate: () => Promise<void>;
  dismissUpdate: (version: string | null) => void;
}

export const createUpdatesSlice: StateCreator<
  AppState,
  [],
  [],
  UpdatesSlice
> = (set, get) => ({
  automaticUpdatesPending: null,
  automaticUpdatesError: null,
  updateCheckSending: false,
  updateCheckError: null,
  restartSending: false,
  restartError: null,
  dismissedUpdate: null,

  setAutomaticUpdates: async (enabled) => {
    set({ automaticUpdatesPending: enabled, automaticUpdatesError: null });
    const result = await settle(
      desktopApi().settings.setAutomaticUpdates({ enabled }),
    );

    if (result.ok) {
      get().setInfo(result.value);
      set({ automaticUpdatesPending: null });
    } else {
      set({
        automaticUpdatesError: result.error,
        automaticUpdatesPending: null,
      });
    }
  },

  checkForUpdates: async () => {
    set({ updateCheckSending: true, updateCheckError: null });
    const result = await settle(desktopApi().updates.check({}));
    set({ updateCheckSending: false });

    if (!result.ok) {
      set({ updateCheckError: result.error });
      return;
    }
    const info = get().info;
    if (info && !isOlder(result.value, info.updates)) {
      set({ info: { ...info, updates: result.value } });
    }
  },

  restartToUpdate: async () => {
    set({ restartSending: true, restartError: null });
    const result = await settle(desktopApi().updates.restart({}));

    // On success the app quits; the page stays only until it does.
    if (!result.ok) {
      set({ restartSending: false, restartError: result.error });
    }
  },

  dismissUpdate: (version) =>
    set({ dismissedUpdate: version ?? '', restartError: null }),
});

/**
 * Returns whether a check's result is older than the state shown. In the
 * browser preview, events and results travel on separate requests, so an
 * event from the finished check can arrive before the call's own result.
 */
function isOlder(result: UpdateState, current: UpdateState): boolean {
  if (current.lastCheckedAt === null) return false;
  return (
    result.lastCheckedAt === null ||
    result.lastCheckedAt < current.lastCheckedAt
  );
}
