import type { StateCreator } from 'zustand';
import type { InvitationInfo } from '../../../../contract/api';
import type { AppError } from '../../../../contract/errors';
import type { LinkNotice } from '../../../../contract/ipc';
import { desktopApi, settle } from '../../api';
import { useAppStore } from '../app/appStore';
import { useCommonPasswordsStore } from '../passwords/commonPasswordsStore';
import { useResetStore } from '../reset/resetStore';
import type { LinkState } from './linkStore';

/** A setup link from a welcome email, or a link from a password-reset email. */
export type PendingLink = Exclude<LinkNotice, { kind: 'invalid' }>;
export type InvalidLink = Extract<LinkNotice, { kind: 'invalid' }>;

/**
 * Step of the current link, from its arrival to the registration page or the
 * organisation sign-in. A checked reset link leaves for the password reset.
 */
export type LinkStage =
  | { name: 'idle' }
  | { name: 'signedIn' }
  | { name: 'confirm' }
  | { name: 'inspecting' }
  | { name: 'problem'; error: AppError }
  | { name: 'register'; invitation: InvitationInfo }
  | { name: 'sso'; invitation: InvitationInfo };

export interface LinkSlice {
  pendingLink: PendingLink | null;
  stage: LinkStage;
  /** A rejected link, shown over whatever setup link is in progress. */
  invalidLink: InvalidLink | null;
  linkBusy: boolean;
  linkActionError: AppError | null;
  /** Error of the last organisation sign-in of an invitation. */
  linkSsoError: AppError | null;
  pasteText: string;
  pasteSending: boolean;
  pasteError: AppError | null;
  receive: (notice: LinkNotice) => void;
  dismissInvalid: () => void;
  trustService: () => Promise<void>;
  /** Looks up the invitation of a setup link, or checks a reset link. */
  inspect: () => Promise<void>;
  /** Moves the current link to its next step: sign-out, trust or inspection. */
  continueFlow: () => Promise<void>;
  signOutAndContinue: () => Promise<void>;
  /** Drops the setup link in the main process and leaves the flow. */
  discard: () => Promise<void>;
  /** Leaves the flow after the main process has used up the link. */
  leaveFlow: () => void;
  /** Signs in through the organisation of an SSO invitation. */
  signInWithLinkSso: () => Promise<void>;
  clearLinkSsoError: () => void;
  /** Drops a reset link that stopped working and opens the request for a new email. */
  requestNewResetEmail: () => Promise<void>;
  setPasteText: (text: string) => void;
  submitPaste: () => Promise<void>;
}

export const createLinkSlice: StateCreator<LinkState, [], [], LinkSlice> = (
  set,
  get,
) => ({
  pendingLink: null,
  stage: { name: 'idle' },
  invalidLink: null,
  linkBusy: false,
  linkActionError: null,
  linkSsoError: null,
  pasteText: '',
  pasteSending: false,
  pasteError: null,

  receive: (notice) => {
    if (notice.kind === 'invalid') {
      set({ invalidLink: notice });
      return;
    }

    const previous = get().pendingLink;
    if (previous && previous.linkId !== notice.linkId) {
      void settle(desktopApi().setup.discard({ linkId: previous.linkId }));
    }

    set({
      pendingLink: notice,
      invalidLink: null,
      linkActionError: null,
      linkSsoError: null,
    });
    void get().continueFlow();
  },

  dismissInvalid: () => set({ invalidLink: null }),

  trustService: async () => {
    const link = get().pendingLink;
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
    set({ pendingLink: { ...link, trusted: true } });
    await get().inspect();
  },

  inspect: async () => {
    const link = get().pendingLink;
    if (!link) return;

    set({ stage: { name: 'inspecting' }, linkActionError: null });
    if (link.kind === 'reset') {
      await checkResetLink(link, get, set);
      return;
    }

    const result = await settle(
      desktopApi().setup.inspect({ linkId: link.linkId }),
    );
    if (get().pendingLink?.linkId !== link.linkId) return;

    if (!result.ok) {
      showLinkError(result.error, set);
      return;
    }

    // The pasted link has served its purpose; until now it stays, so that a
    // problem screen can show it again for correction.
    const invitation = result.value;
    if (invitation.signInMethod === 'sso') {
      set({
        stage: { name: 'sso', invitation },
        linkSsoError: null,
        pasteText: '',
      });
      return;
    }
    set({ stage: { name: 'register', invitation }, pasteText: '' });
    void useCommonPasswordsStore.getState().loadCommonPasswords();
  },

  continueFlow: async () => {
    const link = get().pendingLink;
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
    const link = get().pendingLink;
    get().leaveFlow();
    get().resetRegistration({ keepName: true });

    if (link) {
      // LINK_UNKNOWN here only means main already dropped the link.
      await settle(desktopApi().setup.discard({ linkId: link.linkId }));
    }
  },

  leaveFlow: () =>
    set({
      pendingLink: null,
      stage: { name: 'idle' },
      linkActionError: null,
      linkSsoError: null,
    }),

  signInWithLinkSso: async () => {
    const link = get().pendingLink;
    if (!link || get().stage.name !== 'sso') return;

    set({ linkSsoError: null });
    const app = useAppStore.getState();
    const result = await app.runSso({ linkId: link.linkId });
    if (!result || get().pendingLink?.linkId !== link.linkId) return;

    if (result.ok) {
      // Main used up the link, and the home screen opens the profile dialog.
      app.beginSession(result.value);
      get().leaveFlow();
      return;
    }
    if (isLinkProblem(result.error)) {
      showLinkError(result.error, set);
      return;
    }
    set({ linkSsoError: result.error });
  },

  clearLinkSsoError: () => set({ linkSsoError: null }),

  requestNewResetEmail: async () => {
    await get().discard();
    const { email } = useAppStore.getState().signInForm;
    useResetStore.getState().openResetRequest({ email });
  },

  setPasteText: (pasteText) => set({ pasteText, pasteError: null }),

  submitPaste: async () => {
    set({ pasteSending: true, pasteError: null });
    const result = await settle(
      desktopApi().link.submit({ text: get().pasteText.trim() }),
    );
    set({ pasteSending: false });

    if (!result.ok) {
      if (result.error.code === 'INPUT_TOO_LONG') {
        // Longer than the channel takes, so far longer than any link.
        get().receive({ kind: 'invalid', code: 'LINK_TOO_LONG' });
        return;
      }
      set({ pasteError: result.error });
      return;
    }
    // A setup link stays in the field until its invitation checks out, so a
    // problem screen can offer it for correction; a reset link has no such screen.
    if (result.value.kind === 'reset') {
      set({ pasteText: '' });
    }
    get().receive(result.value);
  },
});

/**
 * Checks a reset link and hands it to the password reset, whose next step is
 * the new password.
 */
async function checkResetLink(
  link: PendingLink,
  get: () => LinkState,
  set: (partial: Partial<LinkSlice>) => void,
): Promise<void> {
  const result = await settle(
    desktopApi().passwordReset.check({ linkId: link.linkId }),
  );
  if (get().pendingLink?.linkId !== link.linkId) return;

  if (!result.ok) {
    showLinkError(result.error, set);
    return;
  }
  useResetStore.getState().openLinkReset(link.linkId, result.value);
  get().leaveFlow();
}

/** Returns whether a failure ends the link, as opposed to one worth another try. */
function isLinkProblem(error: AppError): boolean {
  return error.code.startsWith('INVITATION_') || error.code.startsWith('LINK_');
}

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
