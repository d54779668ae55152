import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCredentials } from '@napi-rs/keyring';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import { fail, ok } from '../../contract/errors';
import type { AppInfo, LinkNotice } from '../../contract/ipc';
import {
  startReferenceService,
  type ReferenceService,
} from '../../tests/support/reference-service';
import type { DesktopCore, DesktopCoreOptions } from '../core';
import { createKeychain } from '../keychain';
import { createTestCore, type TestCore } from '../test-support/desktop-core';
import { captureLogs } from '../test-support/log-capture';
import { useTestSecretService } from '../test-support/secret-service';
import { loadMachinePolicy, type MachinePolicy } from './machine-policy';
import type { PolicySettings } from './sources';

const password = 'Lantern-Orbit-58';

/** The service the organisation uses, and another one on this computer. */
let service: ReferenceService;
let other: ReferenceService;

useTestSecretService();

beforeAll(async () => {
  [service, other] = await Promise.all([
    startReferenceService(),
    startReferenceService(),
  ]);
});

afterAll(async () => {
  await Promise.all([service?.close(), other?.close()]);
});

function enforced(settings: PolicySettings): MachinePolicy {
  return { machine: { mandatory: settings } };
}

function setupLink(origin: string, token: string): string {
  return `mitelone://setup?service=${encodeURIComponent(origin)}&token=${token}`;
}

describe('policy effects', { timeout: 30_000 }, () => {
  let userDataDir: string;
  let keychainService: string;
  let email: string;
  const cores: DesktopCore[] = [];

  beforeEach(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'policy-effects-'));
    keychainService = `mitelone-test-${randomUUID()}`;
    email = `policy-${randomUUID().slice(0, 8)}@example.com`;
    other.received.splice(0);
  });

  afterEach(async () => {
    for (const core of cores.splice(0)) await core.stop();
    const keychain = createKeychain({ timeoutMs: 5000 });
    for (const { account } of findCredentials(keychainService)) {
      await keychain.deletePassword(keychainService, account);
    }
    await rm(userDataDir, { recursive: true, force: true });
  });

  function createCore(overrides: Partial<DesktopCoreOptions> = {}): TestCore {
    const harness = createTestCore({
      userDataDir,
      systemLocale: 'de-DE',
      keychainService,
      ...overrides,
    });
    cores.push(harness.core);
    return harness;
  }

  async function appInfo(harness: TestCore): Promise<AppInfo> {
    const info = await harness.call<AppInfo>('app:getInfo');
    if (!info.ok) throw new Error(info.error.code);
    return info.value;
  }

  it('rejects links and sign-ins for a service other than the enforced one', async () => {
    const harness = createCore({
      policy: enforced({ ServiceUrl: service.origin }),
      serviceUrl: other.origin,
    });
    const { call, core, events } = harness;
    const token = await other.invite(email);
    const otherHost = new URL(other.origin).host;
    const notAllowed = {
      kind: 'invalid',
      code: 'LINK_SERVICE_NOT_ALLOWED',
      serviceHost: otherHost,
    };

    expect(
      await call('link:submit', { text: setupLink(other.origin, token) }),
    ).toEqual(ok(notAllowed));
    expect(
      await call('link:submit', {
        text: `mitelone://reset?service=${encodeURIComponent(other.origin)}&token=${randomBytes(32).toString('base64url')}`,
      }),
    ).toEqual(ok(notAllowed));
    core.receiveLink(`${other.origin}/setup/${token}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await call('link:takePending')).toEqual(ok([notAllowed]));

    const elsewhere = { serviceUrl: other.origin };
    expect(
      await call('session:signIn', { email, password, ...elsewhere }),
    ).toEqual(fail('SETTING_MANAGED', { field: 'serviceUrl' }));
    expect(await call('session:discover', { email, ...elsewhere })).toEqual(
      fail('SETTING_MANAGED', { field: 'serviceUrl' }),
    );
    expect(
      await call('passwordReset:request', { email, ...elsewhere }),
    ).toEqual(fail('SETTING_MANAGED', { field: 'serviceUrl' }));

    expect(other.routes()).toEqual([]);
    expect(await appInfo(harness)).toMatchObject({
      serviceUrl: service.origin,
      managed: {
        policy: 'applied',
        enforced: ['serviceUrl'],
        allowedServices: [service.origin],
        passwordSignIn: true,
      },
    });
    expect(events.map((entry) => entry.event)).not.toContain('link:received');
    expect(harness.logs.text()).toContain(
      'the organisation enforces another service than the command line names',
    );
  });

  it('trusts an allowed second service without confirmation', async () => {
    const { call } = createCore({
      policy: enforced({
        ServiceUrl: service.origin,
        AllowedServices: [other.origin],
      }),
    });
    const token = await other.invite(email);

    const notice = await call<LinkNotice>('link:submit', {
      text: setupLink(other.origin, token),
    });
    expect(notice).toMatchObject({
      ok: true,
      value: { kind: 'setup', serviceOrigin: other.origin, trusted: true },
    });
    const linkId =
      notice.ok && notice.value.kind === 'setup' ? notice.value.linkId : '';

    expect(await call('setup:inspect', { linkId })).toMatchObject({
      ok: true,
      value: { email },
    });
    expect(
      await call('setup:register', {
        linkId,
        displayName: 'Ann',
        password,
        acceptedTermsVersion: other.termsVersion,
      }),
    ).toMatchObject({ ok: true, value: { email } });
    expect(other.routes()).toContain('POST /v1/registrations');
  });

  it('asks before a service outside a recommended list', async () => {
    const { call } = createCore({
      policy: {
        machine: { recommended: { AllowedServices: [service.origin] } },
      },
    });

    const listed = await call('link:submit', {
      text: setupLink(service.origin, await service.invite(email)),
    });
    const unlisted = await call('link:submit', {
      text: setupLink(other.origin, await other.invite(email)),
    });

    expect(listed).toMatchObject({ value: { trusted: true } });
    expect(unlisted).toMatchObject({
      value: { kind: 'setup', trusted: false },
    });
  });

  it('keeps an enforced language', async () => {
    const harness = createCore({
      policy: enforced({ DefaultLanguage: 'en' }),
    });

    expect(
      await harness.call('settings:setLanguage', { language: 'de' }),
    ).toEqual(fail('SETTING_MANAGED', { field: 'language' }));
    expect(await appInfo(harness)).toMatchObject({
      language: 'en',
      languageSetting: 'en',
      managed: { enforced: ['language'] },
    });
  });

  it('lets the person change a recommended language', async () => {
    const harness = createCore({
      policy: { user: { recommended: { DefaultLanguage: 'en' } } },
    });
    expect(await appInfo(harness)).toMatchObject({
      language: 'en',
      managed: { policy: 'applied', enforced: [] },
    });

    expect(
      await harness.call('settings:setLanguage', { language: 'de' }),
    ).toMatchObject({ ok: true, value: { language: 'de' } });
    expect(
      JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8')),
    ).toEqual({ language: 'de' });
  });

  it('turns password sign-in off', async () => {
    await service.addUser(email, password);
    const harness = createCore({
      policy: enforced({ PasswordSignIn: false }),
      serviceUrl: service.origin,
    });
    const { call } = harness;
    const before = service.routes().length;

    expect(await call('session:signIn', { email, password })).toEqual(
      fail('PASSWORD_SIGN_IN_MANAGED'),
    );
    expect(await call('passwordReset:request', { email })).toEqual(
      fail('PASSWORD_SIGN_IN_MANAGED'),
    );
    expect(
      await call('passwordReset:check', { email, code: '123456' }),
    ).toEqual(fail('PASSWORD_SIGN_IN_MANAGED'));
    expect(service.routes().slice(before)).toEqual([]);

    // The account signs in with a password only, which is not offered here.
    expect(await call('session:discover', { email })).toEqual(
      fail('PASSWORD_SIGN_IN_MANAGED'),
    );
    expect(service.routes().slice(before)).toEqual([
      'POST /v1/sign-in/discover',
    ]);
    expect(await appInfo(harness)).toMatchObject({
      managed: { passwordSignIn: false, enforced: ['passwordSignIn'] },
    });
  });

  it('keeps a restriction whose value is unreadable', async () => {
    const file = join(userDataDir, 'policy.json');
    await writeFile(
      file,
      JSON.stringify({ ServiceUrl: service.origin, PasswordSignIn: 'no' }),
    );
    const policy = await loadMachinePolicy({
      platform: 'linux',
      env: { MITELONE_POLICY_FILE: file },
      logger: captureLogs().logger,
    });
    await service.addUser(email, password);
    const harness = createCore({ policy });

    expect(await appInfo(harness)).toMatchObject({
      serviceUrl: service.origin,
      managed: {
        policy: 'unreadable',
        enforced: ['serviceUrl', 'passwordSignIn'],
        passwordSignIn: false,
      },
    });
    expect(await harness.call('session:signIn', { email, password })).toEqual(
      fail('PASSWORD_SIGN_IN_MANAGED'),
    );
  });

  it('starts on the defaults with a malformed policy', async () => {
    const file = join(userDataDir, 'policy.json');
    await writeFile(file, '{"ServiceUrl": "https://uc.example.com",');
    const policy = await loadMachinePolicy({
      platform: 'linux',
      env: { MITELONE_POLICY_FILE: file },
      logger: captureLogs().logger,
    });
    await service.addUser(email, password);
    const harness = createCore({ policy });

    expect(await appInfo(harness)).toMatchObject({
      serviceUrl: null,
      managed: {
        policy: 'unreadable',
        enforced: [],
        allowedServices: null,
        passwordSignIn: true,
      },
    });
    expect(
      await harness.call('session:signIn', {
        email,
        password,
        serviceUrl: service.origin,
      }),
    ).toMatchObject({ ok: true, value: { email } });
  });

  it('starts with a recommended service and keeps the person choice', async () => {
    const policy = { machine: { recommended: { ServiceUrl: service.origin } } };
    const first = createCore({ policy });
    expect(await appInfo(first)).toMatchObject({
      serviceUrl: service.origin,
      managed: { enforced: [], allowedServices: null },
    });

    // A confirmed link for another service makes it the person's choice.
    const notice = await first.call<LinkNotice>('link:submit', {
      text: setupLink(other.origin, await other.invite(email)),
    });
    const linkId =
      notice.ok && notice.value.kind === 'setup' ? notice.value.linkId : '';
    expect(notice).toMatchObject({ value: { trusted: false } });
    await first.call('setup:trustService', { linkId });
    expect(
      await first.call('setup:register', {
        linkId,
        displayName: 'Ann',
        password,
        acceptedTermsVersion: other.termsVersion,
      }),
    ).toMatchObject({ ok: true });
    expect(await appInfo(first)).toMatchObject({ serviceUrl: other.origin });
    await first.core.stop();

    const later = createCore({ policy });
    expect(await appInfo(later)).toMatchObject({ serviceUrl: other.origin });
  });

  it('passes over a saved service outside the allowed ones', async () => {
    await writeFile(
      join(userDataDir, 'settings.json'),
      JSON.stringify({ serviceUrl: other.origin }),
    );
    const harness = createCore({
      policy: enforced({ AllowedServices: [service.origin] }),
    });

    expect(await appInfo(harness)).toMatchObject({
      serviceUrl: null,
      managed: { allowedServices: [service.origin] },
    });
    expect(
      await harness.call('session:signIn', {
        email,
        password,
        serviceUrl: other.origin,
      }),
    ).toEqual(fail('SETTING_MANAGED', { field: 'serviceUrl' }));
    expect(other.routes()).toEqual([]);
  });

  it('stores the choice of automatic updates unless enforced', async () => {
    const free = createCore();
    expect(
      await free.call('settings:setAutomaticUpdates', { enabled: false }),
    ).toMatchObject({ ok: true });
    expect(free.core.policy.updates()).toEqual({
      enabled: false,
      enforced: false,
      feedUrl: null,
      personChoice: false,
    });
    expect(
      JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8')),
    ).toEqual({ automaticUpdates: false });
    await free.core.stop();

    const feedUrl = 'https://updates.example.com/mitelone/';
    const managed = createCore({
      policy: enforced({ UpdatesEnabled: true, UpdateFeedUrl: feedUrl }),
    });
    await managed.core.start();
    expect(
      await managed.call('settings:setAutomaticUpdates', { enabled: false }),
    ).toEqual(fail('SETTING_MANAGED', { field: 'enabled' }));
    expect(managed.core.policy.updates()).toEqual({
      enabled: true,
      enforced: true,
      feedUrl,
      personChoice: false,
    });
    expect(await appInfo(managed)).toMatchObject({
      managed: { enforced: ['updates', 'updateFeedUrl'] },
    });
  });
});
