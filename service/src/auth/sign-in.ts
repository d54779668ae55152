import type { SignInRequest } from '../../../contract/api';
import type { ServiceContext } from '../context';
import { normalizeEmail } from '../email-address';
import { failure, success, type ServiceResult } from '../errors';
import { loadAccountSso } from '../sso/sso-config';
import { verifyAgainstDummyHash, verifyPassword } from './passwords';
import type { SessionTokens } from './session-store';

const invalidCredentials = () =>
  failure<SessionTokens>(
    'INVALID_CREDENTIALS',
    'The email address and password do not match.',
  );

/**
 * Signs a person in with email and password. An unknown email and a wrong
 * password give the same response after the same amount of hashing work,
 * so that the response does not tell whether an address is registered.
 */
export async function signIn(
  context: ServiceContext,
  request: SignInRequest,
  clientIp: string,
): Promise<ServiceResult<SessionTokens>> {
  const email = normalizeEmail(request.email);

  const limit = await context.signInLimiter.check(email, clientIp);
  if (limit.limited) {
    return failure(
      'TOO_MANY_ATTEMPTS',
      `Too many failed sign-ins; try again in ${limit.retryAfterSeconds} seconds.`,
      { retryAfterSeconds: limit.retryAfterSeconds },
    );
  }

  const candidates = await context.db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select([
      'users.id',
      'users.password_hash',
      'accounts.id as account_id',
      'accounts.number as account_number',
      'accounts.sign_in_method',
    ])
    .where('users.email', '=', email)
    .where('users.password_hash', 'is not', null)
    .execute();

  if (candidates.length === 0) {
    await verifyAgainstDummyHash(request.password);
    return recordFailure(context, email, clientIp);
  }

  const verified = await Promise.all(
    candidates.map(async (candidate) => ({
      candidate,
      matches: await verifyPassword(candidate.password_hash!, request.password),
    })),
  );
  const matches = verified
    .filter((result) => result.matches)
    .map((result) => result.candidate);

  if (matches.length > 1 && request.accountNumber === undefined) {
    return failure(
      'ACCOUNT_NUMBER_REQUIRED',
      'The email address belongs to several accounts; send the account number too.',
      { field: 'accountNumber' },
    );
  }

  const match =
    request.accountNumber === undefined
      ? matches[0]
      : matches.find((user) => user.account_number === request.accountNumber);
  if (!match) return recordFailure(context, email, clientIp);

  await context.signInLimiter.clearEmail(email);

  // Checked only after the password matched, so that the answer tells no
  // one without the password how the account signs in.
  if (match.sign_in_method === 'sso') {
    const sso = await loadAccountSso(context.db, match.account_id);
    if (!sso?.passwordSignInAllowed) {
      return failure(
        'PASSWORD_SIGN_IN_DISABLED',
        `Account ${match.account_number} signs in with single sign-on only. Sign in with your organisation's account instead of the password.`,
      );
    }
  }

  return success(await context.sessions.start(match.id));
}

async function recordFailure(
  context: ServiceContext,
  email: string,
  clientIp: string,
) {
  await context.signInLimiter.record(email, clientIp);

  return invalidCredentials();
}
