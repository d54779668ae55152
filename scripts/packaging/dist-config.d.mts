// Types of dist-config.mjs for the TypeScript tests.
import type { Brand, BuilderConfig } from './config.mjs';

export const FEED_URL_VARIABLE: string;
export class PackagingConfigError extends Error {
  problems: string[];
  constructor(problems: string[]);
}
export function feedUrlFromEnv(
  env: Record<string, string | undefined>,
): string | null;
export function prepareDistConfig(options: {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  workDir: string;
  electronDist?: string;
  outputDir?: string;
}): Promise<{
  config: BuilderConfig;
  configFile: string;
  notes: string[];
  brand: Brand;
}>;
