import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import {
  definitionOf,
  policyNames,
  RECOMMENDED_KEY,
  ssoPresetNames,
  ssoPresetRequired,
  type PolicyDefinition,
  type PolicyName,
  type PolicyValueType,
} from './definitions';
import type { PolicyProblem, PolicySettings } from './sources';

/**
 * Where a document came from, which decides the words of the problems and
 * two rules: registry names are case-insensitive and store booleans as
 * DWORD 0 or 1, and a macOS profile adds its own `Payload…` keys.
 */
export type PolicyFormat = 'json' | 'registry' | 'plist';

export interface ParsedPolicyDocument {
  mandatory: PolicySettings;
  recommended: PolicySettings;
  problems: PolicyProblem[];
}

type Level = 'mandatory' | 'recommended';

const typeWords: Record<PolicyFormat, Record<PolicyValueType, string>> = {
  json: {
    string: 'a string',
    boolean: 'true or false',
    list: 'an array of strings',
    choice: 'a string',
  },
  registry: {
    string: 'REG_SZ',
    boolean: 'REG_DWORD 0 or 1',
    list: 'a subkey of REG_SZ values named 1, 2, 3… or REG_MULTI_SZ',
    choice: 'REG_SZ',
  },
  plist: {
    string: 'a string',
    boolean: 'a boolean (<true/> or <false/>)',
    list: 'an array of strings',
    choice: 'a string',
  },
};

const containerWords: Record<PolicyFormat, string> = {
  json: 'a JSON object',
  registry: 'a registry key',
  plist: 'a dictionary',
};

const checks = new Map<PolicyName, TypeCheck<TSchema>>();

function schemaCheck(name: PolicyName): TypeCheck<TSchema> {
  let check = checks.get(name);
  if (!check) {
    check = TypeCompiler.Compile(definitionOf(name).schema);
    checks.set(name, check);
  }
  return check;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a value for a problem, as the format shows it, never longer than a line. */
function describeValue(value: unknown, format: PolicyFormat): string {
  if (typeof value === 'string') {
    const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    const type = format === 'registry' ? 'REG_SZ' : 'the string';
    return `${type} ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') {
    return format === 'registry'
      ? `REG_DWORD 0x${value.toString(16)}`
      : `the number ${value}`;
  }
  if (typeof value === 'boolean') {
    return format === 'plist' ? `<${value}/>` : String(value);
  }
  if (Array.isArray(value)) {
    return `a list of ${value.length} entries`;
  }
  if (value === null) {
    return 'null';
  }
  return format === 'registry' ? 'a subkey' : containerWords[format];
}

/** Finds the setting a key names: exactly, or in any case in the registry, which ignores case. */
function settingNamed(key: string, format: PolicyFormat): PolicyName | null {
  const exact = policyNames.find((name) => name === key);
  if (exact || format !== 'registry') {
    return exact ?? null;
  }
  const lower = key.toLowerCase();
  return policyNames.find((name) => name.toLowerCase() === lower) ?? null;
}

function isRecommendedKey(key: string, format: PolicyFormat): boolean {
  return format === 'registry'
    ? key.toLowerCase() === RECOMMENDED_KEY.toLowerCase()
    : key === RECOMMENDED_KEY;
}

function unknownKeyMessage(key: string): string {
  const lower = key.toLowerCase();
  const similar = policyNames.find((name) => name.toLowerCase() === lower);
  return similar
    ? `unknown setting, ignored; setting names are case-sensitive, did you mean "${similar}"?`
    : 'unknown setting, ignored';
}

type ValueResult =
  | { ok: true; value: unknown; problems: string[] }
  | { ok: false; problems: string[] };

/** Checks the entries of a list, dropping invalid ones where the definition allows. */
function parseListEntries(
  definition: PolicyDefinition<TSchema>,
  entries: string[],
): ValueResult {
  const parseEntry = definition.parseEntry;
  if (!parseEntry) {
    return { ok: true, value: entries, problems: [] };
  }

  const kept: string[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (parsed.ok) kept.push(parsed.value);
    else invalid.push(entry);
  }
  if (invalid.length === 0) {
    return { ok: true, value: kept, problems: [] };
  }

  const shown = invalid.map((entry) => JSON.stringify(entry)).join(', ');
  if (definition.dropInvalidEntries) {
    return {
      ok: true,
      value: kept,
      problems: [
        `expected ${definition.expected}; the entries ${shown} are ignored and the other ${kept.length} apply`,
      ],
    };
  }
  return {
    ok: false,
    problems: [`expected ${definition.expected}, got ${shown}; ignored`],
  };
}

/** Checks one value against its setting's definition. */
function parseValue(
  name: PolicyName,
  raw: unknown,
  format: PolicyFormat,
): ValueResult {
  const definition = definitionOf(name);
  const value =
    format === 'registry' &&
    definition.type === 'boolean' &&
    (raw === 0 || raw === 1)
      ? raw === 1
      : raw;

  if (!schemaCheck(name).Check(value)) {
    const typeWord = typeWords[format][definition.type];
    const expected =
      typeWord === definition.expected
        ? typeWord
        : `${typeWord}: ${definition.expected}`;
    return {
      ok: false,
      problems: [
        `expected ${expected}; got ${describeValue(raw, format)}; ignored`,
      ],
    };
  }

  if (Array.isArray(value)) {
    return parseListEntries(definition, value as string[]);
  }
  if (definition.parse) {
    const parsed = definition.parse(value);
    return parsed.ok
      ? { ok: true, value: parsed.value, problems: [] }
      : {
          ok: false,
          problems: [
            `expected ${definition.expected}, got ${describeValue(raw, format)}; ignored`,
          ],
        };
  }
  return { ok: true, value, problems: [] };
}

/**
 * Keeps the single sign-on preset only when its four required settings are
 * all valid at this level, because a part of it cannot sign anyone in.
 */
function checkSsoPreset(
  settings: PolicySettings,
  invalid: Set<PolicyName>,
  prefix: string,
  problems: PolicyProblem[],
): void {
  const present = ssoPresetNames.filter(
    (name) => settings[name] !== undefined || invalid.has(name),
  );
  const required: readonly PolicyName[] = ssoPresetRequired;
  const broken = ssoPresetNames.filter(
    (name) =>
      invalid.has(name) ||
      (required.includes(name) && settings[name] === undefined),
  );
  if (present.length === 0 || broken.length === 0) {
    return;
  }

  for (const name of ssoPresetNames) delete settings[name];
  problems.push({
    key: `${prefix}${broken[0]}`,
    message: `the single sign-on preset needs ${ssoPresetRequired.join(', ')} together, and a valid SsoKnownAuthorities if any; ${broken.join(', ')} ${broken.length === 1 ? 'is' : 'are'} missing or invalid, so the preset of this level is ignored`,
  });
}

/** Reads the settings of one level, the top or `Recommended`. */
function parseLevel(
  record: Record<string, unknown>,
  level: Level,
  format: PolicyFormat,
  problems: PolicyProblem[],
): PolicySettings {
  const prefix = level === 'recommended' ? `${RECOMMENDED_KEY}.` : '';
  const settings: Record<string, unknown> = {};
  const invalid = new Set<PolicyName>();

  for (const [key, raw] of Object.entries(record)) {
    if (level === 'mandatory' && isRecommendedKey(key, format)) {
      continue;
    }
    if (format === 'plist' && key.startsWith('Payload')) {
      // The keys of the configuration profile itself, such as PayloadUUID.
      continue;
    }
    const name = settingNamed(key, format);
    if (!name) {
      problems.push({
        key: `${prefix}${key}`,
        message: unknownKeyMessage(key),
      });
      continue;
    }
    if (level === 'recommended' && !definitionOf(name).recommendable) {
      problems.push({
        key: `${prefix}${name}`,
        message: `${name} can only be enforced, not recommended; ignored`,
      });
      continue;
    }

    const parsed = parseValue(name, raw, format);
    for (const message of parsed.problems) {
      problems.push({ key: `${prefix}${name}`, message });
    }
    if (parsed.ok) settings[name] = parsed.value;
    else invalid.add(name);
  }

  // An enforced restriction that cannot be read must still restrict.
  for (const name of level === 'mandatory' ? invalid : []) {
    const fallback = definitionOf(name).whenUnreadable;
    if (!fallback) continue;
    settings[name] = fallback.value;
    problems.push({
      key: name,
      message: `an enforced ${name} that cannot be read ${fallback.effect}`,
    });
  }
  checkSsoPreset(settings as PolicySettings, invalid, prefix, problems);
  return settings as PolicySettings;
}

/**
 * Validates a policy document, setting by setting: a wrong type, an unknown
 * key or a bad URL drops that setting, with the problem named, and the rest
 * applies. The same rules hold for the Linux file, the registry and macOS.
 */
export function parsePolicyDocument(
  document: unknown,
  format: PolicyFormat,
): ParsedPolicyDocument {
  const problems: PolicyProblem[] = [];
  if (!isRecord(document)) {
    problems.push({
      key: null,
      message: `expected ${containerWords[format]} of settings, got ${describeValue(document, format)}; the source is ignored`,
    });
    return { mandatory: {}, recommended: {}, problems };
  }

  const mandatory = parseLevel(document, 'mandatory', format, problems);
  const recommendedKey = Object.keys(document).find((key) =>
    isRecommendedKey(key, format),
  );
  let recommended: PolicySettings = {};
  if (recommendedKey !== undefined) {
    const value = document[recommendedKey];
    if (isRecord(value)) {
      recommended = parseLevel(value, 'recommended', format, problems);
    } else {
      problems.push({
        key: RECOMMENDED_KEY,
        message: `expected ${containerWords[format]} of settings, got ${describeValue(value, format)}; ignored`,
      });
    }
  }
  return { mandatory, recommended, problems };
}
