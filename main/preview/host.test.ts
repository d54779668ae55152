import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../tests/e2e/support/browser';
import { createDesktopCore } from '../core';
import { captureLogs } from '../test-support/log-capture';
import { startPreviewHost, type PreviewHost } from './host';

/**
 * The preview host is reachable by any web page the person visits, because
 * it listens on a loopback port. These tests send the requests such a page
 * could send, and check that only the preview's own page gets through.
 */

const outDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../out',
);

let host: PreviewHost;
let userDataDir: string;
let secret: string;

beforeAll(async () => {
  userDataDir = await mkdtemp(path.join(tmpdir(), 'preview-host-'));
  const { logger } = captureLogs();
  host = await startPreviewHost({
    rendererDir: path.join(outDir, 'renderer'),
    bridgeFile: path.join(outDir, 'preview', 'bridge.js'),
    logger,
    createCore: (origin) =>
      createDesktopCore({
        runtime: 'preview',
        version: '0.0.0-test',
        userDataDir,
        systemLocale: 'de-DE',
        keychainService: 'mitelone-preview-host-test',
        logger,
        openInBrowser: async () => undefined,
        isTrustedOrigin: (candidate) => candidate === origin,
      }),
  });
  secret = new URL(host.url).hash.replace('#secret=', '');
});

afterAll(async () => {
  await host?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

/** Sends a raw request, so that every header is exactly as a test sets it. */
function send(
  pathname: string,
  headers: Record<string, string>,
  method = 'POST',
): Promise<{ status: number; body: string }> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, path: pathname, method, headers },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(method === 'POST' ? '{}' : undefined);
  });
}

function ownHeaders(): Record<string, string> {
  return {
    host: new URL(host.origin).host,
    origin: host.origin,
    'content-type': 'application/json',
    'x-preview-secret': secret,
  };
}

describe('preview host', () => {
  it('answers its own page', async () => {
    const response = await send('/__preview/ipc/app:getInfo', ownHeaders());

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      ok: true,
      value: { runtime: 'preview' },
    });
  });

  it.each([
    ['a wrong secret', { 'x-preview-secret': 'guessed' }],
    ['no secret', { 'x-preview-secret': '' }],
    ['another origin', { origin: 'https://evil.example' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['a form post', { 'content-type': 'text/plain' }],
  ])('rejects %s', async (_case, override) => {
    const headers = { ...ownHeaders(), ...override };

    const response = await send('/__preview/ipc/app:getInfo', headers);

    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({
      ok: false,
      error: { code: 'IPC_FORBIDDEN' },
    });
  });

  it('rejects another host name', async () => {
    const headers = {
      ...ownHeaders(),
      host: `attacker.example:${new URL(host.origin).port}`,
    };

    expect((await send('/', headers, 'GET')).status).toBe(421);
    expect((await send('/__preview/ipc/app:getInfo', headers)).status).toBe(
      421,
    );
  });

  it('serves no file outside the renderer', async () => {
    const headers = { host: new URL(host.origin).host };

    const response = await send('/../../package.json', headers, 'GET');

    expect(response.status).toBe(404);
  });
});

describe('preview page', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens links from main in a new tab', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByRole('heading').first().waitFor();

    const popup = page.waitForEvent('popup');
    host.openInPage(`${host.origin}/index.html#terms`);

    expect((await popup).url()).toBe(`${host.origin}/index.html#terms`);
    await page.close();
  });
});
