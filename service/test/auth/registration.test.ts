import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import {
  GOOD_PASSWORD,
  createAccount,
  inviteUser,
  register,
  registrationBody,
} from '../support/invitations';

let service: TestService;
let accountNumber: string;

beforeAll(async () => {
  service = await startTestService({ listen: true });
  ({ number: accountNumber } = await createAccount(service, {
    name: 'Berg & Partner',
  }));
});

afterAll(() => service.close());

describe('registration', () => {
  test('20 parallel attempts, one succeeds', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'race@example.com',
    );

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        fetch(`${service.url}/v1/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(
            registrationBody(service, token, { displayName: `Racer ${index}` }),
          ),
        }),
      ),
    );
    const bodies = await Promise.all(
      responses.map(
        (response) => response.json() as Promise<{ error?: { code: string } }>,
      ),
    );

    const created = responses.filter((response) => response.status === 201);
    const rejected = bodies.filter(
      (body) => body.error?.code === 'INVITATION_USED',
    );
    expect(created).toHaveLength(1);
    expect(rejected).toHaveLength(19);
    for (const response of responses.filter((r) => r.status !== 201)) {
      expect(response.status).toBe(410);
    }
  });

  test('success returns a session grant', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'Anna.Berg@Example.com',
    );

    const response = await register(service, token, {
      displayName: '  Anna Berg  ',
      locale: 'en',
    });

    expect(response.statusCode).toBe(201);
    const grant = response.json();
    expect(grant.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(grant.refreshToken).toMatch(/^[\w-]{43}$/);
    expect(grant.user).toMatchObject({
      email: 'anna.berg@example.com',
      displayName: 'Anna Berg',
      accountNumber,
      accountName: 'Berg & Partner',
      locale: 'en',
      profileCompleted: false,
      photoVersion: null,
    });
  });

  test('stores an argon2id hash at OWASP cost', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'hash@example.com',
    );
    expect((await register(service, token)).statusCode).toBe(201);

    const user = await service.database.db
      .selectFrom('users')
      .select(['password_hash', 'terms_version', 'terms_accepted_at'])
      .where('email', '=', 'hash@example.com')
      .executeTakeFirstOrThrow();

    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.password_hash).not.toContain(GOOD_PASSWORD);
    expect(user.terms_version).toBe(service.config.termsVersion);
    expect(user.terms_accepted_at).not.toBeNull();
  });

  test.each([
    ['too short', 'Kurz-1', 'PASSWORD_TOO_SHORT', ['minLength']],
    ['too common', 'Passwort2026!', 'PASSWORD_TOO_COMMON', ['notCommon']],
    ['too long', `${'xy'.repeat(128)}x`, 'PASSWORD_TOO_LONG', ['maxLength']],
  ])('password %s is rejected', async (_case, password, code, failedRules) => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      `pw-${code}@example.com`,
    );

    const response = await register(service, token, { password });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code,
      field: 'password',
      failedRules,
    });
  });

  test.each([
    ['empty', '   '],
    ['too long', 'N'.repeat(81)],
    ['control character', 'Anna\u0007Berg'],
    ['line break', 'Anna\nBerg'],
    ['zero-width spaces only', '\u200b\u200b'],
    ['right-to-left override', 'Admin \u202etxt.exe'],
    ['Hangul fillers only', '\u3164\u3164'],
  ])('display name %s is rejected', async (_case, displayName) => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'name@example.com',
    );

    const response = await register(service, token, { displayName });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'DISPLAY_NAME_INVALID',
      field: 'displayName',
    });
  });

  test('old terms version is rejected', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'terms@example.com',
    );

    const response = await register(service, token, {
      acceptedTermsVersion: '2020-01',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('TERMS_NOT_ACCEPTED');
  });

  test('rejected attempt leaves the link usable', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'retry@example.com',
    );
    expect(
      (await register(service, token, { password: 'short' })).statusCode,
    ).toBe(400);

    const response = await register(service, token);

    expect(response.statusCode).toBe(201);
  });

  test('unknown token is INVITATION_NOT_FOUND', async () => {
    const response = await register(service, 'A'.repeat(43));

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('INVITATION_NOT_FOUND');
  });

  test('malformed token fails validation', async () => {
    const response = await register(service, 'not-a-token');

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'token',
    });
  });
});
