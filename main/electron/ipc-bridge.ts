import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  ipcChannels,
  type IpcEventName,
  type IpcEvents,
} from '../../contract/ipc';
import { originOf } from '../app-protocol';
import type { DesktopCore } from '../core';

/** Name of the one Electron channel that carries every core event. */
export const EVENT_CHANNEL = 'event';

function senderOrigin(event: IpcMainInvokeEvent): string {
  // The frame is null when it navigated away or was destroyed meanwhile.
  const url = event.senderFrame?.url;
  return (url && originOf(url)) ?? '';
}

/** Sends an event to every window that shows the app's own page. */
export function sendToApp<E extends IpcEventName>(
  appOrigin: string,
  name: E,
  payload: IpcEvents[E],
): void {
  for (const window of BrowserWindow.getAllWindows()) {
    const contents = window.webContents;
    if (!contents.isDestroyed() && originOf(contents.getURL()) === appOrigin) {
      contents.send(EVENT_CHANNEL, name, payload);
    }
  }
}

/**
 * Connects the core to Electron's IPC: one `ipcMain.handle` per channel, and
 * core events sent to every window that shows the app's own page.
 */
export function bridgeIpc(core: DesktopCore, appOrigin: string): () => void {
  for (const channel of ipcChannels) {
    ipcMain.handle(channel, (event, args: unknown) =>
      core.invoke(channel, args, { origin: senderOrigin(event) }),
    );
  }

  const unsubscribe = core.subscribe((name, payload) =>
    sendToApp(appOrigin, name, payload as IpcEvents[typeof name]),
  );

  return () => {
    unsubscribe();
    for (const channel of ipcChannels) {
      ipcMain.removeHandler(channel);
    }
  };
}
