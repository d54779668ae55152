import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetProofOf } from '../support/emails';
import { expectHeading, expectNoAxeViolations } from './support/browser';
import {
  expectSignInPage,
  register,
  signInWithPassword,
  startJourney,
  type AppPage,
  type Journey,
} from './support/journey';

/**
 * Password reset end to end: the reset email arrives over SMTP with a link
 * and a six-digit code, either of which sets a new password once, and the
 * new password ends every other session.
 */

const EMAIL = 'karla.brandt@example.com';
const FIRST_PASSWORD = 'Dachboden-Lampe-17';

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney('Rheinhafen Logistik');
});

afterAll(async () => {
  await journey?.close();
});

/** Starts the reset from the sign-in page and returns the email it sent. */
async function requestReset(page: Page): Promise<ParsedMail> {
  await expectSignInPage(page);
  await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('button', { name: 'Passwort vergessen?' }).click();
  await expectHeading(page, 'Passwort zurücksetzen');
  await expectNoAxeViolations(page, 'reset request step');
  await page.getByRole('button', { name: 'E-Mail senden' }).click();
  await expectHeading(page, 'E-Mail prüfen');
  return journey.sink.nextMessage(EMAIL);
}

async function setNewPassword(page: Page, password: string): Promise<void> {
  await expectHeading(page, 'Neues Passwort festlegen');
  await page.getByLabel('Neues Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
}

describe('password reset', () => {
  let other: AppPage;
  let usedCode: string;

  it('registers the person first', async () => {
    const link = await journey.invite(EMAIL);
    const first = await journey.startApp({ link });
    await register(first.page, 'Karla Brandt', FIRST_PASSWORD);
    await first.page.getByRole('button', { name: 'FERTIG' }).click();
    await first.page
      .locator('header')
      .getByText('Karla Brandt')
      .first()
      .waitFor();
    await journey.stopApp(first);
  });

  it('sets a new password with the code', async () => {
    other = await journey.startApp();
    await signInWithPassword(other.page, EMAIL, FIRST_PASSWORD);
    await other.page
      .locator('header')
      .getByText('Karla Brandt')
      .first()
      .waitFor();

    const { page } = await journey.startApp();
    const mail = await requestReset(page);
    expect(mail.subject).toBe('Neues Passwort für Mitel One');
    await expectNoAxeViolations(page, 'reset code step');

    usedCode = resetProofOf(mail).code;
    await page.getByLabel('Code aus der E-Mail').fill(usedCode);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await setNewPassword(page, 'Feldweg-Kompass-64');

    await expect
      .poll(() => page.locator('header').getByText('Karla Brandt').count())
      .toBeGreaterThan(0);
  });

  it('ends the sessions from before the reset', async () => {
    await journey.stopApp(other);
    other = await journey.startApp({
      userDataDir: other.userDataDir,
      keychainService: other.keychainService,
    });

    await expectSignInPage(other.page);
  });

  it('drops a failed sign-in after going to the reset', async () => {
    const { page } = await journey.startApp();
    await expectSignInPage(page);
    await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Passwort', { exact: true }).fill('Falsch-Geraten-1');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);

    await page.getByRole('button', { name: 'Passwort vergessen?' }).click();
    await expectHeading(page, 'Passwort zurücksetzen');
    await page.getByRole('button', { name: 'Zurück zur Anmeldung' }).click();

    await page.getByRole('button', { name: 'Passwort vergessen?' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('rejects a code that was used', async () => {
    const { page } = await journey.startApp();
    await requestReset(page);

    await page.getByLabel('Code aus der E-Mail').fill(usedCode);
    await page.getByRole('button', { name: 'Weiter' }).click();

    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: /Code/ }).count())
      .toBeGreaterThan(0);
    expect(await page.getByLabel('Code aus der E-Mail').inputValue()).toBe(
      usedCode,
    );
  });

  it('sets a new password with the link', async () => {
    const { page: requesting } = await journey.startApp();
    const mail = await requestReset(requesting);

    const { page } = await journey.startApp({ link: resetProofOf(mail).link });
    await setNewPassword(page, 'Leuchtfeuer-Anker-82');

    await expect
      .poll(() => page.locator('header').getByText('Karla Brandt').count())
      .toBeGreaterThan(0);
  });
});
