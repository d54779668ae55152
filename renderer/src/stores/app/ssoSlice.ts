import type { StateCreator } from 'zustand';
import type { UserProfile } from '../../../../contract/api';
import type { AppError, Result } from '../../../../contract/errors';
import type { IpcArgs } from '../../../../contract/ipc';
import { desktopApi, settle } from '../../api';
import type { AppState } from './appStore';

export interface SsoSlice {
  /** True while the identity provider's page is open in the system browser. */
  ssoWaiting: boolean;
  /** True from the person's Cancel until the waiting sign-in has ended. */
  ssoCancelling: boolean;
  /** Error of the last failed cancel. */
  ssoCancelError: AppError | null;
  /**
   * Signs in through the identity provider in the system browser, which can
   * take minutes. Resolves to null when the person cancelled in the app,
   * because that is no failure to show.
   */
  runSso: (
    args: IpcArgs<'session:signInSso'>,
  ) => Promise<Result<UserProfile> | null>;
  /** Cancels the waiting sign-in; resolves to whether main accepted it. */
  cancelSso: () => Promise<boolean>;
}

export const createSsoSlice: StateCreator<AppState, [], [], SsoSlice> = (
  set,
  get,
) => ({
  ssoWaiting: false,
  ssoCancelling: false,
  ssoCancelError: null,

  runSso: async (args) => {
    set({ ssoWaiting: true, ssoCancelling: false, ssoCancelError: null });
    const result = await settle(desktopApi().session.signInSso(args));
    const cancelledHere = get().ssoCancelling;
    set({ ssoWaiting: false, ssoCancelling: false, ssoCancelError: null });

    if (!result.ok && result.error.code === 'SSO_CANCELLED' && cancelledHere) {
      return null;
    }
    return result;
  },

  cancelSso: async () => {
    set({ ssoCancelling: true, ssoCancelError: null });
    const result = await settle(desktopApi().session.cancelSso({}));

    if (!result.ok) {
      set({ ssoCancelling: false, ssoCancelError: result.error });
      return false;
    }
    // Without a waiting sign-in, no SSO_CANCELLED result follows to clear it.
    if (!get().ssoWaiting) set({ ssoCancelling: false });
    return true;
  },
});
