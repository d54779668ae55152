import { existsSync } from 'node:fs';
import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import electronPackage from 'electron/package.json';
import brand from '../../resources/brand.json';
import { root } from '../../scripts/packaging/config.mjs';
import { prepareDistConfig } from '../../scripts/packaging/dist-config.mjs';

/** Modules of the reference service that must stay out of the app. */
const serviceModules = [
  'better-sqlite3',
  'fastify',
  'kysely',
  'nodemailer',
  'pg',
  'sharp',
  '@node-rs/argon2',
];

/**
 * Packs the app into an unpacked Linux build (electron-builder's `dir`
 * target) with the dist script's configuration. A stand-in for Electron's
 * unpacked archive replaces the download, which this test must not need.
 * The fuses are left out because they patch Electron's real binary.
 */
describe.runIf(process.platform === 'linux')('packaged app', () => {
  let scratch: string;
  let resources: string;
  let entries: string[];
  let packageJson: { productName?: string; main?: string };

  beforeAll(async () => {
    expect(
      existsSync(path.join(root, 'out', 'main', 'index.js')),
      'out/ has no build; run `npm run build` first',
    ).toBe(true);
    scratch = await mkdtemp(path.join(tmpdir(), 'packaged-app-'));

    const electronDist = path.join(scratch, 'electron');
    await mkdir(path.join(electronDist, 'resources'), { recursive: true });
    await writeFile(path.join(electronDist, 'electron'), '#!/bin/sh\n');
    await chmod(path.join(electronDist, 'electron'), 0o755);
    await writeFile(
      path.join(electronDist, 'version'),
      electronPackage.version,
    );

    const workDir = await mkdtemp(path.join(scratch, 'work-'));
    const { config, configFile } = await prepareDistConfig({
      platform: 'linux',
      env: {},
      workDir,
      electronDist,
      outputDir: path.join(scratch, 'dist'),
    });

    // The app's native module (@napi-rs/keyring) is N-API and needs no
    // rebuild, which could otherwise download Electron's headers.
    await writeFile(
      configFile,
      JSON.stringify({ ...config, electronFuses: null, npmRebuild: false }),
    );
    const { build, Platform } = await import('electron-builder');
    await build({
      targets: Platform.LINUX.createTarget(['dir']),
      config: configFile,
      publish: 'never',
    });

    resources = path.join(scratch, 'dist', 'linux-unpacked', 'resources');
    const requireFromBuilder = createRequire(
      createRequire(import.meta.url).resolve('app-builder-lib/package.json'),
    );
    const asar = requireFromBuilder('@electron/asar');
    const archive = path.join(resources, 'app.asar');
    entries = asar.listPackage(archive, { isPack: false });
    packageJson = JSON.parse(
      asar.extractFile(archive, 'package.json').toString('utf8'),
    );
  }, 120_000);

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('contains the built app', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        '/out/main/index.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
        '/package.json',
      ]),
    );
  });

  it('leaves out the preview and sources', () => {
    const top = new Set(entries.map((entry) => entry.split('/')[1]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    expect(entries.filter((entry) => entry.startsWith('/out/preview'))).toEqual(
      [],
    );
  });

  it('packs the app dependencies', () => {
    for (const module of ['electron-updater', 'pino', '@azure/msal-node']) {
      expect(entries).toContain(`/node_modules/${module}/package.json`);
    }
  });

  it('leaves out the service dependencies', () => {
    for (const module of serviceModules) {
      expect(entries).not.toContain(`/node_modules/${module}`);
    }
  });

  it('writes the placeholder update feed', async () => {
    const updateConfig = await readFile(
      path.join(resources, 'app-update.yml'),
      'utf8',
    );

    expect(updateConfig).toContain('provider: generic');
    expect(updateConfig).toContain('url: https://updates.invalid/mitelone/');
  });

  it('names the product and entry point', () => {
    expect(packageJson.productName).toBe(brand.name);
    expect(packageJson.main).toBe('out/main/index.js');
    expect(entries).toContain(`/${packageJson.main}`);
  });
});
