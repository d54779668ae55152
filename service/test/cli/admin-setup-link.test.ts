import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, test } from 'vitest';
import type { InvitationSent } from '../../../contract/api';
import {
  runAdminCli,
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import { createAccount } from '../support/invitations';

const setupLinkPattern = /https?:\/\/[^\s/]+\/setup\/([A-Za-z0-9_-]{43})/;

let service: TestService | undefined;
let otherDataDir: string | undefined;

afterEach(async () => {
  await service?.close();
  service = undefined;
  if (otherDataDir) await rm(otherDataDir, { recursive: true, force: true });
  otherDataDir = undefined;
});

/**
 * Runs the admin CLI on the service's data folder and database, without
 * MITELONE_PUBLIC_URL unless `publicUrl` is given.
 */
function adminOn(running: TestService, args: string[], publicUrl?: string) {
  const { database } = running.config;

  return runAdminCli(['--data-dir', running.dataDir, ...args], {
    MITELONE_DATABASE_URL:
      database.kind === 'postgres' ? database.url : undefined,
    MITELONE_PUBLIC_URL: publicUrl,
  });
}

async function setupLinkOf(sent: InvitationSent) {
  if (sent.delivery.kind !== 'outbox') throw new Error('Expected the outbox');

  const mail = await simpleParser(await readFile(sent.delivery.file));
  const match = mail.text?.match(setupLinkPattern);
  if (!match) throw new Error(`No setup link in ${sent.delivery.file}`);

  return { link: match[0], token: match[1]! };
}

describe('admin CLI setup links', () => {
  test('use the address the service recorded', async () => {
    service = await startTestService({ listen: true });
    const account = await createAccount(service, { name: 'Berg & Partner' });

    const run = await adminOn(service, [
      'licence',
      'assign',
      '--account',
      account.number,
      '--email',
      'lena@example.com',
    ]);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `The setup link starts with ${service.url}, the address that the service on ${service.dataDir} recorded when it started.`,
    );
    const json = await adminOn(service, [
      'invitation',
      'resend',
      '--account',
      account.number,
      '--email',
      'lena@example.com',
      '--json',
    ]);
    expect(json.status).toBe(0);
    expect(json.stderr).toBe('');
    const { link, token } = await setupLinkOf(JSON.parse(json.stdout));
    expect(link.startsWith(`${service.url}/setup/`)).toBe(true);
    const response = await fetch(`${service.url}/v1/invitations/${token}`);
    expect(response.status).toBe(200);
  });

  test('use the configured public URL', async () => {
    service = await startTestService({
      listen: true,
      env: { MITELONE_PUBLIC_URL: 'https://uc.example.com' },
    });
    const account = await createAccount(service, { name: 'Berg & Partner' });

    const run = await adminOn(service, [
      'licence',
      'assign',
      '--account',
      account.number,
      '--email',
      'lena@example.com',
      '--json',
    ]);

    expect(run.status).toBe(0);
    const { link } = await setupLinkOf(JSON.parse(run.stdout));
    expect(link.startsWith('https://uc.example.com/setup/')).toBe(true);
  });

  test('MITELONE_PUBLIC_URL wins over the recorded one', async () => {
    service = await startTestService({ listen: true });
    const account = await createAccount(service, { name: 'Berg & Partner' });

    const run = await adminOn(
      service,
      [
        'licence',
        'assign',
        '--account',
        account.number,
        '--email',
        'lena@example.com',
        '--json',
      ],
      'https://uc.example.com',
    );

    expect(run.status).toBe(0);
    const { link } = await setupLinkOf(JSON.parse(run.stdout));
    expect(link.startsWith('https://uc.example.com/setup/')).toBe(true);
  });

  test('default address is named', async () => {
    otherDataDir = await mkdtemp(join(tmpdir(), 'mitelone-cli-'));
    const admin = (...args: string[]) =>
      runAdminCli(['--data-dir', otherDataDir!, ...args], {});
    const created = await admin(
      'account',
      'create',
      '--name',
      'Berg & Partner',
      '--json',
    );
    const { number } = JSON.parse(created.stdout);

    const text = await admin(
      'licence',
      'assign',
      '--account',
      number,
      '--email',
      'lena@example.com',
    );
    const json = await admin(
      'invitation',
      'resend',
      '--account',
      number,
      '--email',
      'lena@example.com',
      '--json',
    );

    const notice = `The setup link starts with the default address http://127.0.0.1:8080, because MITELONE_PUBLIC_URL is not set and no service has started on ${otherDataDir}.`;
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(notice);
    expect(json.status).toBe(0);
    expect(json.stderr).toContain(`Note: ${notice}`);
    expect(json.stderr).toContain(
      `\`MITELONE_PUBLIC_URL=<its address> npm run admin -- invitation resend --account ${number} --email lena@example.com\``,
    );
    const { link } = await setupLinkOf(JSON.parse(json.stdout));
    expect(link.startsWith('http://127.0.0.1:8080/setup/')).toBe(true);
  });

  test('licence assign again replaces the pending link', async () => {
    service = await startTestService({ listen: true });
    const account = await createAccount(service, { name: 'Berg & Partner' });
    const assign = () =>
      adminOn(service!, [
        'licence',
        'assign',
        '--account',
        account.number,
        '--email',
        'lena@example.com',
        '--json',
      ]);

    const first: InvitationSent = JSON.parse((await assign()).stdout);
    const firstLink = await setupLinkOf(first);
    const again = await adminOn(service, [
      'licence',
      'assign',
      '--account',
      account.number,
      '--email',
      'lena@example.com',
    ]);

    expect(first.replacedPendingInvitation).toBe(false);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      'Assigned a licence to lena@example.com and sent the welcome email.\nThe previous setup link no longer works.',
    );
    const old = await fetch(`${service.url}/v1/invitations/${firstLink.token}`);
    expect(old.status).toBe(410);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe(
      'INVITATION_REPLACED',
    );

    const third: InvitationSent = JSON.parse((await assign()).stdout);
    expect(third.replacedPendingInvitation).toBe(true);
  });
});
