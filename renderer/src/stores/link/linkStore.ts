import { create } from 'zustand';
import { createLinkSlice, type LinkSlice } from './linkSlice';
import {
  createRegistrationSlice,
  type RegistrationSlice,
} from './registrationSlice';

/** Setup links, from their arrival to a finished registration. */
export type LinkState = LinkSlice & RegistrationSlice;

export const useLinkStore = create<LinkState>()((...args) => ({
  ...createLinkSlice(...args),
  ...createRegistrationSlice(...args),
}));
