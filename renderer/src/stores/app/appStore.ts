import { create } from 'zustand';
import { createInfoSlice, type InfoSlice } from './infoSlice';
import { createSessionSlice, type SessionSlice } from './sessionSlice';
import { createSignInSlice, type SignInSlice } from './signInSlice';
import { createSsoSlice, type SsoSlice } from './ssoSlice';

/** App information, the session, the sign-in page and single sign-on. */
export type AppState = InfoSlice & SessionSlice & SignInSlice & SsoSlice;

export const useAppStore = create<AppState>()((...args) => ({
  ...createInfoSlice(...args),
  ...createSessionSlice(...args),
  ...createSignInSlice(...args),
  ...createSsoSlice(...args),
}));
