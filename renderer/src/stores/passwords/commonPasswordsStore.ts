import { create } from 'zustand';

export type CommonListStatus = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * The list of common passwords, which the registration page and the password
 * reset check as the person types. It is loaded on demand because it is large.
 */
export interface CommonPasswordsState {
  commonListStatus: CommonListStatus;
  isCommonPassword: ((password: string) => boolean) | null;
  loadCommonPasswords: () => Promise<void>;
}

export const useCommonPasswordsStore = create<CommonPasswordsState>()(
  (set, get) => ({
    commonListStatus: 'idle',
    isCommonPassword: null,

    loadCommonPasswords: async () => {
      const status = get().commonListStatus;
      if (status === 'loading' || status === 'ready') return;

      set({ commonListStatus: 'loading' });
      try {
        const module = await import('../../../../contract/common-passwords');
        set({
          commonListStatus: 'ready',
          isCommonPassword: module.isCommonPassword,
        });
      } catch (error) {
        // The service checks the list too, so the new password still gets checked.
        console.error('Loading the list of common passwords failed', error);
        set({ commonListStatus: 'failed' });
      }
    },
  }),
);

/**
 * Returns the password check that the renderer can make now: until the list
 * has loaded, the service alone checks for common passwords.
 */
export function currentCommonPasswordCheck(): (password: string) => boolean {
  return useCommonPasswordsStore.getState().isCommonPassword ?? (() => false);
}
