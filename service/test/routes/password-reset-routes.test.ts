import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SessionGrant } from '../../../contract/api';
import { RESET_VALIDITY_MS } from '../../../contract/setup-link';
import { resetProofOf } from '../../../tests/support/emails';
import { startSmtpSink, type SmtpSink } from '../../../tests/support/smtp-sink';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import {
  GOOD_PASSWORD,
  createAccount,
  registeredUser,
} from '../support/invitations';
import {
  checkReset,
  completeReset,
  requestReset,
  wrongCodeFor,
} from '../support/password-resets';

const PUBLIC_URL = 'https://uc.example.com';
const NEW_PASSWORD = 'Blauer-Kalender-2031';

/** A clock that tests move by hand. */
let currentTime = new Date('2026-03-02T09:15:00.000Z');
let sink: SmtpSink;
let service: TestService;
let accountNumber: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  service = await startTestService({
    now: () => new Date(currentTime),
    env: { MITELONE_SMTP_URL: sink.url, MITELONE_PUBLIC_URL: PUBLIC_URL },
    resetLimits: { perEmail: 50, perIp: 500, windowMs: 15 * 60 * 1000 },
  });
  ({ number: accountNumber } = await createAccount(service, {
    name: 'Nord GmbH',
  }));
});

afterAll(async () => {
  await service.close();
  await sink.close();
});

function registered(email: string) {
  return registeredUser(
    service,
    accountNumber,
    email,
    'Anna',
    GOOD_PASSWORD,
    sink,
  );
}

/** Registers a user, requests a reset and returns the emailed proof. */
async function userWithReset(email: string) {
  const grant = await registered(email);
  const proof = await startReset(email);

  return { grant, ...proof };
}

async function startReset(email: string) {
  const skip = sink.messages.length;
  const response = await requestReset(service, { email });
  expect(response.statusCode).toBe(202);

  return resetProofOf(await sink.messageAfter(skip, email));
}

function signIn(email: string, password: string) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/sessions',
    payload: { email, password },
  });
}

function me(grant: SessionGrant) {
  return service.app.inject({
    method: 'GET',
    url: '/v1/me',
    headers: { authorization: `Bearer ${grant.accessToken}` },
  });
}

function refresh(grant: SessionGrant) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/sessions/refresh',
    payload: { refreshToken: grant.refreshToken },
  });
}

describe('password reset', () => {
  test('by link', async () => {
    const { token } = await userWithReset('link@example.com');

    const check = await checkReset(service, { token });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual({
      email: 'link@example.com',
      expiresAt: new Date(
        currentTime.getTime() + RESET_VALIDITY_MS,
      ).toISOString(),
    });

    const complete = await completeReset(service, {
      token,
      newPassword: NEW_PASSWORD,
    });
    expect(complete.statusCode).toBe(200);
    expect(complete.json().user.email).toBe('link@example.com');

    expect((await signIn('link@example.com', NEW_PASSWORD)).statusCode).toBe(
      200,
    );
    expect((await signIn('link@example.com', GOOD_PASSWORD)).statusCode).toBe(
      401,
    );
  });

  test('by code', async () => {
    const { code } = await userWithReset('code@example.com');

    const check = await checkReset(service, {
      email: ' Code@Example.com ',
      code,
    });
    expect(check.statusCode).toBe(200);
    expect(check.json().email).toBe('code@example.com');

    const complete = await completeReset(service, {
      email: 'code@example.com',
      code,
      newPassword: NEW_PASSWORD,
    });
    expect(complete.statusCode).toBe(200);
    expect((await signIn('code@example.com', NEW_PASSWORD)).statusCode).toBe(
      200,
    );
  });

  test('used code and link are rejected', async () => {
    const { token, code } = await userWithReset('used@example.com');
    const body = { email: 'used@example.com', code };
    expect(
      (await completeReset(service, { ...body, newPassword: NEW_PASSWORD }))
        .statusCode,
    ).toBe(200);

    const byCode = await checkReset(service, body);
    const byLink = await checkReset(service, { token });
    const again = await completeReset(service, {
      token,
      newPassword: 'Noch-Ein-Passwort-77',
    });

    expect(byCode.statusCode).toBe(410);
    expect(byCode.json().error.code).toBe('RESET_USED');
    expect(byLink.json().error.code).toBe('RESET_USED');
    expect(again.json().error.code).toBe('RESET_USED');
  });

  test('expired code is rejected', async () => {
    const start = new Date('2026-03-03T10:00:00.000Z');
    currentTime = start;
    const { token, code } = await userWithReset('expired@example.com');
    const body = { email: 'expired@example.com', code };

    currentTime = new Date(start.getTime() + RESET_VALIDITY_MS - 1);
    expect((await checkReset(service, body)).statusCode).toBe(200);

    currentTime = new Date(start.getTime() + RESET_VALIDITY_MS);
    const byCode = await checkReset(service, body);
    const byLink = await checkReset(service, { token });
    const complete = await completeReset(service, {
      ...body,
      newPassword: NEW_PASSWORD,
    });

    expect(byCode.statusCode).toBe(410);
    expect(byCode.json().error.code).toBe('RESET_EXPIRED');
    expect(byLink.json().error.code).toBe('RESET_EXPIRED');
    expect(complete.json().error.code).toBe('RESET_EXPIRED');
    expect(
      (await signIn('expired@example.com', GOOD_PASSWORD)).statusCode,
    ).toBe(200);
  });

  test('5 wrong codes lock the reset', async () => {
    const { token, code } = await userWithReset('locked@example.com');
    const wrong = { email: 'locked@example.com', code: wrongCodeFor(code) };

    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await checkReset(service, wrong);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('RESET_INVALID');
    }

    const fifth = await checkReset(service, wrong);
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('RESET_TOO_MANY_ATTEMPTS');

    const right = await completeReset(service, {
      email: 'locked@example.com',
      code,
      newPassword: NEW_PASSWORD,
    });
    expect(right.json().error.code).toBe('RESET_TOO_MANY_ATTEMPTS');
    expect((await checkReset(service, { token })).json().error.code).toBe(
      'RESET_TOO_MANY_ATTEMPTS',
    );
  });

  test('right code does not count as wrong', async () => {
    const { code } = await userWithReset('counted@example.com');
    const right = { email: 'counted@example.com', code };
    const wrong = { ...right, code: wrongCodeFor(code) };

    for (let attempt = 1; attempt <= 4; attempt++) {
      await checkReset(service, wrong);
      expect((await checkReset(service, right)).statusCode).toBe(200);
    }
  });

  test('every old session ends', async () => {
    const { grant: registration, token } = await userWithReset(
      'sessions@example.com',
    );
    const signedIn: SessionGrant = (
      await signIn('sessions@example.com', GOOD_PASSWORD)
    ).json();
    expect((await me(signedIn)).statusCode).toBe(200);

    const complete = await completeReset(service, {
      token,
      newPassword: NEW_PASSWORD,
    });
    expect(complete.statusCode).toBe(200);

    for (const old of [registration, signedIn]) {
      expect((await me(old)).json().error.code).toBe('UNAUTHENTICATED');
      expect((await refresh(old)).json().error.code).toBe(
        'REFRESH_TOKEN_INVALID',
      );
    }
    expect((await me(complete.json())).statusCode).toBe(200);
  });

  test('code of a used reset points to the newer one', async () => {
    const first = await userWithReset('again@example.com');
    const body = { email: 'again@example.com', code: first.code };
    expect(
      (await completeReset(service, { ...body, newPassword: NEW_PASSWORD }))
        .statusCode,
    ).toBe(200);
    const second = await startReset('again@example.com');

    const old = await checkReset(service, body);

    expect(old.statusCode).toBe(400);
    expect(old.json().error).toMatchObject({
      code: 'RESET_INVALID',
      field: 'code',
      message: expect.stringContaining('latest email'),
    });
    // The old code used none of the newer reset's attempts.
    const wrong = {
      email: 'again@example.com',
      code: wrongCodeFor(second.code),
    };
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await checkReset(service, wrong)).statusCode).toBe(400);
    }
    expect(
      (await checkReset(service, { ...wrong, code: second.code })).statusCode,
    ).toBe(200);
  });

  test('code of a replaced reset points to the newer one', async () => {
    const first = await userWithReset('replaced@example.com');
    const second = await startReset('replaced@example.com');
    const email = 'replaced@example.com';

    const old = await checkReset(service, { email, code: first.code });

    expect(old.statusCode).toBe(400);
    expect(old.json().error).toMatchObject({
      code: 'RESET_INVALID',
      field: 'code',
      message: expect.stringContaining('latest email'),
    });
    const wrong = { email, code: wrongCodeFor(second.code) };
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await checkReset(service, wrong)).statusCode).toBe(400);
    }
    expect(
      (await checkReset(service, { email, code: second.code })).statusCode,
    ).toBe(200);
  });

  test('newer reset ends the earlier one', async () => {
    const first = await userWithReset('twice@example.com');
    const second = await startReset('twice@example.com');

    const old = await checkReset(service, { token: first.token });
    expect(old.statusCode).toBe(400);
    expect(old.json().error.code).toBe('RESET_INVALID');
    expect(old.json().error.message).toContain('newer reset email');
    expect(
      (await checkReset(service, { token: second.token })).statusCode,
    ).toBe(200);
  });

  test('weak password keeps the reset', async () => {
    const { token } = await userWithReset('weak@example.com');

    const response = await completeReset(service, {
      token,
      newPassword: 'kurz',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'PASSWORD_TOO_SHORT',
      field: 'newPassword',
      failedRules: expect.arrayContaining(['minLength']),
    });
    expect((await checkReset(service, { token })).statusCode).toBe(200);
  });

  test('simultaneous completions, one succeeds', async () => {
    const { code } = await userWithReset('race@example.com');

    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        completeReset(service, {
          email: 'race@example.com',
          code,
          newPassword: `${NEW_PASSWORD}-${index}`,
        }),
      ),
    );

    const succeeded = responses.filter(
      (response) => response.statusCode === 200,
    );
    expect(succeeded).toHaveLength(1);
    for (const response of responses) {
      if (response.statusCode === 200) continue;
      expect(response.json().error.code).toBe('RESET_USED');
    }
  });

  test('unknown email answers like a password user', async () => {
    await registered('known@example.com');

    const known = await requestReset(service, { email: 'known@example.com' });
    const unknown = await requestReset(service, { email: 'ghost@example.com' });

    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
  });

  test('invalid email is EMAIL_INVALID', async () => {
    const response = await requestReset(service, { email: 'not an email' });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'EMAIL_INVALID',
      field: 'email',
    });
  });

  test('unknown link and code are RESET_INVALID', async () => {
    const byLink = await checkReset(service, { token: 'R'.repeat(43) });
    const byCode = await checkReset(service, {
      email: 'ghost@example.com',
      code: '123456',
    });

    expect(byLink.statusCode).toBe(400);
    expect(byLink.json().error.code).toBe('RESET_INVALID');
    expect(byCode.json().error.code).toBe('RESET_INVALID');
  });
});

describe('reset landing page', () => {
  const landingPage = (token: string, acceptLanguage = 'en') =>
    service.app.inject({
      method: 'GET',
      url: `/reset/${token}`,
      headers: { 'accept-language': acceptLanguage },
    });

  test('opens the app with service and token', async () => {
    const { token } = await userWithReset('page@example.com');

    const response = await landingPage(token);

    const appLink = `mitelone://reset?service=${encodeURIComponent(PUBLIC_URL)}&amp;token=${token}`;
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`href="${appLink}"`);
    expect(response.body).toContain('page@example.com');
    expect(response.body).toContain('6-digit code');
    expect(response.body).not.toContain('<script');
  });

  test.each([
    ['de-DE,de;q=0.9', 'de', 'In der Mitel One App öffnen'],
    ['en-GB,en;q=0.9', 'en', 'Open in the Mitel One app'],
  ])('for %s is %s', async (acceptLanguage, lang, button) => {
    const { token } = await userWithReset(`page.${lang}@example.com`);

    const response = await landingPage(token, acceptLanguage);

    expect(response.body).toContain(`<html lang="${lang}">`);
    expect(response.body).toContain(button);
  });

  test('sends strict headers and does not consume', async () => {
    const { token } = await userWithReset('headers.reset@example.com');

    const response = await landingPage(token);

    expect(response.headers['content-security-policy']).toContain(
      "default-src 'none'",
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect((await landingPage(token)).statusCode).toBe(200);
    expect((await checkReset(service, { token })).statusCode).toBe(200);
  });

  test('unknown and used links explain the state', async () => {
    const { token } = await userWithReset('page.used@example.com');
    await completeReset(service, { token, newPassword: NEW_PASSWORD });

    const unknown = await landingPage('U'.repeat(43));
    const used = await landingPage(token);

    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('This reset link can no longer be used');
    expect(used.statusCode).toBe(410);
    expect(used.body).toContain('already set with this link');
    expect(used.body).not.toContain('mitelone://');
  });
});

describe('password reset limit', () => {
  let limited: TestService;

  beforeAll(async () => {
    limited = await startTestService({
      resetLimits: { perEmail: 2, perIp: 10, windowMs: 15 * 60 * 1000 },
    });
  });

  afterAll(() => limited.close());

  test('per email answers with Retry-After', async () => {
    const body = { email: 'flood@example.com' };
    for (const ip of ['10.4.0.1', '10.4.0.2']) {
      expect((await requestReset(limited, body, ip)).statusCode).toBe(202);
    }

    const response = await requestReset(limited, body, '10.4.0.3');

    expect(response.statusCode).toBe(429);
    expect(response.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });
});
