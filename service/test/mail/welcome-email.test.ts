import { readFile, stat } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { InvitationSent } from '../../../contract/api';
import { emailButtonOf } from '../../../tests/support/emails';
import { startSmtpSink, type SmtpSink } from '../../../tests/support/smtp-sink';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import { adminRequest, createAccount } from '../support/invitations';
import { configureSso } from '../support/sso';

const PUBLIC_URL = 'https://uc.example.com';

function messageIdOf(sent: InvitationSent): string | undefined {
  return sent.delivery.kind === 'smtp' ? sent.delivery.messageId : undefined;
}
const linkPattern = /^https:\/\/uc\.example\.com\/setup\/[A-Za-z0-9_-]{43}$/;

function assignLicence(
  service: TestService,
  accountNumber: string,
  email: string,
  locale?: 'de' | 'en',
) {
  return adminRequest(
    service,
    'POST',
    `/admin/v1/accounts/${accountNumber}/licences`,
    { email, locale },
  );
}

describe('welcome email over SMTP', () => {
  let sink: SmtpSink;
  let service: TestService;
  let accountNumber: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    service = await startTestService({
      env: { MITELONE_SMTP_URL: sink.url, MITELONE_PUBLIC_URL: PUBLIC_URL },
    });
    ({ number: accountNumber } = await createAccount(service, {
      name: 'Nord GmbH',
      defaultLocale: 'de',
    }));
  });

  afterAll(async () => {
    await service.close();
    await sink.close();
  });

  test.each([
    ['de', 'Willkommen bei Mitel One', 'Mitel One einrichten', '4 Tage'],
    ['en', 'Welcome to Mitel One', 'Set up Mitel One', '4 days'],
  ] as const)(
    '%s email has subject, button and link',
    async (locale, subject, label, validity) => {
      const email = `${locale}@example.com`;
      const response = await assignLicence(
        service,
        accountNumber,
        email,
        locale,
      );
      expect(response.statusCode).toBe(201);
      const sent: InvitationSent = response.json();

      const mail = sink.messages.find((message) => message.subject === subject);
      expect(mail).toBeDefined();
      expect(mail!.from?.value).toEqual([
        { name: 'Mitel One', address: 'no-reply@mitel-one.invalid' },
      ]);
      expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');
      expect(sent.delivery).toEqual({
        kind: 'smtp',
        messageId: mail!.messageId,
      });

      const button = emailButtonOf(String(mail!.html));
      expect(button.label).toBe(label);
      expect(button.href).toMatch(linkPattern);
      expect(mail!.text).toContain(button.href);
      expect(mail!.text).toContain(validity);
    },
  );

  test.each([
    ['de', 'wählen kein eigenes Passwort', 'wählen Ihr Passwort'],
    ['en', 'no Mitel One password to choose', 'pick your password'],
  ] as const)(
    '%s email of an SSO account has no password step',
    async (locale, ssoText, passwordText) => {
      const { number } = await createAccount(service, {
        name: `SSO ${locale}`,
      });
      await configureSso(service, number, {
        authority: '3f6a1c52-8d0e-4b7a-9c21-5e4d3b2a1f00',
        tenantId: '3f6a1c52-8d0e-4b7a-9c21-5e4d3b2a1f00',
        clientId: 'desktop-app',
        apiScope: 'api://mitelone/access_as_user',
        passwordSignInAllowed: false,
      });

      const email = `sso.${locale}@example.com`;
      await assignLicence(service, number, email, locale);

      const mail = sink.messages.at(-1)!;
      expect(sink.envelopes.at(-1)?.to).toEqual([email]);
      expect(mail.text).toContain(ssoText);
      expect(mail.text).not.toContain(passwordText);
      expect(String(mail.html)).toContain(ssoText);
      expect(emailButtonOf(String(mail.html)).href).toMatch(linkPattern);
    },
  );

  test('language follows the account default', async () => {
    await assignLicence(service, accountNumber, 'default@example.com');

    const envelope = sink.envelopes.at(-1);
    expect(envelope?.to).toEqual(['default@example.com']);
    expect(sink.messages.at(-1)?.subject).toBe('Willkommen bei Mitel One');
  });

  test.each([
    ["o'brien+team@example.org", "o'brien+team@example.org"],
    ['Jürgen@XN--MLLER-KVA.DE', 'jürgen@müller.de'],
    ['anna@xn--mller-kva.de', 'anna@müller.de'],
  ])('To and RCPT of %s are the stored address', async (typed, stored) => {
    const response = await assignLicence(service, accountNumber, typed);
    expect(response.statusCode).toBe(201);
    const sent: InvitationSent = response.json();
    expect(sent.email).toBe(stored);

    const mail = sink.messages.find(
      (message) => message.messageId === messageIdOf(sent),
    );
    const index = sink.messages.indexOf(mail!);
    const to = Array.isArray(mail!.to) ? mail!.to : [mail!.to];
    expect(to.flatMap((address) => address!.value)).toEqual([
      { name: '', address: stored },
    ]);
    expect(sink.envelopes[index]!.to).toEqual([stored]);
  });

  test.each([
    'anna,eve@example.org',
    'anna;eve@example.org',
    'carl(x)@example.com',
    'dora:eve@example.org',
    'anna <eve@example.org>',
  ])('%s is EMAIL_INVALID and sends nothing', async (email) => {
    const sentBefore = sink.messages.length;

    const response = await assignLicence(service, accountNumber, email);

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('EMAIL_INVALID');
    const users = await adminRequest(
      service,
      'GET',
      `/admin/v1/accounts/${accountNumber}/users`,
    );
    expect(users.json()).not.toContainEqual(expect.objectContaining({ email }));
    // A sent email would have arrived before the response.
    expect(sink.messages.length).toBe(sentBefore);
  });

  test('unreachable SMTP server is EMAIL_DELIVERY_FAILED', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const offline = await startTestService({
      env: { MITELONE_SMTP_URL: closed.url },
    });
    const { number } = await createAccount(offline, { name: 'Offline' });

    const response = await assignLicence(offline, number, 'x@example.com');
    await offline.close();

    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('EMAIL_DELIVERY_FAILED');
  });
});

describe('welcome email brand', () => {
  let sink: SmtpSink;
  let service: TestService;

  beforeAll(async () => {
    sink = await startSmtpSink();
    service = await startTestService({
      env: {
        MITELONE_SMTP_URL: sink.url,
        MITELONE_PUBLIC_URL: PUBLIC_URL,
        MITELONE_BRAND: 'Acme Voice',
      },
    });
  });

  afterAll(async () => {
    await service.close();
    await sink.close();
  });

  test('comes from the brand setting', async () => {
    const { number } = await createAccount(service, {
      name: 'Acme',
      defaultLocale: 'en',
    });

    await assignLicence(service, number, 'brand@example.com');

    const mail = sink.messages.at(-1)!;
    expect(mail.subject).toBe('Welcome to Acme Voice');
    expect(emailButtonOf(String(mail.html)).label).toBe('Set up Acme Voice');
    expect(mail.from?.value[0]?.name).toBe('Acme Voice');
    expect(mail.text).not.toContain('Mitel One');
  });
});

describe('welcome email in outbox mode', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({
      env: { MITELONE_PUBLIC_URL: PUBLIC_URL },
    });
  });

  afterAll(() => service.close());

  test('writes an .eml file with the link', async () => {
    const { number } = await createAccount(service, {
      name: 'Outbox',
      defaultLocale: 'en',
    });

    const response = await assignLicence(service, number, 'outbox@example.com');

    const sent: InvitationSent = response.json();
    expect(sent.delivery.kind).toBe('outbox');
    if (sent.delivery.kind !== 'outbox') return;
    expect(sent.delivery.file).toMatch(/\/outbox\/[^/]+\.eml$/);
    expect(sent.delivery.file.startsWith(service.dataDir)).toBe(true);
    expect((await stat(sent.delivery.file)).mode & 0o777).toBe(0o600);

    const mail = await simpleParser(await readFile(sent.delivery.file));
    expect(mail.subject).toBe('Welcome to Mitel One');
    const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    expect(to?.text).toBe('outbox@example.com');
    expect(emailButtonOf(String(mail.html)).href).toMatch(linkPattern);
  });
});
