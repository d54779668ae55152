import type { Kysely, Selectable } from 'kysely';
import {
  MAX_DISPLAY_NAME_LENGTH,
  type SsoSignInRequest,
} from '../../../contract/api';
import type { SessionTokens } from '../auth/session-store';
import type { ServiceContext } from '../context';
import type { AccountTable, Database, UserTable } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { normalizeEmail } from '../email-address';
import {
  failure,
  success,
  type ServiceFailure,
  type ServiceResult,
} from '../errors';
import { validateDisplayName } from '../profile/text-fields';
import { accountSsoOf, type AccountSso } from './sso-config';
import {
  unverifiedTenantOf,
  verifyProviderToken,
  type ProviderIdentity,
} from './token-verifier';
import { foldForSearch } from '../profile/name-key';

type AccountRow = Selectable<AccountTable>;
type UserRow = Selectable<UserTable>;

interface SsoAccount {
  account: AccountRow;
  sso: AccountSso;
}

interface VerifiedSignIn extends SsoAccount {
  identity: ProviderIdentity;
}

/**
 * Signs a person in with an access token from their identity provider. A
 * licensed user needs no registration: the first sign-in binds the token's
 * `oid` to the user, and later sign-ins find the user by it, even after
 * the person's email changed.
 */
export async function signInWithSso(
  context: ServiceContext,
  request: SsoSignInRequest,
): Promise<ServiceResult<SessionTokens>> {
  const accounts = await ssoAccountsFor(context.db, request);
  if (!accounts.ok) return rejected(context, request, null, accounts.error);

  const verified = await verifyForAccounts(
    context,
    accounts.value,
    request.accessToken,
  );
  if (!verified.ok) {
    const only = accounts.value.length === 1 ? accounts.value[0]! : null;
    return rejected(context, request, only?.account ?? null, verified.error);
  }

  const { account, identity } = verified.value;
  const user = await licensedUser(context.db, account, identity);
  if (!user.ok) return rejected(context, request, account, user.error);

  const tokens = await startSession(context, user.value, identity);
  if (!tokens) {
    return rejected(context, request, account, noLicence(account, identity));
  }

  context.logger.info(
    {
      userId: user.value.row.id,
      accountId: account.id,
      firstSignIn: user.value.firstSignIn,
    },
    'Signed in with SSO',
  );

  return success(tokens);
}

function rejected(
  context: ServiceContext,
  request: SsoSignInRequest,
  account: AccountRow | null,
  error: ServiceFailure,
): ServiceResult<never> {
  // The reason names the claim or the provider's failure, never the token.
  // An unreachable provider needs the operator, so it is a warning.
  const level = error.code === 'SSO_PROVIDER_UNREACHABLE' ? 'warn' : 'info';
  context.logger[level](
    {
      accountId: account?.id,
      accountNumber: account?.number ?? request.accountNumber,
      code: error.code,
      reason: error.message,
    },
    'SSO sign-in rejected',
  );

  return { ok: false, error };
}

/**
 * Returns the SSO account that the request names, or else the SSO accounts
 * of the token's tenant. The tenant is read unverified here, only to choose
 * the accounts whose settings then verify the token.
 */
async function ssoAccountsFor(
  db: Kysely<Database>,
  request: SsoSignInRequest,
): Promise<ServiceResult<SsoAccount[]>> {
  const query = db
    .selectFrom('accounts')
    .innerJoin(
      'account_sso_settings',
      'account_sso_settings.account_id',
      'accounts.id',
    )
    .selectAll()
    .where('accounts.sign_in_method', '=', 'sso');

  if (request.accountNumber !== undefined) {
    const row = await query
      .where('accounts.number', '=', request.accountNumber)
      .executeTakeFirst();
    if (!row) {
      return failure(
        'SSO_NOT_CONFIGURED',
        `Account ${request.accountNumber} does not sign in with single sign-on. Sign in with the email address and password, or check the account number.`,
        { field: 'accountNumber' },
      );
    }

    return success([splitRow(row)]);
  }

  const tenantId = unverifiedTenantOf(request.accessToken);
  if (tenantId === null) {
    return failure(
      'SSO_TOKEN_INVALID',
      'The token is not a JWT with a "tid" (tenant) claim.',
    );
  }

  const rows = await query
    .where('account_sso_settings.tenant_id', '=', tenantId)
    .orderBy('accounts.number')
    .execute();
  if (rows.length === 0) {
    return failure(
      'SSO_NOT_CONFIGURED',
      `No account signs in with single sign-on from tenant ${tenantId}. Ask the administrator to configure it.`,
    );
  }

  return success(rows.map(splitRow));
}

function splitRow(row: AccountRow & Parameters<typeof accountSsoOf>[0]) {
  const account: AccountRow = {
    id: row.id,
    number: row.number,
    name: row.name,
    default_locale: row.default_locale,
    sign_in_method: row.sign_in_method,
    created_at: row.created_at,
  };

  return { account, sso: accountSsoOf(row) };
}

/**
 * Verifies the token with the settings of each candidate account. Several
 * accounts of one tenant may accept it, and then the person must choose.
 */
async function verifyForAccounts(
  context: ServiceContext,
  accounts: SsoAccount[],
  token: string,
): Promise<ServiceResult<VerifiedSignIn>> {
  const results = [];
  for (const candidate of accounts) {
    const result = await verifyProviderToken(
      context.identityProviders,
      candidate.sso,
      token,
      context.now(),
    );
    results.push({ candidate, result });
  }

  const verified = results.filter((entry) => entry.result.ok);
  if (verified.length > 1) {
    return failure(
      'ACCOUNT_NUMBER_REQUIRED',
      'Several accounts sign in with this tenant; send the account number too.',
      { field: 'accountNumber' },
    );
  }

  const [first] = verified;
  if (!first) return results[0]!.result as ServiceResult<never>;

  const identity = (first.result as { value: ProviderIdentity }).value;

  return success({ ...first.candidate, identity });
}

function noLicence(
  account: AccountRow,
  identity: ProviderIdentity,
): ServiceFailure {
  return {
    code: 'SSO_NO_LICENCE',
    message: `${identity.email ?? 'The signed-in person'} has no licence in account ${account.number}. Ask the administrator to assign one.`,
  };
}

interface LicensedUser {
  row: UserRow;
  /** True when the user has no subject yet: this sign-in binds it. */
  firstSignIn: boolean;
}

/**
 * Finds the user that the identity belongs to: by the stored subject, or at
 * the first sign-in by the email.
 */
async function licensedUser(
  db: Kysely<Database>,
  account: AccountRow,
  identity: ProviderIdentity,
): Promise<ServiceResult<LicensedUser>> {
  const known = await db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', account.id)
    .where('sso_subject', '=', identity.oid)
    .executeTakeFirst();
  if (known) return success({ row: known, firstSignIn: false });

  if (identity.email === null) {
    return { ok: false, error: noLicence(account, identity) };
  }

  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', account.id)
    .where('email', '=', normalizeEmail(identity.email))
    .executeTakeFirst();
  // A user bound to another subject is another person with a reused email.
  if (!user || user.sso_subject !== null) {
    return { ok: false, error: noLicence(account, identity) };
  }

  return success({ row: user, firstSignIn: true });
}

/**
 * Starts the session, and at the first sign-in first binds the subject,
 * fills in the display name and registration time, and uses up a pending
 * invitation, all in one transaction. Returns null when a simultaneous
 * sign-in bound the user to another subject, or the subject to another
 * user, first.
 */
async function startSession(
  context: ServiceContext,
  user: LicensedUser,
  identity: ProviderIdentity,
): Promise<SessionTokens | null> {
  try {
    return await startSessionInTransaction(context, user, identity);
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

function startSessionInTransaction(
  context: ServiceContext,
  user: LicensedUser,
  identity: ProviderIdentity,
): Promise<SessionTokens | null> {
  return context.db.transaction().execute(async (transaction) => {
    if (user.firstSignIn) {
      const bound = await bindSubject(
        transaction,
        user.row,
        identity,
        context.now(),
      );
      if (!bound) {
        const after = await transaction
          .selectFrom('users')
          .select('sso_subject')
          .where('id', '=', user.row.id)
          .executeTakeFirstOrThrow();
        if (after.sso_subject !== identity.oid) return null;
      }

      await consumePendingInvitations(transaction, user.row, context);
    }

    return context.sessions.start(user.row.id, transaction);
  });
}

/**
 * Stores the subject, and the display name and registration time where
 * they are missing. False when another request bound the user first.
 */
async function bindSubject(
  db: Kysely<Database>,
  user: UserRow,
  identity: ProviderIdentity,
  now: Date,
): Promise<boolean> {
  const displayName = user.display_name ?? displayNameOf(identity, user.email);

  const result = await db
    .updateTable('users')
    .set({
      sso_subject: identity.oid,
      display_name: displayName,
      name_key: foldForSearch(displayName),
      registered_at: user.registered_at ?? now.toISOString(),
    })
    .where('id', '=', user.id)
    .where('sso_subject', 'is', null)
    .executeTakeFirst();

  return result.numUpdatedRows === 1n;
}

/** Returns the token's `name`, else the email, as a valid display name. */
function displayNameOf(identity: ProviderIdentity, email: string): string {
  if (identity.name !== null) {
    const name = validateDisplayName(identity.name);
    if (name.ok) return name.value;
  }

  // Stored emails have no spaces or control characters, so only the length
  // can make one an invalid display name.
  return [...email].slice(0, MAX_DISPLAY_NAME_LENGTH).join('');
}

async function consumePendingInvitations(
  db: Kysely<Database>,
  user: UserRow,
  context: ServiceContext,
) {
  const result = await db
    .updateTable('invitations')
    .set({ status: 'used', used_at: context.now().toISOString() })
    .where('user_id', '=', user.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();

  if (result.numUpdatedRows > 0n) {
    context.logger.info(
      { userId: user.id, usedCount: Number(result.numUpdatedRows) },
      'Invitation used by single sign-on',
    );
  }
}
