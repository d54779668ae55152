import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ConfigError,
  DEFAULT_TERMS_VERSION,
  loadServiceConfig,
  publicUrlOf,
} from '../src/config';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mitelone-config-'));
});

afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('loadServiceConfig', () => {
  test('defaults', () => {
    const config = loadServiceConfig({ MITELONE_DATA_DIR: dataDir });

    expect(config).toMatchObject({
      dataDir,
      host: '127.0.0.1',
      port: 8080,
      publicUrl: null,
      database: { kind: 'sqlite', file: join(dataDir, 'service.sqlite') },
      smtpUrl: null,
      mailFrom: '"Mitel One" <no-reply@mitel-one.invalid>',
      brand: 'Mitel One',
      termsVersion: DEFAULT_TERMS_VERSION,
      logLevel: 'info',
      extraCa: null,
    });
    expect(publicUrlOf(config)).toBe('http://127.0.0.1:8080');
    expect(publicUrlOf(config, 43210)).toBe('http://127.0.0.1:43210');
  });

  test('admin token is made once with mode 0600', async () => {
    const first = loadServiceConfig({ MITELONE_DATA_DIR: dataDir });
    const second = loadServiceConfig({ MITELONE_DATA_DIR: dataDir });

    const file = join(dataDir, 'admin-token');
    expect(first.adminToken).toMatch(/^[\w-]{43}$/);
    expect(second.adminToken).toBe(first.adminToken);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.adminToken);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  test('environment overrides', () => {
    const config = loadServiceConfig({
      MITELONE_DATA_DIR: dataDir,
      MITELONE_HOST: '::1',
      MITELONE_PORT: '0',
      MITELONE_PUBLIC_URL: 'https://uc.example.com/',
      MITELONE_DATABASE_URL: 'postgres://u:p@127.0.0.1/db',
      MITELONE_SMTP_URL: 'smtps://mail.example.com:465',
      MITELONE_BRAND: 'Acme Voice',
      MITELONE_ADMIN_TOKEN: 'from-env',
      MITELONE_TERMS_VERSION: '2027-02',
      MITELONE_LOG_LEVEL: 'debug',
    });

    expect(config).toMatchObject({
      host: '::1',
      port: 0,
      publicUrl: 'https://uc.example.com',
      database: { kind: 'postgres', url: 'postgres://u:p@127.0.0.1/db' },
      smtpUrl: 'smtps://mail.example.com:465',
      brand: 'Acme Voice',
      mailFrom: '"Acme Voice" <no-reply@mitel-one.invalid>',
      adminToken: 'from-env',
      termsVersion: '2027-02',
      logLevel: 'debug',
    });
  });

  test.each([
    ['MITELONE_PORT', 'eighty'],
    ['MITELONE_PORT', '70000'],
    ['MITELONE_PUBLIC_URL', 'ftp://example.com'],
    ['MITELONE_PUBLIC_URL', 'https://example.com/uc'],
    ['MITELONE_DATABASE_URL', 'mysql://127.0.0.1/db'],
    ['MITELONE_SMTP_URL', 'mail.example.com'],
    ['MITELONE_LOG_LEVEL', 'loud'],
  ])('%s=%s is a ConfigError naming it', (name, value) => {
    expect(() =>
      loadServiceConfig({ MITELONE_DATA_DIR: dataDir, [name]: value }),
    ).toThrow(new RegExp(name));
    expect(() =>
      loadServiceConfig({ MITELONE_DATA_DIR: dataDir, [name]: value }),
    ).toThrow(ConfigError);
  });

  test('MITELONE_EXTRA_CA_FILE reads the PEM', async () => {
    const file = join(dataDir, 'corporate-ca.pem');
    const pem =
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    await writeFile(file, pem);

    const config = loadServiceConfig({
      MITELONE_DATA_DIR: dataDir,
      MITELONE_EXTRA_CA_FILE: file,
    });

    expect(config.extraCa).toEqual({ file, pem });
  });

  test.each([
    ['missing', null, /cannot be read \(ENOENT\)/],
    ['not PEM', 'just text', /contains no PEM certificate/],
  ])(
    'MITELONE_EXTRA_CA_FILE %s is a ConfigError',
    async (_case, content, message) => {
      const file = join(dataDir, 'ca.pem');
      if (content !== null) await writeFile(file, content);

      const load = () =>
        loadServiceConfig({
          MITELONE_DATA_DIR: dataDir,
          MITELONE_EXTRA_CA_FILE: file,
        });

      expect(load).toThrow(ConfigError);
      expect(load).toThrow(message);
      expect(load).toThrow(/MITELONE_EXTRA_CA_FILE/);
    },
  );
});
