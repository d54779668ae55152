import type { StateCreator } from 'zustand';
import type { DirectoryEntry, UserProfile } from '../../../../contract/api';
import type { AppError } from '../../../../contract/errors';
import { desktopApi, settle } from '../../api';
import type { DirectoryState } from './directoryStore';

/** Wait after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 300;

export type SearchStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface SearchSlice {
  query: string;
  /** The query the shown entries belong to. */
  shownQuery: string;
  entries: DirectoryEntry[];
  nextCursor: string | null;
  searchStatus: SearchStatus;
  searchError: AppError | null;
  loadingMore: boolean;
  moreError: AppError | null;
  setQuery: (query: string) => void;
  search: () => Promise<void>;
  loadMore: () => Promise<void>;
  /** Shows the signed-in person's own profile changes in the list at once. */
  updateOwnEntry: (user: UserProfile) => void;
}

let debounceTimer: ReturnType<typeof setTimeout> | undefined;
/** Number of the latest search, so that a slow older response is dropped. */
let searchNumber = 0;

export const createSearchSlice: StateCreator<
  DirectoryState,
  [],
  [],
  SearchSlice
> = (set, get) => ({
  query: '',
  shownQuery: '',
  entries: [],
  nextCursor: null,
  searchStatus: 'idle',
  searchError: null,
  loadingMore: false,
  moreError: null,

  setQuery: (query) => {
    set({ query });
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(() => void get().search(), SEARCH_DEBOUNCE_MS);
  },

  search: async () => {
    clearTimeout(debounceTimer);
    const number = ++searchNumber;
    const query = get().query.trim();

    set({ searchStatus: 'loading', searchError: null, moreError: null });
    const result = await settle(desktopApi().directory.search({ query }));
    if (number !== searchNumber) return;

    if (!result.ok) {
      set({ searchStatus: 'failed', searchError: result.error });
      return;
    }
    set({
      searchStatus: 'ready',
      shownQuery: query,
      entries: result.value.entries,
      nextCursor: result.value.nextCursor,
    });
  },

  loadMore: async () => {
    const { nextCursor, shownQuery, loadingMore } = get();
    if (!nextCursor || loadingMore) return;

    const number = searchNumber;
    set({ loadingMore: true, moreError: null });
    const result = await settle(
      desktopApi().directory.search({ query: shownQuery, cursor: nextCursor }),
    );
    if (number !== searchNumber) return;

    if (!result.ok) {
      set({ loadingMore: false, moreError: result.error });
      return;
    }
    set((state) => ({
      loadingMore: false,
      entries: [...state.entries, ...result.value.entries],
      nextCursor: result.value.nextCursor,
    }));
  },

  updateOwnEntry: (user) =>
    set((state) => ({
      entries: state.entries.map((entry) =>
        entry.id === user.id
          ? {
              ...entry,
              displayName: user.displayName,
              statusMessage: user.statusMessage,
              photoVersion: user.photoVersion,
              registered: true,
            }
          : entry,
      ),
    })),
});

/** Stops a pending search, when the directory is reset at sign-out. */
export function cancelPendingSearch(): void {
  clearTimeout(debounceTimer);
  searchNumber++;
}
