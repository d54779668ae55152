import type { StateCreator } from 'zustand';
import type { AppError } from '../../../../contract/errors';
import { desktopApi, settle } from '../../api';
import { useAppStore } from '../app/appStore';
import type { FieldError } from '../fieldError';
import {
  isNewPasswordError,
  validateNewPassword,
} from '../passwords/validateNewPassword';
import type { ResetField } from './resetRequestSlice';
import type { ResetState } from './resetStore';

export interface NewPasswordSlice {
  newPassword: string;
  newPasswordVisible: boolean;
  newPasswordError: FieldError | undefined;
  completing: boolean;
  /** A failure that belongs to no field, such as an expired code. */
  completeError: AppError | null;
  setNewPassword: (value: string) => void;
  toggleNewPasswordVisible: () => void;
  /** Sets the new password and signs in; resolves to whether the field needs focus. */
  completeReset: () => Promise<boolean>;
  /**
   * Asks for a new reset email after the code or link stopped working: at
   * once for a code, or on the request step for a link, whose account the
   * app does not know.
   */
  requestNewResetEmail: () => Promise<ResetField | null>;
  clearCompleteError: () => void;
  clearNewPassword: () => void;
}

/** Errors after which only a new reset email helps. */
const needsNewEmail = new Set<AppError['code']>([
  'RESET_INVALID',
  'RESET_EXPIRED',
  'RESET_USED',
  'RESET_TOO_MANY_ATTEMPTS',
  'LINK_UNKNOWN',
]);

/** Returns whether the person needs a new reset email to go on after this error. */
export function needsNewResetEmail(error: AppError): boolean {
  return needsNewEmail.has(error.code);
}

export const createNewPasswordSlice: StateCreator<
  ResetState,
  [],
  [],
  NewPasswordSlice
> = (set, get) => ({
  newPassword: '',
  newPasswordVisible: false,
  newPasswordError: undefined,
  completing: false,
  completeError: null,

  setNewPassword: (newPassword) =>
    set({ newPassword, newPasswordError: undefined }),

  toggleNewPasswordVisible: () =>
    set((state) => ({ newPasswordVisible: !state.newPasswordVisible })),

  completeReset: async () => {
    const { resetStep: step, newPassword } = get();
    if (step.name !== 'newPassword') return false;

    const invalid = validateNewPassword(newPassword);
    set({ newPasswordError: invalid, completeError: null });
    if (invalid) return true;

    set({ completing: true });
    const result = await settle(
      desktopApi().passwordReset.complete({ ...step.proof, newPassword }),
    );
    set({ completing: false });

    if (!result.ok) {
      if (isNewPasswordError(result.error)) {
        set({ newPasswordError: { error: result.error } });
        return true;
      }
      set({ completeError: result.error });
      return false;
    }

    // Main used up the link, so leaving the reset must not discard it.
    set({ resetStep: { name: 'idle' } });
    await get().leaveReset();
    useAppStore.getState().clearSignIn();
    useAppStore.getState().beginSession(result.value);
    return false;
  },

  requestNewResetEmail: async () => {
    const step = get().resetStep;
    set({ completeError: null, resetError: null });

    if (step.name === 'newPassword' && 'linkId' in step.proof) {
      const email = step.info.email;
      await get().leaveReset();
      get().openResetRequest({ email });
      return null;
    }

    set((state) => ({ resetForm: { ...state.resetForm, code: '' } }));
    return get().requestResetEmail();
  },

  clearCompleteError: () => set({ completeError: null }),

  clearNewPassword: () =>
    set({
      newPassword: '',
      newPasswordVisible: false,
      newPasswordError: undefined,
      completeError: null,
    }),
});
