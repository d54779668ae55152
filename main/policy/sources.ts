import type { PolicyValues } from './definitions';

/** Values of one level of one scope; a missing key is not set there. */
export type PolicySettings = Partial<PolicyValues>;

/**
 * The values of one scope: `mandatory` at the top level, enforced;
 * `recommended` under `Recommended`, a default the person may change.
 */
export interface PolicyLevels {
  mandatory?: PolicySettings;
  recommended?: PolicySettings;
}

/**
 * The policy of this computer: the machine scope (HKLM, the machine's
 * managed preferences, the Linux file) and the user scope (HKCU, the
 * user's managed preferences). The machine scope wins.
 */
export interface MachinePolicy {
  machine?: PolicyLevels;
  user?: PolicyLevels;
  /** True when a source could not be read or a setting was ignored; the log has each problem. */
  unreadable?: boolean;
}

/** One problem in a source: what is wrong, where, and what was expected. */
export interface PolicyProblem {
  /** The setting with its level, such as `Recommended.ServiceUrl`, or null for the whole source. */
  key: string | null;
  message: string;
}

/** The output of a platform tool such as `reg` or `plutil`. */
export interface ToolOutput {
  /** Exit code, or null when the tool did not run or was stopped. */
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * What a reader found in one source: nothing, a document to validate (with
 * the problems of its layout), or a source it could not read.
 */
export type SourceContent =
  | { kind: 'missing' }
  | { kind: 'document'; document: unknown; problems: PolicyProblem[] }
  | { kind: 'unreadable'; problem: string };
