import { execFile } from 'node:child_process';
import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A certificate authority made for one test run and a server certificate it
 * signed for localhost, 127.0.0.1 and ::1. Both are valid for two days.
 */
export interface TestCertificates {
  /** Temporary folder that contains the PEM files. */
  dir: string;
  /** PEM file of the CA, for NODE_EXTRA_CA_CERTS or an https.Agent's `ca`. */
  caCertFile: string;
  caCertPem: string;
  serverKeyPem: string;
  serverCertPem: string;
  /**
   * Base64 SHA-256 of the server key's SubjectPublicKeyInfo, for Chromium's
   * --ignore-certificate-errors-spki-list.
   */
  serverSpkiHash: string;
  remove(): Promise<void>;
}

// A config of its own keeps the result independent of the system's
// openssl.cnf, whose default extensions differ between distributions.
const OPENSSL_CONFIG = `
[req]
distinguished_name = subject

[subject]

[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

const KEY_ARGS = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
const VALIDITY_DAYS = '2';

/** Creates a CA and a localhost server certificate with openssl. */
export async function createTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'mitel-one-test-ca-'));
  const path = (name: string) => join(dir, name);

  try {
    await writeFile(path('openssl.cnf'), OPENSSL_CONFIG);
    await createCertificateAuthority(path);
    await createServerCertificate(path);

    // Nothing may sign further certificates that the tests would trust.
    await rm(path('ca-key.pem'));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const serverKeyPem = await readFile(path('server-key.pem'), 'utf8');

  return {
    dir,
    caCertFile: path('ca-cert.pem'),
    caCertPem: await readFile(path('ca-cert.pem'), 'utf8'),
    serverKeyPem,
    serverCertPem: await readFile(path('server-cert.pem'), 'utf8'),
    serverSpkiHash: spkiHash(serverKeyPem),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

async function createCertificateAuthority(path: (name: string) => string) {
  await openssl([
    'req',
    '-x509',
    '-config',
    path('openssl.cnf'),
    '-extensions',
    'ca',
    ...KEY_ARGS,
    '-nodes',
    '-keyout',
    path('ca-key.pem'),
    '-out',
    path('ca-cert.pem'),
    '-days',
    VALIDITY_DAYS,
    '-subj',
    '/CN=Mitel One test CA',
  ]);
}

async function createServerCertificate(path: (name: string) => string) {
  await openssl([
    'req',
    '-new',
    '-config',
    path('openssl.cnf'),
    ...KEY_ARGS,
    '-nodes',
    '-keyout',
    path('server-key.pem'),
    '-out',
    path('server.csr'),
    '-subj',
    '/CN=localhost',
  ]);

  await openssl([
    'x509',
    '-req',
    '-in',
    path('server.csr'),
    '-CA',
    path('ca-cert.pem'),
    '-CAkey',
    path('ca-key.pem'),
    '-set_serial',
    `0x${randomBytes(16).toString('hex')}`,
    '-days',
    VALIDITY_DAYS,
    '-extfile',
    path('openssl.cnf'),
    '-extensions',
    'server',
    '-out',
    path('server-cert.pem'),
  ]);
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'openssl not found: install it (Debian: apt-get install openssl) to create the test certificates',
      );
    }
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim()}`, {
      cause: error,
    });
  }
}

function spkiHash(privateKeyPem: string): string {
  const spki = createPublicKey(privateKeyPem).export({
    type: 'spki',
    format: 'der',
  });
  return createHash('sha256').update(spki).digest('base64');
}
