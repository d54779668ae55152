import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from '../../support/identity-provider';
import { launchBrowser } from './browser';
import { startJourney, type AppPage, type Journey } from './journey';

export interface SsoJourney {
  idp: TestIdentityProvider;
  journey: Journey;
  /** The system browser, which trusts the provider's test certificate. */
  systemBrowser: Browser;
  /**
   * Completes the sign-in at the provider in a fresh system-browser context,
   * on the sign-in page that the app opened after the `opened` earlier ones.
   */
  signInAtProvider(
    app: AppPage,
    user: { email: string; password: string },
    opened?: number,
  ): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the test identity provider and a journey whose account signs in
 * through it, with the service and the app trusting the provider's CA.
 */
export async function startSsoJourney(
  accountName: string,
): Promise<SsoJourney> {
  const idp = await startTestIdentityProvider();
  const journey = await startJourney(accountName, {
    serviceEnv: { MITELONE_EXTRA_CA_FILE: idp.certificates.caCertFile },
    appEnv: { NODE_EXTRA_CA_CERTS: idp.certificates.caCertFile },
  });
  await journey.service.adminJson(
    'account',
    'sso',
    'set',
    '--account',
    journey.accountNumber,
    '--authority',
    idp.authority,
    '--tenant',
    idp.tenantId,
    '--client-id',
    idp.clientId,
    '--api-scope',
    idp.apiScope,
  );
  const systemBrowser = await launchBrowser(idp.chromiumArgs);

  return {
    idp,
    journey,
    systemBrowser,
    async signInAtProvider(app, user, opened = 0) {
      await expect
        .poll(() => app.app.openedUrls.length)
        .toBeGreaterThan(opened);
      const authorizeUrl = app.app.openedUrls.at(-1)!;
      expect(authorizeUrl.startsWith(`${idp.authority}/`)).toBe(true);

      const context = await systemBrowser.newContext();
      const page = await context.newPage();
      await page.goto(authorizeUrl);
      await idp.completeLogin(page, user.email, user.password);
      await context.close();
    },
    async close() {
      await systemBrowser.close();
      await journey.close();
      await idp.close();
    },
  };
}
