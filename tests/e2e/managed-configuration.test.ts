import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestIdentityProvider } from '../support/identity-provider';
import { expectHeading, expectNoAxeViolations } from './support/browser';
import type { AppPage, Journey } from './support/journey';
import { startSsoJourney, type SsoJourney } from './support/sso-journey';

/**
 * Managed configuration end to end: the browser preview reads a policy file
 * in the Linux format that enforces the service, single sign-on, the
 * language and updates, and turns password sign-in off. The real service
 * and a real OpenID Connect provider stand behind it.
 */

const IDA = {
  email: 'ida.sommer@example.com',
  name: 'Ida Sommer',
  password: 'Nordwind-Segel-31',
};

const MANAGED = 'Von Ihrer Organisation verwaltet';
const PRESET_BUTTON = 'Mit Ihrer Organisation anmelden';

let sso: SsoJourney;
let idp: TestIdentityProvider;
let journey: Journey;
/** A second service on loopback that no request may reach. */
let otherService: Server;
let otherServiceRequests: string[];
let policyFile: string;

beforeAll(async () => {
  sso = await startSsoJourney('Werft Kiel');
  ({ idp, journey } = sso);
  idp.addUser(IDA);
  await journey.service.adminJson(
    'licence',
    'assign',
    '--account',
    journey.accountNumber,
    '--email',
    IDA.email,
  );
  await journey.sink.nextMessage(IDA.email);

  otherServiceRequests = [];
  otherService = createServer((request, response) => {
    otherServiceRequests.push(`${request.method} ${request.url}`);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) =>
    otherService.listen(0, '127.0.0.1', resolve),
  );

  policyFile = await writePolicy(
    JSON.stringify({
      ServiceUrl: journey.service.url,
      AllowedServices: [journey.service.url],
      SsoAuthority: idp.authority,
      SsoTenantId: idp.tenantId,
      SsoClientId: idp.clientId,
      SsoScopes: [idp.apiScope],
      SsoKnownAuthorities: idp.knownAuthorities,
      PasswordSignIn: false,
      UpdatesEnabled: false,
      DefaultLanguage: 'de',
    }),
  );
});

afterAll(async () => {
  await new Promise((resolve) => otherService?.close(resolve));
  await sso?.close();
});

async function writePolicy(content: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mitelone-e2e-policy-'));
  const file = path.join(folder, 'policy.json');
  await writeFile(file, content);
  return file;
}

/** Starts the app with the organisation's policy from `file`. */
function startManagedApp(
  file: string,
  options: { link?: string } = {},
): Promise<AppPage> {
  return journey.startApp({
    ...options,
    policyFile: file,
  });
}

function hostOf(origin: string): string {
  return new URL(origin).host;
}

/** Returns the text of the elements that the element's aria-describedby names. */
function descriptionOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map(
        (id: string) =>
          element.ownerDocument.getElementById(id)?.textContent ?? '',
      )
      .join(' '),
  );
}

describe('managed configuration', () => {
  let app: AppPage;

  it('starts sign-in at the organisation', async () => {
    app = await startManagedApp(policyFile);
    const { page } = app;

    await page.getByRole('button', { name: PRESET_BUTTON }).waitFor();
    expect(await page.getByLabel('E-Mail-Adresse').count()).toBe(0);
    expect(await page.getByLabel('Adresse des Dienstes').count()).toBe(0);
    const service = page.locator('.summary');
    expect(await service.textContent()).toContain(hostOf(journey.service.url));
    expect(await service.getByText(MANAGED, { exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page, 'managed preset sign-in');
  });

  it('offers no password sign-in', async () => {
    const { page } = app;

    await page
      .getByRole('button', { name: 'Mit E-Mail-Adresse anmelden' })
      .click();
    await page.getByLabel('E-Mail-Adresse').fill('niemand@example.com');
    await page.getByRole('button', { name: 'Weiter' }).click();

    await page
      .getByText(
        'Für diese E-Mail-Adresse bietet der Dienst keine Anmeldung über Ihre Organisation an',
        { exact: false },
      )
      .waitFor();
    expect(await page.getByLabel('Passwort').count()).toBe(0);
    expect(
      await page.getByRole('button', { name: 'Passwort vergessen?' }).count(),
    ).toBe(0);
    await expectNoAxeViolations(page, 'no sign-in method');

    await page.getByRole('button', { name: 'E-Mail-Adresse ändern' }).click();
    expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe(
      'niemand@example.com',
    );
    await page
      .getByRole('button', {
        name: 'Zurück zur Anmeldung über Ihre Organisation',
      })
      .click();
    await page.getByRole('button', { name: PRESET_BUTTON }).waitFor();
  });

  it('locks language and updates in settings', async () => {
    const { page } = app;

    await page.getByRole('button', { name: 'Einstellungen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Einstellungen' });
    await dialog.waitFor();

    for (const name of ['Sprache des Betriebssystems', 'Deutsch', 'English']) {
      expect(await dialog.getByRole('radio', { name }).isDisabled()).toBe(true);
    }
    expect(
      await dialog.getByRole('radio', { name: 'Deutsch' }).isChecked(),
    ).toBe(true);
    expect(
      await descriptionOf(page, 'input[name="language"][value="de"]'),
    ).toBe(MANAGED);
    // The preview never updates itself, so the section explains why and
    // keeps the lock note.
    await dialog
      .getByText('Die Browser-Vorschau aktualisiert sich nicht selbst.')
      .waitFor();
    expect(await dialog.getByRole('checkbox').count()).toBe(0);
    expect(await dialog.getByText(MANAGED, { exact: true }).count()).toBe(2);
    await expectNoAxeViolations(page, 'managed settings');
  });

  it('lists managed settings in about', async () => {
    const { page } = app;
    const host = hostOf(journey.service.url);

    await page.getByRole('button', { name: 'Über Mitel One' }).click();
    const about = page.getByRole('dialog', { name: 'Über Mitel One' });
    await about.waitFor();

    const items = await about.getByRole('listitem').allTextContents();
    expect(items).toEqual(
      expect.arrayContaining([
        `Adresse des Dienstes: ${host}`,
        `Erlaubte Dienste: ${host}`,
        'Anmeldung über Ihre Organisation',
        'Anmeldung mit Passwort: abgeschaltet',
        'Automatische Updates: abgeschaltet',
        'Sprache: Deutsch',
      ]),
    );
    expect(items).toHaveLength(6);
    expect(await about.getByText(journey.service.url).count()).toBe(1);
    expect(
      await about
        .getByRole('button', { name: 'Protokollordner öffnen' })
        .count(),
    ).toBe(0);
    expect(
      await about
        .getByText(path.join(app.userDataDir, 'logs', 'main.log'))
        .count(),
    ).toBe(1);
    await expectNoAxeViolations(page, 'about view');

    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('signs in through the preset', async () => {
    const { page } = app;

    await page.getByRole('button', { name: PRESET_BUTTON }).click();
    await expectHeading(page, 'Melden Sie sich im Browser an …');
    await sso.signInAtProvider(app, IDA);

    await page
      .getByRole('dialog', { name: 'Vervollständigen Sie Ihr Profil' })
      .waitFor();
  });

  it('rejects a link for another service', async () => {
    const other = `http://127.0.0.1:${(otherService.address() as AddressInfo).port}`;
    const link = `${other}/setup/${'Q'.repeat(43)}`;
    const { page } = await startManagedApp(policyFile, { link });

    await expectHeading(
      page,
      'Dieser Link gehört nicht zum Dienst Ihrer Organisation',
    );
    expect(await page.getByTestId('link-service-host').textContent()).toBe(
      hostOf(other),
    );
    await page
      .getByText(
        `Ihre Organisation erlaubt dieser App nur ihren eigenen Dienst: ${hostOf(journey.service.url)}`,
      )
      .waitFor();
    await page
      .getByText(
        'Verwenden Sie den Link aus der E-Mail Ihrer Organisation, oder fragen Sie Ihre IT-Abteilung.',
      )
      .waitFor();
    await expectNoAxeViolations(page, 'link for a service not allowed');

    await page.getByRole('button', { name: 'Zurück' }).click();
    await page.getByRole('button', { name: PRESET_BUTTON }).waitFor();
    expect(otherServiceRequests).toEqual([]);
  });

  it('starts with a malformed policy file', async () => {
    const broken = await writePolicy(
      `{"ServiceUrl": "${journey.service.url}", "PasswordSignIn": `,
    );
    const started = await startManagedApp(broken);
    const { page } = started;
    const logFile = path.join(started.userDataDir, 'logs', 'main.log');

    await page
      .getByText(
        'Die Konfiguration, die Ihre Organisation für diese App vorgibt, konnte nicht gelesen werden.',
      )
      .waitFor();
    await page.getByText(logFile, { exact: false }).waitFor();
    // Nothing of the file applies, so the email step is back.
    await page.getByLabel('E-Mail-Adresse').waitFor();
    expect(await page.getByText(MANAGED).count()).toBe(0);
    await expectNoAxeViolations(page, 'malformed policy notice');
    expect(await started.app.log()).toContain('policy problem');
  });
});
