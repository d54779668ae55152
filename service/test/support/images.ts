import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Makes a JPEG with EXIF camera and GPS fields, as phones write them. */
export function jpegWithGps(width = 640, height = 480): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: '#3a7bd5' },
  })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Pocket 7' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '52/1 31/1 12/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '13/1 24/1 36/1',
      },
    })
    .toBuffer();
}

const GPS_IFD_POINTER = 0x8825;

/**
 * Reads the tag numbers of the GPS IFD from a raw EXIF block (as sharp's
 * `metadata().exif` returns it); an empty list when there is none.
 */
export function gpsTagsOf(exif: Buffer | undefined): number[] {
  if (!exif) return [];

  const tiff = exif.subarray(exif.indexOf('Exif\0\0') + 6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (offset: number) =>
    little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset);
  const u32 = (offset: number) =>
    little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset);

  const entries = (ifdOffset: number) =>
    Array.from({ length: u16(ifdOffset) }, (_, index) => {
      const entry = ifdOffset + 2 + index * 12;
      return { tag: u16(entry), value: u32(entry + 8) };
    });

  const pointer = entries(u32(4)).find(
    (entry) => entry.tag === GPS_IFD_POINTER,
  );

  return pointer ? entries(pointer.value).map((entry) => entry.tag) : [];
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body) >>> 0);

  return Buffer.concat([length, body, checksum]);
}

/**
 * Makes a real decompression bomb: a valid 1-bit greyscale PNG of the given
 * size whose all-zero pixels compress to a few kilobytes.
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale

  const rowBytes = 1 + Math.ceil(width / 8);
  const pixels = deflateSync(Buffer.alloc(rowBytes * height), { level: 9 });

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
