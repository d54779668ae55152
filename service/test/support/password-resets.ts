import { setTimeout as sleep } from 'node:timers/promises';
import type { ParsedMail } from 'mailparser';
import type { SmtpSink } from './smtp-sink';
import type { TestService } from './test-service';

const resetLinkPattern = /https?:\/\/[^\s/]+\/reset\/([A-Za-z0-9_-]{43})/;
const codePattern = /^\s+([0-9]{6})$/m;

/**
 * Waits until the sink has received a message to `to` after the first
 * `skip` messages, because reset emails go out after the response.
 */
export async function waitForMail(
  sink: SmtpSink,
  to: string,
  skip = 0,
): Promise<ParsedMail> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const index = sink.envelopes.findIndex(
      (envelope, position) => position >= skip && envelope.to.includes(to),
    );
    if (index >= 0) return sink.messages[index]!;

    await sleep(20);
  }

  throw new Error(`No email to ${to} arrived within 10 seconds`);
}

/** Returns the token of the link and the code of a reset email. */
export function resetProofOf(mail: ParsedMail): {
  token: string;
  code: string;
} {
  const token = mail.text?.match(resetLinkPattern)?.[1];
  const code = mail.text?.match(codePattern)?.[1];
  if (!token || !code) {
    throw new Error(`No reset link or code in the email "${mail.subject}"`);
  }

  return { token, code };
}

export function requestReset(
  service: TestService,
  body: object,
  ip = '127.0.0.1',
) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/password-resets',
    payload: body,
    remoteAddress: ip,
  });
}

export function checkReset(service: TestService, body: object) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/password-resets/check',
    payload: body,
  });
}

export function completeReset(service: TestService, body: object) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/password-resets/complete',
    payload: body,
  });
}

/** Returns a code of the same length that differs from `code`. */
export function wrongCodeFor(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
