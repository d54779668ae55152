import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { expect } from 'vitest';
import type {
  Account,
  InvitationSent,
  SessionGrant,
} from '../../../contract/api';
import type { TestService } from './test-service';

export const GOOD_PASSWORD = 'Kalender-Blau-47';

const setupLinkPattern = /https?:\/\/[^\s/]+\/setup\/([A-Za-z0-9_-]{43})/;

/** Sends a request to the admin API with the service's admin token. */
export function adminRequest(
  service: TestService,
  method: 'GET' | 'POST',
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

export async function tokenOf(sent: InvitationSent): Promise<string> {
  if (sent.delivery.kind !== 'outbox') {
    throw new Error('The test service must write emails to the outbox');
  }

  return readSetupToken(sent.delivery.file);
}

/** Assigns a licence through the admin API; returns the invitation's token. */
export async function inviteUser(
  service: TestService,
  accountNumber: string,
  email: string,
  locale?: 'de' | 'en',
): Promise<{ sent: InvitationSent; token: string }> {
  const response = await adminRequest(
    service,
    'POST',
    `/admin/v1/accounts/${accountNumber}/licences`,
    { email, locale },
  );
  expect(response.statusCode).toBe(201);

  const sent: InvitationSent = response.json();
  return { sent, token: await tokenOf(sent) };
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
): Promise<SessionGrant> {
  const { token } = await inviteUser(service, accountNumber, email);
  const response = await register(service, token, { displayName, password });
  expect(response.statusCode).toBe(201);

  return response.json();
}

export function bearer(grant: SessionGrant) {
  return { authorization: `Bearer ${grant.accessToken}` };
}
