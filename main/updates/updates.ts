import { fail, type Result } from '../../contract/errors';
import type { UpdateState, UpdatesUnsupportedReason } from '../../contract/ipc';

/** The app's updates as the core and its IPC handlers use them. */
export interface Updates {
  /** Starts the automatic checks; the core calls it once the settings are loaded. */
  start(): void;
  stop(): void;
  state(): UpdateState;
  /** Starts a check now; progress arrives through `onChange`. */
  check(): Result<UpdateState>;
  /** Quits and installs the update that is ready; UPDATE_NOT_READY otherwise. */
  restart(): Result<null>;
  /** Calls `listener` after each change of the state; returns an unsubscribe function. */
  onChange(listener: (state: UpdateState) => void): () => void;
}

/**
 * Returns the updates of an installation that does not update itself: each
 * request fails with a code that the renderer explains.
 */
export function createUnsupportedUpdates(
  support: UpdatesUnsupportedReason,
): Updates {
  const state: UpdateState = {
    support,
    automatic: false,
    status: 'idle',
    version: null,
    percent: null,
    lastCheckedAt: null,
    error: null,
  };
  return {
    start: () => undefined,
    stop: () => undefined,
    state: () => ({ ...state }),
    check: () => fail('UPDATES_UNAVAILABLE'),
    restart: () => fail('UPDATE_NOT_READY'),
    onChange: () => () => undefined,
  };
}
