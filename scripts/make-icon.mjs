// `npm run icon`: renders the app icon, resources/icon.svg, to the
// 1024×1024 PNG that electron-builder turns into each platform's icon
// format. Run it after changing the SVG and commit both files.
import path from 'node:path';
import sharp from 'sharp';
import { ICON_SIZE, root } from './packaging/config.mjs';

const svg = path.join(root, 'resources', 'icon.svg');
const png = path.join(root, 'resources', 'icon.png');

// The density scales the SVG's own canvas to the target size, so the edges
// are rasterized sharply instead of resized afterwards.
const { width = ICON_SIZE } = await sharp(svg).metadata();
await sharp(svg, { density: (72 * ICON_SIZE) / width })
  .resize(ICON_SIZE, ICON_SIZE)
  .png({ compressionLevel: 9 })
  .toFile(png);

console.log(
  `Wrote resources/icon.png (${ICON_SIZE}×${ICON_SIZE}) from resources/icon.svg.`,
);
