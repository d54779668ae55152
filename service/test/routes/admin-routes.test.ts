import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import { isAdminToken } from '../../src/routes/admin-routes';
import {
  adminRequest,
  createAccount,
  inviteUser,
} from '../support/invitations';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});

afterAll(() => service.close());

describe('admin API authorization', () => {
  test.each([
    ['missing token', {}],
    ['wrong token', { authorization: 'Bearer wrong-token' }],
    ['empty bearer', { authorization: 'Bearer ' }],
    ['basic scheme', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
  ])('%s is ADMIN_UNAUTHORIZED', async (_case, headers) => {
    const response = await service.app.inject({
      method: 'POST',
      url: '/admin/v1/accounts',
      headers,
      payload: { name: 'Should not exist' },
    });

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('ADMIN_UNAUTHORIZED');
    const accounts = await service.database.db
      .selectFrom('accounts')
      .select('id')
      .where('name', '=', 'Should not exist')
      .execute();
    expect(accounts).toEqual([]);
  });

  test('compares tokens of any length', () => {
    expect(isAdminToken('secret', 'secret')).toBe(true);
    expect(isAdminToken('secre', 'secret')).toBe(false);
    expect(isAdminToken('', 'secret')).toBe(false);
  });
});

describe('admin API', () => {
  test('creates and lists accounts', async () => {
    const account = await createAccount(service, {
      name: 'Kanzlei Weber',
      number: '1234567',
      defaultLocale: 'en',
    });
    expect(account).toMatchObject({
      number: '1234567',
      name: 'Kanzlei Weber',
      defaultLocale: 'en',
    });

    const list = await adminRequest(service, 'GET', '/admin/v1/accounts');
    expect(list.json()).toContainEqual(account);
  });

  test('duplicate number is ACCOUNT_EXISTS', async () => {
    const response = await adminRequest(service, 'POST', '/admin/v1/accounts', {
      name: 'Copy',
      number: '1234567',
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('ACCOUNT_EXISTS');
  });

  test('licence for unknown account is ACCOUNT_NOT_FOUND', async () => {
    const response = await adminRequest(
      service,
      'POST',
      '/admin/v1/accounts/7654321/licences',
      { email: 'x@example.com' },
    );

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ACCOUNT_NOT_FOUND');
  });

  test('invalid email is EMAIL_INVALID', async () => {
    const response = await adminRequest(
      service,
      'POST',
      '/admin/v1/accounts/1234567/licences',
      { email: 'not an email' },
    );

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('EMAIL_INVALID');
  });

  test('resend for unknown user is USER_NOT_FOUND', async () => {
    const response = await adminRequest(
      service,
      'POST',
      '/admin/v1/accounts/1234567/invitations/resend',
      { email: 'ghost@example.com' },
    );

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('USER_NOT_FOUND');
  });

  test('lists users with invitation state', async () => {
    await inviteUser(service, '1234567', 'lena@example.com', 'de');

    const response = await adminRequest(
      service,
      'GET',
      '/admin/v1/accounts/1234567/users',
    );

    expect(response.json()).toEqual([
      {
        id: expect.any(String),
        email: 'lena@example.com',
        displayName: null,
        locale: 'de',
        registered: false,
        invitation: { status: 'pending', expiresAt: expect.any(String) },
      },
    ]);
  });
});

describe('admin API single sign-on', () => {
  const tenantId = '3f6a1c52-8d0e-4b7a-9c21-5e4d3b2a1f00';
  const config = {
    authority: tenantId,
    tenantId,
    clientId: 'desktop-app',
    apiScope: 'api://mitelone/access_as_user',
  };
  let number: string;

  beforeAll(async () => {
    ({ number } = await createAccount(service, { name: 'SSO AG' }));
  });

  const putSso = (body: object, accountNumber = number) =>
    adminRequest(
      service,
      'PUT',
      `/admin/v1/accounts/${accountNumber}/sso`,
      body,
    );

  test('PUT sets SSO and the sign-in method', async () => {
    const response = await putSso(config);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      number,
      signInMethod: 'sso',
      sso: {
        authority: `https://login.microsoftonline.com/${tenantId}`,
        tenantId,
        clientId: 'desktop-app',
        apiScope: 'api://mitelone/access_as_user',
        passwordSignInAllowed: false,
      },
    });
    expect(response.json().sso.audience).toBeUndefined();

    const list = await adminRequest(service, 'GET', '/admin/v1/accounts');
    expect(list.json()).toContainEqual(response.json());
  });

  test('PUT again replaces the settings', async () => {
    const response = await putSso({
      ...config,
      authority: 'https://idp.example.com/realms/uc/',
      audience: 'api://uc',
      passwordSignInAllowed: true,
    });

    expect(response.json().sso).toEqual({
      authority: 'https://idp.example.com/realms/uc',
      tenantId,
      clientId: 'desktop-app',
      apiScope: 'api://mitelone/access_as_user',
      audience: 'api://uc',
      passwordSignInAllowed: true,
    });
  });

  test.each([
    ['authority', { authority: 'ftp://idp.example.com' }],
    ['authority', { authority: '00000000-0000-4000-8000-000000000000' }],
    ['audience', { apiScope: 'access_as_user' }],
    ['clientId', { clientId: 'two words' }],
  ])('invalid %s is VALIDATION_FAILED', async (field, change) => {
    const response = await putSso({ ...config, ...change });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field,
    });
  });

  test('missing client id is VALIDATION_FAILED', async () => {
    const response = await putSso({ ...config, clientId: undefined });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('clientId');
  });

  test('unknown account is ACCOUNT_NOT_FOUND', async () => {
    const response = await putSso(config, '7654320');

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ACCOUNT_NOT_FOUND');
  });

  test('DELETE returns to passwords', async () => {
    await putSso(config);

    const response = await adminRequest(
      service,
      'DELETE',
      `/admin/v1/accounts/${number}/sso`,
    );

    expect(response.statusCode).toBe(200);
    expect(response.json().signInMethod).toBe('password');
    expect(response.json().sso).toBeUndefined();
    const settings = await service.database.db
      .selectFrom('account_sso_settings')
      .selectAll()
      .execute();
    expect(settings).toEqual([]);
  });
});
