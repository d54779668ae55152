import type {
  PasswordResetCompletion,
  PasswordResetProof,
} from '../../../contract/api';
import { checkPasswordRules, hashPassword } from '../auth/passwords';
import type { SessionTokens } from '../auth/session-store';
import type { ServiceContext } from '../context';
import { failure, success, type ServiceResult } from '../errors';
import { MAX_RESET_CODE_ATTEMPTS } from './reset-secrets';
import { findProvenReset, resetStateFailure } from './reset-proof';

/**
 * Sets a new password with a reset and signs the person in. The password's
 * rules are checked before the proof, so that a rejected password costs no
 * code attempt. Consuming the reset is a conditional update, so that of
 * several simultaneous completions exactly one succeeds. Every earlier
 * session of the user ends, because someone who knew the old password may
 * hold one.
 */
export async function completePasswordReset(
  context: ServiceContext,
  request: PasswordResetCompletion,
): Promise<ServiceResult<SessionTokens>> {
  const rules = checkPasswordRules(request.newPassword);
  if (!rules.ok) {
    return { ok: false, error: { ...rules.error, field: 'newPassword' } };
  }

  const found = await findProvenReset(context, proofOf(request));
  if (!found.ok) return found;

  const reset = found.value;
  const passwordHash = await hashPassword(request.newPassword);

  const completed = await context.db
    .transaction()
    .execute(async (transaction) => {
      const at = context.now().toISOString();
      const consumed = await transaction
        .updateTable('password_resets')
        .set({ used_at: at })
        .where('id', '=', reset.id)
        .where('used_at', 'is', null)
        .where('ended_at', 'is', null)
        .where('expires_at', '>', at)
        .where('failed_attempts', '<', MAX_RESET_CODE_ATTEMPTS)
        .executeTakeFirst();
      if (consumed.numUpdatedRows !== 1n) return null;

      await transaction
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', reset.user_id)
        .execute();

      const revoked = await transaction
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('user_id', '=', reset.user_id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();

      const tokens = await context.sessions.start(reset.user_id, transaction);

      return { tokens, revokedCount: Number(revoked.numUpdatedRows) };
    });

  if (!completed) return lostRace(context, reset.id);

  await context.signInLimiter.clearEmail(reset.email);
  context.logger.info(
    {
      userId: reset.user_id,
      resetId: reset.id,
      revokedCount: completed.revokedCount,
    },
    'Password reset completed',
  );

  return success(completed.tokens);
}

function proofOf(request: PasswordResetCompletion): PasswordResetProof {
  return 'token' in request
    ? { token: request.token }
    : { email: request.email, code: request.code };
}

/**
 * Names why the reset could not be consumed after it was found usable:
 * another request used it first, or it expired or was locked meanwhile.
 */
async function lostRace(
  context: ServiceContext,
  resetId: string,
): Promise<ServiceResult<never>> {
  const reset = await context.db
    .selectFrom('password_resets')
    .selectAll()
    .where('id', '=', resetId)
    .executeTakeFirstOrThrow();

  const unusable = resetStateFailure(reset, context.now());
  if (unusable) return { ok: false, error: unusable };

  return failure(
    'RESET_USED',
    'This reset was already used to set a new password. Sign in with it, or request a new reset email.',
  );
}
