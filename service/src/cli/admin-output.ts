import type {
  Account,
  AdminUser,
  EmailDelivery,
  InvitationSent,
} from '../../../contract/api';
import type { ServiceFailure } from '../errors';
import { defaultAudience } from '../sso/sso-config';
import type { AdminCommand } from './admin-command';

const run = (args: string) => `npm run admin -- ${args}`;

/** CLI options of the fields that failures name, where they differ. */
const optionOfField: Record<string, string> = {
  accountNumber: 'account',
  tenantId: 'tenant',
  clientId: 'client-id',
  apiScope: 'api-scope',
};

/** Properties of AdminCommand that hold an option's value, where they differ. */
const propertyOfOption: Record<string, string> = {
  name: 'accountName',
  'client-id': 'clientId',
  'api-scope': 'apiScope',
};

/** The origin that the CLI's setup links start with, and where it came from. */
export interface LinkOrigin {
  url: string;
  source: 'environment' | 'recorded' | 'default';
}

/** Describes which address the setup links start with and why. */
export function describeLinkOrigin(
  origin: LinkOrigin,
  dataDir: string,
  command: AdminCommand,
): string {
  switch (origin.source) {
    case 'environment':
      return `The setup link starts with ${origin.url}, from MITELONE_PUBLIC_URL.`;
    case 'recorded':
      return `The setup link starts with ${origin.url}, the address that the service on ${dataDir} recorded when it started.`;
    case 'default': {
      const account = 'account' in command ? command.account : 'NUMBER';
      const email = 'email' in command ? command.email : 'EMAIL';
      return (
        `The setup link starts with the default address ${origin.url}, because MITELONE_PUBLIC_URL is not set ` +
        `and no service has started on ${dataDir}. If the service listens elsewhere, send a new link with ` +
        `\`MITELONE_PUBLIC_URL=<its address> ${run(`invitation resend --account ${account} --email ${email}`)}\`.`
      );
    }
  }
}

/** Returns what the administrator can do about a failure. */
export function nextStep(
  failure: ServiceFailure,
  command: AdminCommand,
): string {
  const account = 'account' in command ? command.account : 'NUMBER';
  const email = 'email' in command ? command.email : 'EMAIL';

  switch (failure.code) {
    case 'ACCOUNT_NOT_FOUND':
      return `List the accounts with \`${run('account list')}\`, or create one with \`${run('account create --name NAME')}\`.`;
    case 'ACCOUNT_EXISTS':
      return 'Choose another --number, or leave --number out to get a free one.';
    case 'USER_NOT_FOUND':
      return `Assign a licence first: \`${run(`licence assign --account ${account} --email ${email}`)}\`.`;
    case 'USER_ALREADY_REGISTERED':
      return 'The person already signs in, with their password or with single sign-on; no setup link is needed.';
    case 'EMAIL_INVALID':
      return 'Check the spelling of --email, for example anna.berg@example.com.';
    case 'EMAIL_DELIVERY_FAILED':
      return `Check MITELONE_SMTP_URL and that the mail server accepts mail, then send a new link with \`${run(`invitation resend --account ${account} --email ${email}`)}\`.`;
    case 'VALIDATION_FAILED': {
      if (!failure.field) return 'Correct the command line; see --help.';

      const option = optionOfField[failure.field] ?? failure.field;
      const property = propertyOfOption[option] ?? option;
      const value = (command as Record<string, unknown>)[property];
      return value === undefined
        ? `Add --${option} to the command; see --help.`
        : `Correct the value of --${option}.`;
    }
    default:
      return 'See docs/errors.md for this code.';
  }
}

export function formatFailure(
  failure: ServiceFailure,
  command: AdminCommand,
): string {
  return `Error ${failure.code}: ${failure.message}\nNext: ${nextStep(failure, command)}`;
}

function formatDelivery(delivery: EmailDelivery): string {
  return delivery.kind === 'smtp'
    ? `Delivery: sent over SMTP, message id ${delivery.messageId}`
    : `Delivery: written to the outbox file ${delivery.file}`;
}

/** Formats a successful result for people; `--json` prints it unformatted. */
export function formatResult(
  command: AdminCommand,
  result: unknown,
  links: { linkOrigin: LinkOrigin; dataDir: string },
): string {
  switch (command.name) {
    case 'account create': {
      const account = result as Account;
      return `Created account ${account.number} "${account.name}" (email language ${account.defaultLocale}).`;
    }
    case 'account list':
      return formatAccounts(result as Account[]);
    case 'account sso set':
      return formatSso(result as Account);
    case 'account sso clear': {
      const account = result as Account;
      return [
        `Account ${account.number} "${account.name}" now signs in with passwords.`,
        'People who signed in only with single sign-on have no password yet; they set one with a password reset in the app.',
      ].join('\n');
    }
    case 'licence assign':
    case 'invitation resend': {
      const sent = result as InvitationSent;
      const summary =
        command.name === 'licence assign'
          ? `Assigned a licence to ${sent.email} and sent the welcome email.`
          : `Sent a new setup link to ${sent.email}.`;
      return [
        summary,
        ...(sent.replacedPendingInvitation
          ? ['The previous setup link no longer works.']
          : []),
        `The setup link is valid until ${sent.expiresAt} and works once.`,
        describeLinkOrigin(links.linkOrigin, links.dataDir, command),
        formatDelivery(sent.delivery),
      ].join('\n');
    }
    case 'invitation revoke': {
      const user = result as AdminUser;
      return user.invitation?.status === 'revoked'
        ? `The invitation of ${user.email} is revoked, so its setup link no longer works.`
        : `${user.email} has no invitation to revoke.`;
    }
    case 'user list':
      return formatUsers(result as AdminUser[]);
  }
}

function formatAccounts(accounts: Account[]): string {
  if (accounts.length === 0) {
    return `No accounts yet. Create one with \`${run('account create --name NAME')}\`.`;
  }

  return table(
    ['NUMBER', 'NAME', 'SIGN-IN', 'LANGUAGE', 'CREATED'],
    accounts.map((account) => [
      account.number,
      account.name,
      signInOf(account),
      account.defaultLocale,
      account.createdAt,
    ]),
  );
}

function signInOf(account: Account): string {
  if (account.signInMethod !== 'sso') return 'password';

  return account.sso?.passwordSignInAllowed ? 'sso+password' : 'sso';
}

function formatSso(account: Account): string {
  const sso = account.sso!;
  const audience =
    sso.audience ?? `${defaultAudience(sso.apiScope)} (from the API scope)`;

  return [
    `Account ${account.number} "${account.name}" now signs in with single sign-on.`,
    `Authority:         ${sso.authority}`,
    `Tenant id:         ${sso.tenantId}`,
    `Client id:         ${sso.clientId}`,
    `API scope:         ${sso.apiScope}`,
    `Token audience:    ${audience}`,
    `Password sign-in:  ${sso.passwordSignInAllowed ? 'allowed' : 'not allowed'}`,
  ].join('\n');
}

function formatUsers(users: AdminUser[]): string {
  if (users.length === 0) {
    return `The account has no users yet. Assign a licence with \`${run('licence assign --account NUMBER --email EMAIL')}\`.`;
  }

  return table(
    ['EMAIL', 'NAME', 'REGISTERED', 'INVITATION', 'EXPIRES', 'LANGUAGE'],
    users.map((user) => [
      user.email,
      user.displayName ?? '-',
      user.registered ? 'yes' : 'no',
      user.invitation?.status ?? '-',
      user.invitation?.expiresAt ?? '-',
      user.locale,
    ]),
  );
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();

  return [line(header), ...rows.map(line)].join('\n');
}
