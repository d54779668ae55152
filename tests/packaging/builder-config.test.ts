import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import plist from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import brand from '../../resources/brand.json';
import {
  checkPackaging,
  ICON_SIZE,
  pngSize,
  readBuilderConfig,
  root,
  type BuilderConfig,
  type PackagingCheck,
} from '../../scripts/packaging/config.mjs';

const run = promisify(execFile);

/**
 * Computes the Linux desktop entry with electron-builder's own code, as its
 * deb, rpm and AppImage targets write it, from a stand-in of the packager
 * that carries the effective configuration.
 */
async function desktopEntry(config: BuilderConfig): Promise<string> {
  const requireFromBuilder = createRequire(
    createRequire(import.meta.url).resolve('app-builder-lib/package.json'),
  );
  const { LinuxTargetHelper } = requireFromBuilder(
    './out/targets/LinuxTargetHelper.js',
  );
  const packager = {
    config,
    platformSpecificBuildOptions: config.linux,
    executableName: 'mitel-one-desktop',
    fileAssociations: [],
    appInfo: {
      productName: config.productName,
      sanitizedProductName: config.productName,
      description: 'Desktop client',
    },
    info: { metadata: { desktopName: undefined } },
  };
  return new LinuxTargetHelper(packager).computeDesktopEntry(config.linux);
}

describe('electron-builder configuration', () => {
  let checked: PackagingCheck;
  let config: BuilderConfig;
  let scratch: string;

  beforeAll(async () => {
    checked = await checkPackaging();
    config = checked.config;
    scratch = await mkdtemp(path.join(tmpdir(), 'builder-config-'));
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  /** Writes a changed copy of electron-builder.yml and checks it. */
  async function checkCopy(
    change: (config: BuilderConfig) => void,
  ): Promise<PackagingCheck> {
    const copy = await readBuilderConfig();
    change(copy);
    const file = path.join(
      await mkdtemp(path.join(scratch, 'copy-')),
      'electron-builder.yml',
    );
    await writeFile(file, yaml.dump(copy));
    return checkPackaging({ configFile: file });
  }

  it('passes the schema with brand values', () => {
    expect(checked.schemaProblems).toEqual([]);
    expect(checked.brandProblems).toEqual([]);
    expect(checked.resourceProblems).toEqual([]);
  });

  it('rejects an unknown key', async () => {
    const result = await checkCopy((copy) => {
      copy.autoUpdate = true;
    });

    expect(result.schemaProblems).toEqual([
      'electron-builder.yml: autoUpdate: unknown key; electron-builder does not support it (check its spelling and level).',
    ]);
  });

  it('rejects an unknown nested key', async () => {
    const result = await checkCopy((copy) => {
      copy.nsis.perMachin = true;
    });

    expect(result.schemaProblems).toHaveLength(1);
    expect(result.schemaProblems[0]).toContain('nsis.perMachin: unknown key');
  });

  it('rejects a wrong type', async () => {
    const result = await checkCopy((copy) => {
      copy.electronFuses.runAsNode = 'no';
    });

    expect(result.schemaProblems).toEqual([
      'electron-builder.yml: electronFuses.runAsNode: invalid value "no"; expected boolean.',
    ]);
  });

  it('rejects an unknown target', async () => {
    const result = await checkCopy((copy) => {
      copy.mac.target = ['dmgx'];
    });

    expect(result.schemaProblems).toHaveLength(1);
    expect(result.schemaProblems[0]).toContain(
      'mac.target[0]: invalid value "dmgx"',
    );
  });

  it('rejects another app id than the brand', async () => {
    const result = await checkCopy((copy) => {
      copy.appId = 'com.example.other';
    });

    expect(result.brandProblems).toEqual([
      `electron-builder.yml: appId is "com.example.other", but resources/brand.json names "${brand.appId}"; change appId to "${brand.appId}".`,
    ]);
    expect(result.config.appId).toBe(brand.appId);
  });

  it('rejects another URL scheme than the brand', async () => {
    const result = await checkCopy((copy) => {
      copy.protocols[0].schemes = ['otherapp'];
    });

    expect(result.brandProblems).toHaveLength(1);
    expect(result.brandProblems[0]).toContain(`"${brand.urlScheme}"`);
    expect(result.config.protocols[0].schemes).toEqual([brand.urlScheme]);
  });

  it('exits with 1 on a broken copy', async () => {
    const copy = await readBuilderConfig();
    copy.asar = 'yes';
    const file = path.join(scratch, 'broken.yml');
    await writeFile(file, yaml.dump(copy));

    const failure = await run(
      process.execPath,
      ['scripts/check-packaging.mjs', '--config', file],
      { cwd: root },
    ).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );

    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('asar: invalid value "yes"');
  });

  it('exits with 0 on the real configuration', async () => {
    const { stdout } = await run(
      process.execPath,
      ['scripts/check-packaging.mjs'],
      { cwd: root },
    );

    expect(stdout).toContain(`URL scheme ${brand.urlScheme}://`);
  });

  it('takes the brand values', () => {
    expect(config.appId).toBe(brand.appId);
    expect(config.productName).toBe(brand.name);
    expect(config.protocols).toEqual([
      { name: 'Setup link', schemes: [brand.urlScheme] },
    ]);
  });

  it('sets the fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only the built app', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/**', '!out/preview/**', 'package.json']);
  });

  it('builds the targets of each system', () => {
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.mac.target).toEqual(['dmg', 'pkg', 'zip']);
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
  });

  it('offers NSIS per user or per machine', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
    });
  });

  it('installs the MSI per machine', () => {
    expect(config.msi.perMachine).toBe(true);
  });

  it('writes the desktop entry with the scheme', async () => {
    const entry = await desktopEntry(config);
    const lines = new Map(
      entry
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [
          line.slice(0, line.indexOf('=')),
          line.slice(line.indexOf('=') + 1),
        ]),
    );

    expect(lines.get('MimeType')).toBe(`x-scheme-handler/${brand.urlScheme};`);
    expect(lines.get('Exec')).toMatch(/ %u$/);
    expect(lines.get('Categories')).toBe('Network;InstantMessaging;');
  });

  it('signs macOS with the hardened runtime', async () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);

    const entitlements = plist.parse(
      await readFile(path.join(root, config.mac.entitlements), 'utf8'),
    );
    expect(entitlements).toEqual({
      'com.apple.security.cs.allow-jit': true,
      'com.apple.security.cs.allow-unsigned-executable-memory': true,
      'com.apple.security.device.camera': true,
      'com.apple.security.device.audio-input': true,
      'com.apple.security.network.client': true,
    });
  });

  it('explains camera and microphone use on macOS', () => {
    expect(config.mac.extendInfo.NSCameraUsageDescription).toBeTruthy();
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toBeTruthy();
  });

  it('publishes to a placeholder feed', () => {
    expect(config.publish).toEqual({
      provider: 'generic',
      url: 'https://updates.invalid/mitelone/',
    });
  });

  it('has a square icon of the size needed', async () => {
    const icon = path.join(root, 'resources', 'icon.png');

    expect(await pngSize(icon)).toEqual({
      width: ICON_SIZE,
      height: ICON_SIZE,
    });
    expect(
      await readFile(path.join(root, 'resources', 'icon.svg'), 'utf8'),
    ).toContain('viewBox="0 0 1024 1024"');
  });
});
