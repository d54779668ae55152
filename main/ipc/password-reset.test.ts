import { randomUUID } from 'node:crypto';
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
import { fail, ok } from '../../contract/errors';
import type { LinkNotice } from '../../contract/ipc';
import { resetProofOf } from '../../tests/support/emails';
import {
  startReferenceService,
  type ReferenceService,
} from '../../tests/support/reference-service';
import { startSmtpSink, type SmtpSink } from '../../tests/support/smtp-sink';
import type { DesktopCore, DesktopCoreOptions } from '../core';
import { createKeychain } from '../keychain';
import { createTestCore } from '../test-support/desktop-core';
import { useTestSecretService } from '../test-support/secret-service';

const oldPassword = 'Lantern-Orbit-58';
const newPassword = 'Harbour-Violet-93';

let sink: SmtpSink;
let service: ReferenceService;

useTestSecretService();

beforeAll(async () => {
  sink = await startSmtpSink();
  service = await startReferenceService({ sink });
});

afterAll(async () => {
  await service?.close();
  await sink?.close();
});

describe('password reset channels', { timeout: 30_000 }, () => {
  let userDataDir: string;
  let keychainService: string;
  let email: string;
  const cores: DesktopCore[] = [];

  beforeEach(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'reset-test-'));
    keychainService = `mitelone-test-${randomUUID()}`;
    email = `reset-${randomUUID().slice(0, 8)}@example.com`;
    await service.addUser(email, oldPassword);
  });

  afterEach(async () => {
    for (const core of cores.splice(0)) await core.stop();
    await createKeychain({ timeoutMs: 5000 })
      .deletePassword(keychainService, service.origin)
      .catch(() => undefined);
    await rm(userDataDir, { recursive: true, force: true });
  });

  function createCore(overrides: Partial<DesktopCoreOptions> = {}) {
    const harness = createTestCore({
      userDataDir,
      systemLocale: 'de-DE',
      keychainService,
      ...overrides,
    });
    cores.push(harness.core);
    return harness;
  }

  /** Requests a reset through the app and returns the email's proofs. */
  async function requestReset(
    call: ReturnType<typeof createCore>['call'],
    args: object,
  ) {
    const earlier = sink.messages.length;
    const started = await call('passwordReset:request', args);
    expect(started).toEqual(
      ok({ codeLength: 6, expiresAt: expect.any(String) }),
    );
    // The service sends the email after its response.
    const mail = await sink.messageAfter(earlier, email);
    expect(mail.subject).toBe('Neues Passwort für Mitel One');
    return resetProofOf(mail);
  }

  it('resets by code and signs in', async () => {
    const { call, logs } = createCore();
    const { code } = await requestReset(call, {
      email,
      serviceUrl: service.origin,
    });
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;

    expect(await call('passwordReset:check', { email, code: spaced })).toEqual(
      ok({ email, expiresAt: expect.any(String) }),
    );
    expect(
      await call('passwordReset:complete', {
        email,
        code: spaced,
        newPassword,
      }),
    ).toMatchObject({ ok: true, value: { email } });

    expect(await call('session:get')).toMatchObject({
      ok: true,
      value: { status: 'signedIn', persistence: 'keychain', user: { email } },
    });
    expect(await call('app:getInfo')).toMatchObject({
      value: { serviceUrl: service.origin },
    });
    expect(
      findCredentials(keychainService).map((entry) => entry.account),
    ).toEqual([service.origin]);
    expect(
      await call('session:signIn', { email, password: oldPassword }),
    ).toEqual(fail('INVALID_CREDENTIALS'));
    expect(
      (await call('session:signIn', { email, password: newPassword })).ok,
    ).toBe(true);
    expect(logs.text()).not.toContain(newPassword);
    expect(logs.text()).not.toContain(code);
  });

  it('resets through the link from the email', async () => {
    const { core, call } = createCore({ serviceUrl: service.origin });
    const { link } = await requestReset(call, { email });

    core.receiveLink(`<${link}>`);
    const pending = await call<LinkNotice[]>('link:takePending');
    expect(pending).toEqual(
      ok([
        {
          kind: 'reset',
          linkId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
          serviceOrigin: service.origin,
          serviceHost: new URL(service.origin).host,
          trusted: true,
        },
      ]),
    );
    const notice = pending.ok ? pending.value[0]! : null;
    const linkId = notice?.kind === 'reset' ? notice.linkId : '';

    expect(await call('setup:inspect', { linkId })).toEqual(
      fail('LINK_UNKNOWN'),
    );
    expect(await call('passwordReset:check', { linkId })).toEqual(
      ok({ email, expiresAt: expect.any(String) }),
    );
    expect(
      await call('passwordReset:complete', { linkId, newPassword }),
    ).toMatchObject({ ok: true, value: { email } });
    expect(await call('passwordReset:check', { linkId })).toEqual(
      fail('LINK_UNKNOWN'),
    );
    expect(await call('session:get')).toMatchObject({
      value: { status: 'signedIn', user: { email } },
    });
  });

  it('asks to confirm the service of a reset link', async () => {
    const { call } = createCore();
    const { link } = await requestReset(call, {
      email,
      serviceUrl: service.origin,
    });

    const notice = await call<LinkNotice>('link:submit', { text: link });
    expect(notice).toMatchObject({
      ok: true,
      value: { kind: 'reset', trusted: false },
    });
    const linkId =
      notice.ok && notice.value.kind === 'reset' ? notice.value.linkId : '';

    expect(
      await call('passwordReset:complete', { linkId, newPassword }),
    ).toEqual(fail('LINK_UNTRUSTED'));
    expect(await call('setup:trustService', { linkId })).toEqual(ok(null));
    expect(
      (await call('passwordReset:complete', { linkId, newPassword })).ok,
    ).toBe(true);
  });

  it('rejects a code of other than six digits', async () => {
    const { call } = createCore({ serviceUrl: service.origin });

    for (const code of ['12345', '1234567', 'abcdef', '']) {
      expect(await call('passwordReset:check', { email, code })).toEqual(
        fail('RESET_INVALID', { field: 'code' }),
      );
    }
  });

  it('passes the service errors through', async () => {
    const { call } = createCore({ serviceUrl: service.origin });
    const { code } = await requestReset(call, { email });
    const wrong = code === '000000' ? '111111' : '000000';

    expect(await call('passwordReset:check', { email, code: wrong })).toEqual(
      fail('RESET_INVALID', { field: 'code' }),
    );
    expect(
      await call('passwordReset:complete', {
        email,
        code,
        newPassword: 'short',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_TOO_SHORT', field: 'newPassword' },
    });
    expect(
      (await call('passwordReset:complete', { email, code, newPassword })).ok,
    ).toBe(true);
    expect(
      await call('passwordReset:complete', { email, code, newPassword }),
    ).toMatchObject({ ok: false, error: { code: 'RESET_USED' } });
  });

  it('needs a service for a reset', async () => {
    const { call } = createCore();

    expect(await call('passwordReset:request', { email })).toEqual(
      fail('SERVICE_NOT_CONFIGURED', { field: 'serviceUrl' }),
    );
    expect(
      await call('passwordReset:check', { email, code: '123456' }),
    ).toEqual(fail('SERVICE_NOT_CONFIGURED', { field: 'serviceUrl' }));
  });
});
