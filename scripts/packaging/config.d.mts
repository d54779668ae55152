// Types of config.mjs for the TypeScript tests.
export interface Brand {
  name: string;
  appId: string;
  urlScheme: string;
  noReplyAddress?: string;
}

/**
 * An electron-builder configuration as parsed from YAML or JSON; its full
 * shape is electron-builder's schema, which the check validates at run time.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BuilderConfig = Record<string, any>;

export interface PackagingCheck {
  brand: Brand;
  /** electron-builder.yml with brand.json's values. */
  config: BuilderConfig;
  schemaProblems: string[];
  brandProblems: string[];
  resourceProblems: string[];
}

export const root: string;
export const builderConfigFile: string;
export const brandFile: string;
export const ICON_SIZE: number;
export function readBrand(file?: string): Promise<Brand>;
export function readBuilderConfig(file?: string): Promise<BuilderConfig>;
export function brandConflicts(
  config: BuilderConfig,
  brand: Brand,
  file?: string,
): string[];
export function applyBrand(config: BuilderConfig, brand: Brand): BuilderConfig;
export function readBuilderSchema(): Promise<object>;
export function createConfigValidator(): Promise<
  (config: BuilderConfig) => string[]
>;
export function pngSize(
  file: string,
): Promise<{ width: number; height: number }>;
export function checkPackaging(options?: {
  configFile?: string;
  brand?: string;
}): Promise<PackagingCheck>;
