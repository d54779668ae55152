/**
 * Code that runs in the page from its start and waits for the home screen:
 * first the header showing the signed-in person's name, then the directory
 * listing at least one person. A MutationObserver checks after every DOM
 * change, so both times are taken in the page with `performance.now()`.
 *
 * It is a string for the reason given in registration-probe.ts: tsx's
 * keepNames would wrap inner functions in a helper that the page lacks.
 */

export interface HomeProbeOptions {
  /** The display name that the header shows. */
  name: string;
  timeoutMs: number;
}

/** Result of the probe, stored in `window.__benchHomeReady`. */
export interface HomeProbeResult {
  ready: boolean;
  /** `performance.now()` when the header showed the name. */
  headerMs: number | null;
  /** `performance.now()` when the directory listed someone. */
  directoryMs: number | null;
  /** `Date.now()`-based time of the page's navigation start, in ms. */
  timeOrigin: number;
  headings: string[];
  /** The page's preview IPC requests: channel, start and duration in ms. */
  ipc: { channel: string; startMs: number; durationMs: number }[];
  domContentLoadedMs: number;
}

export const HOME_PROBE_GLOBAL = '__benchHomeReady';

const probeSource = `(options) => {
  let headerMs = null;
  let directoryMs = null;
  let done = false;

  const check = () => {
    const now = performance.now();
    const header = document.querySelector('header');
    if (headerMs === null && header && header.textContent.includes(options.name)) {
      headerMs = now;
    }
    if (directoryMs === null && document.querySelector('ul.people li')) {
      directoryMs = now;
    }
    if (headerMs !== null && directoryMs !== null) finish(true);
  };

  const finish = (ready) => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    const navigation = performance.getEntriesByType('navigation')[0];
    window.${HOME_PROBE_GLOBAL} = {
      ready,
      headerMs,
      directoryMs,
      timeOrigin: performance.timeOrigin,
      headings: Array.from(document.querySelectorAll('h1, h2'))
        .map((heading) => heading.textContent.trim()),
      ipc: performance.getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/__preview/ipc/'))
        .map((entry) => ({
          channel: decodeURIComponent(entry.name.split('/__preview/ipc/')[1]),
          startMs: entry.startTime,
          durationMs: entry.duration,
        })),
      domContentLoadedMs: navigation ? navigation.domContentLoadedEventEnd : 0,
    };
  };

  const observer = new MutationObserver(check);
  const timer = setTimeout(() => finish(false), options.timeoutMs);
  observer.observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
}`;

/** Returns an init script that starts the probe before the page's scripts run. */
export function homeProbeInitScript(options: HomeProbeOptions): string {
  return `(${probeSource})(${JSON.stringify(options)});`;
}
