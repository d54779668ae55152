import type { StateCreator } from 'zustand';
import { MAX_PHOTO_BYTES } from '../../../../contract/limits';
import type { UploadProgress } from '../../../../contract/ipc';
import { desktopApi, settle } from '../../api';
import { useAppStore } from '../app/appStore';
import type { FieldError } from '../fieldError';
import type { ProfileState } from './profileStore';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export interface PhotoSlice {
  /** `blob:` URL of the chosen file, shown while and after it uploads. */
  previewUrl: string | null;
  uploading: boolean;
  progress: UploadProgress | null;
  removing: boolean;
  photoError: FieldError | null;
  choosePhoto: (file: File) => Promise<void>;
  removePhoto: () => Promise<void>;
  setUploadProgress: (progress: UploadProgress) => void;
  clearPhotoState: () => void;
}

export const createPhotoSlice: StateCreator<
  ProfileState,
  [],
  [],
  PhotoSlice
> = (set, get) => ({
  previewUrl: null,
  uploading: false,
  progress: null,
  removing: false,
  photoError: null,

  choosePhoto: async (file) => {
    const problem = checkPhoto(file);
    if (problem) {
      set({ photoError: problem });
      return;
    }

    replacePreview(get().previewUrl, null);
    const previewUrl = URL.createObjectURL(file);
    set({ previewUrl, uploading: true, progress: null, photoError: null });

    const data = new Uint8Array(await file.arrayBuffer());
    const result = await settle(desktopApi().profile.uploadPhoto({ data }));
    set({ uploading: false, progress: null });

    if (result.ok) {
      useAppStore.getState().setUser(result.value);
      return;
    }
    replacePreview(previewUrl, null);
    // The service checks the content, because a file named .png may be anything.
    const photoError: FieldError =
      result.error.code === 'PHOTO_TYPE_UNSUPPORTED'
        ? { key: 'profile.photo.wrongType', values: { name: file.name } }
        : { error: result.error };
    set({ previewUrl: null, photoError });
  },

  removePhoto: async () => {
    set({ removing: true, photoError: null });
    const result = await settle(desktopApi().profile.removePhoto({}));
    set({ removing: false });

    if (!result.ok) {
      set({ photoError: { error: result.error } });
      return;
    }
    replacePreview(get().previewUrl, null);
    set({ previewUrl: null });
    useAppStore.getState().setUser(result.value);
  },

  setUploadProgress: (progress) => {
    if (get().uploading) set({ progress });
  },

  clearPhotoState: () => {
    replacePreview(get().previewUrl, null);
    set({ previewUrl: null, progress: null, photoError: null });
  },
});

/** Checks type and size before the upload, so a wrong file fails at once. */
function checkPhoto(file: File): FieldError | null {
  if (!PHOTO_TYPES.includes(file.type)) {
    return { key: 'profile.photo.wrongType', values: { name: file.name } };
  }
  if (file.size > MAX_PHOTO_BYTES) {
    return {
      key: 'profile.photo.tooLarge',
      values: {
        name: file.name,
        sizeMb: file.size / 1024 / 1024,
        maxMb: MAX_PHOTO_BYTES / 1024 / 1024,
      },
    };
  }
  return null;
}

function replacePreview(oldUrl: string | null, newUrl: string | null): void {
  if (oldUrl && oldUrl !== newUrl) URL.revokeObjectURL(oldUrl);
}
