import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../contract/api';
import { fail, ok } from '../contract/errors';
import type { AppInfo, LinkNotice, SessionState } from '../contract/ipc';
import {
  createPhoto,
  startReferenceService,
  type ReferenceService,
} from '../tests/support/reference-service';
import type { DesktopCore, DesktopCoreOptions } from './core';
import { createKeychain } from './keychain';
import { createTestCore, type TestCore } from './test-support/desktop-core';
import { useTestSecretService } from './test-support/secret-service';

const email = 'ann@example.com';
const password = 'Lantern-Orbit-58';

useTestSecretService();

describe('desktop core', () => {
  let service: ReferenceService;
  let userDataDir: string;
  let keychainService: string;
  const cores: DesktopCore[] = [];

  beforeEach(async () => {
    service = await startReferenceService();
    userDataDir = await mkdtemp(join(tmpdir(), 'core-test-'));
    keychainService = `mitelone-test-${randomUUID()}`;
  });

  afterEach(async () => {
    for (const core of cores.splice(0)) await core.stop();
    await createKeychain({ timeoutMs: 5000 })
      .deletePassword(keychainService, service.origin)
      .catch(() => undefined);
    await service.close();
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

  function setupLink(token: string): string {
    return `mitelone://setup?service=${encodeURIComponent(service.origin)}&token=${token}`;
  }

  async function register(harness: TestCore): Promise<void> {
    const token = await service.invite(email);
    const notice = await harness.call<LinkNotice>('link:submit', {
      text: setupLink(token),
    });
    if (!notice.ok || notice.value.kind !== 'setup')
      throw new Error('link rejected');
    await harness.call('setup:trustService', { linkId: notice.value.linkId });
    const result = await harness.call('setup:register', {
      linkId: notice.value.linkId,
      displayName: 'Ann',
      password,
      acceptedTermsVersion: service.termsVersion,
    });
    if (!result.ok) throw new Error(result.error.code);
  }

  it('reports app info from the OS locale', async () => {
    const { call } = createCore();

    expect(await call('app:getInfo')).toMatchObject(
      ok({
        brand: 'Mitel One',
        version: '1.2.3',
        language: 'de',
        languageSetting: 'system',
        serviceUrl: null,
        keychain: 'unknown',
        runtime: 'preview',
        logFile: join(userDataDir, 'logs', 'main.log'),
        presetSignIn: null,
        managed: {
          policy: 'none',
          enforced: [],
          allowedServices: null,
          passwordSignIn: true,
        },
      }),
    );
  });

  it('registers through a link from the OS', async () => {
    const harness = createCore();
    const { core, call, events } = harness;
    await core.start();
    const token = await service.invite(email);
    core.receiveLink(`<${setupLink(token)}>`);

    const pending = await call<LinkNotice[]>('link:takePending');
    expect(pending).toEqual(
      ok([
        {
          kind: 'setup',
          linkId: expect.stringMatching(/^[A-Za-z0-9_-]{16,}$/),
          serviceOrigin: service.origin,
          serviceHost: new URL(service.origin).host,
          trusted: false,
        },
      ]),
    );
    const linkId =
      pending.ok && pending.value[0]!.kind === 'setup'
        ? pending.value[0]!.linkId
        : '';

    expect(await call('setup:inspect', { linkId })).toEqual(
      fail('LINK_UNTRUSTED'),
    );
    expect(await call('setup:trustService', { linkId })).toEqual(ok(null));
    expect(await call('setup:inspect', { linkId })).toMatchObject({
      ok: true,
      value: { email, signInMethod: 'password' },
    });

    const registered = await call('setup:register', {
      linkId,
      displayName: 'Ann',
      password,
      acceptedTermsVersion: service.termsVersion,
    });
    expect(registered).toMatchObject({
      ok: true,
      value: { email, displayName: 'Ann', locale: 'de' },
    });

    expect(await call('session:get')).toMatchObject({
      ok: true,
      value: { status: 'signedIn', persistence: 'keychain', user: { email } },
    });
    expect(await call('app:getInfo')).toMatchObject({
      ok: true,
      value: { serviceUrl: service.origin, keychain: 'available' },
    });
    expect(await call('setup:inspect', { linkId })).toEqual(
      fail('LINK_UNKNOWN'),
    );

    const settings = JSON.parse(
      await readFile(join(userDataDir, 'settings.json'), 'utf8'),
    );
    expect(settings).toEqual({ serviceUrl: service.origin });
    expect(events.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['session:changed', 'app:infoChanged']),
    );
  });

  it('keeps a registration form usable after a rejected password', async () => {
    const { call } = createCore();
    const token = await service.invite(email);
    const notice = await call<LinkNotice>('link:submit', {
      text: setupLink(token),
    });
    const linkId =
      notice.ok && notice.value.kind === 'setup' ? notice.value.linkId : '';
    await call('setup:trustService', { linkId });

    const args = {
      linkId,
      displayName: 'Ann',
      password: 'Kx-7q',
      acceptedTermsVersion: service.termsVersion,
    };
    expect(await call('setup:register', args)).toEqual(
      fail('PASSWORD_TOO_SHORT', {
        field: 'password',
        failedRules: ['minLength'],
      }),
    );
    expect((await call('setup:register', { ...args, password })).ok).toBe(true);
  });

  it('pushes links as events once the renderer has taken the queue', async () => {
    const { core, call, events } = createCore();
    expect(await call('link:takePending')).toEqual(ok([]));

    core.receiveLink('mitelone://setup?token=broken');
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(events).toContainEqual({
      event: 'link:received',
      payload: { kind: 'invalid', code: 'LINK_MALFORMED' },
    });
    expect(await call('link:takePending')).toEqual(ok([]));
  });

  it('marks a link to the configured service as trusted', async () => {
    const first = createCore();
    await register(first);

    const { call } = createCore();
    const notice = await call<LinkNotice>('link:submit', {
      text: setupLink(await service.invite('bob@example.com')),
    });
    expect(notice).toMatchObject({
      ok: true,
      value: { kind: 'setup', trusted: true },
    });
  });

  it('resumes the session after a restart', async () => {
    await register(createCore());

    const second = createCore();
    await second.core.start();
    expect(await second.call('session:get')).toMatchObject({
      ok: true,
      value: { status: 'signedIn', persistence: 'keychain', user: { email } },
    });
  });

  it('signs in and out', async () => {
    await service.addUser(email, password, 'Ann');
    const { call } = createCore();

    expect(await call('session:signIn', { email, password })).toEqual(
      fail('SERVICE_NOT_CONFIGURED', { field: 'serviceUrl' }),
    );
    expect(
      await call('session:signIn', {
        email,
        password: 'wrong',
        serviceUrl: service.origin,
      }),
    ).toEqual(fail('INVALID_CREDENTIALS'));
    expect(await call('app:getInfo')).toMatchObject({
      value: { serviceUrl: null },
    });

    const signedIn = await call('session:signIn', {
      email,
      password,
      serviceUrl: `${service.origin}/`,
    });
    expect(signedIn).toMatchObject({ ok: true, value: { email } });
    expect(await call('app:getInfo')).toMatchObject({
      value: { serviceUrl: service.origin },
    });

    expect(await call('session:signOut')).toEqual(ok(null));
    expect(await call<SessionState>('session:get')).toEqual(
      ok({ status: 'signedOut' }),
    );
    expect(service.routes()).toContain('DELETE /v1/sessions/current');
    expect(
      await createKeychain({ timeoutMs: 5000 }).getPassword(
        keychainService,
        service.origin,
      ),
    ).toBeNull();
  });

  const serviceUrlCases: [string, string][] = [
    ['plain http on another host', 'http://uc.example.com'],
    ['another scheme', 'ftp://uc.example.com'],
    ['user info', 'https://user:pw@uc.example.com'],
    ['no host', 'https://'],
  ];

  it.each(serviceUrlCases)(
    'rejects a service address with %s',
    async (_name, serviceUrl) => {
      const { call } = createCore();
      expect(
        await call('session:signIn', { email, password, serviceUrl }),
      ).toEqual(fail('SERVICE_URL_INVALID', { field: 'serviceUrl' }));
    },
  );

  it('lets a preset service address win over the settings file', async () => {
    await writeFile(
      join(userDataDir, 'settings.json'),
      JSON.stringify({ serviceUrl: 'https://old.example' }),
    );
    const { call } = createCore({ serviceUrl: service.origin });

    expect(await call('app:getInfo')).toMatchObject({
      value: { serviceUrl: service.origin },
    });
  });

  it('rejects another service address while one is configured', async () => {
    await service.addUser(email, password);
    const { call } = createCore({ serviceUrl: service.origin });

    expect(
      await call('session:signIn', {
        email,
        password,
        serviceUrl: 'https://other.example',
      }),
    ).toEqual(fail('VALIDATION_FAILED', { field: 'serviceUrl' }));
    expect((await call('session:signIn', { email, password })).ok).toBe(true);
  });

  it('opens only safe external URLs', async () => {
    const { call, opened } = createCore();

    expect(
      await call('app:openInBrowser', { url: 'https://uc.example.com/terms' }),
    ).toEqual(ok(null));
    expect(
      await call('app:openInBrowser', { url: 'mailto:help@example.com' }),
    ).toEqual(ok(null));
    expect(
      await call('app:openInBrowser', { url: 'http://127.0.0.1:8080/x' }),
    ).toEqual(ok(null));
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://uc.example.com/',
      'mitelone://setup',
      'smb://server/share',
      'not a url',
    ]) {
      expect(await call('app:openInBrowser', { url })).toEqual(
        fail('EXTERNAL_URL_REJECTED', { field: 'url' }),
      );
    }
    expect(opened).toEqual([
      'https://uc.example.com/terms',
      'mailto:help@example.com',
      'http://127.0.0.1:8080/x',
    ]);
  });

  it('changes the language', async () => {
    const { call, events } = createCore();

    const info = await call<AppInfo>('settings:setLanguage', {
      language: 'en',
    });
    expect(info).toMatchObject({
      ok: true,
      value: { language: 'en', languageSetting: 'en' },
    });
    expect(events.at(-1)).toMatchObject({
      event: 'app:infoChanged',
      payload: { language: 'en' },
    });

    const back = await call<AppInfo>('settings:setLanguage', {
      language: 'system',
    });
    expect(back).toMatchObject({
      ok: true,
      value: { language: 'de', languageSetting: 'system' },
    });
  });

  it('rejects calls from another origin', async () => {
    const { core } = createCore();
    expect(
      await core.invoke('app:getInfo', {}, { origin: 'https://evil.example' }),
    ).toEqual(fail('IPC_FORBIDDEN'));
  });

  it('uploads, fetches and caches a photo', async () => {
    const harness = createCore();
    await register(harness);
    const { call, events } = harness;
    const png = new Uint8Array(await createPhoto());

    expect(
      await call('profile:uploadPhoto', {
        data: new Uint8Array(MAX_PHOTO_BYTES + 1),
      }),
    ).toEqual(fail('PHOTO_TOO_LARGE', { field: 'photo' }));
    expect(service.routes()).not.toContain('PUT /v1/me/photo');

    const uploaded = await call<{ id: string; photoVersion: string }>(
      'profile:uploadPhoto',
      { data: png },
    );
    expect(uploaded.ok).toBe(true);
    if (!uploaded.ok) return;
    expect(events).toContainEqual({
      event: 'profile:uploadProgress',
      payload: { loaded: png.length, total: png.length },
    });
    expect(events.at(-1)).toMatchObject({
      event: 'session:changed',
      payload: { user: { photoVersion: uploaded.value.photoVersion } },
    });

    // The service stores its own resized copy, so that is what comes back.
    const { id, photoVersion } = uploaded.value;
    const stored = await service.storedPhoto(id);
    expect(stored).not.toBeNull();
    const expected = `data:${stored!.contentType};base64,${stored!.bytes.toString('base64')}`;
    expect(
      await call('photos:get', { userId: id, version: photoVersion }),
    ).toEqual(ok(expected));
    expect(
      await call('photos:get', { userId: id, version: photoVersion }),
    ).toEqual(ok(expected));
    expect(
      service
        .routes()
        .filter((route) => route.endsWith('/photo') && route.startsWith('GET')),
    ).toHaveLength(1);

    expect(await call('profile:removePhoto')).toMatchObject({
      ok: true,
      value: { photoVersion: null },
    });
    expect(await call('photos:get', { userId: id, version: 'new' })).toEqual(
      ok(null),
    );
  });

  it('searches the directory', async () => {
    const harness = createCore();
    await register(harness);

    expect(
      await harness.call('directory:search', { query: 'ann' }),
    ).toMatchObject({
      ok: true,
      value: { entries: [{ email }], nextCursor: null },
    });
  });

  it('needs a session for profile calls', async () => {
    const { call } = createCore();

    expect(await call('profile:update', { displayName: 'X' })).toEqual(
      fail('NOT_SIGNED_IN'),
    );
    expect(await call('directory:search', { query: '' })).toEqual(
      fail('NOT_SIGNED_IN'),
    );
    expect(await call('photos:get', { userId: 'u', version: 'v' })).toEqual(
      fail('NOT_SIGNED_IN'),
    );
  });

  it('logs no password, token or setup token', async () => {
    const harness = createCore();
    const token = await service.invite(email);
    harness.core.receiveLink(setupLink(token));
    await register(harness);
    await harness.call('session:signIn', {
      email,
      password: 'wrong-password-value',
    });

    const text = harness.logs.text();
    expect(text).not.toContain(password);
    expect(text).not.toContain('wrong-password-value');
    expect(text).not.toContain(token);
  });
});
