import { create } from 'zustand';
import { createPhotoSlice, type PhotoSlice } from './photoSlice';
import {
  createProfileDialogSlice,
  type ProfileDialogSlice,
} from './profileDialogSlice';
import { createStatusSlice, type StatusSlice } from './statusSlice';

/** The signed-in person's profile: the dialog, the photo and the status message. */
export type ProfileState = ProfileDialogSlice & PhotoSlice & StatusSlice;

export const useProfileStore = create<ProfileState>()((...args) => ({
  ...createProfileDialogSlice(...args),
  ...createPhotoSlice(...args),
  ...createStatusSlice(...args),
}));
