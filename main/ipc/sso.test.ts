import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
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
import type { SsoSettings } from '../../contract/api';
import { fail, ok } from '../../contract/errors';
import type { LinkNotice } from '../../contract/ipc';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from '../../tests/support/identity-provider';
import {
  ACCOUNT_NUMBER,
  startReferenceService,
  type ReferenceService,
} from '../../tests/support/reference-service';
import type { DesktopCore, DesktopCoreOptions } from '../core';
import { createKeychain } from '../keychain';
import type { MachinePolicy } from '../policy/machine-policy';
import { createTestCore } from '../test-support/desktop-core';
import { useTestSecretService } from '../test-support/secret-service';
import {
  launchSystemBrowser,
  type SystemBrowser,
} from '../test-support/system-browser';
import { createTrustingFetch } from '../test-support/trusting-fetch';

const password = 'correct horse battery';

let provider: TestIdentityProvider;
let browser: SystemBrowser;
let service: ReferenceService;
let settings: SsoSettings;

useTestSecretService();

/** Returns a policy with `serviceUrl` and the provider's SSO preset, enforced unless `level` is `recommended`. */
function presetPolicy(
  serviceUrl: string,
  level: 'mandatory' | 'recommended' = 'mandatory',
): MachinePolicy {
  return {
    machine: {
      [level]: {
        ServiceUrl: serviceUrl,
        SsoAuthority: settings.authority,
        SsoTenantId: settings.tenantId,
        SsoClientId: settings.clientId,
        SsoScopes: settings.scopes,
        SsoKnownAuthorities: settings.knownAuthorities,
      },
    },
  };
}

beforeAll(async () => {
  provider = await startTestIdentityProvider();
  browser = await launchSystemBrowser(provider);
  service = await startReferenceService({
    env: { MITELONE_EXTRA_CA_FILE: provider.certificates.caCertFile },
  });
  await service.configureSso({
    authority: provider.authority,
    tenantId: provider.tenantId,
    clientId: provider.clientId,
    apiScope: provider.apiScope,
    passwordSignInAllowed: false,
  });
  settings = {
    authority: provider.authority,
    tenantId: provider.tenantId,
    clientId: provider.clientId,
    scopes: [provider.apiScope],
    knownAuthorities: provider.knownAuthorities,
  };
}, 60_000);

afterAll(async () => {
  await service?.close();
  await browser?.close();
  await provider?.close();
});

describe('SSO channels', { timeout: 30_000 }, () => {
  let userDataDir: string;
  let keychainService: string;
  let email: string;
  const cores: DesktopCore[] = [];

  beforeEach(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'sso-test-'));
    keychainService = `mitelone-test-${randomUUID()}`;
    email = `sso-${randomUUID().slice(0, 8)}@example.com`;
    provider.addUser({ email, name: 'Anna Berg', password });
  });

  afterEach(async () => {
    for (const core of cores.splice(0)) await core.stop();
    const keychain = createKeychain({ timeoutMs: 5000 });
    for (const { account } of findCredentials(keychainService)) {
      await keychain.deletePassword(keychainService, account);
    }
    await rm(userDataDir, { recursive: true, force: true });
  });

  function createCore(overrides: Partial<DesktopCoreOptions> = {}) {
    const harness = createTestCore({
      userDataDir,
      systemLocale: 'en-GB',
      keychainService,
      openInBrowser: browser.openInBrowser,
      fetch: createTrustingFetch(provider.certificates.caCertPem),
      ...overrides,
    });
    cores.push(harness.core);
    return harness;
  }

  /** Runs `session:signInSso` while the person signs in in the browser. */
  async function signInSso(
    call: ReturnType<typeof createCore>['call'],
    args: object,
  ) {
    const result = call('session:signInSso', args);
    const url = await browser.nextUrl();
    await browser.signIn(url, email, password);
    return { result: await result, url };
  }

  function keychainAccounts(): string[] {
    return findCredentials(keychainService)
      .map((entry) => entry.account)
      .sort();
  }

  it('signs in after discovery, silently after a restart, and out', async () => {
    await service.invite(email);
    const first = createCore();

    expect(
      await first.call('session:discover', {
        email,
        serviceUrl: service.origin,
      }),
    ).toEqual(ok({ methods: ['sso'] }));
    const { result, url } = await signInSso(first.call, { email });
    expect(result).toMatchObject({ ok: true, value: { email } });
    expect(new URL(url).searchParams.get('login_hint')).toBe(email);

    expect(await first.call('session:get')).toMatchObject({
      value: { status: 'signedIn', persistence: 'keychain', user: { email } },
    });
    expect(await first.call('app:getInfo')).toMatchObject({
      value: { serviceUrl: service.origin, keychain: 'available' },
    });
    expect(keychainAccounts()).toEqual(
      expect.arrayContaining([
        service.origin,
        `msal:${service.origin}:0`,
        `msal:${service.origin}:count`,
      ]),
    );
    const keychain = createKeychain({ timeoutMs: 5000 });
    const stored = JSON.parse(
      (await keychain.getPassword(keychainService, service.origin))!,
    );
    expect(stored.sso).toEqual({
      settings,
      homeAccountId: expect.stringMatching(/\./),
      accountNumber: ACCOUNT_NUMBER,
    });
    await first.core.stop();

    // A refresh token the service never issued, as after its expiry.
    const unknownToken = randomBytes(32).toString('base64url');
    await keychain.setPassword(
      keychainService,
      service.origin,
      JSON.stringify({ ...stored, refreshToken: unknownToken }),
    );
    const openedBefore = browser.opened.length;
    const second = createCore();
    await second.core.start();

    expect(await second.call('session:get')).toMatchObject({
      value: { status: 'signedIn', persistence: 'keychain', user: { email } },
    });
    expect(browser.opened.length).toBe(openedBefore);
    expect(second.logs.text()).toContain(
      'session renewed through single sign-on',
    );
    const renewed = JSON.parse(
      (await keychain.getPassword(keychainService, service.origin))!,
    );
    expect(renewed.refreshToken).not.toBe(unknownToken);
    expect(renewed.sso).toEqual(stored.sso);

    expect(await second.call('session:signOut')).toEqual(ok(null));
    expect(await second.call('session:get')).toEqual(
      ok({ status: 'signedOut' }),
    );
    expect(keychainAccounts()).toEqual([]);
  });

  it('signs out a stored SSO session that cannot be renewed', async () => {
    await service.invite(email);
    const first = createCore();
    await first.call('session:discover', { email, serviceUrl: service.origin });
    expect((await signInSso(first.call, { email })).result.ok).toBe(true);
    await first.core.stop();

    const keychain = createKeychain({ timeoutMs: 5000 });
    const stored = JSON.parse(
      (await keychain.getPassword(keychainService, service.origin))!,
    );
    await keychain.setPassword(
      keychainService,
      service.origin,
      JSON.stringify({
        ...stored,
        refreshToken: randomBytes(32).toString('base64url'),
        sso: { ...stored.sso, homeAccountId: 'no-such-account.tenant' },
      }),
    );

    const second = createCore();
    await second.core.start();

    expect(await second.call('session:get')).toEqual(
      ok({ status: 'signedOut', reason: 'expired' }),
    );
    expect(keychainAccounts()).toEqual([]);
  });

  it('signs in through the setup link of an SSO user', async () => {
    const token = await service.invite(email);
    const { call } = createCore();
    const link = `mitelone://setup?service=${encodeURIComponent(service.origin)}&token=${token}`;
    const notice = await call<LinkNotice>('link:submit', { text: link });
    const linkId =
      notice.ok && notice.value.kind === 'setup' ? notice.value.linkId : '';

    expect(await call('session:signInSso', { linkId })).toEqual(
      fail('LINK_UNTRUSTED'),
    );
    expect(await call('setup:trustService', { linkId })).toEqual(ok(null));
    expect(await call('setup:inspect', { linkId })).toMatchObject({
      ok: true,
      value: { email, signInMethod: 'sso' },
    });

    const { result, url } = await signInSso(call, { linkId });
    expect(result).toMatchObject({ ok: true, value: { email } });
    expect(new URL(url).searchParams.get('login_hint')).toBe(email);
    expect(await call('setup:inspect', { linkId })).toEqual(
      fail('LINK_UNKNOWN'),
    );
    expect(await call('app:getInfo')).toMatchObject({
      value: { serviceUrl: service.origin },
    });
  });

  it('signs in with the preset of the machine policy', async () => {
    await service.invite(email);
    const { call } = createCore({
      policy: presetPolicy(service.origin),
    });

    expect(await call('app:getInfo')).toMatchObject({
      value: { serviceUrl: service.origin, presetSignIn: 'sso' },
    });
    const { result, url } = await signInSso(call, {});

    expect(result).toMatchObject({ ok: true, value: { email } });
    expect(new URL(url).searchParams.has('login_hint')).toBe(false);
  });

  it('passes the service rejection through and forgets the token', async () => {
    const { call } = createCore({
      policy: presetPolicy(service.origin),
    });

    const { result } = await signInSso(call, {});

    expect(result).toEqual(fail('SSO_NO_LICENCE'));
    expect(await call('session:get')).toEqual(ok({ status: 'signedOut' }));
    expect(keychainAccounts()).toEqual([]);
  });

  it('cancels a waiting sign-in and allows one at a time', async () => {
    const { call } = createCore({
      policy: presetPolicy(service.origin),
    });
    const waiting = call('session:signInSso', {});
    await browser.nextUrl();

    expect(await call('session:signInSso', {})).toEqual(
      fail('SSO_IN_PROGRESS'),
    );
    expect(await call('session:cancelSso')).toEqual(ok(null));
    expect(await waiting).toEqual(fail('SSO_CANCELLED'));
    expect(await call('session:cancelSso')).toEqual(ok(null));
  });

  it('needs SSO settings for the sign-in', async () => {
    const { call } = createCore({ serviceUrl: service.origin });

    expect(await call('app:getInfo')).toMatchObject({
      value: { presetSignIn: null },
    });
    expect(await call('session:signInSso', {})).toEqual(
      fail('VALIDATION_FAILED', { field: 'email' }),
    );
    expect(
      await call('session:discover', { email: 'nobody@example.com' }),
    ).toEqual(ok({ methods: ['password'] }));
    expect(
      await call('session:signInSso', { email: 'nobody@example.com' }),
    ).toEqual(fail('SSO_NOT_CONFIGURED'));
    expect(await call('session:discover', { email })).toEqual(
      ok({ methods: ['password'] }),
    );
  });

  it('ignores a recommended SSO preset for another service', async () => {
    const { call } = createCore({
      serviceUrl: service.origin,
      policy: presetPolicy('https://uc.example.com', 'recommended'),
    });

    expect(await call('app:getInfo')).toMatchObject({
      value: { serviceUrl: service.origin, presetSignIn: null },
    });
  });
});
