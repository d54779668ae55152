import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import {
  createAccountsConsole,
  type AccountsConsole,
} from '../admin/accounts-console';
import { systemClock } from '../clock';
import {
  ConfigError,
  loadServiceConfig,
  publicUrlOf,
  readRecordedPublicUrl,
  type DatabaseConfig,
  type ServiceConfig,
} from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrations';
import type { ServiceResult } from '../errors';
import { createLogger } from '../logger';
import { createMailer } from '../mail/mailer';
import {
  parseCommandLine,
  usage,
  UsageError,
  type AdminCommand,
  type ParsedCommandLine,
} from './admin-command';
import {
  describeLinkOrigin,
  formatFailure,
  formatResult,
  nextStep,
  type LinkOrigin,
} from './admin-output';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/**
 * Runs the admin CLI, which applies the accounts console to the service's
 * database. Run it as `npm run admin -- <command>`.
 */
/**
 * Warns when the command is about to create a new SQLite database. Usually
 * that means the data folder is not the running service's, and whatever the
 * command creates would never reach it.
 */
function warnIfNewDatabase(database: DatabaseConfig, dataDir: string): void {
  if (database.kind !== 'sqlite' || existsSync(database.file)) return;

  process.stderr.write(
    `Note: ${dataDir} had no database, so a new, empty one is created there. ` +
      'If the service uses another data folder, set MITELONE_DATA_DIR or --data-dir to it.\n',
  );
}

/**
 * Returns the origin of the setup links that the CLI sends: MITELONE_PUBLIC_URL,
 * else the URL that the service recorded in the data folder when it started,
 * else the service's default address.
 */
function linkOriginOf(config: ServiceConfig): LinkOrigin {
  if (config.publicUrl) {
    return { url: config.publicUrl, source: 'environment' };
  }

  const recorded = readRecordedPublicUrl(config.dataDir);
  if (recorded) return { url: recorded, source: 'recorded' };

  return { url: publicUrlOf(config), source: 'default' };
}

async function main(args: string[]): Promise<number> {
  let commandLine: ParsedCommandLine;
  try {
    commandLine = parseCommandLine(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;

    process.stderr.write(`${error.message}\n\n${usage}\n`);
    return EXIT_USAGE;
  }

  if (commandLine.command === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }

  const env = { ...process.env };
  if (commandLine.dataDir !== undefined) {
    env.MITELONE_DATA_DIR = commandLine.dataDir;
  }

  let config;
  try {
    config = loadServiceConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;

    process.stderr.write(
      `Error CONFIGURATION: ${error.message}\nNext: correct the environment variable and run the command again.\n`,
    );
    return EXIT_FAILED;
  }

  // Log lines go to stderr, so that stdout has only the result. Without an
  // explicit MITELONE_LOG_LEVEL only warnings and errors appear.
  const logger = createLogger(
    env.MITELONE_LOG_LEVEL ? config.logLevel : 'warn',
    pino.destination(2),
  );
  warnIfNewDatabase(config.database, config.dataDir);
  const database = openDatabase(config.database);
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    outboxDir: join(config.dataDir, 'outbox'),
    now: systemClock,
  });

  try {
    await migrateToLatest(database);
    const linkOrigin = linkOriginOf(config);
    const accounts = createAccountsConsole({
      db: database.db,
      mailer,
      brand: config.brand,
      publicUrl: () => linkOrigin.url,
      now: systemClock,
      logger,
    });

    const command = commandLine.command;
    const result = await runCommand(accounts, command);

    return report(result, command, commandLine.json, {
      linkOrigin,
      dataDir: config.dataDir,
    });
  } finally {
    mailer.close();
    await database.close();
  }
}

function runCommand(
  accounts: AccountsConsole,
  command: AdminCommand,
): Promise<ServiceResult<unknown>> {
  switch (command.name) {
    case 'account create':
      return accounts.createAccount({
        name: command.accountName,
        number: command.number,
        defaultLocale: command.locale,
      });
    case 'account list':
      return accounts
        .listAccounts()
        .then((list) => ({ ok: true, value: list }));
    case 'account sso set':
      return accounts.setSso(command.account, {
        authority: command.authority,
        tenantId: command.tenant,
        clientId: command.clientId,
        apiScope: command.apiScope,
        audience: command.audience,
        passwordSignInAllowed: command.allowPassword,
      });
    case 'account sso clear':
      return accounts.clearSso(command.account);
    case 'licence assign':
      return accounts.assignLicence({
        accountNumber: command.account,
        email: command.email,
        locale: command.locale,
      });
    case 'invitation resend':
      return accounts.resendInvitation({
        accountNumber: command.account,
        email: command.email,
      });
    case 'invitation revoke':
      return accounts.revokeInvitation({
        accountNumber: command.account,
        email: command.email,
      });
    case 'user list':
      return accounts.listUsers(command.account);
  }
}

function report(
  result: ServiceResult<unknown>,
  command: AdminCommand,
  json: boolean,
  links: { linkOrigin: LinkOrigin; dataDir: string },
): number {
  if (result.ok) {
    const text = json
      ? JSON.stringify(result.value, null, 2)
      : formatResult(command, result.value, links);
    process.stdout.write(`${text}\n`);

    // The text output names the origin already. JSON output gets it as a
    // note only when the link may not reach the service.
    const sentLink =
      command.name === 'licence assign' || command.name === 'invitation resend';
    if (json && sentLink && links.linkOrigin.source === 'default') {
      process.stderr.write(
        `Note: ${describeLinkOrigin(links.linkOrigin, links.dataDir, command)}\n`,
      );
    }
    return 0;
  }

  const text = json
    ? JSON.stringify({
        error: { ...result.error, next: nextStep(result.error, command) },
      })
    : formatFailure(result.error, command);
  process.stderr.write(`${text}\n`);

  return EXIT_FAILED;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Error INTERNAL: ${(error as Error).stack ?? String(error)}\nNext: check that the data folder and database are reachable, then try again.\n`,
    );
    process.exitCode = EXIT_FAILED;
  },
);
