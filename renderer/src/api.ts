import type { Result } from '../../contract/errors';
import type { DesktopApi } from '../../contract/ipc';

declare global {
  interface Window {
    /** Set by the preload (or the browser preview's bridge) before the page runs. */
    api?: DesktopApi;
  }
}

export function hasDesktopApi(): boolean {
  return window.api !== undefined;
}

/** Returns the main process's API; `main.tsx` checks that it exists before rendering. */
export function desktopApi(): DesktopApi {
  if (!window.api) {
    throw new Error('window.api is missing: the preload did not run');
  }
  return window.api;
}

/**
 * Awaits an IPC call and turns a rejected promise (a broken transport, not an
 * expected failure) into an INTERNAL result, so that callers handle one shape.
 */
export async function settle<T>(call: Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call;
  } catch (error) {
    console.error('IPC call failed', error);
    return { ok: false, error: { code: 'INTERNAL' } };
  }
}
