import { randomInt } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Logger } from 'pino';
import type {
  Account,
  AdminUser,
  InvitationSent,
  SsoConfig,
} from '../../../contract/api';
import type { Clock } from '../clock';
import type {
  AccountTable,
  Database,
  InvitationTable,
  Locale,
  UserTable,
} from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { validateEmail } from '../email-address';
import { failure, success, type ServiceResult } from '../errors';
import {
  createSetupToken,
  hashSetupToken,
  invitationExpiresAt,
  setupLinkUrl,
} from '../invitations/setup-token';
import type { Mailer } from '../mail/mailer';
import { composeWelcomeEmail } from '../mail/welcome-email';
import { newId } from '../secure-random';
import { foldForSearch } from '../profile/name-key';
import {
  accountSsoOf,
  settingsRowOf,
  ssoConfigOf,
  validateSsoConfig,
  type AccountSso,
} from '../sso/sso-config';

/** Licence type that `assignLicence` assigns, the only one the service has. */
export const STANDARD_LICENCE = 'standard';

const MAX_ACCOUNT_NAME_LENGTH = 200;

export interface AccountsConsoleDependencies {
  db: Kysely<Database>;
  mailer: Mailer;
  brand: string;
  /** Base of setup links, such as `https://uc.example.com`. */
  publicUrl: () => string;
  now: Clock;
  logger: Logger;
}

export interface CreateAccountInput {
  name: string;
  number?: string;
  defaultLocale?: string;
}

export interface InvitationInput {
  accountNumber: string;
  email: string;
  locale?: string;
}

type AccountRow = Selectable<AccountTable>;
type UserRow = Selectable<UserTable>;
type InvitationRow = Selectable<InvitationTable>;

/**
 * Creates the account administrator's operations (the "accounts console"
 * role), shared by the admin API and the admin CLI. Expected failures are
 * results with a code, and database and programming errors are thrown.
 */
export function createAccountsConsole(deps: AccountsConsoleDependencies) {
  const { db, now, logger } = deps;

  async function createAccount(
    input: CreateAccountInput,
  ): Promise<ServiceResult<Account>> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > MAX_ACCOUNT_NAME_LENGTH) {
      return failure(
        'VALIDATION_FAILED',
        `The account name must have 1 to ${MAX_ACCOUNT_NAME_LENGTH} characters.`,
        { field: 'name' },
      );
    }

    const locale = parseLocale(input.defaultLocale ?? 'de');
    if (!locale.ok) return locale;

    if (input.number !== undefined && !/^[0-9]{7}$/.test(input.number)) {
      return failure(
        'VALIDATION_FAILED',
        `An account number has exactly 7 digits; "${input.number}" does not.`,
        { field: 'number' },
      );
    }

    const number = input.number ?? (await unusedAccountNumber());
    const row: AccountRow = {
      id: newId(),
      number,
      name,
      default_locale: locale.value,
      sign_in_method: 'password',
      created_at: now().toISOString(),
    };

    try {
      await db.insertInto('accounts').values(row).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;

      return failure(
        'ACCOUNT_EXISTS',
        `An account with the number ${number} already exists.`,
        { field: 'number' },
      );
    }

    logger.info(
      { accountId: row.id, accountNumber: number },
      'Account created',
    );

    return success(toAccount(row, undefined));
  }

  async function unusedAccountNumber(): Promise<string> {
    for (;;) {
      const candidate = String(randomInt(1_000_000, 10_000_000));
      const existing = await db
        .selectFrom('accounts')
        .select('id')
        .where('number', '=', candidate)
        .executeTakeFirst();
      if (!existing) return candidate;
    }
  }

  async function listAccounts(): Promise<Account[]> {
    const rows = await db
      .selectFrom('accounts')
      .selectAll()
      .orderBy('number')
      .execute();
    const settings = await db
      .selectFrom('account_sso_settings')
      .selectAll()
      .execute();
    const ssoByAccount = new Map(
      settings.map((row) => [row.account_id, accountSsoOf(row)]),
    );

    return rows.map((row) => toAccount(row, ssoByAccount.get(row.id)));
  }

  /**
   * Makes the account sign in with single sign-on, or replaces its SSO
   * settings. Setup links of its users lead to SSO from then on.
   */
  async function setSso(
    accountNumber: string,
    input: SsoConfig,
  ): Promise<ServiceResult<Account>> {
    const account = await findAccount(accountNumber);
    if (!account.ok) return account;

    const sso = validateSsoConfig(input);
    if (!sso.ok) return sso;

    const row = settingsRowOf(account.value.id, sso.value, now().toISOString());
    await db.transaction().execute(async (transaction) => {
      await transaction
        .insertInto('account_sso_settings')
        .values(row)
        .onConflict((conflict) =>
          conflict.column('account_id').doUpdateSet({
            authority: row.authority,
            tenant_id: row.tenant_id,
            client_id: row.client_id,
            api_scope: row.api_scope,
            audience: row.audience,
            password_sign_in_allowed: row.password_sign_in_allowed,
            updated_at: row.updated_at,
          }),
        )
        .execute();

      await transaction
        .updateTable('accounts')
        .set({ sign_in_method: 'sso' })
        .where('id', '=', account.value.id)
        .execute();
    });

    logger.info(
      {
        accountId: account.value.id,
        authority: sso.value.authority,
        tenantId: sso.value.tenantId,
        passwordSignInAllowed: sso.value.passwordSignInAllowed,
      },
      'Single sign-on configured',
    );

    return success(
      toAccount({ ...account.value, sign_in_method: 'sso' }, sso.value),
    );
  }

  /**
   * Makes the account sign in with passwords again. Users who only ever
   * signed in with SSO have no password, so they set one with a password
   * reset.
   */
  async function clearSso(
    accountNumber: string,
  ): Promise<ServiceResult<Account>> {
    const account = await findAccount(accountNumber);
    if (!account.ok) return account;

    await db.transaction().execute(async (transaction) => {
      await transaction
        .deleteFrom('account_sso_settings')
        .where('account_id', '=', account.value.id)
        .execute();

      await transaction
        .updateTable('accounts')
        .set({ sign_in_method: 'password' })
        .where('id', '=', account.value.id)
        .execute();
    });

    logger.info(
      {
        accountId: account.value.id,
        previousSignInMethod: account.value.sign_in_method,
      },
      'Single sign-on removed',
    );

    return success(
      toAccount({ ...account.value, sign_in_method: 'password' }, undefined),
    );
  }

  async function assignLicence(
    input: InvitationInput,
  ): Promise<ServiceResult<InvitationSent>> {
    const target = await resolveTarget(input);
    if (!target.ok) return target;

    const { account, email } = target.value;
    const locale = parseLocale(input.locale ?? account.default_locale);
    if (!locale.ok) return locale;

    let user = await findUser(account.id, email);
    if (user?.registered_at) return alreadyRegistered(account, email);

    if (!user) {
      user = await insertUser(account, email, locale.value);
      if (!user) return alreadyRegistered(account, email);
    } else if (input.locale !== undefined && user.locale !== locale.value) {
      await db
        .updateTable('users')
        .set({ locale: locale.value })
        .where('id', '=', user.id)
        .execute();
      user = { ...user, locale: locale.value };
    }

    return sendInvitation(account, user);
  }

  async function resendInvitation(
    input: InvitationInput,
  ): Promise<ServiceResult<InvitationSent>> {
    const target = await resolveExistingUser(input);
    if (!target.ok) return target;

    return sendInvitation(target.value.account, target.value.user);
  }

  async function revokeInvitation(
    input: InvitationInput,
  ): Promise<ServiceResult<AdminUser>> {
    const target = await resolveExistingUser(input);
    if (!target.ok) return target;

    const { user } = target.value;
    const result = await db
      .updateTable('invitations')
      .set({ status: 'revoked', revoked_at: now().toISOString() })
      .where('user_id', '=', user.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();

    logger.info(
      { userId: user.id, revokedCount: Number(result.numUpdatedRows) },
      'Invitations revoked',
    );

    return success(toAdminUser(user, await latestInvitation(user.id), now()));
  }

  async function listUsers(
    accountNumber: string,
  ): Promise<ServiceResult<AdminUser[]>> {
    const account = await findAccount(accountNumber);
    if (!account.ok) return account;

    const users = await db
      .selectFrom('users')
      .selectAll()
      .where('account_id', '=', account.value.id)
      .orderBy('email')
      .execute();

    const checkedAt = now();
    const entries = await Promise.all(
      users.map(async (user) =>
        toAdminUser(user, await latestInvitation(user.id), checkedAt),
      ),
    );

    return success(entries);
  }

  async function findAccount(
    accountNumber: string,
  ): Promise<ServiceResult<AccountRow>> {
    if (!/^[0-9]{7}$/.test(accountNumber)) {
      return failure(
        'VALIDATION_FAILED',
        `An account number has exactly 7 digits; "${accountNumber}" does not.`,
        { field: 'accountNumber' },
      );
    }

    const account = await db
      .selectFrom('accounts')
      .selectAll()
      .where('number', '=', accountNumber)
      .executeTakeFirst();

    if (!account) {
      return failure(
        'ACCOUNT_NOT_FOUND',
        `No account has the number ${accountNumber}.`,
        { field: 'accountNumber' },
      );
    }

    return success(account);
  }

  async function resolveTarget(input: InvitationInput) {
    const account = await findAccount(input.accountNumber);
    if (!account.ok) return account;

    const email = validateEmail(input.email);
    if (!email.ok) return email;

    return success({ account: account.value, email: email.value });
  }

  async function resolveExistingUser(input: InvitationInput) {
    const target = await resolveTarget(input);
    if (!target.ok) return target;

    const { account, email } = target.value;
    const user = await findUser(account.id, email);
    if (!user) {
      return failure<never>(
        'USER_NOT_FOUND',
        `Account ${account.number} has no user with the email address ${email}.`,
        { field: 'email' },
      );
    }

    if (user.registered_at) return alreadyRegistered(account, email);

    return success({ account, user });
  }

  function findUser(accountId: string, email: string) {
    return db
      .selectFrom('users')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('email', '=', email)
      .executeTakeFirst();
  }

  /** Inserts a licensed user; undefined when another request was faster. */
  async function insertUser(
    account: AccountRow,
    email: string,
    locale: Locale,
  ): Promise<UserRow | undefined> {
    const row: UserRow = {
      id: newId(),
      account_id: account.id,
      email,
      display_name: null,
      name_key: foldForSearch(email),
      password_hash: null,
      status_message: '',
      locale,
      licence: STANDARD_LICENCE,
      terms_version: null,
      terms_accepted_at: null,
      registered_at: null,
      profile_completed_at: null,
      created_at: now().toISOString(),
      sso_subject: null,
    };

    try {
      await db.insertInto('users').values(row).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;

      const existing = await findUser(account.id, email);
      return existing?.registered_at ? undefined : existing;
    }

    logger.info(
      { userId: row.id, accountId: account.id, licence: row.licence },
      'Licence assigned',
    );

    return row;
  }

  /**
   * Replaces the user's pending invitations with a new one and sends the
   * welcome email. The new invitation is stored first: when the email
   * fails, the administrator resends, and no sent link points nowhere.
   */
  async function sendInvitation(
    account: AccountRow,
    user: UserRow,
  ): Promise<ServiceResult<InvitationSent>> {
    const token = createSetupToken();
    const createdAt = now();
    const expiresAt = invitationExpiresAt(createdAt);
    const invitationId = newId();

    const replaced = await db.transaction().execute(async (transaction) => {
      const result = await transaction
        .updateTable('invitations')
        .set({ status: 'replaced', replaced_at: createdAt.toISOString() })
        .where('user_id', '=', user.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();

      await transaction
        .insertInto('invitations')
        .values({
          id: invitationId,
          user_id: user.id,
          token_hash: hashSetupToken(token),
          status: 'pending',
          created_at: createdAt.toISOString(),
          expires_at: expiresAt.toISOString(),
          used_at: null,
          replaced_at: null,
          revoked_at: null,
        })
        .execute();

      return Number(result.numUpdatedRows) > 0;
    });

    logger.info(
      { userId: user.id, invitationId, replacedPendingInvitation: replaced },
      'Invitation created',
    );

    const setupLink = setupLinkUrl(deps.publicUrl(), token);
    const email = composeWelcomeEmail({
      brand: deps.brand,
      locale: user.locale,
      accountName: account.name,
      email: user.email,
      signInMethod: account.sign_in_method,
      setupLink,
      expiresAt,
    });

    try {
      const delivery = await deps.mailer.send({ to: user.email, ...email });
      logDelivery(user.id, invitationId, delivery, setupLink);

      return success({
        userId: user.id,
        email: user.email,
        expiresAt: expiresAt.toISOString(),
        delivery,
        replacedPendingInvitation: replaced,
      });
    } catch (error) {
      logger.error(
        { err: error, userId: user.id, invitationId },
        'Welcome email could not be sent',
      );

      return failure(
        'EMAIL_DELIVERY_FAILED',
        `The welcome email to ${user.email} could not be sent: ${(error as Error).message}`,
      );
    }
  }

  function logDelivery(
    userId: string,
    invitationId: string,
    delivery: InvitationSent['delivery'],
    setupLink: string,
  ) {
    if (delivery.kind === 'smtp') {
      logger.info(
        { userId, invitationId, messageId: delivery.messageId },
        'Welcome email sent',
      );
      return;
    }

    // The outbox is the development delivery: the file already contains
    // the link, so the log shows it too.
    logger.info(
      { userId, invitationId, file: delivery.file, setupLink },
      'Welcome email written to the outbox',
    );
  }

  /**
   * Returns the invitation the user's state depends on: the pending one if
   * any, else the newest, where a revoked or used one wins a tie with the
   * replaced one it followed.
   */
  async function latestInvitation(userId: string) {
    const invitations = await db
      .selectFrom('invitations')
      .selectAll()
      .where('user_id', '=', userId)
      .execute();

    const rank = (invitation: InvitationRow) =>
      invitation.status === 'pending'
        ? 2
        : invitation.status === 'replaced'
          ? 0
          : 1;

    return invitations.sort(
      (a, b) => rank(b) - rank(a) || b.created_at.localeCompare(a.created_at),
    )[0];
  }

  return {
    createAccount,
    listAccounts,
    setSso,
    clearSso,
    assignLicence,
    resendInvitation,
    revokeInvitation,
    listUsers,
  };
}

export type AccountsConsole = ReturnType<typeof createAccountsConsole>;

function parseLocale(value: string): ServiceResult<Locale> {
  const locale = value.trim().toLowerCase();
  if (locale === 'de' || locale === 'en') return success(locale);

  return failure(
    'VALIDATION_FAILED',
    `The language must be "de" or "en", not "${value}".`,
    { field: 'locale' },
  );
}

function alreadyRegistered(account: AccountRow, email: string) {
  return failure<never>(
    'USER_ALREADY_REGISTERED',
    `${email} has already registered in account ${account.number}, so there is no invitation to send or revoke.`,
    { field: 'email' },
  );
}

function toAccount(row: AccountRow, sso: AccountSso | undefined): Account {
  return {
    number: row.number,
    name: row.name,
    defaultLocale: row.default_locale,
    createdAt: row.created_at,
    signInMethod: row.sign_in_method,
    ...(sso ? { sso: ssoConfigOf(sso) } : {}),
  };
}

function toAdminUser(
  user: UserRow,
  invitation: InvitationRow | undefined,
  checkedAt: Date,
): AdminUser {
  const expired =
    invitation?.status === 'pending' &&
    invitation.expires_at <= checkedAt.toISOString();

  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    locale: user.locale,
    registered: user.registered_at !== null,
    invitation: invitation
      ? {
          status: expired ? 'expired' : invitation.status,
          expiresAt: invitation.expires_at,
        }
      : null,
  };
}
