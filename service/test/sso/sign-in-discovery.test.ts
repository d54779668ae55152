import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import {
  createAccount,
  inviteUser,
  registeredUser,
} from '../support/invitations';
import { configureSso, ENTRA_TENANT, entraSsoConfig } from '../support/sso';

const ssoConfig = entraSsoConfig({
  clientId: 'b1e2c3d4-0000-4000-8000-000000000001',
});

const expectedSettings = {
  authority: `https://login.microsoftonline.com/${ENTRA_TENANT}`,
  tenantId: ENTRA_TENANT,
  clientId: ssoConfig.clientId,
  scopes: ['api://mitelone/access_as_user'],
  knownAuthorities: [],
};

let service: TestService;
let passwordAccount: string;
let ssoAccount: string;
let mixedAccount: string;

beforeAll(async () => {
  service = await startTestService({
    signInLimits: { perEmail: 5, perIp: 4, windowMs: 15 * 60 * 1000 },
  });
  ({ number: passwordAccount } = await createAccount(service, {
    name: 'Passwort GmbH',
  }));
  ({ number: ssoAccount } = await createAccount(service, { name: 'SSO AG' }));
  ({ number: mixedAccount } = await createAccount(service, {
    name: 'Gemischt KG',
  }));

  await registeredUser(service, passwordAccount, 'pia@example.com', 'Pia');
  await inviteUser(service, ssoAccount, 'sam@example.com');
  // Registered with a password before the account turned to SSO.
  await registeredUser(service, mixedAccount, 'max@example.com', 'Max');
  await inviteUser(service, mixedAccount, 'mia@example.com');
  // The same person in two accounts.
  await registeredUser(service, passwordAccount, 'jo@example.com', 'Jo');
  await inviteUser(service, ssoAccount, 'jo@example.com');

  await configureSso(service, ssoAccount, ssoConfig);
  await configureSso(service, mixedAccount, {
    ...ssoConfig,
    passwordSignInAllowed: true,
  });
});

afterAll(() => service.close());

let nextIp = 1;

/** Sends a discovery from a new client IP, so that the limit stays apart. */
function discover(body: object, ip = `10.9.0.${nextIp++}`) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/sign-in/discover',
    payload: body,
    remoteAddress: ip,
  });
}

describe('sign-in discovery', () => {
  test('password user gets password', async () => {
    const response = await discover({ email: 'pia@example.com' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ methods: ['password'] });
  });

  test('unknown email looks like a password user', async () => {
    const known = await discover({ email: 'pia@example.com' });
    const unknown = await discover({ email: 'nobody@example.com' });

    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
  });

  test('SSO user gets the SSO settings', async () => {
    const response = await discover({ email: ' Sam@Example.com ' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      methods: ['sso'],
      accountNumber: ssoAccount,
      sso: expectedSettings,
    });
  });

  test('SSO with password allowed offers both', async () => {
    const response = await discover({ email: 'max@example.com' });

    expect(response.json()).toEqual({
      methods: ['sso', 'password'],
      accountNumber: mixedAccount,
      sso: expectedSettings,
    });
  });

  test('password allowed but none set offers SSO', async () => {
    const response = await discover({ email: 'mia@example.com' });

    expect(response.json().methods).toEqual(['sso']);
  });

  test('several accounts need the account number', async () => {
    const response = await discover({ email: 'jo@example.com' });

    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'ACCOUNT_NUMBER_REQUIRED',
      field: 'accountNumber',
    });
  });

  test('account number picks the account', async () => {
    const sso = await discover({
      email: 'jo@example.com',
      accountNumber: ssoAccount,
    });
    const password = await discover({
      email: 'jo@example.com',
      accountNumber: passwordAccount,
    });

    expect(sso.json()).toMatchObject({
      methods: ['sso'],
      accountNumber: ssoAccount,
    });
    expect(password.json()).toEqual({ methods: ['password'] });
  });

  test('account number without a licence looks unknown', async () => {
    const response = await discover({
      email: 'sam@example.com',
      accountNumber: passwordAccount,
    });

    expect(response.json()).toEqual({ methods: ['password'] });
  });

  test('limit per IP answers with Retry-After', async () => {
    const ip = '10.8.0.1';
    for (let index = 0; index < 4; index++) {
      expect(
        (await discover({ email: `x${index}@example.com` }, ip)).statusCode,
      ).toBe(200);
    }

    const limited = await discover({ email: 'sam@example.com' }, ip);

    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await discover({ email: 'sam@example.com' })).statusCode).toBe(200);
  });
});
