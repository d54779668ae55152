import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_PHOTO_BYTES, type SessionGrant } from '../../../contract/api';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import { gpsTagsOf, jpegWithGps, pngBomb } from '../support/images';
import {
  bearer,
  createAccount,
  inviteUser,
  registeredUser,
} from '../support/invitations';

let service: TestService;
let anna: SessionGrant;
let ben: SessionGrant;
let outsider: SessionGrant;

beforeAll(async () => {
  service = await startTestService();
  const { number } = await createAccount(service, { name: 'Nord GmbH' });
  const { number: other } = await createAccount(service, { name: 'Süd AG' });
  anna = await registeredUser(service, number, 'anna@example.com', 'Anna Berg');
  ben = await registeredUser(service, number, 'ben@example.com', 'Ben Kurz');
  outsider = await registeredUser(
    service,
    other,
    'olga@example.com',
    'Olga Süd',
  );
  await inviteUser(service, number, 'pending@example.com');
});

afterAll(() => service.close());

function uploadPhoto(
  grant: SessionGrant,
  body: Buffer,
  contentType = 'image/jpeg',
) {
  return service.app.inject({
    method: 'PUT',
    url: '/v1/me/photo',
    headers: { ...bearer(grant), 'content-type': contentType },
    payload: body,
  });
}

function patchMe(grant: SessionGrant, payload: object) {
  return service.app.inject({
    method: 'PATCH',
    url: '/v1/me',
    headers: bearer(grant),
    payload,
  });
}

describe('profile', () => {
  test('update trims and stores the fields', async () => {
    const response = await patchMe(anna, {
      displayName: '  Anna M. Berg ',
      statusMessage: '  Im Homeoffice bis 15 Uhr ',
      locale: 'de',
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      displayName: 'Anna M. Berg',
      statusMessage: 'Im Homeoffice bis 15 Uhr',
      locale: 'de',
      profileCompleted: false,
    });
  });

  test('profileCompleted marks the dialog done', async () => {
    const response = await patchMe(ben, { profileCompleted: true });

    expect(response.json().profileCompleted).toBe(true);
  });

  test.each([
    [
      'status too long',
      { statusMessage: 's'.repeat(161) },
      'STATUS_MESSAGE_INVALID',
    ],
    [
      'status with control',
      { statusMessage: 'a\u0000b' },
      'STATUS_MESSAGE_INVALID',
    ],
    [
      'status with right-to-left override',
      { statusMessage: 'Zurück \u202egatnoM' },
      'STATUS_MESSAGE_INVALID',
    ],
    ['empty name', { displayName: ' ' }, 'DISPLAY_NAME_INVALID'],
    [
      'name with isolate',
      { displayName: 'Anna \u2067Berg' },
      'DISPLAY_NAME_INVALID',
    ],
    ['unknown field', { nickname: 'x' }, 'VALIDATION_FAILED'],
  ])('%s is rejected', async (_case, payload, code) => {
    const response = await patchMe(anna, payload);

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });
});

describe('photo upload', () => {
  test('text renamed .png is rejected by content', async () => {
    const response = await service.app.inject({
      method: 'PUT',
      url: '/v1/me/photo',
      headers: {
        ...bearer(anna),
        'content-type': 'image/png',
        'content-disposition': 'attachment; filename="holiday.png"',
      },
      payload: Buffer.from('This is a text file, not a picture.\n'),
    });

    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('PHOTO_TYPE_UNSUPPORTED');
  });

  test('upload over 5 MB is PHOTO_TOO_LARGE', async () => {
    const body = Buffer.alloc(MAX_PHOTO_BYTES + 1, 0x20);
    body.set([0xff, 0xd8, 0xff], 0);

    const response = await uploadPhoto(anna, body);

    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PHOTO_TOO_LARGE');
  });

  test('decompression bomb is rejected', async () => {
    const bomb = pngBomb(30_000, 30_000);
    expect(bomb.length).toBeLessThan(200_000);

    const response = await uploadPhoto(anna, bomb, 'image/png');

    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('PHOTO_DIMENSIONS_TOO_LARGE');
  });

  test('other content type is rejected', async () => {
    const response = await uploadPhoto(
      anna,
      Buffer.from('{}'),
      'application/json',
    );

    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('PHOTO_TYPE_UNSUPPORTED');
  });

  test('stored photo is 256×256 without GPS', async () => {
    const input = await jpegWithGps(1200, 900);
    expect(gpsTagsOf((await sharp(input).metadata()).exif)).toEqual([
      1, 2, 3, 4,
    ]);

    const response = await uploadPhoto(anna, input, 'application/octet-stream');

    expect(response.statusCode).toBe(200);
    const version = response.json().photoVersion;
    expect(version).toEqual(expect.any(String));

    const stored = await service.database.db
      .selectFrom('user_photos')
      .selectAll()
      .where('user_id', '=', anna.user.id)
      .executeTakeFirstOrThrow();
    const metadata = await sharp(stored.bytes).metadata();
    expect([metadata.width, metadata.height]).toEqual([256, 256]);
    expect(metadata.exif).toBeUndefined();
    expect(gpsTagsOf(metadata.exif)).toEqual([]);
    expect(stored.bytes.includes(Buffer.from('TestCam'))).toBe(false);
    expect(stored.version).toBe(version);
  });

  test('new upload changes the version', async () => {
    const first = (await uploadPhoto(anna, await jpegWithGps())).json()
      .photoVersion;
    const second = (await uploadPhoto(anna, await jpegWithGps())).json()
      .photoVersion;

    expect(second).not.toBe(first);
  });
});

describe('photo download', () => {
  test('colleague gets the photo with an ETag', async () => {
    const version = (await uploadPhoto(anna, await jpegWithGps())).json()
      .photoVersion;

    const response = await service.app.inject({
      method: 'GET',
      url: `/v1/users/${anna.user.id}/photo`,
      headers: bearer(ben),
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/webp');
    expect(response.headers.etag).toBe(`"${version}"`);

    const cached = await service.app.inject({
      method: 'GET',
      url: `/v1/users/${anna.user.id}/photo`,
      headers: { ...bearer(ben), 'if-none-match': `"${version}"` },
    });
    expect(cached.statusCode).toBe(304);
  });

  test('other account gets PHOTO_NOT_FOUND', async () => {
    const response = await service.app.inject({
      method: 'GET',
      url: `/v1/users/${anna.user.id}/photo`,
      headers: bearer(outsider),
    });

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PHOTO_NOT_FOUND');
  });

  test('removed photo is PHOTO_NOT_FOUND', async () => {
    await uploadPhoto(ben, await jpegWithGps());

    const removed = await service.app.inject({
      method: 'DELETE',
      url: '/v1/me/photo',
      headers: bearer(ben),
    });

    expect(removed.statusCode).toBe(200);
    expect(removed.json().photoVersion).toBeNull();
    const response = await service.app.inject({
      method: 'GET',
      url: `/v1/users/${ben.user.id}/photo`,
      headers: bearer(anna),
    });
    expect(response.json().error.code).toBe('PHOTO_NOT_FOUND');
  });
});
