// Types of signing.mjs for the TypeScript tests.
import type { BuilderConfig } from './config.mjs';

export function signingOptions(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): { config: BuilderConfig; notes: string[] };
