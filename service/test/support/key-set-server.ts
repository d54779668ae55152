import { generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { SignJWT, exportJWK, type JWK } from 'jose';
import {
  createTestCertificates,
  type TestCertificates,
} from '../../../tests/support/test-ca';

const createKeyPair = promisify(generateKeyPair);

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

/**
 * An https server with an OpenID discovery document and a key set whose
 * keys a test changes, as a provider does when it rotates its keys. Its
 * discovery document is at the standard path only, not Entra's `/v2.0`.
 */
export interface KeySetServer {
  authority: string;
  issuer: string;
  tenantId: string;
  audience: string;
  certificates: TestCertificates;
  /** Number of key-set requests so far. */
  keySetRequests(): number;
  /** Creates a key that the server does not publish yet; returns its kid. */
  createKey(): Promise<string>;
  /** Adds a key to the published key set. */
  publish(kid: string): void;
  /** Signs an access token for `email`, with one oid per email, with the key `kid`. */
  signAccessToken(kid: string, email: string): Promise<string>;
  close(): Promise<void>;
}

export async function startKeySetServer(): Promise<KeySetServer> {
  const certificates = await createTestCertificates();
  const tenantId = randomUUID();
  const audience = 'api://key-set-test';
  const keys = new Map<string, SigningKey>();
  const published: string[] = [];
  const oids = new Map<string, string>();
  let keySetRequests = 0;

  const server = createServer({
    key: certificates.serverKeyPem,
    cert: certificates.serverCertPem,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const authority = `https://localhost:${port}/${tenantId}`;
  const issuer = authority;

  server.on('request', (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };

    if (request.url === `/${tenantId}/.well-known/openid-configuration`) {
      send(200, { issuer, jwks_uri: `${authority}/keys` });
    } else if (request.url === `/${tenantId}/keys`) {
      keySetRequests++;
      send(200, { keys: published.map((kid) => keys.get(kid)!.publicJwk) });
    } else {
      send(404, { error: 'not_found' });
    }
  });

  return {
    authority,
    issuer,
    tenantId,
    audience,
    certificates,
    keySetRequests: () => keySetRequests,
    async createKey() {
      const kid = randomUUID();
      const { privateKey, publicKey } = await createKeyPair('rsa', {
        modulusLength: 2048,
      });
      const publicJwk = {
        ...(await exportJWK(publicKey)),
        kid,
        alg: 'RS256',
        use: 'sig',
      };
      keys.set(kid, { kid, privateKey, publicJwk });

      return kid;
    },
    publish(kid) {
      published.push(kid);
    },
    signAccessToken(kid, email) {
      if (!oids.has(email)) oids.set(email, randomUUID());

      return new SignJWT({
        tid: tenantId,
        oid: oids.get(email),
        preferred_username: email,
        name: email,
      })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(keys.get(kid)!.privateKey);
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await certificates.remove();
    },
  };
}
