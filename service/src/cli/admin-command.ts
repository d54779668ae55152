import { parseArgs } from 'node:util';
import { closestName } from './closest-name';

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
      person's language (default: the account's). "license" works too.
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

type OptionName = keyof typeof options;

/** The options that each command takes beside --json, --data-dir and --help. */
const commandOptions: Record<AdminCommand['name'], OptionName[]> = {
  'account create': ['name', 'number', 'locale'],
  'account list': [],
  'account sso set': [
    'account',
    'authority',
    'tenant',
    'client-id',
    'api-scope',
    'audience',
    'allow-password',
  ],
  'account sso clear': ['account'],
  'licence assign': ['account', 'email', 'locale'],
  'invitation resend': ['account', 'email'],
  'invitation revoke': ['account', 'email'],
  'user list': ['account'],
};

const commandNames = Object.keys(commandOptions) as Array<AdminCommand['name']>;

const globalOptions: OptionName[] = ['json', 'data-dir', 'help'];

const seeHelp = 'See `npm run admin -- --help`.';

/** Parses the admin CLI's arguments; throws UsageError for invalid ones. */
export function parseCommandLine(args: string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(args, error as Error));
  }

  const { values, positionals } = parsed;
  const common = { json: values.json, dataDir: values['data-dir'] };

  if (values.help) return { command: 'help', ...common };
  if (positionals.length === 0) throw new UsageError('No command given.');

  return { command: toCommand(positionals, values), ...common };
}

/**
 * Rewrites Node's parseArgs errors, which suggest `--` for positional
 * arguments, into the option that is wrong and what to type instead.
 */
function describeParseError(args: string[], error: Error): string {
  const { tokens, positionals } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const code = (error as NodeJS.ErrnoException).code;
  const command = commandNameOf(positionals);

  for (const token of tokens) {
    if (token.kind !== 'option') continue;

    const option = options[token.name as OptionName] as
      (typeof options)[OptionName] | undefined;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option === undefined) {
      return unknownOptionMessage(token.rawName, token.name, command);
    }
    if (code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || !option) continue;

    if (option.type === 'boolean' && token.value !== undefined) {
      return `${token.rawName} takes no value; give it alone, as in ${token.rawName}. ${seeHelp}`;
    }
    if (
      option.type === 'string' &&
      (token.value === undefined ||
        (!token.inlineValue && token.value.startsWith('-')))
    ) {
      return `${token.rawName} needs a value after it, as in ${token.rawName} VALUE. A value that starts with "-" is written as ${token.rawName}=VALUE. ${seeHelp}`;
    }
  }

  return `${error.message} ${seeHelp}`;
}

function unknownOptionMessage(
  rawName: string,
  name: string,
  command: AdminCommand['name'] | undefined,
): string {
  const known = command
    ? [...commandOptions[command], ...globalOptions]
    : (Object.keys(options) as OptionName[]);
  const suggestion = closestName(name, known);
  const where = command ? ` for "${command}"` : '';
  const hint = suggestion ? ` Did you mean --${suggestion}?` : '';

  return `Unknown option ${rawName}${where}.${hint} ${seeHelp}`;
}

/** Returns the command that the positional arguments start with, if any. */
function commandNameOf(
  positionals: string[],
): AdminCommand['name'] | undefined {
  const words = withBritishSpelling(positionals);

  return commandNames.find((name) =>
    name.split(' ').every((word, index) => words[index] === word),
  );
}

/** Accepts the US spelling "license" for the "licence" commands. */
function withBritishSpelling(positionals: string[]): string[] {
  return positionals[0] === 'license'
    ? ['licence', ...positionals.slice(1)]
    : positionals;
}

function toCommand(positionals: string[], values: Values): AdminCommand {
  const name = withBritishSpelling(positionals).join(' ');
  if (name in commandOptions) {
    rejectOtherOptions(
      name,
      values,
      commandOptions[name as AdminCommand['name']],
    );
  }

  switch (name) {
    case 'account create':
      return {
        name,
        accountName: required(values, 'name', name),
        number: values.number,
        locale: values.locale,
      };
    case 'account list':
      return { name };
    case 'account sso set':
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
      return { name, account: required(values, 'account', name) };
    case 'licence assign':
      return {
        name,
        account: required(values, 'account', name),
        email: required(values, 'email', name),
        locale: values.locale,
      };
    case 'invitation resend':
    case 'invitation revoke':
      return {
        name,
        account: required(values, 'account', name),
        email: required(values, 'email', name),
      };
    case 'user list':
      return { name, account: required(values, 'account', name) };
    default:
      throw new UsageError(unknownCommandMessage(positionals));
  }
}

function unknownCommandMessage(positionals: string[]): string {
  const name = positionals.join(' ');
  const command = commandNameOf(positionals);
  if (command) {
    const extra = positionals.slice(command.split(' ').length).join(' ');
    return `"${command}" takes no argument "${extra}"; give each value after its option, such as --email EMAIL. ${seeHelp}`;
  }

  const group = commandNames.filter((command) =>
    command.startsWith(`${name} `),
  );
  if (group.length > 1) {
    return `"${name}" is not a whole command; the commands that start with it are ${group.join(', ')}. ${seeHelp}`;
  }

  const suggestion = closestName(name, commandNames);
  if (suggestion) {
    return `Unknown command "${name}". Did you mean "${suggestion}"? ${seeHelp}`;
  }

  const firstWord = positionals[0];
  const sameFirstWord = commandNames.filter((command) =>
    command.startsWith(`${firstWord} `),
  );
  const hint =
    sameFirstWord.length > 0
      ? ` The commands that start with "${firstWord}" are ${sameFirstWord.join(', ')}.`
      : '';
  return `Unknown command "${name}".${hint} ${seeHelp}`;
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

function rejectOtherOptions(
  command: string,
  values: Values,
  allowed: OptionName[],
) {
  for (const [option, value] of Object.entries(values)) {
    if (value === undefined || globalOptions.includes(option as OptionName)) {
      continue;
    }
    if (!allowed.includes(option as OptionName)) {
      const takes =
        allowed.length > 0
          ? `It takes ${allowed.map((name) => `--${name}`).join(', ')}.`
          : 'It takes no options besides --json and --data-dir.';
      throw new UsageError(
        `"${command}" does not take --${option}. ${takes} ${seeHelp}`,
      );
    }
  }
}
