import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SessionGrant } from '../../../contract/api';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from '../../../tests/support/identity-provider';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import { createLogger } from '../../src/logger';
import {
  adminRequest,
  bearer,
  createAccount,
  inviteUser,
} from '../support/invitations';
import { configureSso, ssoConfigOf, ssoSignIn } from '../support/sso';

let provider: TestIdentityProvider;
let service: TestService;
let accountNumber: string;
const logLines: string[] = [];

beforeAll(async () => {
  provider = await startTestIdentityProvider();
  service = await startTestService({
    env: { MITELONE_EXTRA_CA_FILE: provider.certificates.caCertFile },
    logger: createLogger(
      'info',
      new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
    ),
  });

  ({ number: accountNumber } = await createAccount(service, {
    name: 'Nord GmbH',
  }));
  await configureSso(service, accountNumber, ssoConfigOf(provider));
});

afterAll(async () => {
  await service.close();
  await provider.close();
});

/** Returns a port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return port;
}

async function userRow(userId: string) {
  return service.database.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

describe('SSO sign-in', () => {
  test('licensed user signs in without registering', async () => {
    const { token: setupToken } = await inviteUser(
      service,
      accountNumber,
      'anna@example.com',
    );
    const { oid } = provider.addUser({
      email: 'anna@example.com',
      name: 'Anna Berg',
      password: 'not used here',
    });
    const accessToken = await provider.signAccessToken({
      email: 'Anna@Example.com',
    });

    const response = await ssoSignIn(service, accessToken);

    expect(response.statusCode).toBe(200);
    const grant: SessionGrant = response.json();
    expect(grant.user).toMatchObject({
      email: 'anna@example.com',
      displayName: 'Anna Berg',
      accountNumber,
    });
    const me = await service.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: bearer(grant),
    });
    expect(me.statusCode).toBe(200);

    const stored = await userRow(grant.user.id);
    expect(stored.sso_subject).toBe(oid);
    expect(stored.registered_at).not.toBeNull();
    expect(stored.password_hash).toBeNull();

    const lookup = await service.app.inject({
      method: 'GET',
      url: `/v1/invitations/${setupToken}`,
    });
    expect(lookup.json().error.code).toBe('INVITATION_USED');
    const page = await service.app.inject({
      method: 'GET',
      url: `/setup/${setupToken}`,
      headers: { 'accept-language': 'en' },
    });
    expect(page.body).toContain('You have already signed in');
  });

  test('same person by oid after an email change', async () => {
    await inviteUser(service, accountNumber, 'ben@example.com');
    const { oid } = provider.addUser({
      email: 'ben@example.com',
      name: 'Ben Kurz',
      password: 'not used here',
    });
    const first: SessionGrant = (
      await ssoSignIn(
        service,
        await provider.signAccessToken({ email: 'ben@example.com' }),
      )
    ).json();

    const renamed = await provider.signAccessToken({
      email: 'ben.kurz@example.com',
      oid,
      name: 'Ben K.',
    });
    const response = await ssoSignIn(service, renamed);

    expect(response.statusCode).toBe(200);
    const grant: SessionGrant = response.json();
    expect(grant.user.id).toBe(first.user.id);
    expect(grant.user.email).toBe('ben@example.com');
    // The name is filled in only at the first sign-in.
    expect(grant.user.displayName).toBe('Ben Kurz');
  });

  test('display name falls back to the email', async () => {
    await inviteUser(service, accountNumber, 'no.name@example.com');

    const response = await ssoSignIn(
      service,
      await provider.signAccessToken({
        email: 'no.name@example.com',
        name: undefined,
      }),
    );

    expect(response.statusCode).toBe(200);
    expect(response.json().user.displayName).toBe('no.name@example.com');
  });

  test('email bound to another subject has no licence', async () => {
    await inviteUser(service, accountNumber, 'shared@example.com');
    const first = await ssoSignIn(
      service,
      await provider.signAccessToken({ email: 'shared@example.com' }),
    );
    expect(first.statusCode).toBe(200);

    // signAccessToken gives an email it does not know a new oid each time.
    const other = await ssoSignIn(
      service,
      await provider.signAccessToken({ email: 'shared@example.com' }),
    );

    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('SSO_NO_LICENCE');
  });
});

describe('SSO sign-in rejects', () => {
  beforeAll(async () => {
    await inviteUser(service, accountNumber, 'carla@example.com');
  });

  async function expectRejected(
    accessToken: string,
    status: number,
    code: string,
    /** Null sends no account number. */
    account: string | null = accountNumber,
  ) {
    const response = await ssoSignIn(
      service,
      accessToken,
      account ?? undefined,
    );

    expect(response.json().error.code).toBe(code);
    expect(response.statusCode).toBe(status);
  }

  test('unknown signing key', async () => {
    const token = await provider.signAccessToken(
      { email: 'carla@example.com' },
      { unknownKey: true },
    );

    await expectRejected(token, 401, 'SSO_TOKEN_INVALID');
  });

  test('another tenant', async () => {
    const token = await provider.signAccessToken({
      email: 'carla@example.com',
      tid: randomUUID(),
    });

    await expectRejected(token, 403, 'SSO_TENANT_MISMATCH');
  });

  test('another audience', async () => {
    const token = await provider.signAccessToken({
      email: 'carla@example.com',
      aud: 'api://another-api',
    });

    await expectRejected(token, 401, 'SSO_TOKEN_INVALID');
  });

  test('another issuer', async () => {
    const token = await provider.signAccessToken({
      email: 'carla@example.com',
      iss: 'https://issuer.example.com/v2.0',
    });

    await expectRejected(token, 401, 'SSO_TOKEN_INVALID');
  });

  test('expired token', async () => {
    const token = await provider.signAccessToken(
      { email: 'carla@example.com' },
      { expiresInSeconds: -600 },
    );

    await expectRejected(token, 401, 'SSO_TOKEN_EXPIRED');
  });

  test('malformed token', async () => {
    await expectRejected('not-a-token', 401, 'SSO_TOKEN_INVALID', null);
    await expectRejected('not-a-token', 401, 'SSO_TOKEN_INVALID');
  });

  test('user without a licence', async () => {
    const token = await provider.signAccessToken({
      email: 'stranger@example.com',
    });

    await expectRejected(token, 403, 'SSO_NO_LICENCE');
  });

  test('account without SSO', async () => {
    const { number } = await createAccount(service, { name: 'Passwort AG' });
    await inviteUser(service, number, 'carla@example.com');
    const token = await provider.signAccessToken({
      email: 'carla@example.com',
    });

    await expectRejected(token, 409, 'SSO_NOT_CONFIGURED', number);
  });

  test('tenant of no account', async () => {
    const token = await provider.signAccessToken({
      email: 'carla@example.com',
      tid: randomUUID(),
    });

    await expectRejected(token, 409, 'SSO_NOT_CONFIGURED', null);
  });

  test('provider unreachable', async () => {
    const tenantId = randomUUID();
    const { number } = await createAccount(service, { name: 'Offline' });
    await configureSso(
      service,
      number,
      ssoConfigOf(provider, {
        authority: `https://localhost:${await closedPort()}/${tenantId}`,
        tenantId,
      }),
    );
    const token = await provider.signAccessToken({
      email: 'carla@example.com',
      tid: tenantId,
    });

    await expectRejected(token, 502, 'SSO_PROVIDER_UNREACHABLE', number);
  });

  test('rejection is logged without the token', async () => {
    const token = await provider.signAccessToken({
      email: 'stranger@example.com',
    });
    logLines.length = 0;

    await ssoSignIn(service, token);

    const rejection = logLines
      .map((line) => JSON.parse(line))
      .find((entry) => entry.msg === 'SSO sign-in rejected');
    expect(rejection).toMatchObject({
      accountNumber,
      code: 'SSO_NO_LICENCE',
      reason: expect.stringContaining('stranger@example.com'),
    });
    expect(logLines.join('')).not.toContain(token);
    expect(logLines.join('')).not.toContain(token.split('.')[2]);
  });
});

describe('SSO sign-in with several accounts', () => {
  test('tenant of two accounts needs the account number', async () => {
    const { number } = await createAccount(service, { name: 'Nord Zwei' });
    await configureSso(service, number, ssoConfigOf(provider));
    await inviteUser(service, number, 'dora@example.com');
    const token = await provider.signAccessToken({ email: 'dora@example.com' });

    const without = await ssoSignIn(service, token);
    const withNumber = await ssoSignIn(service, token, number);

    expect(without.statusCode).toBe(409);
    expect(without.json().error.code).toBe('ACCOUNT_NUMBER_REQUIRED');
    expect(withNumber.statusCode).toBe(200);
    expect(withNumber.json().user.accountNumber).toBe(number);

    await adminRequest(service, 'DELETE', `/admin/v1/accounts/${number}/sso`);
  });
});

describe('SSO sign-in trust', () => {
  test('untrusted provider certificate is unreachable', async () => {
    const untrusting = await startTestService();
    try {
      const { number } = await createAccount(untrusting, { name: 'Nord' });
      await configureSso(untrusting, number, ssoConfigOf(provider));
      await inviteUser(untrusting, number, 'eva@example.com');
      const token = await provider.signAccessToken({
        email: 'eva@example.com',
      });

      const response = await ssoSignIn(untrusting, token);

      expect(response.statusCode).toBe(502);
      expect(response.json().error.code).toBe('SSO_PROVIDER_UNREACHABLE');
    } finally {
      await untrusting.close();
    }
  });
});
