import { access } from 'node:fs/promises';
import path from 'node:path';
import brand from '../../resources/brand.json';
import type { RunTool } from './platform-tool';
import type { SourceContent, ToolOutput } from './sources';

/** Folder where macOS puts the preferences of configuration profiles. */
export const MANAGED_PREFERENCES_DIR = '/Library/Managed Preferences';

/**
 * Returns the managed preferences files of the app: the machine's, from a
 * device profile, and the user's, from a user profile.
 */
export function managedPreferencesFiles(
  userName: string,
  directory = MANAGED_PREFERENCES_DIR,
): { machine: string; user: string } {
  const file = `${brand.appId}.plist`;
  return {
    machine: path.posix.join(directory, file),
    user: path.posix.join(directory, userName, file),
  };
}

/** Parses the output of `plutil -convert json -o - <file>`. */
export function parsePlutilOutput(output: ToolOutput): SourceContent {
  if (output.status !== 0) {
    const cause = output.stderr.trim() || `exit code ${output.status}`;
    return {
      kind: 'unreadable',
      problem: `plutil could not convert the file (${cause}); the file is ignored`,
    };
  }
  try {
    return {
      kind: 'document',
      document: JSON.parse(output.stdout),
      problems: [],
    };
  } catch (error) {
    return {
      kind: 'unreadable',
      problem: `plutil printed no valid JSON (${(error as Error).message}); the file is ignored`,
    };
  }
}

/** Reads one managed preferences file with `plutil`; a missing file is no policy. */
export async function readManagedPreferences(
  file: string,
  run: RunTool,
): Promise<SourceContent> {
  try {
    await access(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { kind: 'missing' };
    }
    return {
      kind: 'unreadable',
      problem: `the file could not be read (${code ?? String(error)}); the file is ignored`,
    };
  }
  return parsePlutilOutput(
    await run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', file]),
  );
}
