import type { SessionGrant } from '../../../contract/api';
import type { SessionTokens } from '../auth/session-store';
import type { ServiceContext } from '../context';
import { loadUserProfile } from '../profile/user-profile';

/** Builds the response of every route that signs a person in. */
export async function sessionGrantOf(
  context: ServiceContext,
  tokens: SessionTokens,
): Promise<SessionGrant> {
  const user = await loadUserProfile(context.db, tokens.userId);
  if (!user) throw new Error(`Session for unknown user ${tokens.userId}`);

  return {
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshToken: tokens.refreshToken,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    user,
  };
}
