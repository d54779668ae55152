import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import {
  MAX_PHOTO_PIXELS,
  detectPhotoFormat,
  processPhoto,
} from '../../src/photos/process-photo';
import { gpsTagsOf, jpegWithGps, pngBomb } from '../support/images';

describe('detectPhotoFormat', () => {
  test.each([
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'jpeg'],
    ['PNG', Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1'), 'png'],
    ['WebP', Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'), 'webp'],
    ['GIF', Buffer.from('GIF89a......', 'latin1'), null],
    ['text', Buffer.from('hello, this is not an image'), null],
    ['empty', Buffer.alloc(0), null],
  ])('%s', (_case, bytes, format) => {
    expect(detectPhotoFormat(bytes)).toBe(format);
  });
});

describe('processPhoto', () => {
  test('turns a JPEG into a 256×256 WebP without metadata', async () => {
    const input = await jpegWithGps(800, 600);
    expect(gpsTagsOf((await sharp(input).metadata()).exif)).toEqual([
      1, 2, 3, 4,
    ]);

    const result = await processPhoto(input);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const output = await sharp(result.value.bytes).metadata();
    expect(result.value.contentType).toBe('image/webp');
    expect(output.format).toBe('webp');
    expect([output.width, output.height]).toEqual([256, 256]);
    expect(output.exif).toBeUndefined();
    expect(output.xmp).toBeUndefined();
    expect(output.icc).toBeUndefined();
  });

  test('applies the EXIF orientation', async () => {
    // A wide image with EXIF orientation 6 (rotate 90° clockwise): the left
    // half red, the right half blue. Upright, red ends up on top.
    const wide = await sharp({
      create: { width: 400, height: 200, channels: 3, background: '#0000ff' },
    })
      .composite([
        {
          input: {
            create: {
              width: 200,
              height: 200,
              channels: 3,
              background: '#ff0000',
            },
          },
          left: 0,
          top: 0,
        },
      ])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();

    const result = await processPhoto(wide);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { data } = await sharp(result.value.bytes)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => {
      const offset = (y * 256 + x) * 3;
      return [data[offset]!, data[offset + 1]!, data[offset + 2]!];
    };
    // Orientation 6 turns the image 90° clockwise: the left edge (red) goes up.
    expect(pixel(128, 20)[0]).toBeGreaterThan(200);
    expect(pixel(128, 235)[2]).toBeGreaterThan(200);
  });

  test('rejects a PNG bomb over the pixel limit', async () => {
    const bomb = pngBomb(12_000, 12_000);
    expect(12_000 * 12_000).toBeGreaterThan(MAX_PHOTO_PIXELS);

    const result = await processPhoto(bomb);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PHOTO_DIMENSIONS_TOO_LARGE');
  });

  test('rejects a truncated JPEG as invalid', async () => {
    const input = await jpegWithGps();

    const result = await processPhoto(input.subarray(0, 300));

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PHOTO_INVALID');
  });
});
