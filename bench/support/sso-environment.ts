import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findCredentialsAsync } from '@napi-rs/keyring';
import type { Browser } from 'playwright-core';
import type { Result } from '../../contract/errors';
import { createDesktopCore, type DesktopCore } from '../../main/core';
import { createKeychain } from '../../main/keychain';
import { launchBrowser } from '../../tests/e2e/support/browser';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from '../../tests/support/identity-provider';
import { startBenchService, type BenchService } from './bench-service';
import { createRecordingFetch, type RecordedRequest } from './recording-fetch';
import { recordServerRequests, type ServerRequestLog } from './server-requests';
import { createTimedLogger, type TimedLogEntry } from './timed-logger';

const APP_ORIGIN = 'app://renderer';
export const SSO_PASSWORD = 'Leuchtturm-Nebel-27';

export interface SsoUser {
  email: string;
  name: string;
}

/** Data folder and keychain entry of one installation of the app. */
export interface AppProfile {
  userDataDir: string;
  keychainService: string;
}

/** A desktop core in this process, with the times of its requests and log lines. */
export interface BenchCore {
  core: DesktopCore;
  call<T = unknown>(channel: string, args?: unknown): Promise<Result<T>>;
  /** URLs the core opened in the system browser, with `performance.now()`. */
  opened: { url: string; atMs: number }[];
  /** Waits for the next URL the core opens in the system browser. */
  nextOpened(): Promise<{ url: string; atMs: number }>;
  requests: RecordedRequest[];
  logs: TimedLogEntry[];
  /** Returns the time of the first log line `msg` at or after `sinceMs`. */
  logTime(msg: string, sinceMs?: number): number | undefined;
  stop(): Promise<void>;
}

/**
 * The identity provider, the service with one SSO account, and the system
 * browser: what every SSO measurement needs.
 */
export interface SsoEnvironment {
  idp: TestIdentityProvider;
  service: BenchService;
  accountNumber: string;
  /** Headless Chromium in the role of the system browser. */
  systemBrowser: Browser;
  /** Requests that the provider and MSAL's loopback servers received. */
  serverRequests: ServerRequestLog;
  /**
   * Adds the person at the provider, gives them a licence at the service and
   * returns the setup link of their welcome email.
   */
  addUser(user: SsoUser): Promise<string>;
  /** Creates a new data folder and a new keychain entry name. */
  createProfile(): Promise<AppProfile>;
  /** Creates a core on `profile`, configured for the service, as the app builds it. */
  createCore(profile: AppProfile): BenchCore;
  /** Deletes the profile's data folder and keychain entries. */
  removeProfile(profile: AppProfile): Promise<void>;
  close(): Promise<void>;
}

export async function startSsoEnvironment(): Promise<SsoEnvironment> {
  const serverRequests = recordServerRequests();
  const idp = await startTestIdentityProvider();
  const service = await startBenchService({
    env: { MITELONE_EXTRA_CA_FILE: idp.certificates.caCertFile },
  });
  const accountNumber = await service.createAccount('Benchmark SSO GmbH');
  await service.adminJson(
    'account',
    'sso',
    'set',
    '--account',
    accountNumber,
    '--authority',
    idp.authority,
    '--tenant',
    idp.tenantId,
    '--client-id',
    idp.clientId,
    '--api-scope',
    idp.apiScope,
  );
  const systemBrowser = await launchBrowser(idp.chromiumArgs);
  const keychain = createKeychain({ timeoutMs: 5000 });
  const profiles = new Set<AppProfile>();

  return {
    idp,
    service,
    accountNumber,
    systemBrowser,
    serverRequests,

    addUser(user) {
      idp.addUser({ ...user, password: SSO_PASSWORD });
      return service.invite(accountNumber, user.email);
    },

    async createProfile() {
      const profile = {
        userDataDir: await mkdtemp(path.join(tmpdir(), 'mitelone-bench-sso-')),
        keychainService: `mitelone-bench-${randomUUID()}`,
      };
      profiles.add(profile);
      return profile;
    },

    createCore: (profile) => createBenchCore(profile, service.url, idp),

    async removeProfile(profile) {
      const entries = await findCredentialsAsync(profile.keychainService);
      for (const { account } of entries) {
        await keychain.deletePassword(profile.keychainService, account);
      }
      await rm(profile.userDataDir, { recursive: true, force: true });
      profiles.delete(profile);
    },

    async close() {
      // After a failed run, the data folders of its profiles remain; their
      // keychain entries go with the benchmark's throwaway keyring.
      for (const profile of profiles) {
        await rm(profile.userDataDir, { recursive: true, force: true });
      }
      await systemBrowser.close();
      await service.close();
      await idp.close();
      serverRequests.close();
    },
  };
}

function createBenchCore(
  profile: AppProfile,
  serviceUrl: string,
  idp: TestIdentityProvider,
): BenchCore {
  const recording = createRecordingFetch(idp.certificates.caCertPem);
  const log = createTimedLogger(profile.userDataDir);
  const opened: { url: string; atMs: number }[] = [];
  const waiting: ((entry: { url: string; atMs: number }) => void)[] = [];
  let openedTaken = 0;

  const core = createDesktopCore({
    runtime: 'preview',
    version: '0.0.0-bench',
    userDataDir: profile.userDataDir,
    systemLocale: 'de-DE',
    serviceUrl,
    keychainService: profile.keychainService,
    logger: log.logger,
    // Returns at once, as the OS does once it has handed the URL over.
    async openInBrowser(url) {
      const entry = { url, atMs: performance.now() };
      opened.push(entry);
      waiting.shift()?.(entry);
    },
    isTrustedOrigin: (origin) => origin === APP_ORIGIN,
    fetch: recording.fetch,
  });

  return {
    core,
    call: <T>(channel: string, args: unknown = {}) =>
      core.invoke(channel, args, { origin: APP_ORIGIN }) as Promise<Result<T>>,
    opened,
    nextOpened() {
      const index = openedTaken++;
      if (index < opened.length) return Promise.resolve(opened[index]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('the core opened no URL within 15 s')),
          15_000,
        );
        waiting.push((entry) => {
          clearTimeout(timer);
          resolve(entry);
        });
      });
    },
    requests: recording.requests,
    logs: log.entries,
    logTime: log.timeOf,
    async stop() {
      await core.stop();
      recording.close();
      log.close();
    },
  };
}
