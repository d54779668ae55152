import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { createFileLogger, maskSetupTokens } from './logger';
import { captureLogs } from './test-support/log-capture';

const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';

describe('logger redaction', () => {
  it('redacts secret keys at any depth', () => {
    const logs = captureLogs();
    logs.logger.info(
      {
        password: 'hunter2-password',
        request: {
          refreshToken: 'refresh-secret',
          body: { accessToken: 'access-secret' },
        },
        headers: { authorization: 'Bearer header-secret' },
        config: { headers: { Authorization: 'Bearer config-secret' } },
        token: 'token-secret',
        setupToken: 'setup-secret',
      },
      'call',
    );

    const text = logs.text();
    for (const secret of [
      'hunter2-password',
      'refresh-secret',
      'access-secret',
      'header-secret',
      'config-secret',
      'token-secret',
      'setup-secret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('redacts secrets in child logger bindings', () => {
    const logs = captureLogs();
    logs.logger
      .child({ area: 'session', refreshToken: 'bound-secret' })
      .info('bound');

    expect(logs.text()).not.toContain('bound-secret');
    expect(logs.entries()[0]).toMatchObject({ area: 'session' });
  });

  it('masks setup tokens inside URLs in fields and messages', () => {
    const logs = captureLogs();
    logs.logger.info(
      {
        link: `https://uc.example.com/setup/${token}`,
        nested: { url: `mitelone://setup?service=x&token=${token}` },
      },
      'opened https://uc.example.com/setup/%s',
      token,
    );
    logs.logger.warn(`link mitelone://setup?token=${token}&service=x`);

    expect(logs.text()).not.toContain(token);
    expect(logs.entries()[0]).toMatchObject({
      link: 'https://uc.example.com/setup/[redacted]',
    });
  });

  it('masks setup tokens in errors', () => {
    const logs = captureLogs();
    logs.logger.error(
      { err: new Error(`bad link https://h/setup/${token}`) },
      'failed',
    );

    expect(logs.text()).not.toContain(token);
    expect(logs.text()).toContain('bad link https://h/setup/[redacted]');
  });

  it('reduces axios errors to method, URL and status', () => {
    const logs = captureLogs();
    const error = new AxiosError('Request failed', 'ERR_BAD_REQUEST', {
      method: 'post',
      baseURL: 'https://uc.example.com',
      url: '/v1/sessions',
      headers: { Authorization: 'Bearer axios-secret' } as never,
      data: JSON.stringify({ password: 'axios-password' }),
    });
    logs.logger.error({ err: error }, 'request failed');

    const text = logs.text();
    expect(text).not.toContain('axios-secret');
    expect(text).not.toContain('axios-password');
    expect(logs.entries()[0]!.err).toMatchObject({
      method: 'post',
      url: 'https://uc.example.com/v1/sessions',
      code: 'ERR_BAD_REQUEST',
    });
  });
});

describe('maskSetupTokens', () => {
  const cases: [string, string][] = [
    [`https://h/setup/${token}`, 'https://h/setup/[redacted]'],
    [`https://h/setup/${token}/`, 'https://h/setup/[redacted]/'],
    [`https://h/reset/${token}`, 'https://h/reset/[redacted]'],
    [`x?service=s&token=${token}`, 'x?service=s&token=[redacted]'],
    [`x?token=${token}&service=s`, 'x?token=[redacted]&service=s'],
    ['no link here', 'no link here'],
  ];

  it.each(cases)('%s', (text, expected) => {
    expect(maskSetupTokens(text)).toBe(expected);
  });
});

describe('createFileLogger', () => {
  it('writes redacted lines to main.log', async () => {
    const logDir = join(await mkdtemp(join(tmpdir(), 'logger-test-')), 'logs');
    try {
      const logger = createFileLogger(logDir);
      logger.info({ password: 'file-secret' }, 'written');

      const text = await readFile(join(logDir, 'main.log'), 'utf8');
      expect(text).toContain('"msg":"written"');
      expect(text).not.toContain('file-secret');
    } finally {
      await rm(logDir, { recursive: true, force: true });
    }
  });

  it('moves a large log aside at start', async () => {
    const logDir = await mkdtemp(join(tmpdir(), 'logger-test-'));
    try {
      await writeFile(join(logDir, 'main.log'), 'x'.repeat(6 * 1024 * 1024));

      createFileLogger(logDir).info('fresh');

      expect((await stat(join(logDir, 'main.old.log'))).size).toBe(
        6 * 1024 * 1024,
      );
      expect(await readFile(join(logDir, 'main.log'), 'utf8')).toContain(
        'fresh',
      );
    } finally {
      await rm(logDir, { recursive: true, force: true });
    }
  });
});
