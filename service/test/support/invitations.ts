import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { expect } from 'vitest';
import type {
  Account,
  InvitationSent,
  SessionGrant,
} from '../../../contract/api';
import type { SmtpSink } from '../../../tests/support/smtp-sink';
import type { TestService } from '../../../tests/support/test-service';

export const GOOD_PASSWORD = 'Kalender-Blau-47';

const setupLinkPattern = /https?:\/\/[^\s/]+\/setup\/([A-Za-z0-9_-]{43})/;

/** Sends a request to the admin API with the service's admin token. */
export function adminRequest(
  service: TestService,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  return service.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${service.config.adminToken}` },
    payload,
  });
}

export async function createAccount(
  service: TestService,
  body: { name: string; number?: string; defaultLocale?: 'de' | 'en' },
): Promise<Account> {
  const response = await adminRequest(
    service,
    'POST',
    '/admin/v1/accounts',
    body,
  );
  expect(response.statusCode).toBe(201);

  return response.json();
}

/** Returns the setup token of the link in an outbox `.eml` file. */
export async function readSetupToken(file: string): Promise<string> {
  const mail = await simpleParser(await readFile(file));
  const match = mail.text?.match(setupLinkPattern);
  if (!match) throw new Error(`No setup link in ${file}`);

  return match[1]!;
}

/**
 * Returns the setup token of a sent invitation: from its outbox file, or
 * from `sink` when the service sends over SMTP.
 */
export async function tokenOf(
  sent: InvitationSent,
  sink?: SmtpSink,
): Promise<string> {
  if (sent.delivery.kind === 'outbox') {
    return readSetupToken(sent.delivery.file);
  }

  const { messageId } = sent.delivery;
  const match = sink?.messages
    .find((message) => message.messageId === messageId)
    ?.text?.match(setupLinkPattern);
  if (!match) {
    throw new Error(
      'The test service must write emails to the outbox, or the SMTP sink must be passed',
    );
  }

  return match[1]!;
}

/** Assigns a licence through the admin API; returns the invitation's token. */
export async function inviteUser(
  service: TestService,
  accountNumber: string,
  email: string,
  locale?: 'de' | 'en',
  sink?: SmtpSink,
): Promise<{ sent: InvitationSent; token: string }> {
  const response = await adminRequest(
    service,
    'POST',
    `/admin/v1/accounts/${accountNumber}/licences`,
    { email, locale },
  );
  expect(response.statusCode).toBe(201);

  const sent: InvitationSent = response.json();
  return { sent, token: await tokenOf(sent, sink) };
}

export function registrationBody(
  service: TestService,
  token: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    token,
    displayName: 'Anna Berg',
    password: GOOD_PASSWORD,
    acceptedTermsVersion: service.config.termsVersion,
    ...overrides,
  };
}

export function register(
  service: TestService,
  token: string,
  overrides: Record<string, unknown> = {},
) {
  return service.app.inject({
    method: 'POST',
    url: '/v1/registrations',
    payload: registrationBody(service, token, overrides),
  });
}

/** Invites and registers a user; returns the session grant. */
export async function registeredUser(
  service: TestService,
  accountNumber: string,
  email: string,
  displayName: string,
  password = GOOD_PASSWORD,
  sink?: SmtpSink,
): Promise<SessionGrant> {
  const { token } = await inviteUser(
    service,
    accountNumber,
    email,
    undefined,
    sink,
  );
  const response = await register(service, token, { displayName, password });
  expect(response.statusCode).toBe(201);

  return response.json();
}

export function bearer(grant: SessionGrant) {
  return { authorization: `Bearer ${grant.accessToken}` };
}
