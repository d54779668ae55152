/**
 * Code that runs in the page and waits until the registration form is
 * interactive: the "Fertig stellen" button is enabled and the "Name" field
 * is enabled, rendered and takes focus. A MutationObserver checks after every
 * DOM change, so the time is taken in the page with `performance.now()`,
 * without a round trip to Playwright.
 *
 * It is a string because tsx compiles functions with esbuild's keepNames,
 * which wraps inner functions in a `__name` helper that the page lacks.
 */

export interface ProbeLabels {
  button: string;
  field: string;
  timeoutMs: number;
}

/** Result of the probe, also stored in `window.__benchRegistrationReady`. */
export interface ProbeResult {
  ready: boolean;
  /** `performance.now()` when the form became interactive (or timed out). */
  readyMs: number;
  /** `performance.now()` in the next animation frame after that. */
  frameMs: number;
  /** Headings on screen, to explain a timeout. */
  headings: string[];
  /** The page's preview IPC requests: channel, start and duration in ms. */
  ipc: { channel: string; startMs: number; durationMs: number }[];
  /** `responseEnd` of the page's navigation: index.html received. */
  htmlReceivedMs: number;
  /** Latest `responseEnd` of the scripts and stylesheets the page loaded. */
  assetsReceivedMs: number;
  /** Resource timing of each script and stylesheet, in ms after navigation start. */
  assets: {
    name: string;
    startMs: number;
    responseStartMs: number;
    responseEndMs: number;
  }[];
  /** `domContentLoadedEventEnd` of the page's navigation. */
  domContentLoadedMs: number;
}

export const PROBE_GLOBAL = '__benchRegistrationReady';

/** A function expression: `(labels: ProbeLabels) => Promise<ProbeResult>`. */
const probeSource = `(labels) => new Promise((resolve) => {
  let done = false;

  const isReady = () => {
    const button = Array.from(document.querySelectorAll('button')).find(
      (candidate) => candidate.textContent.trim() === labels.button);
    if (!button || button.disabled) return false;

    const label = Array.from(document.querySelectorAll('label')).find(
      (candidate) => candidate.textContent.trim() === labels.field);
    const field = label ? label.control : null;
    if (!field || field.disabled || field.getClientRects().length === 0) {
      return false;
    }
    field.focus({ preventScroll: true });
    return document.activeElement === field;
  };

  const finish = (ready) => {
    if (done) return;
    done = true;
    const readyMs = performance.now();
    observer.disconnect();
    clearTimeout(timer);

    requestAnimationFrame(() => {
      const frameMs = performance.now();
      const navigation = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      const assets = resources
        .filter((entry) => ['script', 'link'].includes(entry.initiatorType));
      const result = {
        ready,
        readyMs,
        frameMs,
        headings: Array.from(document.querySelectorAll('h1, h2'))
          .map((heading) => heading.textContent.trim()),
        ipc: resources
          .filter((entry) => entry.name.includes('/__preview/ipc/'))
          .map((entry) => ({
            channel: decodeURIComponent(entry.name.split('/__preview/ipc/')[1]),
            startMs: entry.startTime,
            durationMs: entry.duration,
          })),
        htmlReceivedMs: navigation ? navigation.responseEnd : 0,
        assetsReceivedMs: Math.max(0, ...assets.map((entry) => entry.responseEnd)),
        assets: assets.map((entry) => ({
          name: new URL(entry.name).pathname,
          startMs: entry.startTime,
          responseStartMs: entry.responseStart,
          responseEndMs: entry.responseEnd,
        })),
        domContentLoadedMs: navigation ? navigation.domContentLoadedEventEnd : 0,
      };
      window.${PROBE_GLOBAL} = result;
      resolve(result);
    });
  };

  const observer = new MutationObserver(() => {
    if (isReady()) finish(true);
  });
  const timer = setTimeout(() => finish(false), labels.timeoutMs);
  observer.observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
  if (isReady()) finish(true);
})`;

/** Returns an init script that starts the probe before the page's scripts run. */
export function probeInitScript(labels: ProbeLabels): string {
  return `(${probeSource})(${JSON.stringify(labels)});`;
}

/**
 * Returns an expression for `page.evaluate` that starts the probe, clicks the
 * button named `submitLabel`, and resolves with the probe's result and the
 * `performance.now()` just before the click.
 */
export function submitAndProbeExpression(
  labels: ProbeLabels,
  submitLabel: string,
): string {
  return `(async () => {
    const submit = Array.from(document.querySelectorAll('button')).find(
      (candidate) => candidate.textContent.trim() === ${JSON.stringify(submitLabel)});
    if (!submit) throw new Error('Button not found: ' + ${JSON.stringify(submitLabel)});

    const probe = (${probeSource})(${JSON.stringify(labels)});
    const startMs = performance.now();
    submit.click();
    return { ...(await probe), startMs };
  })()`;
}
