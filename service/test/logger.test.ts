import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger, maskSetupTokens } from '../src/logger';
import {
  GOOD_PASSWORD,
  createAccount,
  inviteUser,
  registeredUser,
} from './support/invitations';
import { startTestService, type TestService } from './support/test-service';

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
      },
      'secrets',
    );

    for (const secret of ['p-1', 'p-2', 'r-1', 'a-1', 'c-1', 'a-2', 's-1']) {
      expect(text()).not.toContain(`"${secret}"`);
      expect(text()).not.toContain(secret);
    }
  });

  test.each([
    ['/setup/abc_DEF-123', '/setup/[redacted]'],
    ['/v1/invitations/abc?x=1', '/v1/invitations/[redacted]?x=1'],
    ['/v1/me', '/v1/me'],
  ])('maskSetupTokens(%s)', (url, masked) => {
    expect(maskSetupTokens(url)).toBe(masked);
  });
});
