import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type pino from 'pino';
import { createLogger } from '../../main/logger';

/** A log line of the core and the `performance.now()` when it was written. */
export interface TimedLogEntry {
  atMs: number;
  msg: string;
}

export interface TimedLogger {
  logger: pino.Logger;
  entries: TimedLogEntry[];
  /** Returns the time of the first entry after `sinceMs` whose message is `msg`. */
  timeOf(msg: string, sinceMs?: number): number | undefined;
  close(): void;
}

/**
 * Creates a logger with the app's configuration at debug level that appends
 * to `<userDataDir>/logs/main.log` synchronously, as the app's file logger
 * does, and keeps the time of every line for the benchmark's breakdown.
 */
export function createTimedLogger(userDataDir: string): TimedLogger {
  const logDir = path.join(userDataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const fd = openSync(path.join(logDir, 'main.log'), 'a');
  const entries: TimedLogEntry[] = [];

  const logger = createLogger({
    level: 'debug',
    destination: {
      write(line: string) {
        const atMs = performance.now();
        writeSync(fd, line);
        entries.push({ atMs, msg: (JSON.parse(line) as { msg: string }).msg });
      },
    },
  });

  return {
    logger,
    entries,
    timeOf: (msg, sinceMs = -Infinity) =>
      entries.find((entry) => entry.msg === msg && entry.atMs >= sinceMs)?.atMs,
    close: () => closeSync(fd),
  };
}
