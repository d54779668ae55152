import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resetProofOf } from '../../tests/support/emails';
import {
  startTestService,
  type TestService,
} from '../../tests/support/test-service';
import { createLogger, maskSetupTokens } from '../src/logger';
import {
  GOOD_PASSWORD,
  createAccount,
  inviteUser,
  registeredUser,
} from './support/invitations';

/** Creates a log destination that keeps every line. */
function captureStream() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });

  return { stream, lines, text: () => lines.join('') };
}

let service: TestService;
let capture: ReturnType<typeof captureStream>;

beforeAll(async () => {
  capture = captureStream();
  service = await startTestService({
    logger: createLogger('trace', capture.stream),
  });
});

afterAll(() => service.close());

describe('logger redaction', () => {
  test('request secrets stay out of the log', async () => {
    const { number } = await createAccount(service, { name: 'Nord GmbH' });
    const grant = await registeredUser(
      service,
      number,
      'anna@example.com',
      'Anna',
    );
    const { token } = await inviteUser(service, number, 'ben@example.com');
    capture.lines.length = 0;

    await service.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'anna@example.com', password: GOOD_PASSWORD },
    });
    await service.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'anna@example.com', password: 'Wrong-But-Secret-9' },
    });
    await service.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${grant.accessToken}` },
    });
    await service.app.inject({ method: 'GET', url: `/setup/${token}` });
    await service.app.inject({
      method: 'GET',
      url: `/v1/invitations/${token}`,
    });
    await service.app.inject({
      method: 'POST',
      url: '/v1/sessions/refresh',
      payload: { refreshToken: grant.refreshToken },
    });

    const log = capture.text();
    expect(log).toContain('/setup/[redacted]');
    expect(log).toContain('/v1/invitations/[redacted]');
    expect(log).not.toContain(GOOD_PASSWORD);
    expect(log).not.toContain('Wrong-But-Secret-9');
    expect(log).not.toContain(grant.accessToken);
    expect(log).not.toContain(grant.refreshToken);
    expect(log).not.toContain(token);
  });

  test('reset secrets stay out of the log', async () => {
    const { number } = await createAccount(service, { name: 'Reset GmbH' });
    await registeredUser(service, number, 'reset.log@example.com', 'Anna');
    const token = 'T'.repeat(43);
    const code = '123456';
    capture.lines.length = 0;

    await service.app.inject({ method: 'GET', url: `/reset/${token}` });
    await service.app.inject({
      method: 'POST',
      url: '/v1/password-resets/complete',
      payload: { token, newPassword: 'Secret-New-Password-5' },
    });
    await service.app.inject({
      method: 'POST',
      url: '/v1/password-resets/check',
      payload: { email: 'reset.log@example.com', code },
    });
    await service.app.inject({
      method: 'POST',
      url: '/v1/password-resets',
      payload: { email: 'reset.log@example.com' },
    });

    // The email goes out after the response; its log line names the file.
    let sent: { delivery: { file: string } } | undefined;
    for (let waited = 0; !sent && waited < 5000; waited += 20) {
      await sleep(20);
      sent = capture.lines
        .map((line) => JSON.parse(line))
        .find((entry) => entry.msg === 'Reset email sent');
    }
    const emailed = resetProofOf(
      await simpleParser(await readFile(sent!.delivery.file)),
    );

    const log = capture.text();
    expect(log).toContain('/reset/[redacted]');
    expect(log).toContain('Password reset requested');
    for (const secret of [token, 'Secret-New-Password-5', emailed.token]) {
      expect(log).not.toContain(secret);
    }
    // Six digits may occur inside a timestamp, so only a logged value counts.
    for (const sixDigits of [code, emailed.code]) {
      expect(log).not.toMatch(new RegExp(`[":= ]${sixDigits}[",& ]`));
    }
  });

  test('configured paths are redacted', () => {
    const { stream, text } = captureStream();
    const logger = createLogger('info', stream);

    logger.info(
      {
        password: 'p-1',
        body: { password: 'p-2', refreshToken: 'r-1' },
        req: { headers: { authorization: 'Bearer a-1', cookie: 'c-1' } },
        accessToken: 'a-2',
        setupToken: 's-1',
        resetLink: 'l-1',
        newPassword: 'n-1',
      },
      'secrets',
    );
    logger.info(
      { body: { accessToken: 'a-3', code: 'k-1', newPassword: 'n-2' } },
      'request body',
    );

    for (const secret of [
      'p-1',
      'p-2',
      'r-1',
      'a-1',
      'c-1',
      'a-2',
      's-1',
      'l-1',
      'n-1',
      'a-3',
      'k-1',
      'n-2',
    ]) {
      expect(text()).not.toContain(`"${secret}"`);
      expect(text()).not.toContain(secret);
    }
  });

  test.each([
    ['/setup/abc_DEF-123', '/setup/[redacted]'],
    ['/v1/invitations/abc?x=1', '/v1/invitations/[redacted]?x=1'],
    ['/reset/abc_DEF-123', '/reset/[redacted]'],
    ['/v1/password-resets/check', '/v1/password-resets/check'],
    ['/v1/me', '/v1/me'],
  ])('maskSetupTokens(%s)', (url, masked) => {
    expect(maskSetupTokens(url)).toBe(masked);
  });
});
