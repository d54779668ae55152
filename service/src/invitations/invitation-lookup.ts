import type { Kysely, Selectable } from 'kysely';
import type {
  AccountTable,
  Database,
  InvitationTable,
  UserTable,
} from '../db/schema';
import {
  failure,
  success,
  type ServiceFailure,
  type ServiceResult,
} from '../errors';
import { hashSetupToken, isInvitationExpired } from './setup-token';

export interface InvitationRecord {
  invitation: Selectable<InvitationTable>;
  user: Selectable<UserTable>;
  account: Selectable<AccountTable>;
}

/**
 * Finds the invitation of a setup token and checks that it can still be
 * used. Reading never consumes it: mail scanners open links before people
 * do.
 */
export async function findUsableInvitation(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<ServiceResult<InvitationRecord>> {
  const record = await findInvitation(db, token);
  if (!record) {
    return failure(
      'INVITATION_NOT_FOUND',
      'No invitation has this setup token. Check that the whole link was copied.',
    );
  }

  const unusable = invitationStateFailure(record.invitation, now);
  if (unusable) return { ok: false, error: unusable };

  return success(record);
}

/** Finds the invitation of a setup token, whatever its state. */
export async function findInvitation(
  db: Kysely<Database>,
  token: string,
): Promise<InvitationRecord | undefined> {
  const invitation = await db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', hashSetupToken(token))
    .executeTakeFirst();
  if (!invitation) return undefined;

  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', invitation.user_id)
    .executeTakeFirstOrThrow();

  const account = await db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', user.account_id)
    .executeTakeFirstOrThrow();

  return { invitation, user, account };
}

/**
 * Returns why an invitation cannot be used, or null while it is pending and
 * `now` is before its expiry.
 */
export function invitationStateFailure(
  invitation: Pick<
    Selectable<InvitationTable>,
    'status' | 'created_at' | 'expires_at'
  >,
  now: Date,
): ServiceFailure | null {
  switch (invitation.status) {
    case 'used':
      return {
        code: 'INVITATION_USED',
        message:
          'The setup link was already used to register. Sign in with the email address and password instead.',
      };
    case 'replaced':
      return {
        code: 'INVITATION_REPLACED',
        message:
          'A newer setup link was sent, which replaces this one. Use the link in the latest welcome email.',
      };
    case 'revoked':
      return {
        code: 'INVITATION_REVOKED',
        message: 'The administrator revoked this invitation.',
      };
    case 'pending':
      if (!isInvitationExpired(new Date(invitation.created_at), now)) {
        return null;
      }

      return {
        code: 'INVITATION_EXPIRED',
        message: `The setup link expired at ${invitation.expires_at}. Ask the administrator for a new one.`,
      };
  }
}
