import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectSignInPage,
  register,
  startJourney,
  type Journey,
} from './support/journey';

/**
 * Input the app rejects before it calls the service, with a message that
 * names the problem and the typed text left in place.
 */

let journey: Journey;

beforeAll(async () => {
  journey = await startJourney('Nordlicht Medien');
});

afterAll(async () => {
  await journey?.close();
});

describe('input checks', () => {
  it('rejects a name with a bidi control', async () => {
    const link = await journey.invite('nina.vogt@example.com');
    const { page } = await journey.startApp({ link });
    const name = 'Admin \u202etxt.exe';

    await register(page, name, 'Dachboden-Lampe-17');

    await page
      .getByText('Der Name enthält unsichtbare Formatierungszeichen')
      .waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(
      name,
    );
  });

  it('rejects an address list on sign-in', async () => {
    const { page } = await journey.startApp();
    await expectSignInPage(page);
    const sentBefore = journey.sink.messages.length;

    await page.getByLabel('E-Mail-Adresse').fill('anna,eve@example.org');
    await page.getByRole('button', { name: 'Weiter' }).click();

    await page.getByText('ohne Leerzeichen, Kommas').waitFor();
    expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe(
      'anna,eve@example.org',
    );
    expect(journey.sink.messages.length).toBe(sentBefore);
  });
});
