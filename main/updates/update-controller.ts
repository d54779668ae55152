import type { Logger } from 'pino';
import { fail, ok, type Result } from '../../contract/errors';
import type { UpdateState } from '../../contract/ipc';
import type { UpdatePolicy } from '../policy/effective-policy';
import type { Updates } from './updates';

/** Time between automatic checks: 4 hours. */
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
/** Time after a failed check before an automatic one tries again: 30 minutes. */
export const RETRY_INTERVAL_MS = 30 * 60 * 1000;
/**
 * How often the controller looks whether a check is due: 15 minutes. A
 * short tick notices soon when the person turns automatic updates on, and a
 * computer that slept past a check catches up.
 */
export const TICK_MS = 15 * 60 * 1000;

/**
 * The part of electron-updater's `autoUpdater` the controller drives. Its
 * events come back through the controller's `handle*` methods.
 */
export interface Updater {
  /** Looks for an update and downloads it; rejects when either fails. */
  checkForUpdates(): Promise<unknown>;
  /** Quits the app and installs the downloaded update. */
  quitAndInstall(): void;
}

export interface UpdateControllerOptions {
  updater: Updater;
  /** Returns the update settings of the organisation and the person, read at each use. */
  policy(): UpdatePolicy;
  logger: Logger;
  now?: () => Date;
}

type Listener = (state: UpdateState) => void;

type Progress = Pick<
  UpdateState,
  'status' | 'version' | 'percent' | 'lastCheckedAt' | 'error'
>;

function sameProgress(a: Progress, b: Progress): boolean {
  return (Object.keys(a) as (keyof Progress)[]).every(
    (key) => a[key] === b[key],
  );
}

/**
 * The update state of an installation that updates itself. While updates
 * are automatic, a check runs at start and then every CHECK_INTERVAL_MS,
 * and whenever the person requests one. A found update downloads at once and
 * installs when the app quits, or earlier through `restart`, which only
 * the person triggers: the app never restarts on its own.
 */
export class UpdateController implements Updates {
  readonly #options: UpdateControllerOptions;
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #listeners = new Set<Listener>();
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Time in ms of the last check the controller started, or null. */
  #lastAttemptAt: number | null = null;
  #progress: Progress = {
    status: 'idle',
    version: null,
    percent: null,
    lastCheckedAt: null,
    error: null,
  };

  constructor(options: UpdateControllerOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ area: 'updates' });
    this.#now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.#timer !== undefined) {
      return;
    }
    const { enabled, enforced } = this.#options.policy();
    this.#logger.info({ automatic: enabled, enforced }, 'updates started');
    this.#timer = setInterval(() => this.#checkIfDue(), TICK_MS);
    this.#timer.unref?.();
    this.#checkIfDue();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#listeners.clear();
  }

  state(): UpdateState {
    return {
      support: 'supported',
      automatic: this.#options.policy().enabled,
      ...this.#progress,
    };
  }

  check(): Result<UpdateState> {
    if (!this.#busy()) {
      this.#runCheck('request');
    }
    return ok(this.state());
  }

  restart(): Result<null> {
    if (this.#progress.status !== 'ready') {
      return fail('UPDATE_NOT_READY');
    }
    this.#logger.info(
      { version: this.#progress.version },
      'quitting to install the update, as the person chose',
    );
    this.#options.updater.quitAndInstall();
    return ok(null);
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  handleChecking(): void {
    if (!this.#downloadingOrReady()) {
      this.#update({ status: 'checking', error: null });
    }
  }

  handleUpdateAvailable(version: string): void {
    this.#logger.info({ version }, 'update found; downloading it');
    this.#update({
      status: 'downloading',
      version,
      percent: 0,
      lastCheckedAt: this.#now().toISOString(),
      error: null,
    });
  }

  handleUpdateNotAvailable(): void {
    this.#update({
      status: 'upToDate',
      version: null,
      percent: null,
      lastCheckedAt: this.#now().toISOString(),
      error: null,
    });
  }

  /** Takes electron-updater's progress, a number from 0 to 100 with decimals. */
  handleDownloadProgress(percent: number): void {
    if (this.#progress.status === 'ready') {
      return;
    }
    const whole = Math.min(100, Math.max(0, Math.floor(percent)));
    this.#update({ status: 'downloading', percent: whole });
  }

  handleUpdateDownloaded(version: string): void {
    this.#logger.info(
      { version },
      'update downloaded; it installs when the app quits',
    );
    this.#update({ status: 'ready', version, percent: null, error: null });
  }

  handleError(error: unknown): void {
    this.#logger.warn(
      { err: error },
      'looking for or downloading an update failed',
    );
    // A downloaded update stays installable when a later check fails.
    if (this.#progress.status === 'ready') {
      return;
    }
    this.#update({
      status: 'failed',
      version: null,
      percent: null,
      error: 'UPDATE_FAILED',
    });
  }

  #downloadingOrReady(): boolean {
    const { status } = this.#progress;
    return status === 'downloading' || status === 'ready';
  }

  /** True while a check or download runs, or while an update waits for the restart. */
  #busy(): boolean {
    return this.#progress.status === 'checking' || this.#downloadingOrReady();
  }

  #checkIfDue(): void {
    if (!this.#options.policy().enabled || this.#busy()) {
      return;
    }
    const wait =
      this.#progress.status === 'failed'
        ? RETRY_INTERVAL_MS
        : CHECK_INTERVAL_MS;
    const now = this.#now().getTime();
    if (this.#lastAttemptAt === null || now - this.#lastAttemptAt >= wait) {
      this.#runCheck('automatic');
    }
  }

  #runCheck(reason: 'automatic' | 'request'): void {
    this.#logger.info({ reason }, 'looking for an update');
    this.#lastAttemptAt = this.#now().getTime();
    this.#update({ status: 'checking', error: null });
    this.#options.updater
      .checkForUpdates()
      .catch((error: unknown) => this.handleError(error));
  }

  #update(change: Partial<Progress>): void {
    const next = { ...this.#progress, ...change };
    if (sameProgress(next, this.#progress)) {
      return;
    }
    this.#progress = next;
    const state = this.state();
    for (const listener of this.#listeners) {
      try {
        listener(state);
      } catch (error) {
        this.#logger.error({ err: error }, 'update state listener failed');
      }
    }
  }
}
