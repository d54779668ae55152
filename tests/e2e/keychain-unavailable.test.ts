import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectNoAxeViolations } from './support/browser';
import {
  register,
  startJourney,
  type Journey,
  expectSignInPage,
} from './support/journey';

/**
 * Without a keychain the app must still work for the current run, say that
 * it cannot remember the sign-in, and leave no token on disk. The app's
 * process gets a D-Bus address with nothing behind it, so the real keychain
 * library fails the way it does on a machine without a Secret Service.
 */

const NO_KEYCHAIN = {
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mitelone-e2e-bus',
};

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney('Hafenkontor Nord');
});

afterAll(async () => {
  await journey?.close();
});

it('keeps the session for this run only', async () => {
  const link = await journey.invite('clara.wolf@example.com');
  const first = await journey.startApp({ link, env: NO_KEYCHAIN });

  await register(first.page, 'Clara Wolf', 'Wellenbrecher-Nordlicht-7');
  await first.page.getByRole('button', { name: 'FERTIG' }).click();

  await expect
    .poll(() =>
      first.page
        .getByText(/Schlüsselbund Ihres Systems nicht verwenden/)
        .count(),
    )
    .toBe(1);
  await expect
    .poll(() => first.page.locator('header').getByText('Clara Wolf').count())
    .toBeGreaterThan(0);
  await expectNoAxeViolations(first.page, 'home screen with keychain notice');

  const settings = JSON.parse(
    await readFile(path.join(first.userDataDir, 'settings.json'), 'utf8'),
  ) as Record<string, unknown>;
  // Only the service the person registered with: no token, no default.
  expect(Object.keys(settings)).toEqual(['serviceUrl']);
  const log = await first.app.log();
  expect(log).toContain('keychain');
  expect(log).not.toMatch(/Wellenbrecher-Nordlicht-7/);

  await journey.stopApp(first);
  const relaunched = await journey.startApp({
    userDataDir: first.userDataDir,
    keychainService: first.keychainService,
    env: NO_KEYCHAIN,
  });

  await expectSignInPage(relaunched.page);
});
