import { contextBridge, ipcRenderer } from 'electron';
import { buildDesktopApi, type IpcEventName } from '../contract/ipc';

/** Name of the one Electron channel that carries every main-process event. */
const EVENT_CHANNEL = 'event';

type Listener = (payload: unknown) => void;

const listeners = new Map<IpcEventName, Set<Listener>>();

// One Electron listener for all events. The renderer's callbacks receive only
// the payload, never Electron's event object, which exposes `sender`.
ipcRenderer.on(
  EVENT_CHANNEL,
  (_event, name: IpcEventName, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) {
      listener(payload);
    }
  },
);

function subscribe(event: IpcEventName, listener: Listener): () => void {
  let set = listeners.get(event);
  if (!set) {
    set = new Set();
    listeners.set(event, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

contextBridge.exposeInMainWorld(
  'api',
  buildDesktopApi(
    (channel, args) => ipcRenderer.invoke(channel, args),
    subscribe,
  ),
);
