import type { Kysely } from 'kysely';
import {
  RESET_CODE_LENGTH,
  type PasswordResetRequest,
  type PasswordResetStarted,
} from '../../../contract/api';
import type { ServiceContext } from '../context';
import type { Database, Locale } from '../db/schema';
import { validateEmail } from '../email-address';
import { failure, success, type ServiceResult } from '../errors';
import { composePasswordResetEmail } from '../mail/password-reset-email';
import { newId } from '../secure-random';
import {
  createResetCode,
  createResetToken,
  hashResetCode,
  hashResetToken,
  resetExpiresAt,
  resetLinkUrl,
} from './reset-secrets';

interface ResetTarget {
  userId: string;
  email: string;
  locale: Locale;
  accountName: string;
}

/**
 * Starts a password reset for each registered password user with the email,
 * narrowed to one account by `accountNumber`. The response is the same
 * when there is no such user, and the emails go out after it, so that
 * neither the response nor its timing reveals whether the email has a
 * password.
 */
export async function requestPasswordReset(
  context: ServiceContext,
  request: PasswordResetRequest,
  clientIp: string,
): Promise<ServiceResult<PasswordResetStarted>> {
  const validEmail = validateEmail(request.email);
  if (!validEmail.ok) return validEmail;
  const email = validEmail.value;

  const limit = await context.resetLimiter.check(email, clientIp);
  if (limit.limited) {
    return failure(
      'TOO_MANY_ATTEMPTS',
      `Too many password resets were requested; try again in ${limit.retryAfterSeconds} seconds.`,
      { retryAfterSeconds: limit.retryAfterSeconds },
    );
  }
  await context.resetLimiter.record(email, clientIp);

  const createdAt = context.now();
  const expiresAt = resetExpiresAt(createdAt);
  await deleteOldResets(context.db, createdAt);

  const targets = await passwordUsersOf(
    context.db,
    email,
    request.accountNumber,
  );
  const codes = new Set<string>();

  for (const target of targets) {
    // Distinct codes, because a code is matched among all of the email's
    // resets.
    let code = createResetCode();
    while (codes.has(code)) code = createResetCode();
    codes.add(code);

    // The app sends the language it shows, which the person reads now.
    const locale = request.locale ?? target.locale;
    await startReset(
      context,
      { ...target, locale },
      code,
      createdAt,
      expiresAt,
    );
  }

  context.logger.info(
    { userCount: targets.length },
    'Password reset requested',
  );

  return success({
    codeLength: RESET_CODE_LENGTH,
    expiresAt: expiresAt.toISOString(),
  });
}

/** How long resets are kept after they expired, for their error messages. */
const EXPIRED_RESET_RETENTION_MS = 24 * 60 * 60 * 1000;

async function deleteOldResets(db: Kysely<Database>, now: Date) {
  await db
    .deleteFrom('password_resets')
    .where(
      'expires_at',
      '<',
      new Date(now.getTime() - EXPIRED_RESET_RETENTION_MS).toISOString(),
    )
    .execute();
}

/**
 * Returns the users who may set a new password: registered users of a
 * password account, and users with a password in an SSO account that still
 * allows passwords. A user of a password account without a password, who
 * signed in with SSO before the account changed, sets a first one this way.
 */
async function passwordUsersOf(
  db: Kysely<Database>,
  email: string,
  accountNumber: string | undefined,
): Promise<ResetTarget[]> {
  let query = db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .leftJoin(
      'account_sso_settings',
      'account_sso_settings.account_id',
      'accounts.id',
    )
    .select([
      'users.id as userId',
      'users.email',
      'users.locale',
      'users.password_hash',
      'accounts.name as accountName',
      'accounts.sign_in_method',
      'account_sso_settings.password_sign_in_allowed',
    ])
    .where('users.email', '=', email)
    .where('users.registered_at', 'is not', null);
  if (accountNumber !== undefined) {
    query = query.where('accounts.number', '=', accountNumber);
  }

  const rows = await query.execute();

  return rows
    .filter((row) =>
      row.sign_in_method === 'password'
        ? true
        : row.password_sign_in_allowed === 1 && row.password_hash !== null,
    )
    .map(({ userId, email, locale, accountName }) => ({
      userId,
      email,
      locale,
      accountName,
    }));
}

/**
 * Stores a new reset, which ends the user's earlier pending ones, and sends
 * its email in the background.
 */
async function startReset(
  context: ServiceContext,
  target: ResetTarget,
  code: string,
  createdAt: Date,
  expiresAt: Date,
) {
  const resetId = newId();
  const token = createResetToken();

  await context.db.transaction().execute(async (transaction) => {
    await transaction
      .updateTable('password_resets')
      .set({ ended_at: createdAt.toISOString() })
      .where('user_id', '=', target.userId)
      .where('used_at', 'is', null)
      .where('ended_at', 'is', null)
      .execute();

    await transaction
      .insertInto('password_resets')
      .values({
        id: resetId,
        user_id: target.userId,
        token_hash: hashResetToken(token),
        code_hash: hashResetCode(context.resetCodeKey, resetId, code),
        created_at: createdAt.toISOString(),
        expires_at: expiresAt.toISOString(),
        used_at: null,
        ended_at: null,
        failed_attempts: 0,
      })
      .execute();
  });

  const email = composePasswordResetEmail({
    brand: context.config.brand,
    locale: target.locale,
    accountName: target.accountName,
    email: target.email,
    resetLink: resetLinkUrl(context.publicUrl(), token),
    code,
    expiresAt,
  });

  context.backgroundMail.send({ to: target.email, ...email }, 'Reset email', {
    userId: target.userId,
    resetId,
  });
}
