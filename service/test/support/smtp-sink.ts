import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Envelope senders and recipients, in order of arrival. */
  envelopes: Array<{ from: string; to: string[] }>;
  close(): Promise<void>;
}

/** Starts an SMTP server on 127.0.0.1 that keeps every message it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const envelopes: SmtpSink['envelopes'] = [];

  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, no login.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          envelopes.push({
            from: session.envelope.mailFrom
              ? session.envelope.mailFrom.address
              : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
          });
          callback();
        })
        .catch(callback);
    },
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    envelopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
