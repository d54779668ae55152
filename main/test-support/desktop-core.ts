import type { Result } from '../../contract/errors';
import type { IpcEventName } from '../../contract/ipc';
import {
  createDesktopCore,
  type DesktopCore,
  type DesktopCoreOptions,
} from '../core';
import { captureLogs, type LogCapture } from './log-capture';

/** Origin of the renderer that the test cores trust. */
export const APP_ORIGIN = 'app://renderer';

/** A desktop core in the test's process, with what it sent and logged. */
export interface TestCore {
  core: DesktopCore;
  /** Events the core sent to the renderer, in order. */
  events: { event: IpcEventName; payload: unknown }[];
  /** URLs the core asked to open in the system browser. */
  opened: string[];
  logs: LogCapture;
  /** Invokes `channel` as the renderer at APP_ORIGIN does. */
  call<T>(channel: string, args?: unknown): Promise<Result<T>>;
}

export type TestCoreOptions = Pick<
  DesktopCoreOptions,
  'userDataDir' | 'keychainService' | 'systemLocale'
> &
  Partial<DesktopCoreOptions>;

/**
 * Creates a desktop core as the browser preview runs it, logging into
 * memory. Unless `options` give another `openInBrowser`, it records URLs in
 * `opened` in place of opening them.
 */
export function createTestCore(options: TestCoreOptions): TestCore {
  const logs = captureLogs();
  const opened: string[] = [];
  const core = createDesktopCore({
    runtime: 'preview',
    version: '1.2.3',
    logger: logs.logger,
    openInBrowser: async (url) => void opened.push(url),
    isTrustedOrigin: (origin) => origin === APP_ORIGIN,
    ...options,
  });

  const events: TestCore['events'] = [];
  core.subscribe((event, payload) => events.push({ event, payload }));
  const call = <T>(channel: string, args: unknown = {}) =>
    core.invoke(channel, args, { origin: APP_ORIGIN }) as Promise<Result<T>>;

  return { core, events, opened, logs, call };
}
