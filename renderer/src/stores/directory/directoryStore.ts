import { create } from 'zustand';
import { createPhotosSlice, type PhotosSlice } from './photosSlice';
import {
  cancelPendingSearch,
  createSearchSlice,
  type SearchSlice,
} from './searchSlice';

/** The account's directory and the photos of its people. */
export type DirectoryState = SearchSlice &
  PhotosSlice & {
    resetDirectory: () => void;
  };

export const useDirectoryStore = create<DirectoryState>()((...args) => {
  const [set, , store] = args;

  return {
    ...createSearchSlice(...args),
    ...createPhotosSlice(...args),
    resetDirectory: () => {
      cancelPendingSearch();
      set({ ...store.getInitialState(), photos: {} });
    },
  };
});
