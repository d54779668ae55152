import { fork, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSmtpSink } from '../../tests/e2e/support/smtp-sink';
import { repositoryRoot } from './report';
import type {
  HostReply,
  HostRequest,
  HostStarted,
  ServiceUsage,
} from './service-messages';

export interface BenchService {
  url: string;
  /** Process id of the service process. */
  pid: number;
  adminJson<T = unknown>(...args: string[]): Promise<T>;
  usage(): Promise<ServiceUsage>;
  /** Creates an account with the admin CLI and returns its number. */
  createAccount(name: string): Promise<string>;
  /**
   * Assigns a licence with the admin CLI and returns the setup link of the
   * welcome email's button. Each link works for one registration.
   */
  invite(accountNumber: string, email: string): Promise<string>;
  close(): Promise<void>;
}

const hostFile = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'service-host.ts',
);

type Pending = Map<number, (reply: HostReply) => void>;
/** A request before the id is assigned; distributive over the union. */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

function request(
  child: ChildProcess,
  pending: Pending,
  message: HostRequest,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    pending.set(message.id, (reply) =>
      reply.ok ? resolve(reply.value) : reject(new Error(reply.message)),
    );
    child.send(message);
  });
}

function linkFromHtml(html: string, email: string): string {
  const link = /href="([^"]*\/setup\/[A-Za-z0-9_-]{43})"/.exec(html)?.[1];
  if (!link) throw new Error(`The welcome email to ${email} has no setup link`);
  return link;
}

export interface BenchServiceOptions {
  /** More MITELONE_* settings, such as MITELONE_EXTRA_CA_FILE. */
  env?: Record<string, string>;
}

/**
 * Starts the reference service in its own process (see service-host.ts) on a
 * fresh SQLite file, sending its email to an SMTP sink in this process.
 */
export async function startBenchService(
  options: BenchServiceOptions = {},
): Promise<BenchService> {
  const sink = await startSmtpSink();
  const child = fork(hostFile, [sink.url, JSON.stringify(options.env ?? {})], {
    cwd: repositoryRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending: Pending = new Map();
  let nextId = 1;

  const started = new Promise<HostStarted>((resolve, reject) => {
    pending.set(0, (reply) =>
      reply.ok
        ? resolve(reply.value as HostStarted)
        : reject(new Error(reply.message)),
    );
  });
  child.on('message', (reply: HostReply) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  child.once('exit', (code, signal) => {
    const message = `The service process exited (${signal ?? code})`;
    for (const [id, settle] of pending) settle({ id, ok: false, message });
    pending.clear();
  });

  const { url, dataDir } = await started;
  const call = (message: Unnumbered<HostRequest>) =>
    request(child, pending, { ...message, id: nextId++ } as HostRequest);
  const adminJson = <T>(...args: string[]) =>
    call({ type: 'admin', args }) as Promise<T>;

  return {
    url,
    pid: child.pid!,
    adminJson,
    usage: () => call({ type: 'usage' }) as Promise<ServiceUsage>,
    async createAccount(name) {
      const account = await adminJson<{ number: string }>(
        'account',
        'create',
        '--name',
        name,
        '--locale',
        'de',
      );
      return account.number;
    },
    async invite(accountNumber, email) {
      await adminJson(
        'licence',
        'assign',
        '--account',
        accountNumber,
        '--email',
        email,
      );
      // The sink keeps every message, so one that came first is found too.
      const message = await sink.nextMessage(email, 30_000);
      return linkFromHtml(String(message.html), email);
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        await call({ type: 'close' });
        await exited;
      }
      await sink.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates `count` setup links for `${prefix}-<n>@example.com`, four admin CLI
 * runs at a time, because each run starts a Node process of its own.
 */
export async function inviteMany(
  service: BenchService,
  accountNumber: string,
  prefix: string,
  count: number,
): Promise<string[]> {
  const links: string[] = new Array<string>(count);
  let next = 0;

  const worker = async () => {
    while (next < count) {
      const index = next++;
      links[index] = await service.invite(
        accountNumber,
        `${prefix}-${index + 1}@example.com`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, count) }, worker));
  return links;
}
