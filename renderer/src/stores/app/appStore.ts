import { create } from 'zustand';
import { createAboutSlice, type AboutSlice } from './aboutSlice';
import { createInfoSlice, type InfoSlice } from './infoSlice';
import { createSessionSlice, type SessionSlice } from './sessionSlice';
import { createSignInSlice, type SignInSlice } from './signInSlice';
import { createSsoSlice, type SsoSlice } from './ssoSlice';
import { createUpdatesSlice, type UpdatesSlice } from './updatesSlice';

/**
 * App information, the session, the sign-in page, single sign-on, updates
 * and the about view.
 */
export type AppState = InfoSlice &
  SessionSlice &
  SignInSlice &
  SsoSlice &
  UpdatesSlice &
  AboutSlice;

export const useAppStore = create<AppState>()((...args) => ({
  ...createInfoSlice(...args),
  ...createSessionSlice(...args),
  ...createSignInSlice(...args),
  ...createSsoSlice(...args),
  ...createUpdatesSlice(...args),
  ...createAboutSlice(...args),
}));
