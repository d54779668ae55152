import { userInfo } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import {
  managedPreferencesFiles,
  readManagedPreferences,
} from './macos-preferences';
import { runTool, type RunTool } from './platform-tool';
import {
  policyFilePath,
  POLICY_FILE_VARIABLE,
  readPolicyFile,
} from './policy-file';
import { parsePolicyDocument, type PolicyFormat } from './policy-document';
import type {
  MachinePolicy,
  PolicyLevels,
  PolicyProblem,
  SourceContent,
} from './sources';
import {
  policyKeyName,
  readRegistryPolicy,
  type RegistryHive,
} from './windows-registry';

export type { MachinePolicy } from './sources';
export { POLICY_FILE_VARIABLE } from './policy-file';

export type PolicyScope = 'machine' | 'user';

/** One place a policy may come from: a file or a registry key. */
export interface PolicySource {
  scope: PolicyScope;
  /** The file or registry key, as the log names it. */
  location: string;
  format: PolicyFormat;
  read(): Promise<SourceContent>;
}

/** The settings of one source, with its problems. */
export interface SourcePolicy {
  levels: Required<PolicyLevels>;
  problems: PolicyProblem[];
}

export interface LoadPolicyOptions {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  logger: Logger;
  /**
   * A JSON policy file read in place of this system's sources on any
   * platform, as the browser preview's `--policy-file`.
   */
  policyFile?: string;
  /** Runs `reg` or `plutil`; the real tools when absent. */
  run?: RunTool;
  /** The user whose macOS managed preferences apply; the current user when absent. */
  userName?: string;
  /** Folder of the macOS managed preferences; `/Library/Managed Preferences` when absent. */
  managedPreferencesDir?: string;
}

/** Validates what a source contained. */
export function policyOfSource(
  content: SourceContent,
  format: PolicyFormat,
): SourcePolicy {
  switch (content.kind) {
    case 'missing':
      return { levels: { mandatory: {}, recommended: {} }, problems: [] };
    case 'unreadable':
      return {
        levels: { mandatory: {}, recommended: {} },
        problems: [{ key: null, message: content.problem }],
      };
    case 'document': {
      const parsed = parsePolicyDocument(content.document, format);
      return {
        levels: {
          mandatory: parsed.mandatory,
          recommended: parsed.recommended,
        },
        problems: [...content.problems, ...parsed.problems],
      };
    }
  }
}

/**
 * A policy file. A file named on the command line or in the environment
 * must exist: a typing mistake there would otherwise leave the app
 * silently unmanaged.
 */
function fileSource(file: string, named: boolean): PolicySource {
  return {
    scope: 'machine',
    location: file,
    format: 'json',
    read: async () => {
      const content = await readPolicyFile(file);
      return named && content.kind === 'missing'
        ? {
            kind: 'unreadable',
            problem: `the named policy file does not exist; check the path given with --policy-file or ${POLICY_FILE_VARIABLE}`,
          }
        : content;
    },
  };
}

function registrySource(
  scope: PolicyScope,
  hive: RegistryHive,
  env: Record<string, string | undefined>,
  run: RunTool,
): PolicySource {
  return {
    scope,
    location: policyKeyName(hive),
    format: 'registry',
    read: () => readRegistryPolicy(hive, env, run),
  };
}

function preferencesSource(
  scope: PolicyScope,
  file: string,
  run: RunTool,
): PolicySource {
  return {
    scope,
    location: file,
    format: 'plist',
    read: () => readManagedPreferences(file, run),
  };
}

/** Returns the name of the user running the app, or null when the system has none for it. */
function currentUserName(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}

/** Lists the policy sources of a platform, strongest first. */
export function policySources(
  options: Omit<LoadPolicyOptions, 'logger'>,
): PolicySource[] {
  const run = options.run ?? runTool;
  if (options.policyFile !== undefined) {
    return [fileSource(path.resolve(options.policyFile), true)];
  }

  switch (options.platform) {
    case 'win32':
      return [
        registrySource('machine', 'HKLM', options.env, run),
        registrySource('user', 'HKCU', options.env, run),
      ];
    case 'darwin': {
      const userName = options.userName ?? currentUserName();
      const files = managedPreferencesFiles(
        userName ?? '',
        options.managedPreferencesDir,
      );
      const machine = preferencesSource('machine', files.machine, run);
      return userName
        ? [machine, preferencesSource('user', files.user, run)]
        : [machine];
    }
    default:
      return [
        fileSource(
          policyFilePath(options.env),
          Boolean(options.env[POLICY_FILE_VARIABLE]?.trim()),
        ),
      ];
  }
}

function namesOf(levels: PolicyLevels, level: keyof PolicyLevels): string[] {
  return Object.keys(levels[level] ?? {});
}

/**
 * Reads the policy of this computer from every source of the platform and
 * logs what applies and every problem. It never throws: a broken or
 * unreadable source must not stop the app, which then runs on the other
 * sources and the built-in defaults.
 */
export async function loadMachinePolicy(
  options: LoadPolicyOptions,
): Promise<MachinePolicy> {
  const logger = options.logger.child({ area: 'policy' });
  // On Windows and macOS the variable would let anyone who starts the app
  // undo what the organisation enforces through the registry or a profile.
  const systemManaged = ['win32', 'darwin'].includes(options.platform);
  if (
    systemManaged &&
    options.env[POLICY_FILE_VARIABLE] &&
    options.policyFile === undefined
  ) {
    logger.warn(
      { variable: POLICY_FILE_VARIABLE },
      'the policy file variable is read on Linux only and is ignored here',
    );
  }

  const policy: MachinePolicy = {};
  for (const source of policySources(options)) {
    let content: SourceContent;
    try {
      content = await source.read();
    } catch (error) {
      content = {
        kind: 'unreadable',
        problem: `reading failed (${(error as Error).message})`,
      };
    }

    const { levels, problems } = policyOfSource(content, source.format);
    for (const problem of problems) {
      logger.warn(
        { source: source.location, key: problem.key, problem: problem.message },
        'policy problem',
      );
    }
    if (problems.length > 0) {
      policy.unreadable = true;
    }

    const enforced = namesOf(levels, 'mandatory');
    const recommended = namesOf(levels, 'recommended');
    if (enforced.length > 0 || recommended.length > 0) {
      policy[source.scope] = levels;
      logger.info(
        {
          source: source.location,
          scope: source.scope,
          enforced,
          recommended,
          serviceUrl:
            levels.mandatory.ServiceUrl ?? levels.recommended.ServiceUrl,
        },
        'policy applies',
      );
    }
  }
  return policy;
}
