import { findCredentialsAsync } from '@napi-rs/keyring';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHeading, expectNoAxeViolations } from './support/browser';
import {
  register,
  startJourney,
  type AppPage,
  type Journey,
  expectSignInPage,
  signInWithPassword,
} from './support/journey';

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

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney('Rheinwerk Logistik');
});

afterAll(async () => {
  await journey?.close();
});

describe('setup link journey', () => {
  let anna: AppPage;
  let annaLink: string;

  it('registers from the welcome email and reaches home', async () => {
    annaLink = await journey.invite('anna.berger@example.com');
    expect(annaLink).toMatch(
      new RegExp(`^${journey.service.url}/setup/[A-Za-z0-9_-]{43}$`),
    );

    anna = await journey.startApp({ link: annaLink });
    const { page, app } = anna;

    await expectHeading(page, 'Erstellung Ihres Kontos abschließen');
    await expect
      .poll(() => page.getByText('anna.berger@example.com').count())
      .toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'registration page');

    await page
      .getByRole('link', { name: /Geschäftsbedingungen lesen/ })
      .click();
    await expect
      .poll(() => app.openedUrls)
      .toContain(`${journey.service.url}/terms`);

    await register(page, 'Anna Berger', PASSWORD);

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

    // A photo chosen while editing is saved at once, as the dialog states.
    const firstPhoto = await header.locator('img').getAttribute('src');
    await page.getByRole('button', { name: 'Profil bearbeiten' }).click();
    const edit = page.getByRole('dialog', { name: 'Profil bearbeiten' });
    await edit.waitFor();
    await expectNoAxeViolations(page, 'edit profile dialog');
    expect(
      await edit.getByText(/sofort gespeichert, auch wenn Sie danach/).count(),
    ).toBe(1);
    const secondChooser = page.waitForEvent('filechooser');
    await edit.getByRole('button', { name: 'Anderes Foto auswählen' }).click();
    await (
      await secondChooser
    ).setFiles({
      name: 'anna-sommer.png',
      mimeType: 'image/png',
      buffer: await sharp({
        create: { width: 300, height: 300, channels: 3, background: '#c0392b' },
      })
        .png()
        .toBuffer(),
    });
    await expect
      .poll(() => header.locator('img').getAttribute('src'))
      .not.toBe(firstPhoto);
    const secondPhoto = await header.locator('img').getAttribute('src');
    await edit.getByRole('button', { name: 'Abbrechen' }).click();
    await edit.waitFor({ state: 'detached' });
    expect(await header.locator('img').getAttribute('src')).toBe(secondPhoto);

    await page.getByLabel('Personen suchen').fill('berger');
    await expect.poll(() => directory.getByText('Anna Berger').count()).toBe(1);
    await page.getByLabel('Personen suchen').fill('niemand-heisst-so');
    await expect.poll(() => page.getByText(/Niemand passt zu/).count()).toBe(1);

    const tooLong = 'x'.repeat(201);
    await page.getByLabel('Personen suchen').fill(tooLong);
    await expect
      .poll(() =>
        page.getByText('Kürzen Sie sie auf höchstens 200 Zeichen.').count(),
      )
      .toBe(1);
    expect(
      await page.getByRole('button', { name: 'Erneut versuchen' }).count(),
    ).toBe(0);
    expect(await page.getByLabel('Personen suchen').inputValue()).toBe(tooLong);
  });

  it('shows a used link as already used', async () => {
    const { page } = await journey.startApp({ link: annaLink });

    await expectHeading(page, 'Ihr Konto existiert bereits');
    await expectNoAxeViolations(page, 'used link');
    await page.getByRole('button', { name: 'Zur Anmeldung' }).click();
    await expect.poll(() => page.getByLabel('E-Mail-Adresse').count()).toBe(1);
  });

  it('shows a link older than 4 days as expired', async () => {
    const link = await journey.invite('ben.koch@example.com');
    await journey.service.ageInvitation(
      'ben.koch@example.com',
      FOUR_DAYS_AND_ONE_MINUTE,
    );

    const { page } = await journey.startApp({ link });

    await expectHeading(page, 'Dieser Einrichtungslink ist abgelaufen');
    await expectNoAxeViolations(page, 'expired link');
  });

  it('signs in from the keychain after a relaunch', async () => {
    const stored = await findCredentialsAsync(anna.keychainService);
    expect(stored).toHaveLength(1);

    await journey.stopApp(anna);
    anna = await journey.startApp({
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

    await expectSignInPage(page);
    expect(await findCredentialsAsync(anna.keychainService)).toEqual([]);
    await expectNoAxeViolations(page, 'sign-in page');

    await journey.stopApp(anna);
    anna = await journey.startApp({
      userDataDir: anna.userDataDir,
      keychainService: anna.keychainService,
    });
    await expectSignInPage(anna.page);
  });

  it('signs in again with the password', async () => {
    const { page } = anna;

    await signInWithPassword(page, 'anna.berger@example.com', PASSWORD);

    await expect
      .poll(() =>
        page.locator('header').getByText('Heute im Büro Hamburg').count(),
      )
      .toBe(1);
    expect(await findCredentialsAsync(anna.keychainService)).toHaveLength(1);
  });
});
