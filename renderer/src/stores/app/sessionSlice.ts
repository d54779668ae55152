import type { StateCreator } from 'zustand';
import type { UserProfile } from '../../../../contract/api';
import type { AppError } from '../../../../contract/errors';
import type { SessionState } from '../../../../contract/ipc';
import { desktopApi, settle } from '../../api';
import type { AppState } from './appStore';

export type StartupStatus = 'starting' | 'ready' | 'failed';

export interface SessionSlice {
  startup: StartupStatus;
  startupError: AppError | null;
  /** Null until the main process has finished the sign-in from the keychain. */
  session: SessionState | null;
  signingOut: boolean;
  signOutError: AppError | null;
  setStartup: (startup: StartupStatus, error?: AppError) => void;
  setSession: (session: SessionState) => void;
  /**
   * Shows the person as signed in after a sign-in, an SSO sign-in or a
   * password reset, then reloads the session, because only main can tell
   * whether the keychain stored it.
   */
  beginSession: (user: UserProfile) => void;
  /** Replaces the signed-in user's profile after an update. */
  setUser: (user: UserProfile) => void;
  refreshSession: () => Promise<void>;
  /** Signs out; resolves to whether it worked. */
  signOut: () => Promise<boolean>;
}

export const createSessionSlice: StateCreator<
  AppState,
  [],
  [],
  SessionSlice
> = (set, get) => ({
  startup: 'starting',
  startupError: null,
  session: null,
  signingOut: false,
  signOutError: null,

  setStartup: (startup, error) => set({ startup, startupError: error ?? null }),

  setSession: (session) => set({ session }),

  beginSession: (user) => {
    set({
      session: {
        status: 'signedIn',
        user,
        persistence:
          get().info?.keychain === 'unavailable' ? 'memory' : 'keychain',
      },
    });
    void get().refreshSession();
  },

  setUser: (user) => {
    const session = get().session;
    if (session?.status === 'signedIn') {
      set({ session: { ...session, user } });
    }
  },

  refreshSession: async () => {
    const result = await settle(desktopApi().session.get({}));
    if (result.ok) {
      set({ session: result.value });
    }
  },

  signOut: async () => {
    set({ signingOut: true, signOutError: null });
    const result = await settle(desktopApi().session.signOut({}));

    if (!result.ok) {
      set({ signingOut: false, signOutError: result.error });
      return false;
    }

    set({ signingOut: false, session: { status: 'signedOut' } });
    return true;
  },
});
