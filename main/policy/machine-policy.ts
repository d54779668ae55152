import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Logger } from 'pino';
import type { SsoSettings } from '../../contract/api';
import { parseBareOrigin } from '../service-url';

/**
 * The machine-wide configuration that an organisation's IT department
 * deploys with the app: the service address and the single sign-on of its
 * tenant. The format and the file's locations are described in
 * docs/managed-configuration.md.
 */
export interface MachinePolicy {
  /** Origin of the preset service. */
  serviceUrl?: string;
  /** Single sign-on settings, present only when the file's `sso` is complete and valid. */
  sso?: SsoSettings;
}

export interface PolicyReadResult {
  /** The file that was read or looked for. */
  file: string;
  policy: MachinePolicy;
  /** Every problem found, each naming the key and what is wrong with it. */
  problems: string[];
}

/** Largest policy file read; a real one is a few hundred bytes. */
export const MAX_POLICY_BYTES = 64 * 1024;

/** Environment variable that names another policy file, for tests and trials. */
export const POLICY_FILE_VARIABLE = 'MITELONE_POLICY_FILE';

const NonEmpty = Type.String({ minLength: 1, maxLength: 2000 });

const SsoPreset = Type.Object({
  authority: NonEmpty,
  tenantId: NonEmpty,
  clientId: NonEmpty,
  scopes: Type.Array(NonEmpty, { minItems: 1 }),
  knownAuthorities: Type.Optional(Type.Array(NonEmpty)),
});
type SsoPreset = Static<typeof SsoPreset>;

const ssoPresetCheck = TypeCompiler.Compile(SsoPreset);

const topLevelKeys = new Set(['serviceUrl', 'sso']);
const ssoKeys = new Set(Object.keys(SsoPreset.properties));

/** `host` or `host:port`, as MSAL compares the authority's host. */
const hostPattern = /^[a-z0-9.-]+(:[0-9]{1,5})?$/i;

/** Returns the policy file of this platform, or the one the environment names. */
export function policyFilePath(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): string {
  const named = env[POLICY_FILE_VARIABLE]?.trim();
  if (named) {
    return path.resolve(named);
  }

  switch (platform) {
    case 'win32':
      return path.win32.join(
        env.ProgramData ?? 'C:\\ProgramData',
        'Mitel One',
        'policy.json',
      );
    case 'darwin':
      return '/Library/Application Support/Mitel One/policy.json';
    default:
      return '/etc/mitelone/policy.json';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(
  value: Record<string, unknown>,
  known: Set<string>,
  prefix: string,
): string[] {
  return Object.keys(value)
    .filter((key) => !known.has(key))
    .map((key) => `${prefix}${key}: unknown key, ignored`);
}

function readServiceUrl(value: unknown, problems: string[]): string | null {
  const check =
    typeof value === 'string'
      ? parseBareOrigin(value)
      : { ok: false as const, reason: 'malformed' as const };
  if (check.ok) {
    return check.origin;
  }
  problems.push(
    `serviceUrl: expected an https origin such as "https://uc.example.com", got ${JSON.stringify(value)}; ignored`,
  );
  return null;
}

/** Checks the `sso` section and returns its settings, or null with the problems listed. */
function readSso(value: unknown, problems: string[]): SsoSettings | null {
  if (!isRecord(value)) {
    problems.push('sso: expected an object; ignored');
    return null;
  }
  problems.push(...unknownKeys(value, ssoKeys, 'sso.'));

  const known = Object.fromEntries(
    Object.entries(value).filter(([key]) => ssoKeys.has(key)),
  );
  // TypeBox reports a missing property twice (required, then its type), so
  // only the first error of each path is kept.
  const firstErrors = new Map<string, string>();
  for (const error of ssoPresetCheck.Errors(known)) {
    if (!firstErrors.has(error.path)) {
      firstErrors.set(error.path, error.message.toLowerCase());
    }
  }
  const errors = [...firstErrors].map(
    ([errorPath, message]) =>
      `sso${errorPath.replaceAll('/', '.')}: ${message}`,
  );
  if (errors.length > 0) {
    problems.push(...errors, 'sso: incomplete or invalid, so it is ignored');
    return null;
  }

  const preset = known as SsoPreset;
  const semantic = checkSsoValues(preset);
  if (semantic.length > 0) {
    problems.push(...semantic, 'sso: invalid, so it is ignored');
    return null;
  }
  return {
    authority: preset.authority,
    tenantId: preset.tenantId,
    clientId: preset.clientId,
    scopes: preset.scopes,
    knownAuthorities: preset.knownAuthorities ?? [],
  };
}

function checkSsoValues(preset: SsoPreset): string[] {
  const problems: string[] = [];
  const authority = URL.parse(preset.authority);
  if (
    authority?.protocol !== 'https:' ||
    authority.username ||
    authority.password ||
    authority.search ||
    authority.hash
  ) {
    problems.push(
      `sso.authority: expected an https URL without query or fragment, got ${JSON.stringify(preset.authority)}`,
    );
  }
  for (const host of preset.knownAuthorities ?? []) {
    if (!hostPattern.test(host)) {
      problems.push(
        `sso.knownAuthorities: expected a host with an optional port such as "login.example.com:443", got ${JSON.stringify(host)}`,
      );
    }
  }
  return problems;
}

/** Validates the parsed JSON of a policy file, section by section. */
export function parsePolicy(value: unknown): {
  policy: MachinePolicy;
  problems: string[];
} {
  const policy: MachinePolicy = {};
  if (!isRecord(value)) {
    return {
      policy,
      problems: ['the file must contain a JSON object; the file is ignored'],
    };
  }

  const problems = unknownKeys(value, topLevelKeys, '');
  if (value.serviceUrl !== undefined) {
    const serviceUrl = readServiceUrl(value.serviceUrl, problems);
    if (serviceUrl) policy.serviceUrl = serviceUrl;
  }
  if (value.sso !== undefined) {
    const sso = readSso(value.sso, problems);
    if (sso) policy.sso = sso;
  }
  return { policy, problems };
}

/**
 * Reads the policy file. A missing file is no problem, and an unreadable,
 * oversized or malformed one yields an empty policy with the problem named,
 * so the app always starts.
 */
export async function readPolicyFile(file: string): Promise<PolicyReadResult> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.byteLength > MAX_POLICY_BYTES) {
      return {
        file,
        policy: {},
        problems: [
          `the file has ${bytes.byteLength} bytes, more than the maximum of ${MAX_POLICY_BYTES}; the file is ignored`,
        ],
      };
    }
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { file, policy: {}, problems: [] };
    }
    return {
      file,
      policy: {},
      problems: [
        `the file could not be read (${code ?? String(error)}); the file is ignored`,
      ],
    };
  }

  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      file,
      policy: {},
      problems: [
        `the file is not valid JSON (${(error as Error).message}); the file is ignored`,
      ],
    };
  }
  return { file, ...parsePolicy(value) };
}

/**
 * Reads this computer's policy file and logs what applies and every
 * problem. It never throws: a broken file must not stop the app.
 */
export async function loadMachinePolicy(options: {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  logger: Logger;
}): Promise<MachinePolicy> {
  const logger = options.logger.child({ area: 'policy' });
  const file = policyFilePath(options.platform, options.env);
  const { policy, problems } = await readPolicyFile(file);

  for (const problem of problems) {
    logger.warn({ file, problem }, 'policy file problem');
  }
  if (policy.serviceUrl !== undefined || policy.sso !== undefined) {
    logger.info(
      {
        file,
        serviceUrl: policy.serviceUrl,
        ssoAuthority: policy.sso?.authority,
      },
      'machine-wide policy applies',
    );
  }
  return policy;
}
