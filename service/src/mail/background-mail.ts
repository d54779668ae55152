import type { Logger } from 'pino';
import type { Mailer, OutgoingEmail } from './mailer';

/**
 * Sends emails after the response has gone out, so that the response time
 * does not reveal whether an email was sent. Failures are logged, because
 * no one waits for them. `idle` lets the service finish sending before it
 * stops.
 */
export function createBackgroundMail(mailer: Mailer, logger: Logger) {
  const pending = new Set<Promise<void>>();

  /** Sends the email; `ids` and `kind` name it in the log lines. */
  function send(email: OutgoingEmail, kind: string, ids: object) {
    const sending = mailer
      .send(email)
      .then(
        (delivery) => logger.info({ ...ids, delivery }, `${kind} sent`),
        (error: unknown) =>
          logger.error({ err: error, ...ids }, `${kind} could not be sent`),
      )
      .finally(() => pending.delete(sending));

    pending.add(sending);
  }

  /** Resolves when every email sent so far was delivered or failed. */
  async function idle(): Promise<void> {
    while (pending.size > 0) await Promise.all(pending);
  }

  return { send, idle };
}

export type BackgroundMail = ReturnType<typeof createBackgroundMail>;
