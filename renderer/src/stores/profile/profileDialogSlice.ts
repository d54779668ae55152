import type { StateCreator } from 'zustand';
import type { UserProfile } from '../../../../contract/api';
import type { AppError } from '../../../../contract/errors';
import { desktopApi, settle } from '../../api';
import { useAppStore } from '../app/appStore';
import type { FieldError } from '../fieldError';
import type { ProfileState } from './profileStore';
import {
  validateDisplayName,
  validateStatusMessage,
} from './profileValidation';

/** `complete` follows registration; `edit` is opened from the home screen. */
export type ProfileDialogMode = 'closed' | 'complete' | 'edit';

export type ProfileField = 'displayName' | 'statusMessage';

export interface ProfileDialogSlice {
  mode: ProfileDialogMode;
  draft: Record<ProfileField, string>;
  original: Record<ProfileField, string>;
  profileFieldErrors: Partial<Record<ProfileField, FieldError>>;
  saveError: AppError | null;
  saving: boolean;
  openDialog: (mode: 'complete' | 'edit', user: UserProfile) => void;
  closeDialog: () => void;
  setDraftField: (field: ProfileField, value: string) => void;
  /** Saves the draft; resolves to the first invalid field, if any. */
  saveProfile: () => Promise<ProfileField | null>;
}

export const createProfileDialogSlice: StateCreator<
  ProfileState,
  [],
  [],
  ProfileDialogSlice
> = (set, get) => ({
  mode: 'closed',
  draft: { displayName: '', statusMessage: '' },
  original: { displayName: '', statusMessage: '' },
  profileFieldErrors: {},
  saveError: null,
  saving: false,

  openDialog: (mode, user) => {
    const values = {
      displayName: user.displayName,
      statusMessage: user.statusMessage,
    };
    set({
      mode,
      draft: values,
      original: values,
      profileFieldErrors: {},
      saveError: null,
    });
  },

  closeDialog: () => {
    get().clearPhotoState();
    set({ mode: 'closed', saveError: null });
  },

  setDraftField: (field, value) =>
    set((state) => ({
      draft: { ...state.draft, [field]: value },
      profileFieldErrors: { ...state.profileFieldErrors, [field]: undefined },
    })),

  saveProfile: async () => {
    const { draft, original, mode } = get();
    const errors: Partial<Record<ProfileField, FieldError>> = {
      displayName: validateDisplayName(draft.displayName),
      statusMessage: validateStatusMessage(draft.statusMessage),
    };
    set({ profileFieldErrors: errors, saveError: null });
    if (errors.displayName) return 'displayName';
    if (errors.statusMessage) return 'statusMessage';

    const update = {
      ...(draft.displayName.trim() !== original.displayName
        ? { displayName: draft.displayName.trim() }
        : {}),
      ...(draft.statusMessage.trim() !== original.statusMessage
        ? { statusMessage: draft.statusMessage.trim() }
        : {}),
      ...(mode === 'complete' ? { profileCompleted: true as const } : {}),
    };
    if (Object.keys(update).length === 0) {
      get().closeDialog();
      return null;
    }

    set({ saving: true });
    const result = await settle(desktopApi().profile.update(update));
    set({ saving: false });

    if (result.ok) {
      useAppStore.getState().setUser(result.value);
      get().closeDialog();
      return null;
    }
    return showSaveError(result.error, set);
  },
});

function showSaveError(
  error: AppError,
  set: (partial: Partial<ProfileState>) => void,
): ProfileField | null {
  const field =
    error.code === 'DISPLAY_NAME_INVALID'
      ? 'displayName'
      : error.code === 'STATUS_MESSAGE_INVALID'
        ? 'statusMessage'
        : error.code === 'VALIDATION_FAILED' &&
            (error.field === 'displayName' || error.field === 'statusMessage')
          ? error.field
          : null;

  if (field) {
    set({ profileFieldErrors: { [field]: { error } } });
  } else {
    set({ saveError: error });
  }
  return field;
}
