import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createTestDatabaseUrl,
  runAdminCli,
  type AdminCliRun,
} from '../../../tests/support/test-service';
import { ENTRA_TENANT } from '../support/sso';

let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase: () => Promise<void>;

/** Runs the admin CLI in a child process on the test data folder. */
function admin(...args: string[]): Promise<AdminCliRun> {
  return runAdminCli(['--data-dir', dataDir, ...args], {
    MITELONE_PUBLIC_URL: 'https://uc.example.com',
    MITELONE_DATABASE_URL: databaseUrl,
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mitelone-cli-'));
  const database = await createTestDatabaseUrl();
  databaseUrl = database.url;
  dropDatabase = database.drop;
});

afterAll(async () => {
  await dropDatabase();
  await rm(dataDir, { recursive: true, force: true });
});

describe('admin CLI', () => {
  test('account create and list', async () => {
    const created = await admin(
      'account',
      'create',
      '--name',
      'Kanzlei Weber',
      '--number',
      '2345678',
      '--locale',
      'en',
    );
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Created account 2345678 "Kanzlei Weber"');

    const listed = await admin('account', 'list', '--json');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        number: '2345678',
        name: 'Kanzlei Weber',
        defaultLocale: 'en',
        createdAt: expect.any(String),
        signInMethod: 'password',
      },
    ]);
  });

  test('licence assign writes the email to the outbox', async () => {
    const run = await admin(
      'licence',
      'assign',
      '--account',
      '2345678',
      '--email',
      'Lena@Example.com',
      '--json',
    );

    expect(run.status).toBe(0);
    const sent = JSON.parse(run.stdout);
    expect(sent.email).toBe('lena@example.com');
    expect(sent.delivery.kind).toBe('outbox');
    expect(sent.delivery.file.startsWith(join(dataDir, 'outbox'))).toBe(true);
    expect(await readdir(join(dataDir, 'outbox'))).toHaveLength(1);
  });

  test('invitation resend and revoke', async () => {
    const resent = await admin(
      'invitation',
      'resend',
      '--account',
      '2345678',
      '--email',
      'lena@example.com',
    );
    expect(resent.status).toBe(0);
    expect(resent.stdout).toContain('The previous setup link no longer works.');
    expect(resent.stdout).toContain('Delivery: written to the outbox file');

    const revoked = await admin(
      'invitation',
      'revoke',
      '--account',
      '2345678',
      '--email',
      'lena@example.com',
    );
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain(
      'The invitation of lena@example.com is revoked',
    );

    const users = await admin('user', 'list', '--account', '2345678', '--json');
    expect(JSON.parse(users.stdout)).toEqual([
      expect.objectContaining({
        email: 'lena@example.com',
        registered: false,
        invitation: { status: 'revoked', expiresAt: expect.any(String) },
      }),
    ]);
  });

  test('account sso set shows the settings', async () => {
    const run = await admin(
      'account',
      'sso',
      'set',
      '--account',
      '2345678',
      '--authority',
      ENTRA_TENANT,
      '--tenant',
      ENTRA_TENANT,
      '--client-id',
      'desktop-app',
      '--api-scope',
      'api://mitelone/access_as_user',
    );

    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'Account 2345678 "Kanzlei Weber" now signs in with single sign-on.',
    );
    expect(run.stdout).toContain(
      `Authority:         https://login.microsoftonline.com/${ENTRA_TENANT}`,
    );
    expect(run.stdout).toContain(
      'Token audience:    api://mitelone (from the API scope)',
    );
    expect(run.stdout).toContain('Password sign-in:  not allowed');

    const listed = await admin('account', 'list');
    expect(listed.stdout).toMatch(/^2345678\s+Kanzlei Weber\s+sso\s+en\s/m);
  });

  test('account sso set --allow-password', async () => {
    const run = await admin(
      'account',
      'sso',
      'set',
      '--account',
      '2345678',
      '--authority',
      'https://idp.example.com/realms/uc',
      '--tenant',
      ENTRA_TENANT,
      '--client-id',
      'desktop-app',
      '--api-scope',
      'api://mitelone/access_as_user',
      '--audience',
      'api://uc',
      '--allow-password',
      '--json',
    );

    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      signInMethod: 'sso',
      sso: {
        authority: 'https://idp.example.com/realms/uc',
        audience: 'api://uc',
        passwordSignInAllowed: true,
      },
    });
    const listed = await admin('account', 'list');
    expect(listed.stdout).toMatch(
      /^2345678\s+Kanzlei Weber\s+sso\+password\s/m,
    );
  });

  test('invalid authority names the option', async () => {
    const run = await admin(
      'account',
      'sso',
      'set',
      '--account',
      '2345678',
      '--authority',
      'http://idp.example.com',
      '--tenant',
      ENTRA_TENANT,
      '--client-id',
      'desktop-app',
      '--api-scope',
      'api://mitelone/access_as_user',
    );

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'Error VALIDATION_FAILED: The authority must be',
    );
    expect(run.stderr).toContain('Next: Correct the value of --authority.');
  });

  test('account sso clear returns to passwords', async () => {
    const run = await admin('account', 'sso', 'clear', '--account', '2345678');

    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'Account 2345678 "Kanzlei Weber" now signs in with passwords.',
    );
    const listed = await admin('account', 'list', '--json');
    expect(JSON.parse(listed.stdout)[0].signInMethod).toBe('password');
  });

  test('unknown account fails with code and next step', async () => {
    const run = await admin(
      'licence',
      'assign',
      '--account',
      '9999999',
      '--email',
      'x@example.com',
    );

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'Error ACCOUNT_NOT_FOUND: No account has the number 9999999.',
    );
    expect(run.stderr).toContain(
      'Next: List the accounts with `npm run admin -- account list`',
    );
    expect(run.stdout).toBe('');
  });

  test('address list is EMAIL_INVALID and sends nothing', async () => {
    const outboxBefore = await readdir(join(dataDir, 'outbox'));

    const run = await admin(
      'licence',
      'assign',
      '--account',
      '2345678',
      '--email',
      'anna,eve@example.org',
    );

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'Error EMAIL_INVALID: "anna,eve@example.org" is not a valid email address',
    );
    expect(run.stderr).toContain('Next: Check the spelling of --email');
    expect(await readdir(join(dataDir, 'outbox'))).toEqual(outboxBefore);
  });

  test('too long address says so', async () => {
    const email = `${'l'.repeat(65)}@example.com`;

    const run = await admin(
      'licence',
      'assign',
      '--account',
      '2345678',
      '--email',
      email,
    );

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `Error EMAIL_INVALID: "${email}" is too long for an email address: it may have at most 64 bytes before the @`,
    );
  });

  test('unknown account with --json fails as JSON', async () => {
    const run = await admin('user', 'list', '--account', '9999999', '--json');

    expect(run.status).toBe(1);
    expect(JSON.parse(run.stderr).error).toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
      next: expect.stringContaining('account list'),
    });
  });

  test.each([
    ['no command', []],
    ['unknown command', ['account', 'delete']],
    ['missing --email', ['licence', 'assign', '--account', '2345678']],
    ['unknown option', ['account', 'list', '--colour']],
    [
      'option of another command',
      ['account', 'list', '--email', 'x@example.com'],
    ],
    [
      'sso set without --tenant',
      [
        'account',
        'sso',
        'set',
        '--account',
        '2345678',
        '--authority',
        'https://idp.example.com',
        '--client-id',
        'app',
        '--api-scope',
        'api://x/y',
      ],
    ],
    ['--allow-password elsewhere', ['account', 'list', '--allow-password']],
  ])('%s is a usage error', async (_case, args) => {
    const run = await admin(...args);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: npm run admin -- <command> [options]');
  });

  test('mistyped option suggests the closest', async () => {
    const run = await admin(
      'licence',
      'assign',
      '--acount',
      '2345678',
      '--email',
      'x@example.com',
    );

    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'Unknown option --acount for "licence assign". Did you mean --account? See `npm run admin -- --help`.',
    );
    expect(run.stderr).not.toContain('positional argument');
  });

  test.each([
    [
      'option without value',
      ['user', 'list', '--account'],
      '--account needs a value after it, as in --account VALUE.',
    ],
    [
      'option value that looks like an option',
      ['user', 'list', '--account', '--json'],
      '--account needs a value after it, as in --account VALUE.',
    ],
    [
      'value for a switch',
      ['account', 'list', '--json=yes'],
      '--json takes no value; give it alone, as in --json.',
    ],
    [
      'option of another command',
      ['invitation', 'resend', '--locale', 'de'],
      '"invitation resend" does not take --locale. It takes --account, --email.',
    ],
    [
      'mistyped command',
      ['acount', 'list'],
      'Unknown command "acount list". Did you mean "account list"?',
    ],
    [
      'command without its last word',
      ['account', 'sso'],
      '"account sso" is not a whole command; the commands that start with it are account sso set, account sso clear.',
    ],
    [
      'unknown command of a known group',
      ['account', 'delete'],
      'Unknown command "account delete". The commands that start with "account" are account create, account list, account sso set, account sso clear.',
    ],
    [
      'extra argument',
      ['user', 'list', '2345678'],
      '"user list" takes no argument "2345678"; give each value after its option, such as --email EMAIL.',
    ],
  ])('%s names the fix', async (_case, args, message) => {
    const run = await admin(...args);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('license is the same command as licence', async () => {
    const run = await admin(
      'license',
      'assign',
      '--account',
      '2345678',
      '--email',
      'us.spelling@example.com',
      '--json',
    );

    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).email).toBe('us.spelling@example.com');
  });

  test('licence assign takes the locale in any case', async () => {
    const run = await admin(
      'licence',
      'assign',
      '--account',
      '2345678',
      '--email',
      'upper.locale@example.com',
      '--locale',
      'DE',
    );

    expect(run.status).toBe(0);
    const users = await admin('user', 'list', '--account', '2345678', '--json');
    expect(JSON.parse(users.stdout)).toContainEqual(
      expect.objectContaining({
        email: 'upper.locale@example.com',
        locale: 'de',
      }),
    );
  });

  test('account create takes the locale in any case', async () => {
    const run = await admin(
      'account',
      'create',
      '--name',
      'Praxis Hoffmann',
      '--number',
      '3456789',
      '--locale',
      'EN',
      '--json',
    );

    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).defaultLocale).toBe('en');
  });

  test('missing --audience asks to add it', async () => {
    const run = await admin(
      'account',
      'sso',
      'set',
      '--account',
      '2345678',
      '--authority',
      ENTRA_TENANT,
      '--tenant',
      ENTRA_TENANT,
      '--client-id',
      'desktop-app',
      '--api-scope',
      'access_as_user',
    );

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Error VALIDATION_FAILED: The API scope');
    expect(run.stderr).toContain(
      'Next: Add --audience to the command; see --help.',
    );
  });

  test('--help exits 0', async () => {
    const run = await admin('--help');

    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'licence assign --account NUMBER --email EMAIL',
    );
  });
});
