import { create } from 'zustand';
import { createInfoSlice, type InfoSlice } from './infoSlice';
import { createSessionSlice, type SessionSlice } from './sessionSlice';
import { createSignInSlice, type SignInSlice } from './signInSlice';

/** App information, the session and the sign-in form. */
export type AppState = InfoSlice & SessionSlice & SignInSlice;

export const useAppStore = create<AppState>()((...args) => ({
  ...createInfoSlice(...args),
  ...createSessionSlice(...args),
  ...createSignInSlice(...args),
}));
