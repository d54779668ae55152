import { describe, expect, it } from 'vitest';
import type { UpdateState } from '../../contract/ipc';
import type { UpdatePolicy } from '../policy/effective-policy';
import {
  chooseFeedUrl,
  decideUpdateSupport,
  detectInstallKind,
  usableFeedUrl,
  type InstallKind,
  type SupportInput,
} from './update-support';

const feed = 'https://updates.example.com/mitelone/';
const openPolicy: UpdatePolicy = {
  enabled: true,
  feedUrl: feed,
  enforced: false,
  personChoice: null,
};

function input(change: Partial<SupportInput>): SupportInput {
  return {
    runtime: 'electron',
    packaged: true,
    installKind: 'nsis',
    policy: openPolicy,
    feedUrl: feed,
    ...change,
  };
}

describe('decideUpdateSupport', () => {
  const cases: [string, Partial<SupportInput>, UpdateState['support']][] = [
    ['NSIS install', { installKind: 'nsis' }, 'supported'],
    ['macOS app', { installKind: 'mac' }, 'supported'],
    ['AppImage', { installKind: 'appImage' }, 'supported'],
    ['MSI install', { installKind: 'msi' }, 'msi'],
    ['deb or rpm package', { installKind: 'linuxPackage' }, 'packageManager'],
    ['browser preview', { runtime: 'preview' }, 'preview'],
    ['unpackaged app', { packaged: false }, 'development'],
    [
      'updates turned off by the organisation',
      { policy: { ...openPolicy, enabled: false, enforced: true } },
      'policy',
    ],
    [
      'turned off by the person only',
      { policy: { ...openPolicy, enabled: false, personChoice: false } },
      'supported',
    ],
    ['no feed', { feedUrl: null }, 'noFeed'],
    [
      'MSI with updates turned off',
      {
        installKind: 'msi',
        policy: { ...openPolicy, enabled: false, enforced: true },
      },
      'msi',
    ],
    [
      'preview of an unpackaged app',
      { runtime: 'preview', packaged: false },
      'preview',
    ],
  ];

  it.each(cases)('%s', (_name, change, expected) => {
    expect(decideUpdateSupport(input(change))).toBe(expected);
  });
});

describe('detectInstallKind', () => {
  const windowsExe = 'C:\\Program Files\\Mitel One\\Mitel One.exe';
  const nsisUninstaller =
    'C:\\Program Files\\Mitel One\\Uninstall Mitel One.exe';

  const cases: [
    string,
    NodeJS.Platform,
    string,
    Record<string, string>,
    string[],
    InstallKind,
  ][] = [
    [
      'NSIS with its uninstaller',
      'win32',
      windowsExe,
      {},
      [nsisUninstaller],
      'nsis',
    ],
    ['MSI without an uninstaller', 'win32', windowsExe, {}, [], 'msi'],
    [
      'macOS bundle',
      'darwin',
      '/Applications/Mitel One.app/Contents/MacOS/Mitel One',
      {},
      [],
      'mac',
    ],
    [
      'AppImage',
      'linux',
      '/tmp/.mount_MitelO/mitel-one-desktop',
      { APPIMAGE: '/home/ann/Mitel One-0.1.0.AppImage' },
      [],
      'appImage',
    ],
    [
      'deb or rpm',
      'linux',
      '/opt/Mitel One/mitel-one-desktop',
      {},
      [],
      'linuxPackage',
    ],
  ];

  it.each(cases)('%s', (_name, platform, execPath, env, files, expected) => {
    const kind = detectInstallKind({
      platform,
      execPath,
      env,
      fileExists: (file) => files.includes(file),
    });
    expect(kind).toBe(expected);
  });
});

describe('usableFeedUrl', () => {
  const cases: [string | null, string | null][] = [
    [feed, feed],
    ['http://127.0.0.1:8081/feed/', 'http://127.0.0.1:8081/feed/'],
    ['http://updates.example.com/', null],
    ['https://updates.invalid/mitelone/', null],
    ['https://user:secret@updates.example.com/', null],
    ['ftp://updates.example.com/', null],
    ['not a url', null],
    [null, null],
  ];

  it.each(cases)('%s', (url, expected) => {
    expect(usableFeedUrl(url)).toBe(expected);
  });
});

describe('chooseFeedUrl', () => {
  const builtIn = 'https://builtin.example.com/feed/';

  it('prefers the policy feed', () => {
    expect(chooseFeedUrl(feed, builtIn)).toBe(feed);
  });

  it('falls back to the built-in feed', () => {
    expect(chooseFeedUrl(null, builtIn)).toBe(builtIn);
  });

  it('ignores the placeholder feed', () => {
    expect(chooseFeedUrl(null, 'https://updates.invalid/mitelone/')).toBeNull();
  });

  it('keeps an unusable policy feed unused', () => {
    expect(chooseFeedUrl('http://updates.example.com/', builtIn)).toBeNull();
  });
});
