// Types of windows-url-scheme.mjs for the TypeScript tests.
import type { Brand } from './config.mjs';

export function nsisUrlSchemeInclude(brand: Brand): string;
export function msiUrlSchemeComponent(brand: Brand): string;
export function addUrlSchemeToMsiProject(
  projectFile: string,
  brand: Brand,
): Promise<void>;
export function msiProjectCreated(projectFile: string): Promise<void>;
