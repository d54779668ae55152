import { createLogger } from '../../../service/src/logger';
import { startTestService, type AdminCliRun } from '../../support/test-service';

export interface RunningService {
  url: string;
  dataDir: string;
  /**
   * Runs the admin CLI against this service's data, as an administrator
   * would. It runs asynchronously so that the SMTP sink in this process can
   * respond to the CLI while it sends.
   */
  admin(...args: string[]): Promise<AdminCliRun>;
  /** Runs the admin CLI with `--json` and returns its parsed output; throws on failure. */
  adminJson<T = unknown>(...args: string[]): Promise<T>;
  /**
   * Moves a person's pending invitation back in time, as if it had been sent
   * `ageMs` ago. The service keeps its real clock; only the stored dates move.
   */
  ageInvitation(email: string, ageMs: number): Promise<void>;
  /** Stops the service and deletes its data folder. */
  close(): Promise<void>;
}

/**
 * Starts the reference service on a fresh data folder and database,
 * sending email over SMTP to `smtpUrl` and listening on a free loopback
 * port.
 */
export async function startService(options: {
  smtpUrl: string;
  /** More MITELONE_* settings, such as MITELONE_EXTRA_CA_FILE. */
  env?: Record<string, string>;
}): Promise<RunningService> {
  const service = await startTestService({
    listen: true,
    env: { MITELONE_SMTP_URL: options.smtpUrl, ...options.env },
    logger: createLogger('warn'),
  });
  const { db } = service.database;

  return {
    url: service.url,
    dataDir: service.dataDir,
    admin: service.adminCli,
    async adminJson<T>(...args: string[]) {
      const result = await service.adminCli(...args, '--json');
      if (result.status !== 0) {
        throw new Error(
          `admin ${args.join(' ')} failed (${result.status}): ${result.stderr}`,
        );
      }
      return JSON.parse(result.stdout) as T;
    },
    async ageInvitation(email, ageMs) {
      const rows = await db
        .selectFrom('invitations')
        .innerJoin('users', 'users.id', 'invitations.user_id')
        .select([
          'invitations.id',
          'invitations.created_at',
          'invitations.expires_at',
        ])
        .where('users.email', '=', email.toLowerCase())
        .where('invitations.status', '=', 'pending')
        .execute();
      if (rows.length !== 1) {
        throw new Error(`${rows.length} pending invitations for ${email}`);
      }

      const [row] = rows as [(typeof rows)[number]];
      const shift = (iso: string) =>
        new Date(Date.parse(iso) - ageMs).toISOString();
      await db
        .updateTable('invitations')
        .set({
          created_at: shift(row.created_at),
          expires_at: shift(row.expires_at),
        })
        .where('id', '=', row.id)
        .execute();
    },
    close: () => service.close(),
  };
}
