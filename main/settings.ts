import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Language } from '../contract/api';
import type { LanguageSetting } from '../contract/ipc';

/**
 * The person's own choices. Null means no choice, so that the
 * organisation's recommended value or the built-in default applies.
 */
export interface Settings {
  /** Origin of the service of the last registration or sign-in. */
  serviceUrl: string | null;
  language: LanguageSetting | null;
  /** Whether the app updates itself, as the person chose in the settings. */
  automaticUpdates: boolean | null;
}

export const defaultSettings: Settings = {
  serviceUrl: null,
  language: null,
  automaticUpdates: null,
};

const languageSettings = new Set<string>(['de', 'en', 'system']);

/**
 * Maps an OS locale to a UI language: German for German locales and for the
 * neutral C and POSIX locales (German is the product's first language),
 * English for every other language.
 */
export function languageOfLocale(locale: string): Language {
  const tag = locale.trim().toLowerCase();
  if (tag === '' || tag === 'c' || tag.startsWith('c.') || tag === 'posix') {
    return 'de';
  }
  return tag.startsWith('de') ? 'de' : 'en';
}

/** Resolves the language setting: `system` follows the OS locale, German for `de*`. */
export function resolveLanguage(
  setting: LanguageSetting,
  systemLocale: string,
): Language {
  if (setting !== 'system') {
    return setting;
  }
  return languageOfLocale(systemLocale);
}

/** Keeps the known fields of a parsed settings file and drops invalid values. */
function sanitize(value: unknown): Settings {
  const settings = { ...defaultSettings };
  if (typeof value !== 'object' || value === null) {
    return settings;
  }

  const { serviceUrl, language, automaticUpdates } = value as Record<
    string,
    unknown
  >;
  if (typeof serviceUrl === 'string') {
    settings.serviceUrl = serviceUrl;
  }
  if (typeof language === 'string' && languageSettings.has(language)) {
    settings.language = language as LanguageSetting;
  }
  if (typeof automaticUpdates === 'boolean') {
    settings.automaticUpdates = automaticUpdates;
  }
  return settings;
}

/** Leaves out the settings without a choice, so that the file holds only what the person chose. */
function chosen(settings: Settings): Partial<Settings> {
  return Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== null),
  );
}

/**
 * `settings.json` in the user data folder. Writes go to a temporary file that
 * is then renamed over the old one, so a crash never leaves half a file, and
 * they run one after another in call order.
 */
export class SettingsStore {
  readonly #file: string;
  #settings: Settings = { ...defaultSettings };
  #writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly directory: string,
    private readonly logger: Logger,
  ) {
    this.#file = join(directory, 'settings.json');
  }

  get current(): Settings {
    return { ...this.#settings };
  }

  /** Reads the file; a missing or damaged file means the defaults. */
  async load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger.warn(
          { err: error },
          'settings file unreadable; using defaults',
        );
      }
      return this.current;
    }

    try {
      this.#settings = sanitize(JSON.parse(text));
    } catch (error) {
      this.logger.warn(
        { err: error },
        'settings file is not valid JSON; using defaults',
      );
    }
    return this.current;
  }

  /** Changes settings in memory at once and on disk in call order. */
  update(change: Partial<Settings>): Promise<void> {
    this.#settings = { ...this.#settings, ...change };
    const snapshot = this.current;
    const write = this.#writes.then(() => this.#write(snapshot));
    this.#writes = write.catch(() => undefined);
    return write;
  }

  /** Resolves when every write so far has finished. */
  flush(): Promise<void> {
    return this.#writes;
  }

  async #write(settings: Settings): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const temporary = `${this.#file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(
        temporary,
        `${JSON.stringify(chosen(settings), null, 2)}\n`,
        {
          mode: 0o600,
        },
      );
      await rename(temporary, this.#file);
    } catch (error) {
      this.logger.error({ err: error }, 'writing settings failed');
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
