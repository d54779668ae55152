import {
  pino,
  stdSerializers,
  type DestinationStream,
  type Logger,
} from 'pino';
import type { LogLevel } from './config';

const REDACTED = '[redacted]';

/**
 * Paths whose values never reach the log: passwords, access, refresh,
 * setup and reset tokens, reset codes and links, the Authorization header
 * and cookies. Pino's `*` matches one
 * level, so the common nestings are listed too.
 */
const redactedPaths = [
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'setupToken',
  'adminToken',
  'authorization',
  'cookie',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.setupToken',
  '*.adminToken',
  '*.authorization',
  '*.cookie',
  '*.*.password',
  '*.*.token',
  '*.*.accessToken',
  '*.*.refreshToken',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'body.password',
  'body.token',
  'body.refreshToken',
  'body.accessToken',
  'body.code',
  'body.newPassword',
  'newPassword',
  '*.newPassword',
  'resetToken',
  'resetLink',
  '*.resetLink',
];

/** Paths whose last segment is a setup or password-reset token. */
const setupTokenPath = /\/(setup|reset|v1\/invitations)\/[^/?#]+/g;

/**
 * Replaces the token in `/setup/<token>`, `/reset/<token>` and
 * `/v1/invitations/<token>`.
 */
export function maskSetupTokens(url: string): string {
  return url.replace(setupTokenPath, `/$1/${REDACTED}`);
}

interface RequestLike {
  method?: string;
  url?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

const serializers = {
  req(request: RequestLike) {
    return {
      method: request.method,
      url: request.url === undefined ? undefined : maskSetupTokens(request.url),
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
  res(reply: { statusCode?: number }) {
    return { statusCode: reply.statusCode };
  },
  err: stdSerializers.err,
};

/**
 * Creates the service's pino logger. Redaction and URL masking live here, so
 * that no call site can leak a secret. `destination` defaults to stdout;
 * tests pass a stream to read the output.
 */
export function createLogger(
  level: LogLevel,
  destination?: DestinationStream,
): Logger {
  const options = {
    level,
    base: { service: 'mitelone-service' },
    redact: { paths: redactedPaths, censor: REDACTED },
    serializers,
  };

  return destination ? pino(options, destination) : pino(options);
}
