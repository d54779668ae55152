import path from 'node:path';
import type { UpdateState } from '../../contract/ipc';
import type { UpdatePolicy } from '../policy/effective-policy';

/**
 * The installer of the running app: NSIS or MSI on Windows,
 * an app bundle on macOS (from the dmg, pkg or zip), an AppImage, or a
 * deb or rpm package on Linux.
 */
export type InstallKind = 'nsis' | 'msi' | 'mac' | 'appImage' | 'linuxPackage';

/** Facts about the running app that `detectInstallKind` reads; the Electron adapter passes the real ones. */
export interface InstallFacts {
  platform: NodeJS.Platform;
  /** The running executable, `process.execPath`. */
  execPath: string;
  env: Record<string, string | undefined>;
  fileExists(file: string): boolean;
}

/**
 * Returns how the packaged app was installed. electron-builder's NSIS
 * installer puts `Uninstall <executable name>.exe` next to the executable
 * and its MSI does not. An AppImage runs with `APPIMAGE` set to its path.
 */
export function detectInstallKind(facts: InstallFacts): InstallKind {
  switch (facts.platform) {
    case 'win32': {
      const exe = path.win32.basename(facts.execPath, '.exe');
      const uninstaller = path.win32.join(
        path.win32.dirname(facts.execPath),
        `Uninstall ${exe}.exe`,
      );
      return facts.fileExists(uninstaller) ? 'nsis' : 'msi';
    }
    case 'darwin':
      return 'mac';
    default:
      return facts.env.APPIMAGE ? 'appImage' : 'linuxPackage';
  }
}

export interface SupportInput {
  runtime: 'electron' | 'preview';
  /** False when Electron runs the app from source (`app.isPackaged`). */
  packaged: boolean;
  installKind: InstallKind;
  policy: UpdatePolicy;
  /** The feed the app would use, from `chooseFeedUrl`; null for none. */
  feedUrl: string | null;
}

/**
 * Decides whether this installation updates itself. electron-updater
 * cannot update an MSI install, and deb and rpm packages belong to the
 * package manager. Without a feed neither the installer nor the policy
 * names an update server.
 */
export function decideUpdateSupport(
  input: SupportInput,
): UpdateState['support'] {
  if (input.runtime === 'preview') {
    return 'preview';
  }
  if (!input.packaged) {
    return 'development';
  }
  if (input.installKind === 'msi') {
    return 'msi';
  }
  if (input.installKind === 'linuxPackage') {
    return 'packageManager';
  }
  if (input.policy.enforced && !input.policy.enabled) {
    return 'policy';
  }
  return input.feedUrl ? 'supported' : 'noFeed';
}

/**
 * Returns `url` when it can serve as an update feed: https, or http on this
 * computer for trials, and a host that can exist. Hosts under `.invalid`
 * (RFC 2606) mark the placeholder feed of electron-builder.yml.
 */
export function usableFeedUrl(url: string | undefined | null): string | null {
  const parsed = url ? URL.parse(url) : null;
  if (!parsed || parsed.username || parsed.password) {
    return null;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(
    parsed.hostname,
  );
  const secure =
    parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback);
  if (!secure || parsed.hostname.endsWith('.invalid')) {
    return null;
  }
  return parsed.href;
}

/**
 * Returns the feed to update from: the policy's UpdateFeedUrl, else the one
 * built into the installers. An unusable policy feed is not replaced by the
 * built-in one, because the organisation chose another server.
 */
export function chooseFeedUrl(
  policyFeedUrl: string | null,
  builtInFeedUrl: string | null,
): string | null {
  return policyFeedUrl !== null
    ? usableFeedUrl(policyFeedUrl)
    : usableFeedUrl(builtInFeedUrl);
}
