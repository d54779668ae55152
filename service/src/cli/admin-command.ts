import { parseArgs } from 'node:util';

export type AdminCommand =
  | {
      name: 'account create';
      accountName: string;
      number?: string;
      locale?: string;
    }
  | { name: 'account list' }
  | {
      name: 'account sso set';
      account: string;
      authority: string;
      tenant: string;
      clientId: string;
      apiScope: string;
      audience?: string;
      allowPassword: boolean;
    }
  | { name: 'account sso clear'; account: string }
  | { name: 'licence assign'; account: string; email: string; locale?: string }
  | { name: 'invitation resend'; account: string; email: string }
  | { name: 'invitation revoke'; account: string; email: string }
  | { name: 'user list'; account: string };

export interface ParsedCommandLine {
  command: AdminCommand | 'help';
  json: boolean;
  dataDir?: string;
}

/** A command line that cannot be run; the CLI prints it with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const usage = `Usage: npm run admin -- <command> [options]

Manages accounts, licences and invitations in the service's database.

Commands:
  account create --name NAME [--number 1234567] [--locale de|en]
      Create an account. Without --number, a free 7-digit number is chosen.
      --locale sets the default language of its welcome emails (default de).
  account list
      List all accounts with their sign-in method.
  account sso set --account NUMBER --authority TENANT_ID|URL --tenant ID
      --client-id ID --api-scope SCOPE [--audience AUDIENCE] [--allow-password]
      Make the account sign in with single sign-on. --authority is an Entra
      tenant id (meaning https://login.microsoftonline.com/<tenant id>) or the
      https URL of an OpenID Connect issuer; --tenant is the tenant id that
      the tokens carry (tid). --client-id is the desktop app's registration at
      the identity provider, --api-scope the service's scope that the app
      requests. --audience defaults to the scope without its last segment.
      --allow-password keeps password sign-in allowed beside SSO.
  account sso clear --account NUMBER
      Make the account sign in with passwords again.
  licence assign --account NUMBER --email EMAIL [--locale de|en]
      Give a person a licence and send the welcome email with a setup link.
      A pending setup link of theirs stops working. --locale sets the
      person's language (default: the account's).
  invitation resend --account NUMBER --email EMAIL
      Send a new setup link. The previous link stops working.
  invitation revoke --account NUMBER --email EMAIL
      Make the pending setup link stop working.
  user list --account NUMBER
      List the people of an account with their registration and invitation.

Options:
  --json             Print the result as JSON; errors go to stderr as JSON.
  --data-dir PATH    Data folder; overrides MITELONE_DATA_DIR
                     (default ./data/service, the folder of npm start).
  -h, --help         Show this help.

The other settings come from the same MITELONE_* environment variables as the
service (see docs/service.md). Setup links start with MITELONE_PUBLIC_URL, or
else with the address that the service recorded in the data folder when it
started.

Exit status: 0 on success, 1 when the operation failed, 2 for an invalid
command line.`;

const options = {
  name: { type: 'string' },
  number: { type: 'string' },
  locale: { type: 'string' },
  account: { type: 'string' },
  email: { type: 'string' },
  authority: { type: 'string' },
  tenant: { type: 'string' },
  'client-id': { type: 'string' },
  'api-scope': { type: 'string' },
  audience: { type: 'string' },
  // No default, so that other commands can tell that it was not given.
  'allow-password': { type: 'boolean' },
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof options }>
>['values'];

/** Parses the admin CLI's arguments; throws UsageError for invalid ones. */
export function parseCommandLine(args: string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const { values, positionals } = parsed;
  const common = { json: values.json, dataDir: values['data-dir'] };

  if (values.help) return { command: 'help', ...common };
  if (positionals.length === 0) throw new UsageError('No command given.');

  return { command: toCommand(positionals, values), ...common };
}

function toCommand(positionals: string[], values: Values): AdminCommand {
  const name = positionals.join(' ');
  const allowed = (...names: Array<keyof typeof options>) =>
    rejectOtherOptions(name, values, names);

  switch (name) {
    case 'account create':
      allowed('name', 'number', 'locale');
      return {
        name,
        accountName: required(values, 'name', name),
        number: values.number,
        locale: values.locale,
      };
    case 'account list':
      allowed();
      return { name };
    case 'account sso set':
      allowed(
        'account',
        'authority',
        'tenant',
        'client-id',
        'api-scope',
        'audience',
        'allow-password',
      );
      return {
        name,
        account: required(values, 'account', name),
        authority: required(values, 'authority', name),
        tenant: required(values, 'tenant', name),
        clientId: required(values, 'client-id', name),
        apiScope: required(values, 'api-scope', name),
        audience: values.audience,
        allowPassword: values['allow-password'] ?? false,
      };
    case 'account sso clear':
      allowed('account');
      return { name, account: required(values, 'account', name) };
    case 'licence assign':
      allowed('account', 'email', 'locale');
      return {
        name,
        account: required(values, 'account', name),
        email: required(values, 'email', name),
        locale: values.locale,
      };
    case 'invitation resend':
    case 'invitation revoke':
      allowed('account', 'email');
      return {
        name,
        account: required(values, 'account', name),
        email: required(values, 'email', name),
      };
    case 'user list':
      allowed('account');
      return { name, account: required(values, 'account', name) };
    default:
      throw new UsageError(`Unknown command "${name}".`);
  }
}

type TextOption =
  | 'name'
  | 'account'
  | 'email'
  | 'authority'
  | 'tenant'
  | 'client-id'
  | 'api-scope';

function required(values: Values, option: TextOption, command: string): string {
  const value = values[option]?.trim();
  if (!value) {
    throw new UsageError(`"${command}" needs --${option}.`);
  }

  return value;
}

const globalOptions = new Set(['json', 'data-dir', 'help']);

function rejectOtherOptions(
  command: string,
  values: Values,
  allowed: string[],
) {
  for (const [option, value] of Object.entries(values)) {
    if (value === undefined || globalOptions.has(option)) continue;
    if (!allowed.includes(option)) {
      throw new UsageError(`"${command}" does not take --${option}.`);
    }
  }
}
