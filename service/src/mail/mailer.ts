import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { EmailDelivery } from '../../../contract/api';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Sends the email, or writes it to the outbox; throws when that fails. */
  send(email: OutgoingEmail): Promise<EmailDelivery>;
  close(): void;
}

export interface MailerOptions {
  /** `smtp://` or `smtps://` URL; null writes `.eml` files to `outboxDir`. */
  smtpUrl: string | null;
  from: string;
  outboxDir: string;
  now: () => Date;
}

/** Headers that ask auto-responders not to reply to the no-reply address. */
const automaticHeaders = {
  'Auto-Submitted': 'auto-generated',
  'X-Auto-Response-Suppress': 'All',
};

/**
 * Builds the nodemailer message. The recipient is an address object, in the
 * header and in the envelope, because nodemailer parses a string as an
 * address list, where `,` `;` and comments could name another mailbox.
 */
function messageOf(email: OutgoingEmail, from: string): SendMailOptions {
  const recipient = { name: '', address: email.to };

  return {
    ...email,
    from,
    to: recipient,
    envelope: { from, to: [recipient] },
    headers: automaticHeaders,
  };
}

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl
    ? createSmtpMailer(options.smtpUrl, options.from)
    : createOutboxMailer(options);
}

function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });

  return {
    async send(email) {
      const info = await transport.sendMail(messageOf(email, from));

      return { kind: 'smtp', messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

function createOutboxMailer(options: MailerOptions): Mailer {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });

  return {
    async send(email) {
      const info = await transport.sendMail(messageOf(email, options.from));

      // The file contains a live setup or reset link, so only the owner may
      // read it.
      await mkdir(options.outboxDir, { recursive: true, mode: 0o700 });
      const stamp = options.now().toISOString().replace(/[:.]/g, '-');
      const file = join(options.outboxDir, `${stamp}-${randomUUID()}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });

      return { kind: 'outbox', file };
    },
    close: () => transport.close(),
  };
}
