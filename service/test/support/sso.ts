import { expect } from 'vitest';
import type { Account, SsoConfig } from '../../../contract/api';
import type { TestIdentityProvider } from '../../../tests/support/identity-provider';
import type { TestService } from '../../../tests/support/test-service';
import { adminRequest } from './invitations';

/** Id of an Entra ID tenant that tests configure but never contact. */
export const ENTRA_TENANT = '3f6a1c52-8d0e-4b7a-9c21-5e4d3b2a1f00';

/** Returns an SSO configuration that names ENTRA_TENANT by its id. */
export function entraSsoConfig(overrides: Partial<SsoConfig> = {}): SsoConfig {
  return {
    authority: ENTRA_TENANT,
    tenantId: ENTRA_TENANT,
    clientId: 'desktop-app',
    apiScope: 'api://mitelone/access_as_user',
    passwordSignInAllowed: false,
    ...overrides,
  };
}

/** Returns the SSO configuration of an account that trusts the test provider. */
export function ssoConfigOf(
  provider: TestIdentityProvider,
  overrides: Partial<SsoConfig> = {},
): SsoConfig {
  return {
    authority: provider.authority,
    tenantId: provider.tenantId,
    clientId: provider.clientId,
    apiScope: provider.apiScope,
    passwordSignInAllowed: false,
    ...overrides,
  };
}

/** Sets an account's SSO configuration through the admin API. */
export async function configureSso(
  service: TestService,
  accountNumber: string,
  config: SsoConfig,
): Promise<Account> {
  const response = await adminRequest(
    service,
    'PUT',
    `/admin/v1/accounts/${accountNumber}/sso`,
    config,
  );
  expect(response.statusCode).toBe(200);

  return response.json();
}

/** Exchanges an identity provider's access token for a service session. */
export function ssoSignIn(
  service: TestService,
  accessToken: string,
  accountNumber?: string,
) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/sessions/sso',
    payload: { accessToken, accountNumber },
  });
}
