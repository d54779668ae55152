import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectHeading, expectNoAxeViolations } from './support/browser';
import {
  startJourney,
  type Journey,
  expectSignInPage,
  register,
} from './support/journey';

/**
 * How the app treats the links that reach it: the app link on the service's
 * landing page, a link that names another service, a damaged link, a link
 * pasted with text around or after it, and a registration done with the
 * keyboard alone.
 */

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney('Elbufer Handel');
});

afterAll(async () => {
  await journey?.close();
});

it('landing page button opens the registration', async () => {
  const link = await journey.invite('dana.roth@example.com');
  const landing = await journey.startApp();
  await landing.page.goto(link);

  const button = landing.page.getByRole('link', {
    name: 'In der Mitel One App öffnen',
  });
  const appLink = await button.getAttribute('href');
  expect(appLink).toMatch(
    /^mitelone:\/\/setup\?service=[^&]+&token=[A-Za-z0-9_-]{43}$/,
  );
  await journey.stopApp(landing);

  const { page } = await journey.startApp({ link: appLink! });

  await expectHeading(page, 'Erstellung Ihres Kontos abschließen');
  await expect
    .poll(() => page.getByText('dana.roth@example.com').count())
    .toBeGreaterThan(0);
});

it('asks before contacting another service', async () => {
  const foreign = `https://uc.example.net/setup/${'Q'.repeat(43)}`;
  const { page } = await journey.startApp({ link: foreign });

  await expectHeading(page, 'Mit einem unbekannten Dienst fortfahren?');
  expect(await page.getByTestId('link-service-host').textContent()).toBe(
    'uc.example.net',
  );
  await expectNoAxeViolations(page, 'confirm another service');

  await page.getByRole('button', { name: 'Abbrechen' }).click();
  await expectSignInPage(page);
});

it('explains a damaged link and takes a pasted one', async () => {
  const link = await journey.invite('emil.hahn@example.com');
  const damaged = link.slice(0, -5);
  const { page } = await journey.startApp({ link: damaged });

  await expectHeading(page, 'Dieser Einrichtungslink funktioniert nicht');
  await expectNoAxeViolations(page, 'damaged link');

  await page.getByLabel('Einrichtungslink').fill(`  <${link}>  `);
  await page
    .getByRole('button', { name: 'Mit diesem Link fortfahren' })
    .click();

  await expectHeading(page, 'Erstellung Ihres Kontos abschließen');
});

it('takes a link pasted with its sentence', async () => {
  const link = await journey.invite('jonas.beck@example.com');
  const { page } = await journey.startApp();
  await page
    .getByLabel('Einrichtungslink')
    .fill(`Mitel One einrichten: ${link}. Viele Grüße`);
  await page
    .getByRole('button', { name: 'Mit diesem Link fortfahren' })
    .click();

  await expectHeading(page, 'Erstellung Ihres Kontos abschließen');
  await expect
    .poll(() => page.getByText('jonas.beck@example.com').count())
    .toBeGreaterThan(0);
});

it('shows extra text after a pasted link', async () => {
  const link = await journey.invite('karla.wendt@example.com');
  const pasted = `${link}?utm_source=mail`;
  const { page } = await journey.startApp();
  await page.getByLabel('Einrichtungslink').fill(pasted);
  await page
    .getByRole('button', { name: 'Mit diesem Link fortfahren' })
    .click();

  await expectHeading(page, 'Dieser Einrichtungslink funktioniert nicht');
  expect(await page.getByTestId('link-extra-text').textContent()).toBe(
    '?utm_source=mail',
  );
  expect(await page.getByLabel('Einrichtungslink').inputValue()).toBe(pasted);
  await expectNoAxeViolations(page, 'extra text after link');
});

it('keeps the registration page over a reload', async () => {
  const link = await journey.invite('gustav.ott@example.com');
  const { page } = await journey.startApp({ link });
  await expectHeading(page, 'Erstellung Ihres Kontos abschließen');

  await page.reload();

  await expectHeading(page, 'Erstellung Ihres Kontos abschließen');
  await expect
    .poll(() => page.getByText('gustav.ott@example.com').count())
    .toBeGreaterThan(0);
});

it('keeps a pasted unknown link for correction', async () => {
  const link = await journey.invite('hanna.vogt@example.com');
  const unknown = `${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`;
  const { page } = await journey.startApp();
  await page.getByLabel('Einrichtungslink').fill(unknown);
  await page
    .getByRole('button', { name: 'Mit diesem Link fortfahren' })
    .click();

  await expectHeading(page, 'Dieser Einrichtungslink ist unbekannt');
  expect(await page.getByLabel('Einrichtungslink').inputValue()).toBe(unknown);
});

it('takes a quoted link wrapped across lines', async () => {
  const link = await journey.invite('karl.sommer@example.com');
  const { page } = await journey.startApp();
  const cut = link.length - 20;
  const pasted = [
    '> Mitel One einrichten:',
    `> ${link.slice(0, cut)}`,
    `> ${link.slice(cut)}`,
    '> Viele Grüße',
  ].join('\n');

  const field = page.getByLabel('Einrichtungslink');
  await field.fill(pasted);
  expect(await field.inputValue()).toBe(pasted);
  await field.press('Enter');

  await expectHeading(page, 'Erstellung Ihres Kontos abschließen');
});

it('keeps the typed name when the link is replaced', async () => {
  const first = await journey.invite('jana.weiss@example.com');
  const { page } = await journey.startApp({ link: first });
  const second = await journey.invite('jana.weiss@example.com');

  await register(page, 'Jana Weiß', 'Lindgruener-Hafen-42');
  await expectHeading(page, 'Es gibt einen neueren Einrichtungslink');
  await page.getByRole('button', { name: 'Schließen' }).click();
  await expectSignInPage(page);
  await page.getByLabel('Einrichtungslink').fill(second);
  await page
    .getByRole('button', { name: 'Mit diesem Link fortfahren' })
    .click();

  await expectHeading(page, 'Erstellung Ihres Kontos abschließen');
  expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(
    'Jana Weiß',
  );
  expect(await page.getByLabel('Passwort', { exact: true }).inputValue()).toBe(
    '',
  );
});

it('calls text far longer than a link too long', async () => {
  const link = await journey.invite('ida.krug@example.com');
  const { page } = await journey.startApp();
  await page
    .getByLabel('Einrichtungslink')
    .fill(`${link}${'x'.repeat(100_000)}`);
  await page
    .getByRole('button', { name: 'Mit diesem Link fortfahren' })
    .click();

  await expect
    .poll(() =>
      page
        .getByText('Der Text ist viel länger als ein Einrichtungslink.')
        .count(),
    )
    .toBe(1);
});

it('registers with the keyboard alone', async () => {
  const link = await journey.invite('frida.lang@example.com');
  const { page } = await journey.startApp({ link });
  const nameField = page.getByLabel('Name', { exact: true });
  await expect.poll(() => nameField.count()).toBe(1);

  await tabTo(page, nameField);
  await page.keyboard.type('Frida Lang');
  await tabTo(page, page.getByLabel('Passwort', { exact: true }));
  await page.keyboard.type('Leuchtturm-Kompass-93');
  await tabTo(
    page,
    page.getByRole('checkbox', { name: 'Geschäftsbedingungen akzeptieren' }),
  );
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Fertig stellen' }));
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', {
    name: 'Vervollständigen Sie Ihr Profil',
  });
  await dialog.waitFor();
  await tabTo(page, dialog.getByLabel('Statusmeldung'));
  await page.keyboard.type('Im Urlaub bis Montag');
  await tabTo(page, dialog.getByRole('button', { name: 'FERTIG' }));
  await page.keyboard.press('Enter');

  await expect
    .poll(() =>
      page.locator('header').getByText('Im Urlaub bis Montag').count(),
    )
    .toBe(1);
});

/** Presses Tab until `target` has the focus; fails when it never gets it. */
async function tabTo(
  page: Page,
  target: Locator,
  maxSteps = 15,
): Promise<void> {
  for (let step = 0; step < maxSteps; step++) {
    if (
      await target.evaluate(
        (element) => element === element.ownerDocument.activeElement,
      )
    ) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(
    `Tab never reached ${target.toString()} in ${maxSteps} steps`,
  );
}
