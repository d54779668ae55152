import { SignJWT, errors, jwtVerify } from 'jose';

/** Lifetime of an access token: 15 minutes. */
export const ACCESS_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

const ISSUER = 'mitelone-service';
const AUDIENCE = 'mitelone-api';

export interface AccessTokenClaims {
  userId: string;
  /** Session family; sign-out revokes it, which ends the token at once. */
  familyId: string;
}

export async function signAccessToken(
  key: Uint8Array,
  claims: AccessTokenClaims,
  issuedAt: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(issuedAt.getTime() + ACCESS_TOKEN_LIFETIME_MS);
  const token = await new SignJWT({ sid: claims.familyId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);

  return { token, expiresAt };
}

/** Returns the claims of a valid token, or null for any invalid one. */
export async function verifyAccessToken(
  key: Uint8Array,
  token: string,
  now: Date,
): Promise<AccessTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['sub', 'sid', 'exp'],
    });

    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
      return null;
    }

    return { userId: payload.sub, familyId: payload.sid };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
