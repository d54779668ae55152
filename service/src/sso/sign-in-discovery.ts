import type { DiscoveryRequest, SignInDiscovery } from '../../../contract/api';
import type { ServiceContext } from '../context';
import { normalizeEmail } from '../email-address';
import { failure, success, type ServiceResult } from '../errors';
import { loadAccountSso, ssoSettingsOf } from './sso-config';

/**
 * Response for a password user and for an email without a licence alike,
 * so that it reveals nothing about such emails.
 */
const passwordOnly: SignInDiscovery = { methods: ['password'] };

/**
 * Returns how an email signs in: with SSO (and the settings MSAL needs), or
 * with a password. Every request counts against a limit per client IP,
 * because the response reveals which emails are SSO users.
 */
export async function discoverSignIn(
  context: ServiceContext,
  request: DiscoveryRequest,
  clientIp: string,
): Promise<ServiceResult<SignInDiscovery>> {
  const limit = await context.discoveryLimiter.check(null, clientIp);
  if (limit.limited) {
    return failure(
      'TOO_MANY_ATTEMPTS',
      `Too many sign-in lookups from this address; try again in ${limit.retryAfterSeconds} seconds.`,
      { retryAfterSeconds: limit.retryAfterSeconds },
    );
  }
  await context.discoveryLimiter.record(null, clientIp);

  let query = context.db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select([
      'users.password_hash',
      'accounts.id as account_id',
      'accounts.number as account_number',
      'accounts.sign_in_method',
    ])
    .where('users.email', '=', normalizeEmail(request.email));
  if (request.accountNumber !== undefined) {
    query = query.where('accounts.number', '=', request.accountNumber);
  }
  const licences = await query.execute();

  if (licences.length > 1 && request.accountNumber === undefined) {
    return failure(
      'ACCOUNT_NUMBER_REQUIRED',
      'The email address has licences in several accounts; send the account number too.',
      { field: 'accountNumber' },
    );
  }

  const [licence] = licences;
  if (!licence || licence.sign_in_method !== 'sso') {
    return success(passwordOnly);
  }

  const sso = await loadAccountSso(context.db, licence.account_id);
  if (!sso) {
    throw new Error(`SSO account ${licence.account_id} has no SSO settings`);
  }

  const withPassword =
    sso.passwordSignInAllowed && licence.password_hash !== null;

  return success({
    methods: withPassword ? ['sso', 'password'] : ['sso'],
    accountNumber: licence.account_number,
    sso: ssoSettingsOf(sso),
  });
}
