import type pino from 'pino';
import { createLogger } from '../logger';

export interface LogCapture {
  logger: pino.Logger;
  /** Every line written so far, as text. */
  text(): string;
  /** Every line written so far, parsed. */
  entries(): Record<string, unknown>[];
}

/** Creates a logger with the app's configuration that writes into memory. */
export function captureLogs(level: pino.LevelWithSilent = 'debug'): LogCapture {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    destination: { write: (line: string) => void lines.push(line) },
  });

  return {
    logger,
    text: () => lines.join(''),
    entries: () =>
      lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
