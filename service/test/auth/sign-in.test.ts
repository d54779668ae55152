import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import {
  GOOD_PASSWORD,
  createAccount,
  registeredUser,
} from '../support/invitations';
import { configureSso, entraSsoConfig } from '../support/sso';

const ssoConfig = entraSsoConfig();

let service: TestService;
let accountNumber: string;

beforeAll(async () => {
  service = await startTestService();
  ({ number: accountNumber } = await createAccount(service, {
    name: 'Nord GmbH',
  }));
  await registeredUser(service, accountNumber, 'anna@example.com', 'Anna');
});

afterAll(() => service.close());

function signIn(password: string, ip: string) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/sessions',
    payload: { email: 'anna@example.com', password },
    remoteAddress: ip,
  });
}

describe('password sign-in of an SSO account', () => {
  test('right password is PASSWORD_SIGN_IN_DISABLED', async () => {
    await configureSso(service, accountNumber, ssoConfig);

    const response = await signIn(GOOD_PASSWORD, '10.3.0.1');

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('PASSWORD_SIGN_IN_DISABLED');
  });

  test('wrong password stays INVALID_CREDENTIALS', async () => {
    await configureSso(service, accountNumber, ssoConfig);

    const response = await signIn('Wrong-Password-1', '10.3.0.2');

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  test('allowed password signs in', async () => {
    await configureSso(service, accountNumber, {
      ...ssoConfig,
      passwordSignInAllowed: true,
    });

    const response = await signIn(GOOD_PASSWORD, '10.3.0.3');

    expect(response.statusCode).toBe(200);
    expect(response.json().user.email).toBe('anna@example.com');
  });
});
