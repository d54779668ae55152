import path from 'node:path';
import brand from '../../resources/brand.json';
import { RECOMMENDED_KEY } from './definitions';
import type { RunTool } from './platform-tool';
import type { PolicyProblem, SourceContent, ToolOutput } from './sources';

/** The policy key under HKLM or HKCU, as Group Policy writes it. */
export const POLICY_SUBKEY = `SOFTWARE\\Policies\\${brand.name}`;

export type RegistryHive = 'HKLM' | 'HKCU';

const hiveNames: Record<RegistryHive, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
};

/** The full name of the policy key, as `reg query` prints it. */
export function policyKeyName(hive: RegistryHive): string {
  return `${hiveNames[hive]}\\${POLICY_SUBKEY}`;
}

interface RegistryValue {
  type: string;
  data: string;
}

/** `    name    REG_TYPE    data`; `reg` leaves out the data of an empty value. */
const valueLinePattern = /^ {4}(.+?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;

/**
 * Splits `reg query /s` output into keys, by their path below the policy
 * key (`''` for the key itself), each with its values by name.
 */
function splitKeys(
  stdout: string,
  keyName: string,
  problems: PolicyProblem[],
): Map<string, Map<string, RegistryValue>> {
  const keys = new Map<string, Map<string, RegistryValue>>();
  const prefix = keyName.toLowerCase();
  let current: Map<string, RegistryValue> | null = null;

  for (const line of stdout.split(/\r?\n/)) {
    if (line.trim() === '') {
      continue;
    }
    if (!line.startsWith(' ')) {
      const lower = line.trim().toLowerCase();
      if (lower !== prefix && !lower.startsWith(`${prefix}\\`)) {
        problems.push({
          key: null,
          message: `reg printed an unexpected line ${JSON.stringify(line.slice(0, 120))}; ignored`,
        });
        current = null;
        continue;
      }
      const relative = line.trim().slice(keyName.length + 1);
      current = keys.get(relative) ?? new Map();
      keys.set(relative, current);
      continue;
    }

    const match = valueLinePattern.exec(line);
    if (!match || !current) {
      problems.push({
        key: null,
        message: `reg printed an unexpected line ${JSON.stringify(line.slice(0, 120))}; ignored`,
      });
      continue;
    }
    const [, name, type, data] = match;
    current.set(name!, { type: type!, data: data ?? '' });
  }
  return keys;
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

/** Converts a value to what a JSON policy file would hold. */
function convertValue({ type, data }: RegistryValue): Converted {
  switch (type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return { ok: true, value: data };
    case 'REG_DWORD':
    case 'REG_QWORD':
      return { ok: true, value: Number.parseInt(data, 16) };
    case 'REG_MULTI_SZ':
      // `reg` joins the strings with a literal `\0`.
      return { ok: true, value: data === '' ? [] : data.split('\\0') };
    default:
      return { ok: false, message: `${type} is not a supported type; ignored` };
  }
}

/** Reads a list subkey: REG_SZ values named 1, 2, 3…, in numeric order. */
function readListKey(
  values: Map<string, RegistryValue>,
  keyPath: string,
  problems: PolicyProblem[],
): string[] {
  const entries: [number, string][] = [];
  for (const [name, value] of values) {
    if (!/^[1-9][0-9]{0,5}$/.test(name) || value.type !== 'REG_SZ') {
      problems.push({
        key: `${keyPath}\\${name}`,
        message: `a list entry must be a REG_SZ value named 1, 2, 3…, got ${value.type} named ${JSON.stringify(name)}; ignored`,
      });
      continue;
    }
    entries.push([Number(name), value.data]);
  }
  return entries.sort(([a], [b]) => a - b).map(([, data]) => data);
}

/** Adds the values of one key to a document level. */
function addValues(
  level: Record<string, unknown>,
  values: Map<string, RegistryValue>,
  keyPath: string,
  problems: PolicyProblem[],
): void {
  for (const [name, value] of values) {
    const converted = convertValue(value);
    if (converted.ok) {
      level[name] = converted.value;
    } else {
      problems.push({
        key: keyPath ? `${keyPath}\\${name}` : name,
        message: converted.message,
      });
    }
  }
}

/** Adds a list subkey, which wins over a value of the same name. */
function addList(
  level: Record<string, unknown>,
  name: string,
  values: Map<string, RegistryValue>,
  keyPath: string,
  problems: PolicyProblem[],
): void {
  if (name in level) {
    problems.push({
      key: keyPath,
      message: `${name} is both a value and a subkey; the subkey is used`,
    });
  }
  level[name] = readListKey(values, keyPath, problems);
}

/**
 * Turns the keys of `reg query /s` into the document a JSON policy file
 * would hold: values at the top, `Recommended` as an object, and each
 * list subkey as an array.
 */
function documentOf(
  keys: Map<string, Map<string, RegistryValue>>,
  problems: PolicyProblem[],
): Record<string, unknown> {
  const top: Record<string, unknown> = {};
  const recommended: Record<string, unknown> = {};
  let hasRecommended = false;

  for (const [keyPath, values] of keys) {
    const parts = keyPath === '' ? [] : keyPath.split('\\');
    const underRecommended =
      parts[0]?.toLowerCase() === RECOMMENDED_KEY.toLowerCase();
    hasRecommended ||= underRecommended;

    if (parts.length === 0) {
      addValues(top, values, '', problems);
    } else if (underRecommended && parts.length === 1) {
      addValues(recommended, values, keyPath, problems);
    } else if (parts.length === 1) {
      addList(top, parts[0]!, values, keyPath, problems);
    } else if (underRecommended && parts.length === 2) {
      addList(recommended, parts[1]!, values, keyPath, problems);
    } else {
      problems.push({ key: keyPath, message: 'unknown subkey, ignored' });
    }
  }
  return hasRecommended ? { ...top, [RECOMMENDED_KEY]: recommended } : top;
}

/**
 * Parses the output of `reg query "<policy key>" /s`. `reg` exits with 1
 * and prints nothing on standard output when the key does not exist, which
 * means no policy in this hive.
 */
export function parseRegQuery(
  output: ToolOutput,
  hive: RegistryHive,
): SourceContent {
  if (output.status === 1 && output.stdout.trim() === '') {
    // NOTE: `reg` exits with 1 for every failure, and its message is in
    // the system's language. A policy key is readable by every user, so
    // missing is by far the likeliest cause here.
    return { kind: 'missing' };
  }
  if (output.status !== 0) {
    const cause = output.stderr.trim() || `exit code ${output.status}`;
    return {
      kind: 'unreadable',
      problem: `reg query failed (${cause}); the registry policy is ignored`,
    };
  }

  const problems: PolicyProblem[] = [];
  const keys = splitKeys(output.stdout, policyKeyName(hive), problems);
  return { kind: 'document', document: documentOf(keys, problems), problems };
}

/** Path of reg.exe, taken from the Windows folder rather than the search path. */
function regPath(env: Record<string, string | undefined>): string {
  const windows = env.SystemRoot ?? env.windir ?? 'C:\\Windows';
  return path.win32.join(windows, 'System32', 'reg.exe');
}

/** Reads the policy key of one hive with `reg query`. */
export async function readRegistryPolicy(
  hive: RegistryHive,
  env: Record<string, string | undefined>,
  run: RunTool,
): Promise<SourceContent> {
  // /reg:64 reads the 64-bit view, where Group Policy writes, also from a
  // 32-bit process.
  const output = await run(regPath(env), [
    'query',
    `${hive}\\${POLICY_SUBKEY}`,
    '/s',
    '/reg:64',
  ]);
  return parseRegQuery(output, hive);
}
