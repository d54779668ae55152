import type { AppError, Result } from '../../../contract/errors';
import type { LinkNotice, SessionState } from '../../../contract/ipc';
import { desktopApi, settle } from '../api';
import { useAppStore } from './app/appStore';
import { useDirectoryStore } from './directory/directoryStore';
import { useLinkStore } from './link/linkStore';
import { useProfileStore } from './profile/profileStore';
import { useResetStore } from './reset/resetStore';

let subscribed = false;
/** Links that arrive while the app starts wait until the session is known. */
let heldLinks: LinkNotice[] | null = [];

/**
 * Subscribes to the main process's events, then loads the app information,
 * the session and the links that arrived before the page was ready.
 */
export async function startApp(): Promise<void> {
  const api = desktopApi();
  const app = useAppStore.getState();

  if (!subscribed) {
    subscribed = true;
    api.on('app:infoChanged', (info) => useAppStore.getState().setInfo(info));
    api.on('session:changed', (session) =>
      useAppStore.getState().setSession(session),
    );
    api.on('link:received', receiveLink);
    api.on('profile:uploadProgress', (progress) =>
      useProfileStore.getState().setUploadProgress(progress),
    );
    api.on('app:showAbout', () => useAppStore.getState().openAbout());
    useAppStore.subscribe((state, previous) =>
      followSession(state.session, previous.session),
    );
  }

  app.setStartup('starting');
  // Three independent calls: in parallel, the start waits for the slowest only.
  const [info, session, pending] = await Promise.all([
    settle(api.app.getInfo({})),
    settle(api.session.get({})),
    settle(api.link.takePending({})),
  ]);
  if (!info.ok || !session.ok) {
    // Links taken from main stay held for the retry instead of being lost.
    if (pending.ok) heldLinks?.push(...pending.value);
    app.setStartup('failed', firstError(info, session));
    return;
  }
  app.setInfo(info.value);
  app.setSession(session.value);
  app.setStartup('ready');

  const links = [...(heldLinks ?? []), ...(pending.ok ? pending.value : [])];
  heldLinks = null;
  receiveNewest(links);
}

function firstError(...results: Result<unknown>[]): AppError {
  for (const result of results) {
    if (!result.ok) return result.error;
  }
  throw new Error('firstError needs a failed result');
}

function receiveLink(notice: LinkNotice): void {
  if (heldLinks) {
    heldLinks.push(notice);
  } else {
    useLinkStore.getState().receive(notice);
  }
}

/**
 * Shows the newest setup or reset link and discards older ones, because a
 * newer email replaces what an older one offered. An invalid link is shown
 * as well, since the person needs to know it did not work.
 */
function receiveNewest(links: LinkNotice[]): void {
  const usable = links.filter((link) => link.kind !== 'invalid');
  const newest = usable.at(-1);
  const lastInvalid = links.findLast((link) => link.kind === 'invalid');

  for (const link of usable.slice(0, -1)) {
    void settle(desktopApi().setup.discard({ linkId: link.linkId }));
  }
  if (newest) useLinkStore.getState().receive(newest);
  if (lastInvalid) useLinkStore.getState().receive(lastInvalid);
}

/**
 * Ends a password reset that a sign-in made pointless, drops the directory
 * and profile state of a person who signed out, and copies the signed-in
 * person's own profile changes into the directory.
 */
function followSession(
  session: SessionState | null,
  previous: SessionState | null,
): void {
  if (previous?.status !== 'signedIn') {
    const reset = useResetStore.getState();
    if (session?.status === 'signedIn' && reset.resetStep.name !== 'idle') {
      void reset.leaveReset();
    }
    return;
  }
  if (session?.status === 'signedIn' && session.user.id === previous.user.id) {
    if (session.user !== previous.user) {
      useDirectoryStore.getState().updateOwnEntry(session.user);
    }
    return;
  }

  useDirectoryStore.getState().resetDirectory();
  useProfileStore.getState().clearPhotoState();
  useProfileStore.setState(useProfileStore.getInitialState());
}
