import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, resolveLanguage, SettingsStore } from './settings';
import { captureLogs } from './test-support/log-capture';

describe('resolveLanguage', () => {
  const cases: [string, string, string][] = [
    ['system', 'de-DE', 'de'],
    ['system', 'de-AT', 'de'],
    ['system', 'DE', 'de'],
    ['system', 'en-US', 'en'],
    ['system', 'fr-FR', 'en'],
    ['system', '', 'de'],
    ['system', 'C', 'de'],
    ['system', 'C.UTF-8', 'de'],
    ['system', 'POSIX', 'de'],
    ['system', 'ca-ES', 'en'],
    ['en', 'de-DE', 'en'],
    ['de', 'en-US', 'de'],
  ];

  it.each(cases)('%s with locale %s', (setting, locale, expected) => {
    expect(resolveLanguage(setting as 'de' | 'en' | 'system', locale)).toBe(
      expected,
    );
  });
});

describe('SettingsStore', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'settings-test-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const file = () => join(directory, 'settings.json');

  it('starts from defaults without a file', async () => {
    const store = new SettingsStore(directory, captureLogs().logger);

    expect(await store.load()).toEqual(defaultSettings);
  });

  it('writes and reads back', async () => {
    const store = new SettingsStore(directory, captureLogs().logger);
    await store.update({ serviceUrl: 'https://uc.example.com' });
    await store.update({ language: 'de' });

    const reloaded = new SettingsStore(directory, captureLogs().logger);
    expect(await reloaded.load()).toEqual({
      serviceUrl: 'https://uc.example.com',
      language: 'de',
      automaticUpdates: null,
    });
    expect(await readdir(directory)).toEqual(['settings.json']);
  });

  it('writes only the choices made', async () => {
    const store = new SettingsStore(directory, captureLogs().logger);
    await store.update({ automaticUpdates: false });

    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({
      automaticUpdates: false,
    });
    const reloaded = new SettingsStore(directory, captureLogs().logger);
    expect(await reloaded.load()).toEqual({
      ...defaultSettings,
      automaticUpdates: false,
    });
  });

  it('keeps the last of quick writes', async () => {
    const store = new SettingsStore(directory, captureLogs().logger);
    const writes = ['de', 'en', 'system', 'de'].map((language) =>
      store.update({ language: language as 'de' }),
    );
    await Promise.all(writes);

    expect(JSON.parse(await readFile(file(), 'utf8'))).toMatchObject({
      language: 'de',
    });
  });

  it('uses defaults for a damaged file', async () => {
    await writeFile(file(), '{"serviceUrl": "https://uc.exa');
    const logs = captureLogs();
    const store = new SettingsStore(directory, logs.logger);

    expect(await store.load()).toEqual(defaultSettings);
    expect(logs.text()).toContain('settings file is not valid JSON');
  });

  it('drops invalid values', async () => {
    await writeFile(
      file(),
      JSON.stringify({
        serviceUrl: 42,
        language: 'fr',
        automaticUpdates: 'yes',
        extra: true,
      }),
    );
    const store = new SettingsStore(directory, captureLogs().logger);

    expect(await store.load()).toEqual(defaultSettings);
  });

  it('keeps the change in memory when writing fails', async () => {
    const store = new SettingsStore(
      join(directory, 'settings.json', 'nested'),
      captureLogs().logger,
    );
    await writeFile(file(), '{}');

    await expect(store.update({ language: 'en' })).rejects.toThrow();
    expect(store.current.language).toBe('en');
  });
});
