// Types of build-failure.mjs for the TypeScript tests.
export interface ElectronTarget {
  electronVersion: string;
  platform: string;
  arch: string;
}

export function findDownloadFailure(
  error: unknown,
): { url: string | null; cause: string } | null;
export function explainBuildFailure(
  error: unknown,
  target: ElectronTarget,
): string | null;
