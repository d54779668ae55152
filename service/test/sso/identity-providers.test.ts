import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import { createAccount, inviteUser } from '../support/invitations';
import {
  startKeySetServer,
  type KeySetServer,
} from '../support/key-set-server';
import { configureSso, ssoSignIn } from '../support/sso';

const COOLDOWN_MS = 1000;

let keyServer: KeySetServer;
let service: TestService;
let accountNumber: string;
let firstKey: string;

beforeAll(async () => {
  keyServer = await startKeySetServer();
  firstKey = await keyServer.createKey();
  keyServer.publish(firstKey);

  service = await startTestService({
    env: { MITELONE_EXTRA_CA_FILE: keyServer.certificates.caCertFile },
    ssoKeySetCooldownMs: COOLDOWN_MS,
  });
  ({ number: accountNumber } = await createAccount(service, {
    name: 'Rotation GmbH',
  }));
  await configureSso(service, accountNumber, {
    authority: keyServer.authority,
    tenantId: keyServer.tenantId,
    clientId: 'desktop-app',
    apiScope: `${keyServer.audience}/access_as_user`,
    passwordSignInAllowed: false,
  });

  for (const email of ['first@example.com', 'second@example.com']) {
    await inviteUser(service, accountNumber, email);
  }
});

afterAll(async () => {
  await service.close();
  await keyServer.close();
});

describe('identity provider keys', () => {
  test('standard discovery path is the fallback', async () => {
    const token = await keyServer.signAccessToken(
      firstKey,
      'first@example.com',
    );

    const response = await ssoSignIn(service, token);

    expect(response.statusCode).toBe(200);
    expect(keyServer.keySetRequests()).toBe(1);
  });

  test('key set is cached between sign-ins', async () => {
    const token = await keyServer.signAccessToken(
      firstKey,
      'first@example.com',
    );

    const response = await ssoSignIn(service, token);

    expect(response.statusCode).toBe(200);
    expect(keyServer.keySetRequests()).toBe(1);
  });

  test('rotated key is accepted after the refresh', async () => {
    const newKey = await keyServer.createKey();
    keyServer.publish(newKey);
    const token = await keyServer.signAccessToken(newKey, 'second@example.com');

    // Within the cooldown an unknown kid does not fetch the key set again.
    const early = await ssoSignIn(service, token);
    expect(early.json().error.code).toBe('SSO_TOKEN_INVALID');
    expect(keyServer.keySetRequests()).toBe(1);

    await sleep(COOLDOWN_MS + 100);
    const later = await ssoSignIn(service, token);

    expect(later.statusCode).toBe(200);
    expect(later.json().user.email).toBe('second@example.com');
    expect(keyServer.keySetRequests()).toBe(2);
  });
});
