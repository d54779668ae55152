import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// This module must not import vitest, because the benchmarks use it
// outside the test runner.

/** Envelope sender and recipients of one message, as the SMTP client sent them. */
export interface SmtpEnvelope {
  from: string;
  to: string[];
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for MITELONE_SMTP_URL. */
  url: string;
  /** Every message received, parsed, in order of arrival. */
  messages: ParsedMail[];
  /** The envelope of each message in `messages`, at the same index. */
  envelopes: SmtpEnvelope[];
  /**
   * Waits for the first message to `recipient` that no earlier
   * `nextMessage` call returned. Addresses match without regard to case.
   */
  nextMessage(recipient: string, timeoutMs?: number): Promise<ParsedMail>;
  /**
   * Waits for the first message to `recipient` after the first `count`
   * messages, where `count` is a `messages.length` read before the request
   * that sends it.
   */
  messageAfter(
    count: number,
    recipient: string,
    timeoutMs?: number,
  ): Promise<ParsedMail>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Starts an SMTP server on 127.0.0.1 that keeps every message it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const envelopes: SmtpEnvelope[] = [];
  const arrivalListeners = new Set<() => void>();
  const returned = new Set<number>();

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
          for (const notify of arrivalListeners) notify();
          callback();
        })
        .catch(callback);
    },
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  function isFor(index: number, recipient: string): boolean {
    const address = recipient.toLowerCase();
    return envelopes[index]!.to.some((to) => to.toLowerCase() === address);
  }

  /**
   * Resolves with the first message whose index `accept` takes, now or on
   * arrival. With `claim`, later `nextMessage` calls skip that message.
   */
  function waitFor(
    accept: (index: number) => boolean,
    recipient: string,
    timeoutMs: number,
    claim = false,
  ): Promise<ParsedMail> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const index = messages.findIndex((_, position) => accept(position));
        if (index < 0) return;

        // Claimed at once, so that a waiter checked next cannot take it too.
        if (claim) returned.add(index);
        clearTimeout(timer);
        arrivalListeners.delete(check);
        resolve(messages[index]!);
      };
      const timer = setTimeout(() => {
        arrivalListeners.delete(check);
        reject(new Error(`No email to ${recipient} within ${timeoutMs} ms`));
      }, timeoutMs);
      arrivalListeners.add(check);
      check();
    });
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    envelopes,
    nextMessage(recipient, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const accept = (index: number) =>
        !returned.has(index) && isFor(index, recipient);
      return waitFor(accept, recipient, timeoutMs, true);
    },
    messageAfter(count, recipient, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const accept = (index: number) =>
        index >= count && isFor(index, recipient);
      return waitFor(accept, recipient, timeoutMs);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
