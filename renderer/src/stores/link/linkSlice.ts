import type { StateCreator } from 'zustand';
import type { InvitationInfo } from '../../../../contract/api';
import type { AppError } from '../../../../contract/errors';
import type { LinkNotice } from '../../../../contract/ipc';
import { desktopApi, settle } from '../../api';
import { useAppStore } from '../app/appStore';
import type { LinkState } from './linkStore';

export type SetupLink = Extract<LinkNotice, { kind: 'setup' }>;
export type InvalidLinkCode = Extract<LinkNotice, { kind: 'invalid' }>['code'];

/** Step of the current setup link, from its arrival to the registration page. */
export type LinkStage =
  | { name: 'idle' }
  | { name: 'signedIn' }
  | { name: 'confirm' }
  | { name: 'inspecting' }
  | { name: 'problem'; error: AppError }
  | { name: 'register'; invitation: InvitationInfo }
  | { name: 'sso'; invitation: InvitationInfo };

export interface LinkSlice {
  setupLink: SetupLink | null;
  stage: LinkStage;
  /** A rejected link, shown over whatever setup link is in progress. */
  invalidCode: InvalidLinkCode | null;
  linkBusy: boolean;
  linkActionError: AppError | null;
  pasteText: string;
  pasteSending: boolean;
  pasteError: AppError | null;
  receive: (notice: LinkNotice) => void;
  dismissInvalid: () => void;
  trustService: () => Promise<void>;
  inspect: () => Promise<void>;
  /** Moves the current setup link to its next step: sign-out, trust or inspection. */
  continueFlow: () => Promise<void>;
  signOutAndContinue: () => Promise<void>;
  /** Drops the setup link in the main process and leaves the flow. */
  discard: () => Promise<void>;
  /** Leaves the flow after the main process has used up the link. */
  leaveFlow: () => void;
  setPasteText: (text: string) => void;
  submitPaste: () => Promise<void>;
}

export const createLinkSlice: StateCreator<LinkState, [], [], LinkSlice> = (
  set,
  get,
) => ({
  setupLink: null,
  stage: { name: 'idle' },
  invalidCode: null,
  linkBusy: false,
  linkActionError: null,
  pasteText: '',
  pasteSending: false,
  pasteError: null,

  receive: (notice) => {
    if (notice.kind === 'invalid') {
      set({ invalidCode: notice.code });
      return;
    }

    const previous = get().setupLink;
    if (previous && previous.linkId !== notice.linkId) {
      void settle(desktopApi().setup.discard({ linkId: previous.linkId }));
    }

    set({ setupLink: notice, invalidCode: null, linkActionError: null });
    void get().continueFlow();
  },

  dismissInvalid: () => set({ invalidCode: null }),

  trustService: async () => {
    const link = get().setupLink;
    if (!link) return;

    set({ linkBusy: true, linkActionError: null });
    const result = await settle(
      desktopApi().setup.trustService({ linkId: link.linkId }),
    );
    set({ linkBusy: false });

    if (!result.ok) {
      showLinkError(result.error, set);
      return;
    }
    set({ setupLink: { ...link, trusted: true } });
    await get().inspect();
  },

  inspect: async () => {
    const link = get().setupLink;
    if (!link) return;

    set({ stage: { name: 'inspecting' }, linkActionError: null });
    const result = await settle(
      desktopApi().setup.inspect({ linkId: link.linkId }),
    );
    if (get().setupLink?.linkId !== link.linkId) return;

    if (!result.ok) {
      showLinkError(result.error, set);
      return;
    }

    // The pasted link has served its purpose; until now it stays, so that a
    // problem screen can show it again for correction.
    const invitation = result.value;
    if (invitation.signInMethod === 'sso') {
      set({ stage: { name: 'sso', invitation }, pasteText: '' });
      return;
    }
    set({ stage: { name: 'register', invitation }, pasteText: '' });
    void get().loadCommonPasswords();
  },

  continueFlow: async () => {
    const link = get().setupLink;
    if (!link) return;

    if (useAppStore.getState().session?.status === 'signedIn') {
      set({ stage: { name: 'signedIn' } });
    } else if (!link.trusted) {
      set({ stage: { name: 'confirm' } });
    } else {
      await get().inspect();
    }
  },

  signOutAndContinue: async () => {
    set({ linkBusy: true, linkActionError: null });
    const signedOut = await useAppStore.getState().signOut();
    set({ linkBusy: false });

    if (!signedOut) {
      set({ linkActionError: useAppStore.getState().signOutError });
      return;
    }
    await get().continueFlow();
  },

  discard: async () => {
    const link = get().setupLink;
    get().leaveFlow();
    get().resetRegistration();

    if (link) {
      // LINK_UNKNOWN here only means main already dropped the link.
      await settle(desktopApi().setup.discard({ linkId: link.linkId }));
    }
  },

  leaveFlow: () =>
    set({ setupLink: null, stage: { name: 'idle' }, linkActionError: null }),

  setPasteText: (pasteText) => set({ pasteText, pasteError: null }),

  submitPaste: async () => {
    set({ pasteSending: true, pasteError: null });
    const result = await settle(
      desktopApi().link.submit({ text: get().pasteText.trim() }),
    );
    set({ pasteSending: false });

    if (!result.ok) {
      set({ pasteError: result.error });
      return;
    }
    get().receive(result.value);
  },
});

/** Puts a failed link step on the screen that explains it. */
function showLinkError(
  error: AppError,
  set: (partial: Partial<LinkSlice>) => void,
): void {
  if (error.code === 'LINK_UNTRUSTED') {
    set({ stage: { name: 'confirm' } });
    return;
  }
  set({ stage: { name: 'problem', error } });
}
