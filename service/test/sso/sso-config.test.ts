import { describe, expect, test } from 'vitest';
import type { SsoConfig } from '../../../contract/api';
import {
  defaultAudience,
  ssoSettingsOf,
  validateSsoConfig,
} from '../../src/sso/sso-config';
import { ENTRA_TENANT, entraSsoConfig } from '../support/sso';

const base: SsoConfig = entraSsoConfig();

describe('validateSsoConfig', () => {
  test.each([
    [ENTRA_TENANT, `https://login.microsoftonline.com/${ENTRA_TENANT}`],
    [
      `https://login.microsoftonline.com/${ENTRA_TENANT}/`,
      `https://login.microsoftonline.com/${ENTRA_TENANT}`,
    ],
    [
      'https://idp.example.com:8443/realms/uc',
      'https://idp.example.com:8443/realms/uc',
    ],
    ['https://idp.example.com', 'https://idp.example.com'],
  ])('authority %s is stored as %s', (authority, stored) => {
    const result = validateSsoConfig({ ...base, authority });

    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ authority: stored }),
    });
  });

  test.each([
    ['http URL', { authority: 'http://idp.example.com/tenant' }, 'authority'],
    ['no URL', { authority: 'contoso' }, 'authority'],
    ['query', { authority: 'https://idp.example.com/?x=1' }, 'authority'],
    [
      'tenant differs from the authority',
      { tenantId: '00000000-0000-4000-8000-000000000000' },
      'authority',
    ],
    ['space in client id', { clientId: 'desktop app' }, 'clientId'],
    ['empty tenant', { tenantId: '  ' }, 'tenantId'],
    ['scope without segment', { apiScope: 'access_as_user' }, 'audience'],
    ['space in audience', { audience: 'api://a b' }, 'audience'],
  ])('%s is invalid', (_case, change, field) => {
    const result = validateSsoConfig({ ...base, ...change });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.field).toBe(field);
  });

  test('scope without segment works with an audience', () => {
    const result = validateSsoConfig({
      ...base,
      apiScope: 'access_as_user',
      audience: 'f0e1d2c3-0000-4000-8000-000000000002',
    });

    expect(result.ok).toBe(true);
  });
});

describe('defaultAudience', () => {
  test.each([
    ['api://mitelone/access_as_user', 'api://mitelone'],
    ['https://uc.example.com/api/user.read', 'https://uc.example.com/api'],
    ['api://mitelone', null],
    ['access_as_user', null],
  ])('%s gives %s', (scope, audience) => {
    expect(defaultAudience(scope)).toBe(audience);
  });
});

describe('ssoSettingsOf', () => {
  const stored = {
    tenantId: ENTRA_TENANT,
    clientId: 'desktop-app',
    apiScope: 'api://mitelone/access_as_user',
    audience: null,
    passwordSignInAllowed: false,
  };

  test('Entra authority has no known authorities', () => {
    const settings = ssoSettingsOf({
      ...stored,
      authority: `https://login.microsoftonline.com/${ENTRA_TENANT}`,
    });

    expect(settings).toEqual({
      authority: `https://login.microsoftonline.com/${ENTRA_TENANT}`,
      tenantId: ENTRA_TENANT,
      clientId: 'desktop-app',
      scopes: ['api://mitelone/access_as_user'],
      knownAuthorities: [],
    });
  });

  test.each([
    ['https://localhost:44321/tenant', 'localhost:44321'],
    ['https://idp.example.com/realms/uc', 'idp.example.com'],
  ])('%s is known as %s', (authority, host) => {
    expect(ssoSettingsOf({ ...stored, authority }).knownAuthorities).toEqual([
      host,
    ]);
  });
});
