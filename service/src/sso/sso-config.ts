import type { Kysely, Selectable } from 'kysely';
import type { SsoConfig, SsoSettings } from '../../../contract/api';
import type { AccountSsoSettingsTable, Database } from '../db/schema';
import { failure, success, type ServiceResult } from '../errors';

/** Host of Entra ID's authorities, which MSAL trusts without configuration. */
export const ENTRA_HOST = 'login.microsoftonline.com';

/** An account's single sign-on settings, as stored. */
export interface AccountSso {
  /** Authority URL without a trailing slash. */
  authority: string;
  tenantId: string;
  clientId: string;
  apiScope: string;
  /** As configured; null means the default of `audienceOf`. */
  audience: string | null;
  passwordSignInAllowed: boolean;
}

type SettingsRow = Selectable<AccountSsoSettingsTable>;

const guidPattern =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Identifiers and scopes are single words: no spaces or control characters. */
const wordPattern = /^[^\s\p{Cc}]+$/u;

/**
 * Checks an administrator's SSO configuration and brings it into the stored
 * form: a bare Entra tenant id as authority becomes
 * `https://login.microsoftonline.com/<tenant>`, and a URL loses its
 * trailing slash.
 */
export function validateSsoConfig(input: SsoConfig): ServiceResult<AccountSso> {
  const tenantId = input.tenantId.trim();
  const clientId = input.clientId.trim();
  const apiScope = input.apiScope.trim();
  const audience = input.audience?.trim() || null;

  for (const [field, value] of [
    ['tenantId', tenantId],
    ['clientId', clientId],
    ['apiScope', apiScope],
  ] as const) {
    if (!wordPattern.test(value)) {
      return failure(
        'VALIDATION_FAILED',
        `The ${field} must be one word without spaces, not "${value}".`,
        { field },
      );
    }
  }

  if (audience !== null && !wordPattern.test(audience)) {
    return failure(
      'VALIDATION_FAILED',
      `The audience must be one word without spaces, not "${audience}".`,
      { field: 'audience' },
    );
  }

  const authority = normalizeAuthority(input.authority.trim(), tenantId);
  if (!authority.ok) return authority;

  if (audience === null && defaultAudience(apiScope) === null) {
    return failure(
      'VALIDATION_FAILED',
      `The API scope "${apiScope}" has no path segment to remove, so the audience of the access tokens cannot be derived from it. Give the audience, such as api://mitelone or the API's client id.`,
      { field: 'audience' },
    );
  }

  return success({
    authority: authority.value,
    tenantId,
    clientId,
    apiScope,
    audience,
    passwordSignInAllowed: input.passwordSignInAllowed ?? false,
  });
}

function normalizeAuthority(
  authority: string,
  tenantId: string,
): ServiceResult<string> {
  if (guidPattern.test(authority)) {
    if (authority.toLowerCase() !== tenantId.toLowerCase()) {
      return failure(
        'VALIDATION_FAILED',
        `The authority is the tenant id ${authority}, but the tenant id is ${tenantId}. Give the same tenant id for both.`,
        { field: 'authority' },
      );
    }

    return success(`https://${ENTRA_HOST}/${authority}`);
  }

  const url = URL.parse(authority);
  if (!url || url.protocol !== 'https:') {
    return failure(
      'VALIDATION_FAILED',
      `The authority must be an Entra tenant id (a GUID) or the https URL of an OpenID Connect issuer, such as https://${ENTRA_HOST}/<tenant id>; "${authority}" is neither.`,
      { field: 'authority' },
    );
  }

  if (url.search || url.hash || url.username || url.password) {
    return failure(
      'VALIDATION_FAILED',
      `The authority URL must have no query, fragment or credentials: "${authority}".`,
      { field: 'authority' },
    );
  }

  return success(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

/**
 * Returns the audience that a scope such as `api://mitelone/access_as_user`
 * implies: the scope without its last path segment (`api://mitelone`), or
 * null when the scope has no such segment.
 */
export function defaultAudience(apiScope: string): string | null {
  const match = apiScope.match(/^([a-z][a-z0-9+.-]*:\/\/[^/]+.*)\/[^/]+$/i);

  return match ? match[1]! : null;
}

/** Returns the audience that the account's access tokens must carry. */
export function audienceOf(sso: AccountSso): string {
  // validateSsoConfig rejects a configuration without either.
  return sso.audience ?? defaultAudience(sso.apiScope)!;
}

/** Returns what the desktop app needs to run MSAL for the account. */
export function ssoSettingsOf(sso: AccountSso): SsoSettings {
  const host = new URL(sso.authority).host;

  return {
    authority: sso.authority,
    tenantId: sso.tenantId,
    clientId: sso.clientId,
    // MSAL adds openid, profile and offline_access by itself.
    scopes: [sso.apiScope],
    // MSAL trusts Entra's hosts. Any other host must be listed, or MSAL
    // sends it to Microsoft's instance discovery.
    knownAuthorities: host === ENTRA_HOST ? [] : [host],
  };
}

/** Returns the configuration as the admin API shows it. */
export function ssoConfigOf(sso: AccountSso): SsoConfig {
  return {
    authority: sso.authority,
    tenantId: sso.tenantId,
    clientId: sso.clientId,
    apiScope: sso.apiScope,
    ...(sso.audience === null ? {} : { audience: sso.audience }),
    passwordSignInAllowed: sso.passwordSignInAllowed,
  };
}

export function accountSsoOf(row: SettingsRow): AccountSso {
  return {
    authority: row.authority,
    tenantId: row.tenant_id,
    clientId: row.client_id,
    apiScope: row.api_scope,
    audience: row.audience,
    passwordSignInAllowed: row.password_sign_in_allowed === 1,
  };
}

export function settingsRowOf(
  accountId: string,
  sso: AccountSso,
  updatedAt: string,
): SettingsRow {
  return {
    account_id: accountId,
    authority: sso.authority,
    tenant_id: sso.tenantId,
    client_id: sso.clientId,
    api_scope: sso.apiScope,
    audience: sso.audience,
    password_sign_in_allowed: sso.passwordSignInAllowed ? 1 : 0,
    updated_at: updatedAt,
  };
}

/** Loads an account's SSO settings, or undefined when it has none. */
export async function loadAccountSso(
  db: Kysely<Database>,
  accountId: string,
): Promise<AccountSso | undefined> {
  const row = await db
    .selectFrom('account_sso_settings')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();

  return row && accountSsoOf(row);
}
