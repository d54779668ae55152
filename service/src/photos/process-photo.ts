import sharp from 'sharp';
import { PHOTO_SIZE } from '../../../contract/api';
import { failure, success, type ServiceResult } from '../errors';

/**
 * Largest image, in pixels, that the service decodes: 50 megapixels, which
 * fits photos of 48-megapixel phone cameras. Sharp's own default is about
 * 268 megapixels, too much memory for a small upload from a stranger.
 */
export const MAX_PHOTO_PIXELS = 50_000_000;

export type PhotoFormat = 'jpeg' | 'png' | 'webp';

export interface ProcessedPhoto {
  bytes: Buffer;
  contentType: string;
}

const pngSignature = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
]);

/** Recognises JPEG, PNG and WebP by their first bytes. */
export function detectPhotoFormat(bytes: Buffer): PhotoFormat | null {
  if (
    bytes.length >= 3 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xd8 &&
    bytes[2] === 0xff
  ) {
    return 'jpeg';
  }

  if (bytes.subarray(0, 8).equals(pngSignature)) return 'png';

  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'webp';
  }

  return null;
}

/**
 * Turns an uploaded image into the stored profile photo: a 256×256 WebP,
 * turned upright by its EXIF orientation, with all metadata (EXIF, GPS, XMP,
 * ICC) left out, which is what sharp does unless asked to keep it.
 */
export async function processPhoto(
  bytes: Buffer,
): Promise<ServiceResult<ProcessedPhoto>> {
  const format = detectPhotoFormat(bytes);
  if (!format) {
    return failure(
      'PHOTO_TYPE_UNSUPPORTED',
      'The upload is not a JPEG, PNG or WebP image.',
    );
  }

  const image = sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS });

  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await image.metadata());
  } catch (error) {
    return decodeFailure(error, format);
  }

  if (!width || !height) return invalidPhoto(format);
  if (width * height > MAX_PHOTO_PIXELS) return tooManyPixels(width, height);

  try {
    const output = await image
      .autoOrient()
      .resize(PHOTO_SIZE, PHOTO_SIZE, { fit: 'cover' })
      .webp({ quality: 85 })
      .toBuffer();

    return success({ bytes: output, contentType: 'image/webp' });
  } catch (error) {
    return decodeFailure(error, format);
  }
}

/** Sharp reports `limitInputPixels` as "Input image exceeds pixel limit". */
function decodeFailure(error: unknown, format: PhotoFormat) {
  if (/pixel limit/i.test((error as Error).message)) {
    return failure<never>(
      'PHOTO_DIMENSIONS_TOO_LARGE',
      `The image has more than ${MAX_PHOTO_PIXELS} pixels, the most the service decodes.`,
    );
  }

  return invalidPhoto(format);
}

function invalidPhoto(format: PhotoFormat) {
  return failure<never>(
    'PHOTO_INVALID',
    `The ${format.toUpperCase()} image is damaged and cannot be decoded.`,
  );
}

function tooManyPixels(width: number, height: number) {
  return failure<never>(
    'PHOTO_DIMENSIONS_TOO_LARGE',
    `The image has ${width}×${height} pixels; the service decodes at most ${MAX_PHOTO_PIXELS} pixels.`,
  );
}
