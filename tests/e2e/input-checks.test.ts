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

  it('names a photo file that is no image', async () => {
    const link = await journey.invite('olaf.brandt@example.com');
    const { page } = await journey.startApp({ link });
    await register(page, 'Olaf Brandt', 'Dachboden-Lampe-17');
    const dialog = page.getByRole('dialog', {
      name: 'Vervollständigen Sie Ihr Profil',
    });
    await dialog.waitFor();

    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Foto auswählen' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'notiz.png',
      mimeType: 'image/png',
      buffer: Buffer.from('Einkaufsliste: Milch, Brot\n'),
    });

    await dialog
      .getByText('„notiz.png“ ist kein JPEG-, PNG- oder WebP-Bild.')
      .waitFor();
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
