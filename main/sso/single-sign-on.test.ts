import { randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findCredentials } from '@napi-rs/keyring';
import { decodeJwt } from 'jose';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import type { SsoSettings } from '../../contract/api';
import { fail } from '../../contract/errors';
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from '../../tests/support/identity-provider';
import { createKeychain } from '../keychain';
import { captureLogs } from '../test-support/log-capture';
import { useTestSecretService } from '../test-support/secret-service';
import {
  launchSystemBrowser,
  type SystemBrowser,
} from '../test-support/system-browser';
import { createTrustingFetch } from '../test-support/trusting-fetch';
import { SingleSignOn, type SingleSignOnOptions } from './single-sign-on';

const origin = 'https://uc.example.com';
const email = 'anna.berg@example.com';
const password = 'correct horse battery';

let provider: TestIdentityProvider;
let browser: SystemBrowser;

useTestSecretService();

beforeAll(async () => {
  provider = await startTestIdentityProvider();
  provider.addUser({ email, name: 'Anna Berg', password });
  browser = await launchSystemBrowser(provider);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await provider?.close();
});

/** Sends a form_post to the loopback server of a waiting sign-in. */
function postToLoopback(
  port: number,
  fields: Record<string, string>,
): Promise<number> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        // A new connection each time: a kept-alive one would outlive the
        // server's listening socket.
        agent: false,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function loopbackPortOf(authorizeUrl: string): number {
  const redirect = new URL(authorizeUrl).searchParams.get('redirect_uri');
  return Number(new URL(redirect!).port);
}

/** Resolves with the error code when nothing listens on the port. */
function connectionErrorOn(port: number): Promise<string | null> {
  return postToLoopback(port, {}).then(
    () => null,
    (error: NodeJS.ErrnoException) => error.code ?? 'unknown',
  );
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('SingleSignOn', { timeout: 30_000 }, () => {
  let keychainService: string;
  let settings: SsoSettings;
  let logs: ReturnType<typeof captureLogs>;
  const instances: SingleSignOn[] = [];

  beforeEach(() => {
    keychainService = `mitelone-test-${randomUUID()}`;
    logs = captureLogs();
    settings = {
      authority: provider.authority,
      tenantId: provider.tenantId,
      clientId: provider.clientId,
      scopes: [provider.apiScope],
      knownAuthorities: provider.knownAuthorities,
    };
  });

  afterEach(async () => {
    for (const sso of instances.splice(0)) {
      sso.cancel();
      await sso.forget(origin, settings);
    }
  });

  function createSso(overrides: Partial<SingleSignOnOptions> = {}) {
    const keychainFailures: unknown[] = [];
    const sso = new SingleSignOn({
      logger: logs.logger,
      keychain: createKeychain({ timeoutMs: 5000 }),
      keychainService,
      fetch: createTrustingFetch(provider.certificates.caCertPem),
      openInBrowser: browser.openInBrowser,
      timeoutMs: 20_000,
      onKeychainSuccess: () => undefined,
      onKeychainFailure: (error) => keychainFailures.push(error),
      keychainUsable: () => true,
      ...overrides,
    });
    instances.push(sso);
    return { sso, keychainFailures };
  }

  function signIn(sso: SingleSignOn) {
    return sso.signInInteractive({
      origin,
      settings,
      loginHint: email,
      language: 'de',
    });
  }

  it('signs in through the browser, then silently', async () => {
    const { sso, keychainFailures } = createSso();

    const pending = signIn(sso);
    const url = await browser.nextUrl();
    expect(url.startsWith(`${provider.authority}/`)).toBe(true);
    expect(new URL(url).searchParams.get('login_hint')).toBe(email);
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    await browser.signIn(url, email, password);
    const result = await pending;

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(decodeJwt(result.value.accessToken)).toMatchObject({
      aud: provider.audience,
      tid: provider.tenantId,
      email,
    });
    expect(result.value.homeAccountId).toMatch(
      new RegExp(`\\.${provider.tenantId}$`),
    );
    const accounts = findCredentials(keychainService).map(
      (entry) => entry.account,
    );
    expect(accounts).toContain(`msal:${origin}:count`);
    expect(accounts).toContain(`msal:${origin}:0`);
    expect(keychainFailures).toEqual([]);

    const openedBefore = browser.opened.length;
    const { sso: restarted } = createSso();
    const silent = await restarted.signInSilently(
      origin,
      settings,
      result.value.homeAccountId,
    );
    expect(silent).toMatchObject({
      ok: true,
      value: { homeAccountId: result.value.homeAccountId },
    });
    expect(browser.opened.length).toBe(openedBefore);

    await restarted.forget(origin, settings);
    expect(findCredentials(keychainService)).toEqual([]);
    expect(
      await restarted.signInSilently(
        origin,
        settings,
        result.value.homeAccountId,
      ),
    ).toEqual(fail('SSO_FAILED'));
  });

  it('cancels a waiting sign-in and closes its port', async () => {
    const { sso } = createSso();
    const pending = signIn(sso);
    const url = await browser.nextUrl();
    const page = await browser.visit(url);
    const port = loopbackPortOf(url);
    expect(await connectionErrorOn(port)).toBeNull();

    const started = performance.now();
    expect(sso.cancel()).toBe(true);

    expect(await pending).toEqual(fail('SSO_CANCELLED'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await connectionErrorOn(port)).toBe('ECONNREFUSED');
    expect(sso.busy).toBe(false);
    expect(sso.cancel()).toBe(false);
    await page.context().close();
  });

  it('times out when the browser never returns', async () => {
    const { sso } = createSso({ timeoutMs: 1500 });

    const started = performance.now();
    const pending = signIn(sso);
    const url = await browser.nextUrl();
    const page = await browser.visit(url);
    await page.close();

    expect(await pending).toEqual(fail('SSO_TIMED_OUT'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(1500);
    expect(await connectionErrorOn(loopbackPortOf(url))).toBe('ECONNREFUSED');

    const second = signIn(sso);
    await browser.signIn(await browser.nextUrl(), email, password);
    expect((await second).ok).toBe(true);
  });

  it('rejects a forged callback and keeps waiting', async () => {
    const { sso } = createSso();
    const pending = signIn(sso);
    const url = await browser.nextUrl();
    const port = loopbackPortOf(url);

    expect(
      await postToLoopback(port, {
        code: 'forged-code',
        state: 'forged-state',
      }),
    ).toBe(400);
    expect(
      await postToLoopback(port, {
        error: 'access_denied',
        state: 'forged-state',
      }),
    ).toBe(400);
    expect(sso.busy).toBe(true);

    await browser.signIn(url, email, password);
    expect((await pending).ok).toBe(true);
  });

  it('reports an unreachable provider', async () => {
    const port = await closedPort();
    settings = {
      ...settings,
      authority: `https://localhost:${port}/${provider.tenantId}`,
      knownAuthorities: [`localhost:${port}`],
    };
    const openedBefore = browser.opened.length;
    const { sso } = createSso();

    expect(await signIn(sso)).toEqual(fail('SSO_PROVIDER_UNREACHABLE'));

    expect(browser.opened.length).toBe(openedBefore);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        msg: 'interactive sign-in failed',
        code: 'SSO_PROVIDER_UNREACHABLE',
      }),
    );
    expect(logs.entries().some((entry) => entry.source === 'msal')).toBe(true);
  });

  it('names an untrusted certificate in the log', async () => {
    const { sso } = createSso({ fetch });

    expect(await signIn(sso)).toEqual(fail('SSO_PROVIDER_UNREACHABLE'));

    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        msg: 'request to the identity provider failed',
        cause: expect.objectContaining({
          code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        }),
      }),
    );
  });

  it('allows one interactive sign-in at a time', async () => {
    const { sso } = createSso();
    const first = signIn(sso);
    await browser.nextUrl();

    expect(await signIn(sso)).toEqual(fail('SSO_IN_PROGRESS'));

    sso.cancel();
    expect(await first).toEqual(fail('SSO_CANCELLED'));
  });

  it('shows the result page in the app language', async () => {
    const { sso } = createSso();
    const pending = signIn(sso);
    const url = await browser.nextUrl();
    const page = await browser.visit(url);
    await provider.completeLogin(page, email, password);
    await page.waitForLoadState();

    expect(await page.locator('h1').innerText()).toBe('Sie sind angemeldet.');
    expect((await pending).ok).toBe(true);
    await page.context().close();
  });
});
