import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import brand from '../../resources/brand.json';

export type DatabaseConfig =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export type LogLevel =
  'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ServiceConfig {
  dataDir: string;
  host: string;
  /** TCP port; 0 lets the OS choose a free one. */
  port: number;
  /**
   * Origin that setup links and the terms URL start with. Null means "the
   * address the service listens on", which is known only after listening.
   */
  publicUrl: string | null;
  database: DatabaseConfig;
  /** `smtp://` or `smtps://` URL; null writes emails to the outbox folder. */
  smtpUrl: string | null;
  mailFrom: string;
  brand: string;
  adminToken: string;
  termsVersion: string;
  logLevel: LogLevel;
  /**
   * Extra CA certificates (PEM) that outgoing https requests to identity
   * providers trust beside Node's built-in ones; null when none are set.
   */
  extraCa: { file: string; pem: string } | null;
}

/** A setting that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_TERMS_VERSION = '2026-01';

/** The data folder that `npm start` uses too, so the admin CLI finds it. */
export const DEFAULT_DATA_DIR = './data/service';

const logLevels: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

type Environment = Record<string, string | undefined>;

/**
 * Reads the service configuration from `MITELONE_*` environment variables
 * (see docs/service.md). Creates the data folder, and the admin token file
 * inside it when MITELONE_ADMIN_TOKEN is not set. Throws ConfigError for a
 * value that cannot be used.
 */
export function loadServiceConfig(env: Environment): ServiceConfig {
  const dataDir = resolve(nonEmpty(env.MITELONE_DATA_DIR) ?? DEFAULT_DATA_DIR);
  const host = nonEmpty(env.MITELONE_HOST) ?? '127.0.0.1';
  const port = parsePort(env.MITELONE_PORT);
  const brandName = nonEmpty(env.MITELONE_BRAND) ?? brand.name;

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  return {
    dataDir,
    host,
    port,
    publicUrl: parsePublicUrl(env.MITELONE_PUBLIC_URL),
    database: parseDatabase(env.MITELONE_DATABASE_URL, dataDir),
    smtpUrl: parseSmtpUrl(env.MITELONE_SMTP_URL),
    mailFrom:
      nonEmpty(env.MITELONE_MAIL_FROM) ??
      `"${brandName.replaceAll('"', '')}" <${brand.noReplyAddress}>`,
    brand: brandName,
    adminToken:
      nonEmpty(env.MITELONE_ADMIN_TOKEN) ?? readOrCreateAdminToken(dataDir),
    termsVersion: nonEmpty(env.MITELONE_TERMS_VERSION) ?? DEFAULT_TERMS_VERSION,
    logLevel: parseLogLevel(env.MITELONE_LOG_LEVEL),
    extraCa: readExtraCa(env.MITELONE_EXTRA_CA_FILE),
  };
}

/** Returns the public URL, or the listening address when none is configured. */
export function publicUrlOf(config: ServiceConfig, listeningPort?: number) {
  if (config.publicUrl) return config.publicUrl;

  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return `http://${host}:${listeningPort ?? config.port}`;
}

export function adminTokenFile(dataDir: string): string {
  return join(dataDir, 'admin-token');
}

/**
 * Returns the file in which the service records its public URL when it
 * starts listening, so that the admin CLI on the same data folder builds
 * setup links that reach it.
 */
export function publicUrlFile(dataDir: string): string {
  return join(dataDir, 'public-url');
}

export function recordPublicUrl(dataDir: string, publicUrl: string): void {
  writeFileSync(publicUrlFile(dataDir), `${publicUrl}\n`, { mode: 0o600 });
}

/**
 * Returns the public URL that a service recorded in the data folder, or
 * null when no service has started there or the file is not a usable URL.
 */
export function readRecordedPublicUrl(dataDir: string): string | null {
  let text: string;
  try {
    text = readFileSync(publicUrlFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }

  try {
    return parsePublicUrl(text);
  } catch (error) {
    if (error instanceof ConfigError) return null;
    throw error;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();

  return trimmed ? trimmed : undefined;
}

function parsePort(value: string | undefined): number {
  const text = nonEmpty(value);
  if (text === undefined) return 8080;

  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new ConfigError(
      `MITELONE_PORT must be a whole number from 0 to 65535, not "${text}".`,
    );
  }

  return port;
}

function parsePublicUrl(value: string | undefined): string | null {
  const text = nonEmpty(value);
  if (text === undefined) return null;

  const url = URL.parse(text);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(
      `MITELONE_PUBLIC_URL must be an http or https URL, not "${text}".`,
    );
  }

  // The app's setup link carries only the origin, so a path would be lost.
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new ConfigError(
      `MITELONE_PUBLIC_URL must be an origin without a path, such as https://uc.example.com, not "${text}".`,
    );
  }

  return url.origin;
}

function parseDatabase(
  value: string | undefined,
  dataDir: string,
): DatabaseConfig {
  const text = nonEmpty(value);
  if (text === undefined) {
    return { kind: 'sqlite', file: join(dataDir, 'service.sqlite') };
  }

  if (/^postgres(ql)?:\/\//.test(text)) return { kind: 'postgres', url: text };

  throw new ConfigError(
    'MITELONE_DATABASE_URL must be a postgres:// URL; leave it unset for the SQLite file in the data folder.',
  );
}

function parseSmtpUrl(value: string | undefined): string | null {
  const text = nonEmpty(value);
  if (text === undefined) return null;

  if (!/^smtps?:\/\/[^/]/.test(text)) {
    throw new ConfigError(
      'MITELONE_SMTP_URL must start with smtp:// or smtps://; leave it unset to write emails to the outbox folder.',
    );
  }

  return text;
}

function parseLogLevel(value: string | undefined): LogLevel {
  const text = nonEmpty(value) ?? 'info';
  const level = logLevels.find((candidate) => candidate === text);
  if (!level) {
    throw new ConfigError(
      `MITELONE_LOG_LEVEL must be one of ${logLevels.join(', ')}, not "${text}".`,
    );
  }

  return level;
}

function readExtraCa(value: string | undefined): ServiceConfig['extraCa'] {
  const text = nonEmpty(value);
  if (text === undefined) return null;

  const file = resolve(text);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `MITELONE_EXTRA_CA_FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Point it at a readable PEM file, or leave it unset.`,
    );
  }

  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(
      `MITELONE_EXTRA_CA_FILE names ${file}, which contains no PEM certificate ("-----BEGIN CERTIFICATE-----"). Export the CA certificate in PEM format.`,
    );
  }

  return { file, pem };
}

/**
 * Returns the token in `<data>/admin-token`, creating the file (mode 0600)
 * with 32 random bytes on first use.
 */
function readOrCreateAdminToken(dataDir: string): string {
  const file = adminTokenFile(dataDir);
  const token = randomBytes(32).toString('base64url');

  try {
    writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }

  const stored = readFileSync(file, 'utf8').trim();
  if (!stored) {
    throw new ConfigError(
      `The admin token file ${file} is empty. Delete it to make a new token, or set MITELONE_ADMIN_TOKEN.`,
    );
  }

  return stored;
}
