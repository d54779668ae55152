import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SessionGrant } from '../../../contract/api';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import {
  GOOD_PASSWORD,
  bearer,
  createAccount,
  registeredUser,
} from '../support/invitations';

let service: TestService;
let firstAccount: string;
let secondAccount: string;

beforeAll(async () => {
  service = await startTestService();
  ({ number: firstAccount } = await createAccount(service, {
    name: 'Nord GmbH',
  }));
  ({ number: secondAccount } = await createAccount(service, {
    name: 'Süd AG',
  }));

  await registeredUser(service, firstAccount, 'anna@example.com', 'Anna Berg');
  // The same person in two accounts, with the same password in both.
  await registeredUser(service, firstAccount, 'jo@example.com', 'Jo Nord');
  await registeredUser(service, secondAccount, 'jo@example.com', 'Jo Süd');
});

afterAll(() => service.close());

function signIn(body: object, ip = '127.0.0.1') {
  return service.app.inject({
    method: 'POST',
    url: '/v1/sessions',
    payload: body,
    remoteAddress: ip,
  });
}

function refresh(refreshToken: string) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/sessions/refresh',
    payload: { refreshToken },
  });
}

function me(grant: Pick<SessionGrant, 'accessToken'>) {
  return service.app.inject({
    method: 'GET',
    url: '/v1/me',
    headers: { authorization: `Bearer ${grant.accessToken}` },
  });
}

describe('sign-in', () => {
  test('correct password returns a session', async () => {
    const response = await signIn({
      email: ' Anna@Example.COM ',
      password: GOOD_PASSWORD,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().user.email).toBe('anna@example.com');
    expect((await me(response.json())).statusCode).toBe(200);
  });

  test('unknown email and wrong password look the same', async () => {
    const unknown = await signIn(
      { email: 'nobody@example.com', password: GOOD_PASSWORD },
      '10.0.0.1',
    );
    const wrong = await signIn(
      { email: 'anna@example.com', password: 'Wrong-Password-1' },
      '10.0.0.2',
    );

    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(unknown.statusCode);
    const unknownError = unknown.json().error;
    const wrongError = wrong.json().error;
    expect(unknownError.code).toBe('INVALID_CREDENTIALS');
    expect(wrongError.code).toBe(unknownError.code);
    expect(wrongError.message).toBe(unknownError.message);
    expect(Object.keys(wrongError).sort()).toEqual(
      Object.keys(unknownError).sort(),
    );
  });

  test('email in several accounts needs the account number', async () => {
    const without = await signIn({
      email: 'jo@example.com',
      password: GOOD_PASSWORD,
    });
    expect(without.statusCode).toBe(409);
    expect(without.json().error.code).toBe('ACCOUNT_NUMBER_REQUIRED');

    const north = await signIn({
      email: 'jo@example.com',
      password: GOOD_PASSWORD,
      accountNumber: firstAccount,
    });
    expect(north.statusCode).toBe(200);
    expect(north.json().user.displayName).toBe('Jo Nord');

    const south = await signIn({
      email: 'jo@example.com',
      password: GOOD_PASSWORD,
      accountNumber: secondAccount,
    });
    expect(south.json().user.displayName).toBe('Jo Süd');
  });

  test('account number of another account fails', async () => {
    const response = await signIn({
      email: 'anna@example.com',
      password: GOOD_PASSWORD,
      accountNumber: secondAccount,
    });

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  test('rate limit per email answers with Retry-After', async () => {
    const attempt = () =>
      signIn(
        { email: 'limited@example.com', password: 'Wrong-Password-1' },
        '10.1.0.1',
      );

    for (let index = 0; index < 5; index++) {
      expect((await attempt()).json().error.code).toBe('INVALID_CREDENTIALS');
    }

    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(limited.json().error.retryAfterSeconds).toBe(retryAfter);
  });

  test('rate limit per IP covers other emails', async () => {
    const ip = '10.2.0.1';
    for (let index = 0; index < 30; index++) {
      await signIn({ email: `guess${index}@example.com`, password: 'x' }, ip);
    }

    const limited = await signIn(
      { email: 'anna@example.com', password: GOOD_PASSWORD },
      ip,
    );

    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('sessions', () => {
  async function freshGrant(): Promise<SessionGrant> {
    const response = await signIn({
      email: 'anna@example.com',
      password: GOOD_PASSWORD,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  test('refresh rotates the refresh token', async () => {
    const grant = await freshGrant();

    const rotated = await refresh(grant.refreshToken);

    expect(rotated.statusCode).toBe(200);
    const next: SessionGrant = rotated.json();
    expect(next.refreshToken).not.toBe(grant.refreshToken);
    expect(next.user.email).toBe('anna@example.com');
    expect((await me(next)).statusCode).toBe(200);
    expect((await refresh(next.refreshToken)).statusCode).toBe(200);
  });

  test('reused refresh token revokes the family', async () => {
    const grant = await freshGrant();
    const next: SessionGrant = (await refresh(grant.refreshToken)).json();

    const reuse = await refresh(grant.refreshToken);

    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.code).toBe('REFRESH_TOKEN_INVALID');
    expect((await refresh(next.refreshToken)).json().error.code).toBe(
      'REFRESH_TOKEN_INVALID',
    );
    expect((await me(next)).json().error.code).toBe('UNAUTHENTICATED');
  });

  test('unknown refresh token is invalid', async () => {
    const response = await refresh('C'.repeat(43));

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('REFRESH_TOKEN_INVALID');
  });

  test('sign-out ends the access token at once', async () => {
    const grant = await freshGrant();
    expect((await me(grant)).statusCode).toBe(200);

    const signOut = await service.app.inject({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: bearer(grant),
    });

    expect(signOut.statusCode).toBe(204);
    const after = await me(grant);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    expect((await refresh(grant.refreshToken)).statusCode).toBe(401);
  });

  test('other sessions survive a sign-out', async () => {
    const remaining = await freshGrant();
    const ended = await freshGrant();

    await service.app.inject({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: bearer(ended),
    });

    expect((await me(remaining)).statusCode).toBe(200);
  });

  test.each([
    ['no header', undefined],
    ['not bearer', 'Basic YWJjOmRlZg=='],
    [
      'forged token',
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
    ],
  ])('%s is UNAUTHENTICATED', async (_case, authorization) => {
    const response = await service.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: authorization ? { authorization } : {},
    });

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });
});
