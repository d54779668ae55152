import type { StateCreator } from 'zustand';
import type { AppError } from '../../../../contract/errors';
import type { AppInfo, LanguageSetting } from '../../../../contract/ipc';
import { desktopApi, settle } from '../../api';
import { applyLanguage } from '../../i18n/i18n';
import type { AppState } from './appStore';

export interface InfoSlice {
  info: AppInfo | null;
  /** The language setting being saved, shown as chosen until the result arrives. */
  languagePending: LanguageSetting | null;
  languageError: AppError | null;
  /** Error of the last request to open a link in the system browser. */
  externalError: AppError | null;
  setInfo: (info: AppInfo) => void;
  setLanguage: (setting: LanguageSetting) => Promise<void>;
  openInBrowser: (url: string) => Promise<void>;
  clearExternalError: () => void;
}

export const createInfoSlice: StateCreator<AppState, [], [], InfoSlice> = (
  set,
) => ({
  info: null,
  languagePending: null,
  languageError: null,
  externalError: null,

  setInfo: (info) => {
    applyLanguage(info.language);
    document.title = info.brand;
    set({ info });
  },

  setLanguage: async (setting) => {
    set({ languagePending: setting, languageError: null });
    const result = await settle(
      desktopApi().settings.setLanguage({ language: setting }),
    );

    if (result.ok) {
      applyLanguage(result.value.language);
      set({ info: result.value, languagePending: null });
    } else {
      set({ languageError: result.error, languagePending: null });
    }
  },

  openInBrowser: async (url) => {
    set({ externalError: null });
    const result = await settle(desktopApi().app.openInBrowser({ url }));

    if (!result.ok) {
      set({ externalError: result.error });
    }
  },

  clearExternalError: () => set({ externalError: null }),
});
