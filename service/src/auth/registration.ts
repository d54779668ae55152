import type { RegistrationRequest } from '../../../contract/api';
import type { ServiceContext } from '../context';
import { failure, success, type ServiceResult } from '../errors';
import { findUsableInvitation } from '../invitations/invitation-lookup';
import { hashSetupToken } from '../invitations/setup-token';
import { validateDisplayName } from '../profile/text-fields';
import { checkPasswordRules, hashPassword } from './passwords';
import type { SessionTokens } from './session-store';
import { foldForSearch } from '../profile/name-key';

/**
 * Registers the person a setup link was sent to and signs them in.
 *
 * The password is hashed before the transaction, because hashing takes tens
 * of milliseconds. The transaction then consumes the invitation with a
 * conditional update, so that of several simultaneous attempts with one
 * link exactly one succeeds.
 */
export async function registerUser(
  context: ServiceContext,
  request: RegistrationRequest,
): Promise<ServiceResult<SessionTokens>> {
  const { db, now } = context;

  const found = await findUsableInvitation(db, request.token, now());
  if (!found.ok) return found;

  const { account, user } = found.value;
  if (account.sign_in_method === 'sso') {
    return failure(
      'INVITATION_SSO_REQUIRED',
      `Account ${account.number} signs in with single sign-on, so the setup link cannot set a password.`,
    );
  }

  const displayName = validateDisplayName(request.displayName);
  if (!displayName.ok) return displayName;

  const passwordRules = checkPasswordRules(request.password);
  if (!passwordRules.ok) return passwordRules;

  if (request.acceptedTermsVersion !== context.config.termsVersion) {
    return failure(
      'TERMS_NOT_ACCEPTED',
      `Registration requires accepting the terms version ${context.config.termsVersion}.`,
      { field: 'acceptedTermsVersion' },
    );
  }

  const passwordHash = await hashPassword(request.password);

  const tokens = await db.transaction().execute(async (transaction) => {
    const at = now().toISOString();
    const consumed = await transaction
      .updateTable('invitations')
      .set({ status: 'used', used_at: at })
      .where('token_hash', '=', hashSetupToken(request.token))
      .where('status', '=', 'pending')
      .where('expires_at', '>', at)
      .executeTakeFirst();
    if (consumed.numUpdatedRows !== 1n) return null;

    const registered = await transaction
      .updateTable('users')
      .set({
        display_name: displayName.value,
        name_key: foldForSearch(displayName.value),
        password_hash: passwordHash,
        locale: request.locale ?? user.locale,
        terms_version: request.acceptedTermsVersion,
        terms_accepted_at: at,
        registered_at: at,
      })
      .where('id', '=', user.id)
      .where('registered_at', 'is', null)
      .executeTakeFirst();
    if (registered.numUpdatedRows !== 1n) {
      throw new Error(
        `User ${user.id} had a pending invitation but is registered`,
      );
    }

    return context.sessions.start(user.id, transaction);
  });

  if (tokens) {
    context.logger.info(
      { userId: user.id, accountId: account.id },
      'User registered',
    );
    return success(tokens);
  }

  // Another request used the link first, or it expired meanwhile: read it
  // again to name its state.
  const after = await findUsableInvitation(db, request.token, now());
  if (!after.ok) return after;

  return failure(
    'INVITATION_USED',
    'The setup link was already used to register.',
  );
}
