import { create } from 'zustand';
import {
  createNewPasswordSlice,
  type NewPasswordSlice,
} from './newPasswordSlice';
import {
  createResetRequestSlice,
  type ResetRequestSlice,
} from './resetRequestSlice';

/** The password reset, from the request for an email to the new password. */
export type ResetState = ResetRequestSlice & NewPasswordSlice;

export const useResetStore = create<ResetState>()((...args) => ({
  ...createResetRequestSlice(...args),
  ...createNewPasswordSlice(...args),
}));
