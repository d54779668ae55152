import { findCredentialsAsync } from '@napi-rs/keyring';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './support/app';
import { expectNoAxeViolations, launchBrowser } from './support/browser';
import { startService, type RunningService } from './support/service';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

/**
 * The product's main journey, end to end: an administrator assigns a licence
 * with the admin CLI, the welcome email arrives over SMTP, and the person
 * opens its link in the app, registers, completes the profile and reaches
 * the home screen. The app is the real main process behind the browser
 * preview host, the service runs on a SQLite file, and the session is stored
 * in the real keychain.
 */

const FOUR_DAYS_AND_ONE_MINUTE = (4 * 24 * 60 + 1) * 60 * 1000;
const PASSWORD = 'Sonnenblume-Fahrrad-42';

let sink: SmtpSink;
let service: RunningService;
let browser: Browser;
let accountNumber: string;
const appsToStop = new Set<RunningApp>();

/** Assigns a licence with the admin CLI and returns the link behind the email's button. */
async function invite(email: string): Promise<string> {
  service.adminJson(
    'licence',
    'assign',
    '--account',
    accountNumber,
    '--email',
    email,
  );
  const mail = await sink.nextMessage(email);

  expect(mail.subject).toBe('Willkommen bei Mitel One');
  const button =
    /<a\b[^>]*href="([^"]+)"[^>]*>\s*Mitel One einrichten\s*<\/a>/.exec(
      String(mail.html),
    );
  expect(
    button,
    'welcome email has the "Mitel One einrichten" button',
  ).not.toBeNull();
  return button![1]!.replaceAll('&amp;', '&');
}

async function startApp(options: {
  link?: string;
  userDataDir?: string;
  keychainService?: string;
}): Promise<{
  app: RunningApp;
  page: Page;
  userDataDir: string;
  keychainService: string;
}> {
  const userDataDir =
    options.userDataDir ??
    (await mkdtemp(path.join(tmpdir(), 'mitelone-e2e-app-')));
  const keychainService =
    options.keychainService ?? `mitelone-e2e-${randomUUID()}`;
  const app = await launchApp({
    serviceUrl: service.url,
    userDataDir,
    keychainService,
    link: options.link,
  });
  appsToStop.add(app);

  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(app.url);
  return { app, page, userDataDir, keychainService };
}

async function stopApp(app: RunningApp, page: Page): Promise<void> {
  await page.context().close();
  await app.stop();
  appsToStop.delete(app);
}

beforeAll(async () => {
  sink = await startSmtpSink();
  service = await startService({ smtpUrl: sink.url });
  browser = await launchBrowser();

  const account = await service.adminJson<{ number: string }>(
    'account',
    'create',
    '--name',
    'Rheinwerk Logistik',
    '--locale',
    'de',
  );
  accountNumber = account.number;
});

afterAll(async () => {
  for (const app of appsToStop) await app.stop();
  await browser?.close();
  await service?.close();
  await sink?.close();
});

describe('setup link journey', () => {
  let anna: Awaited<ReturnType<typeof startApp>>;
  let annaLink: string;

  it('registers from the welcome email and reaches home', async () => {
    annaLink = await invite('anna.berger@example.com');
    expect(annaLink).toMatch(
      new RegExp(`^${service.url}/setup/[A-Za-z0-9_-]{43}$`),
    );

    anna = await startApp({ link: annaLink });
    const { page, app } = anna;

    await expect
      .poll(() =>
        page
          .getByRole('heading', { name: 'Erstellung Ihres Kontos abschließen' })
          .count(),
      )
      .toBe(1);
    await expect
      .poll(() => page.getByText('anna.berger@example.com').count())
      .toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'registration page');

    await page
      .getByRole('link', { name: /Geschäftsbedingungen lesen/ })
      .click();
    await expect.poll(() => app.openedUrls).toContain(`${service.url}/terms`);

    await page.getByLabel('Name', { exact: true }).fill('Anna Berger');
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page
      .getByRole('checkbox', { name: 'Geschäftsbedingungen akzeptieren' })
      .check();
    await page.getByRole('button', { name: 'Fertig stellen' }).click();

    const dialog = page.getByRole('dialog', {
      name: 'Vervollständigen Sie Ihr Profil',
    });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'profile dialog');

    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#2f6f9f' },
    })
      .png()
      .toBuffer();
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Foto auswählen' }).click();
    await (
      await chooser
    ).setFiles({ name: 'anna.png', mimeType: 'image/png', buffer: photo });
    await dialog
      .getByRole('button', { name: 'Anderes Foto auswählen' })
      .waitFor();
    await expect.poll(() => dialog.locator('progress').count()).toBe(0);

    await dialog.getByLabel('Statusmeldung').fill('Heute im Büro Hamburg');
    await dialog.getByRole('button', { name: 'FERTIG' }).click();
    await dialog.waitFor({ state: 'detached' });

    const header = page.locator('header');
    await expect
      .poll(() => header.getByText('Anna Berger').count())
      .toBeGreaterThan(0);
    await expect
      .poll(() => header.getByText('Heute im Büro Hamburg').count())
      .toBe(1);
    await expect
      .poll(() => header.locator('img').getAttribute('src'))
      .toMatch(/^data:image\/(webp|jpeg);base64,/);

    const directory = page.getByRole('list');
    await expect.poll(() => directory.getByText('Anna Berger').count()).toBe(1);
    await expectNoAxeViolations(page, 'home screen');

    await page.getByLabel('Personen suchen').fill('berger');
    await expect.poll(() => directory.getByText('Anna Berger').count()).toBe(1);
    await page.getByLabel('Personen suchen').fill('niemand-heisst-so');
    await expect.poll(() => page.getByText(/Niemand passt zu/).count()).toBe(1);
  });

  it('shows a used link as already used', async () => {
    const { page } = await startApp({ link: annaLink });

    await expect
      .poll(() =>
        page
          .getByRole('heading', { name: 'Ihr Konto existiert bereits' })
          .count(),
      )
      .toBe(1);
    await expectNoAxeViolations(page, 'used link');
    await page.getByRole('button', { name: 'Zur Anmeldung' }).click();
    await expect.poll(() => page.getByLabel('E-Mail-Adresse').count()).toBe(1);
  });

  it('shows a link older than 4 days as expired', async () => {
    const link = await invite('ben.koch@example.com');
    service.ageInvitation('ben.koch@example.com', FOUR_DAYS_AND_ONE_MINUTE);

    const { page } = await startApp({ link });

    await expect
      .poll(() =>
        page
          .getByRole('heading', {
            name: 'Dieser Einrichtungslink ist abgelaufen',
          })
          .count(),
      )
      .toBe(1);
    await expectNoAxeViolations(page, 'expired link');
  });

  it('signs in from the keychain after a relaunch', async () => {
    const stored = await findCredentialsAsync(anna.keychainService);
    expect(stored).toHaveLength(1);

    await stopApp(anna.app, anna.page);
    anna = await startApp({
      userDataDir: anna.userDataDir,
      keychainService: anna.keychainService,
    });
    const { page } = anna;

    await expect
      .poll(() =>
        page.locator('header').getByText('Heute im Büro Hamburg').count(),
      )
      .toBe(1);
    expect(await page.getByLabel('Passwort').count()).toBe(0);
  });

  it('clears the keychain on sign-out', async () => {
    const { page } = anna;

    await page.getByRole('button', { name: 'Abmelden' }).click();

    await expect
      .poll(() => page.getByRole('button', { name: 'Anmelden' }).count())
      .toBe(1);
    expect(await findCredentialsAsync(anna.keychainService)).toEqual([]);
    await expectNoAxeViolations(page, 'sign-in page');

    await stopApp(anna.app, anna.page);
    anna = await startApp({
      userDataDir: anna.userDataDir,
      keychainService: anna.keychainService,
    });
    await expect
      .poll(() => anna.page.getByRole('button', { name: 'Anmelden' }).count())
      .toBe(1);
  });

  it('signs in again with the password', async () => {
    const { page } = anna;

    await page.getByLabel('E-Mail-Adresse').fill('anna.berger@example.com');
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();

    await expect
      .poll(() =>
        page.locator('header').getByText('Heute im Büro Hamburg').count(),
      )
      .toBe(1);
    expect(await findCredentialsAsync(anna.keychainService)).toHaveLength(1);
  });
});
