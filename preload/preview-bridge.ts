import { buildDesktopApi, type IpcEventName } from '../contract/ipc';
import { decodeIpcJson, encodeIpcJson } from '../contract/ipc-json';

/**
 * The browser preview's stand-in for the preload: it builds the same
 * `window.api` from the contract, over HTTP to the preview host instead of
 * Electron's IPC. The host's per-run secret arrives in the URL fragment, which
 * the browser never sends to a server, and is then kept in sessionStorage so
 * that a reload keeps working.
 */

const SECRET_KEY = 'preview-secret';
const PREFIX = '/__preview';

function takeSecret(): string {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromUrl = fragment.get('secret');

  if (fromUrl) {
    sessionStorage.setItem(SECRET_KEY, fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
    return fromUrl;
  }

  return sessionStorage.getItem(SECRET_KEY) ?? '';
}

const secret = takeSecret();

function post(path: string, body: string): Promise<Response> {
  return fetch(`${PREFIX}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Preview-Secret': secret },
    body,
    cache: 'no-store',
  });
}

/*
 * Calls wait until the event stream is open: an event the host sends between
 * a call and the stream's opening would otherwise be lost.
 */
let markStreamOpen: () => void = () => {};
const streamOpen = new Promise<void>((resolve) => {
  markStreamOpen = resolve;
});

async function invoke(channel: string, args: unknown): Promise<unknown> {
  await streamOpen;
  const response = await post(
    `/ipc/${encodeURIComponent(channel)}`,
    encodeIpcJson(args),
  );
  return decodeIpcJson(await response.text());
}

const listeners = new Map<IpcEventName, Set<(payload: unknown) => void>>();

function dispatch(line: string): void {
  if (!line.trim()) return;

  const message = decodeIpcJson(line) as
    | { event: IpcEventName; payload: unknown }
    | { preview: 'open'; url: string };
  if ('preview' in message) {
    // Main checked the URL before asking; this page stands in for the
    // system browser, so the link opens in a new tab.
    window.open(message.url, '_blank', 'noopener,noreferrer');
    return;
  }

  const { event, payload } = message;
  for (const listener of listeners.get(event) ?? []) listener(payload);
}

/** Reads the host's event stream (one JSON object a line), reconnecting when it drops. */
async function readEvents(): Promise<void> {
  for (;;) {
    try {
      const response = await post('/events', '{}');
      // Calls go ahead even when the stream is refused, so that they fail
      // with the host's own error instead of waiting forever.
      markStreamOpen();
      if (!response.ok || !response.body)
        throw new Error(`event stream: ${response.status}`);

      const reader = response.body
        .pipeThrough(new TextDecoderStream())
        .getReader();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;

        buffered += value;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        lines.forEach(dispatch);
      }
    } catch {
      // The host restarts or the network blips; the loop below reconnects.
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function subscribe(
  event: IpcEventName,
  listener: (payload: unknown) => void,
): () => void {
  const set = listeners.get(event) ?? new Set();
  set.add(listener);
  listeners.set(event, set);
  return () => set.delete(listener);
}

void readEvents();

Object.defineProperty(window, 'api', {
  value: Object.freeze(buildDesktopApi(invoke, subscribe)),
  writable: false,
  configurable: false,
});
