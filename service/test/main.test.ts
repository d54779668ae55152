import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabaseUrl } from '../../tests/support/test-service';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const serviceMain = resolve(import.meta.dirname, '../src/main.ts');

type LogEntry = Record<string, unknown> & { msg?: string };

/**
 * Collects the JSON log lines of a child process. `next` waits for the
 * first line whose message starts with `message`.
 */
function readLog(child: ChildProcess) {
  const entries: LogEntry[] = [];
  const waiters = new Set<() => void>();
  let output = '';

  createInterface({ input: child.stdout! }).on('line', (line) => {
    output += `${line}\n`;
    try {
      entries.push(JSON.parse(line) as LogEntry);
    } catch {
      return;
    }
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  function next(message: string): Promise<LogEntry> {
    return new Promise((found, failed) => {
      const check = () => {
        const entry = entries.find((candidate) =>
          candidate.msg?.startsWith(message),
        );
        if (!entry) return;

        waiters.delete(check);
        child.off('close', closed);
        found(entry);
      };
      const closed = (code: number | null) =>
        failed(
          new Error(
            `the service exited with code ${code} before "${message}":\n${output}`,
          ),
        );
      waiters.add(check);
      child.once('close', closed);
      check();
    });
  }

  return { entries, next };
}

describe('service command', () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabaseUrl>>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mitelone-main-'));
    database = await createTestDatabaseUrl();
  });

  afterAll(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('starts from environment, stops on SIGTERM', async () => {
    const adminToken = randomBytes(24).toString('base64url');
    const child = spawn(process.execPath, [tsxCli, serviceMain], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        MITELONE_DATA_DIR: dataDir,
        MITELONE_HOST: '127.0.0.1',
        MITELONE_PORT: '0',
        MITELONE_ADMIN_TOKEN: adminToken,
        MITELONE_DATABASE_URL: database.url,
        MITELONE_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // 'close' comes after the output is read to its end, unlike 'exit'.
    const exited = new Promise<number | null>((done) =>
      child.once('close', (code) => done(code)),
    );
    const log = readLog(child);

    try {
      const listening = await log.next('Service listening');
      const origin = String(listening.address);
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(listening.publicUrl).toBe(origin);
      expect(listening.email).toBe('outbox');
      expect(listening.adminTokenFile).toBeUndefined();

      const health = await fetch(`${origin}/health`);
      expect(health.status).toBe(200);

      const withoutToken = await fetch(`${origin}/admin/v1/accounts`);
      expect(withoutToken.status).toBe(401);
      const created = await fetch(`${origin}/admin/v1/accounts`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${adminToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'Example Ltd', number: '7654321' }),
      });
      expect(created.status).toBe(201);
    } finally {
      child.kill('SIGTERM');
    }

    expect(await exited).toBe(0);
    expect(log.entries.map((entry) => entry.msg)).toContain('Service stopped');
  });
});
