import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { emailButtonOf } from '../../support/emails';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { launchApp, type RunningApp } from './app';
import { expectHeading, launchBrowser } from './browser';
import { startService, type RunningService } from './service';

export interface AppPage {
  app: RunningApp;
  page: Page;
  userDataDir: string;
  keychainService: string;
}

export interface StartAppOptions {
  link?: string;
  /** Reuse the data and keychain entry of an earlier start, as a relaunch does. */
  userDataDir?: string;
  keychainService?: string;
  env?: NodeJS.ProcessEnv;
  ssoTimeoutSeconds?: number;
  policyFile?: string;
}

export interface JourneyOptions {
  /** More settings for the service, such as MITELONE_EXTRA_CA_FILE. */
  serviceEnv?: Record<string, string>;
  /** Environment of every app started, such as NODE_EXTRA_CA_CERTS. */
  appEnv?: NodeJS.ProcessEnv;
}

/**
 * Everything an end-to-end test file needs: an SMTP sink, the service with
 * one account, and a browser. On top of them come the administrator's and
 * the person's steps.
 */
export interface Journey {
  service: RunningService;
  /** The SMTP server that receives the service's emails. */
  sink: SmtpSink;
  accountNumber: string;
  /** Assigns a licence with the admin CLI and returns the link behind the email's button. */
  invite(email: string): Promise<string>;
  /** Starts the app's main process and opens its page in a new browser context. */
  startApp(options?: StartAppOptions): Promise<AppPage>;
  /** Closes the page and stops the app's process. */
  stopApp(appPage: AppPage): Promise<void>;
  close(): Promise<void>;
}

export async function startJourney(
  accountName: string,
  options: JourneyOptions = {},
): Promise<Journey> {
  const sink: SmtpSink = await startSmtpSink();
  const service = await startService({
    smtpUrl: sink.url,
    env: options.serviceEnv,
  });
  const browser: Browser = await launchBrowser();
  const running = new Set<RunningApp>();

  const account = await service.adminJson<{ number: string }>(
    'account',
    'create',
    '--name',
    accountName,
    '--locale',
    'de',
  );

  return {
    service,
    sink,
    accountNumber: account.number,

    async invite(email) {
      await service.adminJson(
        'licence',
        'assign',
        '--account',
        account.number,
        '--email',
        email,
      );
      const mail = await sink.nextMessage(email);

      expect(mail.subject).toBe('Willkommen bei Mitel One');
      const button = emailButtonOf(String(mail.html));
      expect(button.label).toBe('Mitel One einrichten');
      return button.href;
    },

    async startApp(startOptions = {}) {
      const userDataDir =
        startOptions.userDataDir ??
        (await mkdtemp(path.join(tmpdir(), 'mitelone-e2e-app-')));
      const keychainService =
        startOptions.keychainService ?? `mitelone-e2e-${randomUUID()}`;
      const app = await launchApp({
        serviceUrl: service.url,
        userDataDir,
        keychainService,
        link: startOptions.link,
        env: { ...options.appEnv, ...startOptions.env },
        ssoTimeoutSeconds: startOptions.ssoTimeoutSeconds,
        policyFile: startOptions.policyFile,
      });
      running.add(app);

      const context = await browser.newContext({ locale: 'de-DE' });
      const page = await context.newPage();
      await page.goto(app.url);
      return { app, page, userDataDir, keychainService };
    },

    async stopApp({ app, page }) {
      await page.context().close();
      await app.stop();
      running.delete(app);
    },

    async close() {
      for (const app of running) await app.stop();
      await browser.close();
      await service.close();
      await sink.close();
    },
  };
}

/** Fills in and sends the registration page, as a person would. */
export async function register(
  page: Page,
  name: string,
  password: string,
): Promise<void> {
  await expectHeading(page, 'Erstellung Ihres Kontos abschließen');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page
    .getByRole('checkbox', { name: 'Geschäftsbedingungen akzeptieren' })
    .check();
  await page.getByRole('button', { name: 'Fertig stellen' }).click();
}

/** Waits for the sign-in page, which starts by asking for the email address. */
export async function expectSignInPage(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByRole('button', { name: 'Weiter' }).count())
    .toBe(1);
}

/** Signs in with email and password on the sign-in page, as a person would. */
export async function signInWithPassword(
  page: Page,
  email: string,
  password: string,
): Promise<void> {
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}
