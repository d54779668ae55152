import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pino from 'pino';
import packageJson from '../../package.json';
import { createDesktopCore } from '../core';
import type { MachinePolicy } from '../policy/machine-policy';
import { startPreviewHost, type PreviewHost } from './host';

export interface PreviewOptions {
  /** Service origin the app starts with, as `--service-url` does for Electron. */
  serviceUrl?: string;
  /** The machine-wide policy, as the installed app reads it. */
  policy?: MachinePolicy;
  userDataDir: string;
  keychainService: string;
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** The OS locale, such as `de-DE`. */
  systemLocale: string;
  /** Links the app was started with, as the OS passes them on the command line. */
  links: string[];
  openInBrowser(url: string): Promise<void>;
  logger: pino.Logger;
  /** How long a sign-in in the browser may take, in ms; the core's default when absent. */
  ssoTimeoutMs?: number;
}

const outDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../out',
);

/**
 * Starts the main-process core behind the browser preview host, then hands it
 * the start-up links, the same order of events as an Electron start.
 */
export async function runPreview(
  options: PreviewOptions,
): Promise<PreviewHost> {
  const host = await startPreviewHost({
    rendererDir: path.join(outDir, 'renderer'),
    bridgeFile: path.join(outDir, 'preview', 'bridge.js'),
    port: options.port,
    logger: options.logger,
    createCore: (origin) =>
      createDesktopCore({
        runtime: 'preview',
        version: packageJson.version,
        userDataDir: options.userDataDir,
        systemLocale: options.systemLocale,
        serviceUrl: options.serviceUrl,
        policy: options.policy,
        keychainService: options.keychainService,
        logger: options.logger,
        openInBrowser: options.openInBrowser,
        ssoTimeoutMs: options.ssoTimeoutMs,
        isTrustedOrigin: (candidate) => candidate === origin,
      }),
  });

  for (const link of options.links) host.core.receiveLink(link);
  await host.core.start();

  return host;
}
