import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startTestService,
  TEST_PUBLIC_URL,
  type TestService,
} from '../../../tests/support/test-service';
import {
  adminRequest,
  createAccount,
  inviteUser,
  register,
  tokenOf,
} from '../support/invitations';
import { configureSso } from '../support/sso';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A clock that tests move by hand. */
let currentTime = new Date('2026-03-02T09:15:00.000Z');
let service: TestService;
let accountNumber: string;

beforeAll(async () => {
  service = await startTestService({ now: () => new Date(currentTime) });
  ({ number: accountNumber } = await createAccount(service, {
    name: 'Berg & Partner',
    number: '4711001',
  }));
});

afterAll(() => service.close());

const lookup = (token: string) =>
  service.app.inject({ method: 'GET', url: `/v1/invitations/${token}` });

const landingPage = (token: string, acceptLanguage?: string) =>
  service.app.inject({
    method: 'GET',
    url: `/setup/${token}`,
    headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
  });

describe('invitation lookup and landing page', () => {
  test('reading twice each does not consume the link', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'read@example.com',
    );

    for (let round = 0; round < 2; round++) {
      expect((await landingPage(token)).statusCode).toBe(200);
      expect((await lookup(token)).statusCode).toBe(200);
    }

    expect((await register(service, token)).statusCode).toBe(201);
  });

  test('lookup returns the invitation info', async () => {
    const { token, sent } = await inviteUser(
      service,
      accountNumber,
      'info@example.com',
    );

    const response = await lookup(token);

    expect(response.json()).toEqual({
      email: 'info@example.com',
      accountName: 'Berg & Partner',
      accountNumber,
      signInMethod: 'password',
      expiresAt: sent.expiresAt,
      terms: {
        version: service.config.termsVersion,
        url: `${TEST_PUBLIC_URL}/terms`,
      },
    });
  });

  test.each([
    ['de-DE,de;q=0.9,en;q=0.8', 'de', 'In der Mitel One App öffnen'],
    ['en-GB,en;q=0.9', 'en', 'Open in the Mitel One app'],
    ['fr-FR,en;q=0.5,de;q=0.4', 'en', 'Open in the Mitel One app'],
    ['en;q=0.3,de;q=0.7', 'de', 'In der Mitel One App öffnen'],
  ])('landing page for %s is %s', async (acceptLanguage, lang, button) => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'lang@example.com',
    );

    const response = await landingPage(token, acceptLanguage);

    expect(response.body).toContain(`<html lang="${lang}">`);
    expect(response.body).toContain(button);
  });

  test('landing page opens the app with service and token', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'open@example.com',
    );

    const response = await landingPage(token, 'en');

    const appLink = `mitelone://setup?service=${encodeURIComponent(TEST_PUBLIC_URL)}&amp;token=${token}`;
    expect(response.body).toContain(`href="${appLink}"`);
    expect(response.body).toContain('<title>Mitel One</title>');
    expect(response.body).toContain('IT department');
    expect(response.body).toContain('Have a setup link?');
    expect(response.body).not.toContain('<script');
  });

  test('landing page sends strict headers', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'headers@example.com',
    );

    const response = await landingPage(token);

    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex');
  });

  test('style element matches the CSP hash', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'hash@example.com',
    );
    const response = await landingPage(token);
    const { createHash } = await import('node:crypto');

    const style = response.body.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');

    expect(response.headers['content-security-policy']).toContain(
      `'sha256-${hash}'`,
    );
  });

  test('unknown token shows a not-found page', async () => {
    const response = await landingPage('B'.repeat(43), 'en');

    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('This setup link does not work');
    expect(response.body).toContain('complete link');
  });
});

describe('resend and revoke', () => {
  test('resend replaces the old link', async () => {
    const { token: oldToken } = await inviteUser(
      service,
      accountNumber,
      'resend@example.com',
    );

    const resent = await adminRequest(
      service,
      'POST',
      `/admin/v1/accounts/${accountNumber}/invitations/resend`,
      { email: 'resend@example.com' },
    );
    expect(resent.statusCode).toBe(201);
    const newToken = await tokenOf(resent.json());

    expect(newToken).not.toBe(oldToken);
    expect((await lookup(oldToken)).json().error.code).toBe(
      'INVITATION_REPLACED',
    );
    expect((await register(service, oldToken)).json().error.code).toBe(
      'INVITATION_REPLACED',
    );
    expect((await landingPage(oldToken, 'en')).body).toContain(
      'newer invitation',
    );
    expect((await register(service, newToken)).statusCode).toBe(201);
  });

  test('revoke ends the link', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'revoke@example.com',
    );

    const revoked = await adminRequest(
      service,
      'POST',
      `/admin/v1/accounts/${accountNumber}/invitations/revoke`,
      { email: 'revoke@example.com' },
    );
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().invitation.status).toBe('revoked');

    const response = await lookup(token);
    expect(response.statusCode).toBe(410);
    expect(response.json().error.code).toBe('INVITATION_REVOKED');
    expect((await register(service, token)).json().error.code).toBe(
      'INVITATION_REVOKED',
    );
    expect((await landingPage(token, 'de')).body).toContain('zurückgezogen');
  });

  test('used link reports INVITATION_USED', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'used@example.com',
    );
    expect((await register(service, token)).statusCode).toBe(201);

    expect((await lookup(token)).json().error.code).toBe('INVITATION_USED');
    expect((await landingPage(token, 'en')).body).toContain(
      'already been set up',
    );
  });

  test('registered user cannot be invited again', async () => {
    const response = await adminRequest(
      service,
      'POST',
      `/admin/v1/accounts/${accountNumber}/licences`,
      { email: 'used@example.com' },
    );

    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('USER_ALREADY_REGISTERED');
  });
});

describe('expiry at 4 days', () => {
  test('valid 1 ms before, expired at and after', async () => {
    const start = new Date('2026-04-01T08:00:00.000Z');
    currentTime = start;
    const { token } = await inviteUser(
      service,
      accountNumber,
      'expiry@example.com',
    );
    const moveTo = (offsetMs: number) => {
      currentTime = new Date(start.getTime() + offsetMs);
    };

    moveTo(4 * DAY_MS - 1);
    expect((await lookup(token)).statusCode).toBe(200);
    expect((await landingPage(token)).statusCode).toBe(200);

    moveTo(4 * DAY_MS);
    const atBoundary = await lookup(token);
    expect(atBoundary.statusCode).toBe(410);
    expect(atBoundary.json().error.code).toBe('INVITATION_EXPIRED');
    expect((await register(service, token)).json().error.code).toBe(
      'INVITATION_EXPIRED',
    );

    moveTo(4 * DAY_MS + 1);
    expect((await lookup(token)).json().error.code).toBe('INVITATION_EXPIRED');
    const page = await landingPage(token, 'en');
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('expired on 5 April 2026 at 08:00');
  });

  test('registration 1 ms before expiry succeeds', async () => {
    const start = new Date('2026-05-01T08:00:00.000Z');
    currentTime = start;
    const { token } = await inviteUser(
      service,
      accountNumber,
      'late@example.com',
    );

    currentTime = new Date(start.getTime() + 4 * DAY_MS - 1);

    expect((await register(service, token)).statusCode).toBe(201);
  });
});

describe('setup link of an SSO account', () => {
  const tenantId = '3f6a1c52-8d0e-4b7a-9c21-5e4d3b2a1f00';
  let ssoAccount: string;

  beforeAll(async () => {
    ({ number: ssoAccount } = await createAccount(service, {
      name: 'Einmal-Anmeldung AG',
    }));
    await configureSso(service, ssoAccount, {
      authority: 'https://idp.example.com:8443/realms/uc',
      tenantId,
      clientId: 'desktop-app',
      apiScope: 'api://mitelone/access_as_user',
      passwordSignInAllowed: false,
    });
  });

  test('lookup returns the SSO settings', async () => {
    const { token } = await inviteUser(service, ssoAccount, 'sso@example.com');

    const response = await lookup(token);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      email: 'sso@example.com',
      signInMethod: 'sso',
      sso: {
        authority: 'https://idp.example.com:8443/realms/uc',
        tenantId,
        clientId: 'desktop-app',
        scopes: ['api://mitelone/access_as_user'],
        knownAuthorities: ['idp.example.com:8443'],
      },
    });
  });

  test('registration with a password is rejected', async () => {
    const { token } = await inviteUser(
      service,
      ssoAccount,
      'sso.register@example.com',
    );

    const response = await register(service, token);

    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('INVITATION_SSO_REQUIRED');
    expect((await lookup(token)).statusCode).toBe(200);
  });

  test.each([
    ['en', 'you sign in with your organisation&#39;s account'],
    ['de', 'mit dem Konto Ihrer Organisation an'],
  ])('%s landing page names the organisation account', async (lang, text) => {
    const { token } = await inviteUser(
      service,
      ssoAccount,
      `sso.page.${lang}@example.com`,
    );

    const response = await landingPage(token, lang);

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(text);
  });

  test('password account page has no SSO note', async () => {
    const { token } = await inviteUser(
      service,
      accountNumber,
      'no.sso.note@example.com',
    );

    const response = await landingPage(token, 'en');

    expect(response.body).not.toContain('organisation&#39;s account');
  });
});
