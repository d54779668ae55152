import { findCredentialsAsync } from '@napi-rs/keyring';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestIdentityProvider } from '../support/identity-provider';
import { expectHeading, expectNoAxeViolations } from './support/browser';
import {
  expectSignInPage,
  type AppPage,
  type Journey,
} from './support/journey';
import { startSsoJourney, type SsoJourney } from './support/sso-journey';

/**
 * Single sign-on end to end: a real OpenID Connect provider over TLS stands
 * in for Entra ID, a second headless Chromium stands in for the system
 * browser, and the app signs in through MSAL in its main process, then at
 * the real service.
 */

const IDA = {
  email: 'ida.sommer@example.com',
  name: 'Ida Sommer',
  password: 'Nordwind-Segel-31',
};

let sso: SsoJourney;
let idp: TestIdentityProvider;
let journey: Journey;

beforeAll(async () => {
  sso = await startSsoJourney('Werft Kiel');
  ({ idp, journey } = sso);
  idp.addUser(IDA);
});

afterAll(async () => {
  await sso?.close();
});

const signInAtProvider: SsoJourney['signInAtProvider'] = (...args) =>
  sso.signInAtProvider(...args);

async function startSso(page: Page, email: string): Promise<void> {
  await expectSignInPage(page);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page
    .getByRole('button', { name: 'Mit Ihrer Organisation anmelden' })
    .click();
  await expectHeading(page, 'Melden Sie sich im Browser an …');
}

describe('single sign-on', () => {
  let ida: AppPage;

  it('signs a licensed employee in without registration', async () => {
    await journey.service.adminJson(
      'licence',
      'assign',
      '--account',
      journey.accountNumber,
      '--email',
      IDA.email,
    );
    await journey.sink.nextMessage(IDA.email);
    ida = await journey.startApp();

    await startSso(ida.page, IDA.email);
    await expectNoAxeViolations(ida.page, 'waiting for the browser');
    await signInAtProvider(ida, IDA);

    const dialog = ida.page.getByRole('dialog', {
      name: 'Vervollständigen Sie Ihr Profil',
    });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe(
      IDA.name,
    );
    await dialog.getByRole('button', { name: 'FERTIG' }).click();
    await expect
      .poll(() => ida.page.locator('header').getByText(IDA.name).count())
      .toBeGreaterThan(0);

    const stored = await findCredentialsAsync(ida.keychainService);
    expect(stored.length).toBeGreaterThan(1);
  });

  it('signs in silently after a relaunch', async () => {
    await journey.stopApp(ida);
    ida = await journey.startApp({
      userDataDir: ida.userDataDir,
      keychainService: ida.keychainService,
    });

    await expect
      .poll(() => ida.page.locator('header').getByText(IDA.name).count())
      .toBeGreaterThan(0);
    expect(ida.app.openedUrls).toEqual([]);
  });

  it('empties the keychain on sign-out', async () => {
    await ida.page.getByRole('button', { name: 'Abmelden' }).click();

    await expectSignInPage(ida.page);
    await expect
      .poll(async () =>
        (await findCredentialsAsync(ida.keychainService)).map(
          (entry) => entry.account,
        ),
      )
      .toEqual([]);
  });

  it('leads a setup link of an SSO account to SSO', async () => {
    const jan = {
      email: 'jan.koenig@example.com',
      name: 'Jan König',
      password: 'Hafenkran-Blau-58',
    };
    idp.addUser(jan);
    const link = await journey.invite(jan.email);
    const app = await journey.startApp({ link });

    await expectHeading(app.page, 'Ihr Konto verwendet Single Sign-On');
    await expectNoAxeViolations(app.page, 'SSO invitation');
    expect(await app.page.getByLabel('Passwort').count()).toBe(0);
    await app.page
      .getByRole('button', { name: 'Mit Ihrer Organisation anmelden' })
      .click();
    await signInAtProvider(app, jan);

    await app.page
      .getByRole('dialog', { name: 'Vervollständigen Sie Ihr Profil' })
      .waitFor();
  });

  it('gives up on a closed browser and stays usable', async () => {
    const app = await journey.startApp({ ssoTimeoutSeconds: 2 });

    await startSso(app.page, IDA.email);
    // The person closes the browser tab: nothing reaches the app.

    await expect
      .poll(
        () =>
          app.page
            .getByText('Die Anmeldung im Browser hat zu lange gedauert.')
            .count(),
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    const opened = app.app.openedUrls.length;
    await app.page
      .getByRole('button', { name: 'Mit Ihrer Organisation anmelden' })
      .click();
    await signInAtProvider(app, IDA, opened);
    await expect
      .poll(() => app.page.locator('header').getByText(IDA.name).count())
      .toBeGreaterThan(0);
  });

  it('cancels the wait from the app', async () => {
    const app = await journey.startApp();

    await startSso(app.page, IDA.email);
    await app.page.getByRole('button', { name: 'Abbrechen' }).click();

    await expect
      .poll(() =>
        app.page
          .getByRole('button', { name: 'Mit Ihrer Organisation anmelden' })
          .count(),
      )
      .toBe(1);
    expect(await app.page.getByText(IDA.email).count()).toBeGreaterThan(0);
  });

  it('starts at the provider with an IT preset', async () => {
    const policyFile = path.join(
      await mkdtemp(path.join(tmpdir(), 'policy-')),
      'policy.json',
    );
    await writeFile(
      policyFile,
      JSON.stringify({
        ServiceUrl: journey.service.url,
        SsoAuthority: idp.authority,
        SsoTenantId: idp.tenantId,
        SsoClientId: idp.clientId,
        SsoScopes: [idp.apiScope],
        SsoKnownAuthorities: idp.knownAuthorities,
      }),
    );
    const app = await journey.startApp({ policyFile });

    const start = app.page.getByRole('button', {
      name: 'Mit Ihrer Organisation anmelden',
    });
    await start.waitFor();
    expect(await app.page.getByLabel('E-Mail-Adresse').count()).toBe(0);
    await expectNoAxeViolations(app.page, 'preset sign-in');

    await start.click();
    await signInAtProvider(app, IDA);
    await expect
      .poll(() => app.page.locator('header').getByText(IDA.name).count())
      .toBeGreaterThan(0);
  });
});
