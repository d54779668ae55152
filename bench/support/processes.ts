import { readdir, readFile, readlink } from 'node:fs/promises';

/** Resident memory of a process, from Linux's /proc/<pid>/status. */
export interface ResidentMemory {
  rssBytes: number;
  /** Highest resident size since the process started (VmHWM). */
  peakRssBytes: number;
  /** The part of the RSS that is anonymous memory: heaps and stacks. */
  anonymousBytes: number;
  /** The part of the RSS that maps files: the binary and shared libraries. */
  fileBytes: number;
}

function kilobytesField(status: string, field: string, pid: number): number {
  const match = new RegExp(`^${field}:\\s*(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${field} line`);
  return Number(match[1]) * 1024;
}

export async function readResidentMemory(pid: number): Promise<ResidentMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');

  return {
    rssBytes: kilobytesField(status, 'VmRSS', pid),
    peakRssBytes: kilobytesField(status, 'VmHWM', pid),
    anonymousBytes: kilobytesField(status, 'RssAnon', pid),
    fileBytes: kilobytesField(status, 'RssFile', pid),
  };
}

/** Inode of the IPv4 socket listening on 127.0.0.1:`port`. */
async function listeningSocketInode(port: number): Promise<string> {
  const table = await readFile('/proc/net/tcp', 'utf8');
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const LISTEN = '0A';

  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[3] === LISTEN) return fields[9]!;
  }
  throw new Error(`No socket listens on 127.0.0.1:${port}`);
}

/**
 * Finds the process that listens on 127.0.0.1:`port`. The app's launcher
 * hides its process id and tsx runs the app in a child of its own, so the
 * listening socket is what identifies the main process. Linux only.
 */
export async function findListeningProcess(port: number): Promise<number> {
  const socket = `socket:[${await listeningSocketInode(port)}]`;

  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;

    let descriptors: string[];
    try {
      descriptors = await readdir(`/proc/${entry}/fd`);
    } catch {
      continue; // Exited meanwhile, or not ours to read.
    }
    for (const descriptor of descriptors) {
      const target = await readlink(`/proc/${entry}/fd/${descriptor}`).catch(
        () => '',
      );
      if (target === socket) return Number(entry);
    }
  }
  throw new Error(`No process owns the socket on 127.0.0.1:${port}`);
}
