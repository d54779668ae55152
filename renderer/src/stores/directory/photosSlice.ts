import type { StateCreator } from 'zustand';
import { desktopApi, settle } from '../../api';
import type { DirectoryState } from './directoryStore';

/** A photo as `data:` URL; null when the user has none or it failed to load. */
export type PhotoEntry =
  { status: 'loading' } | { status: 'loaded'; url: string | null };

export interface PhotosSlice {
  /** Keyed by `userId:version`, so a new version loads anew. */
  photos: Record<string, PhotoEntry>;
  loadPhoto: (userId: string, version: string) => Promise<void>;
}

export function photoKey(userId: string, version: string): string {
  return `${userId}:${version}`;
}

export const createPhotosSlice: StateCreator<
  DirectoryState,
  [],
  [],
  PhotosSlice
> = (set, get) => ({
  photos: {},

  loadPhoto: async (userId, version) => {
    const key = photoKey(userId, version);
    if (get().photos[key]) return;

    set((state) => ({
      photos: { ...state.photos, [key]: { status: 'loading' } },
    }));
    const result = await settle(desktopApi().photos.get({ userId, version }));

    // A photo that fails to load falls back to initials; it is not worth a message.
    const url = result.ok ? result.value : null;
    if (!result.ok) {
      console.warn('Loading a photo failed', userId, result.error.code);
    }
    set((state) => ({
      photos: { ...state.photos, [key]: { status: 'loaded', url } },
    }));
  },
});
