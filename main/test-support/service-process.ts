import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import type {
  InvitationSent,
  ServiceInfo,
  SsoConfig,
} from '../../contract/api';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const serviceMain = path.join(root, 'service', 'src', 'main.ts');

/** Number of the account in which every test user gets a licence. */
export const ACCOUNT_NUMBER = '7654321';

const setupTokenPattern = /\/setup\/([A-Za-z0-9_-]{43})/;

/**
 * The reference service in a process of its own, started like an
 * installation: from its command with `MITELONE_*` variables, on a fresh
 * data folder and a free port of 127.0.0.1, with emails written to the
 * outbox folder. Tests reach it over HTTP only, the admin API included.
 */
export interface ServiceProcess {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Sends an admin API request with the service's admin token. */
  admin<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: object,
  ): Promise<{ status: number; body: T }>;
  /** Sets the single sign-on of the test account through the admin API. */
  configureSso(config: SsoConfig): Promise<void>;
  /** Assigns a licence in the test account and returns the setup token of its email. */
  invite(email: string): Promise<string>;
  /** Invites and registers a user who signs in with `password`. */
  addPasswordUser(email: string, password: string): Promise<void>;
  /** Returns the names of the emails in the outbox so far, for `nextEmailTo`. */
  outboxMark(): Promise<Set<string>>;
  /** Waits for an email to `email` that is not in `mark` and returns it. */
  nextEmailTo(email: string, mark: Set<string>): Promise<ParsedMail>;
  close(): Promise<void>;
}

export interface ServiceProcessOptions {
  /** PEM file of a CA that the service trusts for identity providers. */
  extraCaFile?: string;
}

/** Resolves with the address from the service's "Service listening" log line. */
function readListeningAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output += `${line}\n`;
      try {
        const entry = JSON.parse(line) as { msg?: string; address?: string };
        if (entry.msg?.startsWith('Service listening') && entry.address) {
          resolve(entry.address);
        }
      } catch {
        // Not a log line of the service.
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the service exited with code ${code}:\n${output}`)),
    );
  });
}

export async function startServiceProcess(
  options: ServiceProcessOptions = {},
): Promise<ServiceProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mitelone-main-service-'));
  const adminToken = randomBytes(24).toString('base64url');
  const env: Record<string, string | undefined> = {
    ...process.env,
    MITELONE_DATA_DIR: dataDir,
    MITELONE_HOST: '127.0.0.1',
    MITELONE_PORT: '0',
    MITELONE_ADMIN_TOKEN: adminToken,
    MITELONE_LOG_LEVEL: 'info',
    MITELONE_SMTP_URL: undefined,
    MITELONE_PUBLIC_URL: undefined,
    MITELONE_DATABASE_URL: undefined,
    MITELONE_EXTRA_CA_FILE: options.extraCaFile,
  };

  const child = spawn(process.execPath, [tsx, serviceMain], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let origin: string;
  try {
    origin = await readListeningAddress(child);
  } catch (error) {
    child.kill();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  // The log keeps flowing; unread output would fill the pipe and stall it.
  child.stdout!.resume();
  child.stderr!.resume();
  const outbox = path.join(dataDir, 'outbox');

  async function admin<T>(
    method: string,
    url: string,
    body?: object,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${origin}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as T,
    };
  }

  async function expectStatus<T>(
    expected: number,
    method: 'POST' | 'PUT',
    url: string,
    body: object,
  ): Promise<T> {
    const result = await admin<T>(method, url, body);
    if (result.status !== expected) {
      throw new Error(
        `${method} ${url} returned ${result.status}: ${JSON.stringify(result.body)}`,
      );
    }
    return result.body;
  }

  await expectStatus(201, 'POST', '/admin/v1/accounts', {
    name: 'Example Ltd',
    number: ACCOUNT_NUMBER,
    defaultLocale: 'en',
  });

  async function invite(email: string): Promise<string> {
    const sent = await expectStatus<InvitationSent>(
      201,
      'POST',
      `/admin/v1/accounts/${ACCOUNT_NUMBER}/licences`,
      { email },
    );
    if (sent.delivery.kind !== 'outbox') {
      throw new Error('the service must write emails to its outbox');
    }
    const mail = await simpleParser(await readFile(sent.delivery.file));
    const token = setupTokenPattern.exec(mail.text ?? '')?.[1];
    if (!token) throw new Error(`no setup link in ${sent.delivery.file}`);
    return token;
  }

  return {
    origin,
    admin,
    invite,

    async addPasswordUser(email, password) {
      const token = await invite(email);
      const info = (await (
        await fetch(`${origin}/v1/info`)
      ).json()) as ServiceInfo;
      const response = await fetch(`${origin}/v1/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          token,
          displayName: email,
          password,
          acceptedTermsVersion: info.terms.version,
        }),
      });
      if (response.status !== 201) {
        throw new Error(
          `registering ${email} returned ${response.status}: ${await response.text()}`,
        );
      }
    },

    async configureSso(config) {
      await expectStatus(
        200,
        'PUT',
        `/admin/v1/accounts/${ACCOUNT_NUMBER}/sso`,
        config,
      );
    },

    async outboxMark() {
      return new Set(await readdir(outbox).catch(() => []));
    },

    async nextEmailTo(email, mark) {
      // The service sends emails after its response, so this polls.
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const files = await readdir(outbox).catch(() => [] as string[]);
        for (const file of files.filter((name) => !mark.has(name))) {
          const mail = await simpleParser(
            await readFile(path.join(outbox, file)),
          );
          const to = JSON.stringify(mail.to ?? '').toLowerCase();
          if (to.includes(email.toLowerCase())) {
            return mail;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no email to ${email} in ${outbox} within 10 seconds`);
    },

    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(forced);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
