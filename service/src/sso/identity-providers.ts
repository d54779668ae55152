import {
  createRemoteJWKSet,
  customFetch,
  type FetchImplementation,
  type JWTVerifyGetKey,
} from 'jose';
import { ProviderUnreachableError, type ProviderFetch } from './provider-fetch';

/** Fields of a provider's OpenID discovery document that the service uses. */
export interface ProviderMetadata {
  /** `issuer` as the document states it, possibly with `{tenantid}`. */
  issuer: string;
  jwksUri: string;
}

export interface IdentityProviderOptions {
  fetch: ProviderFetch;
  /**
   * Minimum time between two key-set fetches that an unknown `kid`
   * triggers, so that tokens with made-up key ids cannot flood the
   * provider. jose's default is 30 seconds.
   */
  keySetCooldownMs?: number;
}

/** How long a discovery document and a key set are used before a refetch. */
const METADATA_MAX_AGE_MS = 60 * 60 * 1000;
const KEY_SET_MAX_AGE_MS = 10 * 60 * 1000;
const DEFAULT_KEY_SET_COOLDOWN_MS = 30 * 1000;

/**
 * Creates the cache of identity providers' discovery documents and key sets,
 * kept per authority and per key-set URL for the life of the service.
 */
export function createIdentityProviders(options: IdentityProviderOptions) {
  const metadataCache = new Map<
    string,
    { metadata: Promise<ProviderMetadata>; fetchedAt: number }
  >();
  const keySets = new Map<string, JWTVerifyGetKey>();

  /**
   * Returns the discovery document of an authority: Entra's form
   * `<authority>/v2.0/.well-known/openid-configuration` first, then the
   * standard `<authority>/.well-known/openid-configuration`.
   */
  function metadataOf(authority: string): Promise<ProviderMetadata> {
    const cached = metadataCache.get(authority);
    if (cached && Date.now() - cached.fetchedAt < METADATA_MAX_AGE_MS) {
      return cached.metadata;
    }

    const metadata = fetchMetadata(authority);
    metadataCache.set(authority, { metadata, fetchedAt: Date.now() });
    // A failure is not cached: the next sign-in tries again.
    metadata.catch(() => {
      if (metadataCache.get(authority)?.metadata === metadata) {
        metadataCache.delete(authority);
      }
    });

    return metadata;
  }

  async function fetchMetadata(authority: string): Promise<ProviderMetadata> {
    const urls = [
      `${authority}/v2.0/.well-known/openid-configuration`,
      `${authority}/.well-known/openid-configuration`,
    ];
    const reasons: string[] = [];

    for (const url of urls) {
      try {
        return metadataFrom(url, await options.fetch(url));
      } catch (error) {
        if (!(error instanceof ProviderUnreachableError)) throw error;
        reasons.push(error.message);
      }
    }

    throw new ProviderUnreachableError(
      `No OpenID discovery document for ${authority}: ${reasons.join('; ')}`,
    );
  }

  /** Returns the key resolver of a key-set URL, which jose keeps fresh. */
  function keySetOf(jwksUri: string): JWTVerifyGetKey {
    let keySet = keySets.get(jwksUri);
    if (!keySet) {
      const fetchKeySet: FetchImplementation = async (url, init) =>
        Response.json(await options.fetch(url, init.signal));

      keySet = createRemoteJWKSet(new URL(jwksUri), {
        cacheMaxAge: KEY_SET_MAX_AGE_MS,
        cooldownDuration:
          options.keySetCooldownMs ?? DEFAULT_KEY_SET_COOLDOWN_MS,
        [customFetch]: fetchKeySet,
      });
      keySets.set(jwksUri, keySet);
    }

    return keySet;
  }

  return { metadataOf, keySetOf };
}

export type IdentityProviders = ReturnType<typeof createIdentityProviders>;

function metadataFrom(url: string, document: unknown): ProviderMetadata {
  const { issuer, jwks_uri: jwksUri } = (document ?? {}) as Record<
    string,
    unknown
  >;

  if (typeof issuer !== 'string' || issuer === '') {
    throw new ProviderUnreachableError(`${url} has no "issuer".`);
  }

  if (
    typeof jwksUri !== 'string' ||
    URL.parse(jwksUri)?.protocol !== 'https:'
  ) {
    throw new ProviderUnreachableError(`${url} has no https "jwks_uri".`);
  }

  return { issuer, jwksUri };
}
