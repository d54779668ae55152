import type { StateCreator } from 'zustand';
import { desktopApi, settle } from '../../api';
import { useAppStore } from '../app/appStore';
import type { FieldError } from '../fieldError';
import type { ProfileState } from './profileStore';
import { validateStatusMessage } from './profileValidation';

/** The status message edited in place on the home screen. */
export interface StatusSlice {
  statusEditing: boolean;
  statusText: string;
  statusSaving: boolean;
  statusError: FieldError | null;
  startStatusEdit: (current: string) => void;
  setStatusText: (text: string) => void;
  cancelStatusEdit: () => void;
  /** Saves the status message; resolves to whether it was saved. */
  saveStatus: () => Promise<boolean>;
}

export const createStatusSlice: StateCreator<
  ProfileState,
  [],
  [],
  StatusSlice
> = (set, get) => ({
  statusEditing: false,
  statusText: '',
  statusSaving: false,
  statusError: null,

  startStatusEdit: (current) =>
    set({ statusEditing: true, statusText: current, statusError: null }),

  setStatusText: (statusText) => set({ statusText, statusError: null }),

  cancelStatusEdit: () => set({ statusEditing: false, statusError: null }),

  saveStatus: async () => {
    const text = get().statusText;
    const problem = validateStatusMessage(text);
    if (problem) {
      set({ statusError: problem });
      return false;
    }

    set({ statusSaving: true, statusError: null });
    const result = await settle(
      desktopApi().profile.update({ statusMessage: text.trim() }),
    );
    set({ statusSaving: false });

    if (!result.ok) {
      set({ statusError: { error: result.error } });
      return false;
    }
    useAppStore.getState().setUser(result.value);
    set({ statusEditing: false });
    return true;
  },
});
