import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for MITELONE_SMTP_URL. */
  url: string;
  /** Resolves with the next message to `recipient`, parsed. */
  nextMessage(recipient: string, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/** Starts a real SMTP server on loopback that keeps every message it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: { recipients: string[]; mail: ParsedMail }[] = [];
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((rcpt) =>
        rcpt.address.toLowerCase(),
      );
      simpleParser(stream)
        .then((mail) => {
          received.push({ recipients, mail });
          for (const wake of waiters) wake();
          callback();
        })
        .catch(callback);
    },
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const delivered = new Set<number>();

  function take(recipient: string): ParsedMail | undefined {
    const index = received.findIndex(
      (entry, position) =>
        !delivered.has(position) && entry.recipients.includes(recipient),
    );
    if (index < 0) return undefined;
    delivered.add(index);
    return received[index]!.mail;
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    nextMessage(recipient, timeoutMs = 10_000) {
      const address = recipient.toLowerCase();
      return new Promise((resolve, reject) => {
        const check = () => {
          const mail = take(address);
          if (!mail) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No email to ${recipient} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
