import { mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';

/** Keys whose values are secrets wherever they appear in a log object. */
const secretKeys = [
  'password',
  'newPassword',
  'token',
  'setupToken',
  'accessToken',
  'refreshToken',
  'authorization',
  'Authorization',
  'cookie',
];

/**
 * Redaction paths for every secret key at the top level and up to three levels
 * down, which covers request configs (`config.headers.Authorization`).
 */
export const redactPaths = secretKeys.flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
  `*.*.*.${key}`,
]);

const setupPathPattern = /(\/(?:setup|reset)\/)[^/?#\s"'<>]+/gi;
const tokenParameterPattern = /([?&]token=)[^&#\s"'<>]+/gi;

/** Replaces the token in every setup or reset link inside `text` with `[redacted]`. */
export function maskSetupTokens(text: string): string {
  return text
    .replace(setupPathPattern, '$1[redacted]')
    .replace(tokenParameterPattern, '$1[redacted]');
}

function maskStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return maskSetupTokens(value);
  }
  if (depth > 4 || value === null || typeof value !== 'object') {
    return value;
  }
  if (value instanceof Error) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => maskStrings(item, depth + 1));
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      maskStrings(item, depth + 1),
    ]),
  );
}

interface AxiosLikeError extends Error {
  isAxiosError: true;
  code?: string;
  config?: { method?: string; url?: string; baseURL?: string };
  response?: { status?: number };
}

function isAxiosLikeError(error: Error): error is AxiosLikeError {
  return (error as Partial<AxiosLikeError>).isAxiosError === true;
}

/**
 * Serializes errors with setup tokens masked. An axios error carries its
 * request config, headers and body, so only its method, URL and status are
 * kept.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) {
    return maskStrings(error);
  }
  if (isAxiosLikeError(error)) {
    return {
      type: error.name,
      message: maskSetupTokens(error.message),
      code: error.code,
      method: error.config?.method,
      url: maskSetupTokens(
        `${error.config?.baseURL ?? ''}${error.config?.url ?? ''}`,
      ),
      status: error.response?.status,
    };
  }
  const serialized = pino.stdSerializers.err(error);
  return {
    ...serialized,
    message: maskSetupTokens(serialized.message),
    stack: maskSetupTokens(serialized.stack),
  };
}

export interface LoggerOptions {
  level?: pino.LevelWithSilent;
  /** Destination of the log lines, standard output when absent. */
  destination?: pino.DestinationStream;
}

/**
 * Creates the main process's logger. Secrets are redacted here, in the
 * configuration, so that no call site can leak a password or token.
 */
export function createLogger(options: LoggerOptions = {}): pino.Logger {
  const config: pino.LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
    formatters: {
      log: (object) => maskStrings(object) as Record<string, unknown>,
      bindings: (bindings) => maskStrings(bindings) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => maskStrings(arg)) as Parameters<
          typeof method
        >;
        return method.apply(this, masked);
      },
    },
  };

  return options.destination ? pino(config, options.destination) : pino(config);
}

/** Size in bytes at which the log file is moved to `main.old.log` at start. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

function rotateLogFile(file: string): void {
  try {
    if (statSync(file).size > MAX_LOG_BYTES) {
      renameSync(file, file.replace(/\.log$/, '.old.log'));
    }
  } catch {
    // A missing file needs no rotation.
  }
}

/**
 * Creates a logger that appends to `<logDir>/main.log`, the file that
 * `AppInfo.logFile` names. Writes are synchronous, so that the last lines
 * before a crash or a quick exit reach the file.
 */
export function createFileLogger(
  logDir: string,
  level?: pino.LevelWithSilent,
): pino.Logger {
  mkdirSync(logDir, { recursive: true });
  const file = join(logDir, 'main.log');
  rotateLogFile(file);

  const destination = pino.destination({ dest: file, sync: true, mkdir: true });
  return createLogger({ level, destination });
}
