import type { StateCreator } from 'zustand';
import type { AppError } from '../../../../contract/errors';
import { desktopApi, settle } from '../../api';
import type { AppState } from './appStore';

export interface AboutSlice {
  /** Whether the about view is open, from the settings or the application menu. */
  aboutOpen: boolean;
  logFolderSending: boolean;
  logFolderError: AppError | null;
  openAbout: () => void;
  closeAbout: () => void;
  /** Opens the folder of the log files in the system's file manager. */
  openLogFolder: () => Promise<void>;
}

export const createAboutSlice: StateCreator<AppState, [], [], AboutSlice> = (
  set,
) => ({
  aboutOpen: false,
  logFolderSending: false,
  logFolderError: null,

  openAbout: () => set({ aboutOpen: true }),

  closeAbout: () =>
    set({ aboutOpen: false, logFolderError: null, updateCheckError: null }),

  openLogFolder: async () => {
    set({ logFolderSending: true, logFolderError: null });
    const result = await settle(desktopApi().app.openLogFolder({}));

    set({
      logFolderSending: false,
      logFolderError: result.ok ? null : result.error,
    });
  },
});
