import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emailButtonOf, resetProofOf } from '../../../tests/support/emails';
import { startSmtpSink, type SmtpSink } from '../../../tests/support/smtp-sink';
import {
  startTestService,
  type TestService,
} from '../../../tests/support/test-service';
import {
  GOOD_PASSWORD,
  createAccount,
  inviteUser,
  registeredUser,
} from '../support/invitations';
import { requestReset } from '../support/password-resets';
import { configureSso, entraSsoConfig } from '../support/sso';

const PUBLIC_URL = 'https://uc.example.com';
const ssoConfig = entraSsoConfig();

describe('password reset email over SMTP', () => {
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

  async function registered(email: string, locale: 'de' | 'en') {
    const { token } = await inviteUser(
      service,
      accountNumber,
      email,
      locale,
      sink,
    );
    const response = await service.app.inject({
      method: 'POST',
      url: '/v1/registrations',
      payload: {
        token,
        displayName: 'Anna Berg',
        password: GOOD_PASSWORD,
        acceptedTermsVersion: service.config.termsVersion,
      },
    });
    expect(response.statusCode).toBe(201);
  }

  test.each([
    [
      'de',
      'none',
      'Neues Passwort für Mitel One',
      'Neues Passwort festlegen',
      '30 Minuten',
      'Dann ändert sich nichts',
    ],
    [
      'en',
      'none',
      'Your new Mitel One password',
      'Choose a new password',
      '30 minutes',
      'Nothing happens',
    ],
    [
      'de',
      'en',
      'Your new Mitel One password',
      'Choose a new password',
      '30 minutes',
      'Nothing happens',
    ],
  ] as const)(
    '%s user, request in %s: subject, button, link, code',
    async (userLocale, requestLocale, subject, label, validity, ignore) => {
      const email = `reset.${userLocale}.${requestLocale}@example.com`;
      await registered(email, userLocale);
      const skip = sink.messages.length;

      const response = await requestReset(service, {
        email,
        locale: requestLocale === 'none' ? undefined : requestLocale,
      });

      expect(response.statusCode).toBe(202);
      const mail = await sink.messageAfter(skip, email);
      expect(mail.subject).toBe(subject);
      expect(mail.from?.value[0]?.address).toBe('no-reply@mitel-one.invalid');

      const { token, code } = resetProofOf(mail);
      const button = emailButtonOf(String(mail.html));
      expect(button.label).toBe(label);
      expect(button.href).toBe(`${PUBLIC_URL}/reset/${token}`);
      expect(mail.text).toContain(button.href);
      expect(code).toMatch(/^[0-9]{6}$/);
      expect(String(mail.html)).toMatch(
        new RegExp(`font-size:32px[^>]*>${code}</p>`),
      );
      expect(mail.text).toContain(validity);
      expect(mail.text).toContain(ignore);
    },
  );

  test('each request has a new link and code', async () => {
    const email = 'twice.mail@example.com';
    await registered(email, 'en');

    const requestProof = async () => {
      const skip = sink.messages.length;
      await requestReset(service, { email });
      return resetProofOf(await sink.messageAfter(skip, email));
    };
    const first = await requestProof();
    const second = await requestProof();

    expect(second.token).not.toBe(first.token);
  });
});

describe('password reset without a password user', () => {
  let sink: SmtpSink;
  let service: TestService;

  beforeAll(async () => {
    sink = await startSmtpSink();
    service = await startTestService({
      env: { MITELONE_SMTP_URL: sink.url, MITELONE_PUBLIC_URL: PUBLIC_URL },
    });
  });

  afterAll(() => sink.close());

  test('sends no email', async () => {
    const { number: passwordAccount } = await createAccount(service, {
      name: 'Passwort GmbH',
    });
    const { number: ssoAccount } = await createAccount(service, {
      name: 'SSO AG',
    });
    const { number: mixedAccount } = await createAccount(service, {
      name: 'Gemischt KG',
    });
    // Registered with a password, then the accounts turned to SSO.
    await registeredUser(
      service,
      ssoAccount,
      'sso.only@example.com',
      'Sso',
      GOOD_PASSWORD,
      sink,
    );
    await registeredUser(
      service,
      mixedAccount,
      'mixed@example.com',
      'Mixed',
      GOOD_PASSWORD,
      sink,
    );
    await inviteUser(
      service,
      passwordAccount,
      'invited@example.com',
      undefined,
      sink,
    );
    await configureSso(service, ssoAccount, ssoConfig);
    await configureSso(service, mixedAccount, {
      ...ssoConfig,
      passwordSignInAllowed: true,
    });
    const welcomeEmails = sink.messages.length;

    const answers = [];
    for (const email of [
      'unknown@example.com',
      'sso.only@example.com',
      'invited@example.com',
      'mixed@example.com',
    ]) {
      answers.push(await requestReset(service, { email }));
    }
    // Closing waits for the emails that are still being sent.
    await service.close();

    for (const answer of answers) {
      expect(answer.statusCode).toBe(202);
      expect(Object.keys(answer.json()).sort()).toEqual([
        'codeLength',
        'expiresAt',
      ]);
    }
    const resetEmails = sink.envelopes.slice(welcomeEmails);
    expect(resetEmails.map((envelope) => envelope.to)).toEqual([
      ['mixed@example.com'],
    ]);
  });
});
