// The configuration `npm run dist` hands to electron-builder: the checked
// electron-builder.yml with brand.json's values, the signing decisions, the
// update feed and the Windows URL scheme registration. It is written to a
// file of its own, because electron-builder merges a configuration object
// into electron-builder.yml and would join the YAML's lists (such as the
// protocols) with the new ones.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackaging, createConfigValidator } from './config.mjs';
import { signingOptions } from './signing.mjs';
import { nsisUrlSchemeInclude } from './windows-url-scheme.mjs';

/** Environment variable with the update feed to build into the installers. */
export const FEED_URL_VARIABLE = 'MITELONE_UPDATE_FEED_URL';

/** A configuration that electron-builder would reject or build wrongly. */
export class PackagingConfigError extends Error {
  constructor(problems) {
    super(
      `the installer configuration has ${problems.length} problem(s):\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nRun \`npm run check:packaging\` after fixing them.`,
    );
    this.name = 'PackagingConfigError';
    this.problems = problems;
  }
}

function isLoopback(hostname) {
  return ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

/**
 * Returns the generic feed URL from the environment, ending in a slash as
 * electron-updater joins file names to it, or null when the variable is
 * unset. Only https is accepted (http for this computer, for trials).
 */
export function feedUrlFromEnv(env) {
  const value = env[FEED_URL_VARIABLE]?.trim();
  if (!value) {
    return null;
  }
  const url = URL.parse(value);
  const secure =
    url?.protocol === 'https:' ||
    (url?.protocol === 'http:' && isLoopback(url.hostname));
  if (
    !url ||
    !secure ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new PackagingConfigError([
      `${FEED_URL_VARIABLE} is ${JSON.stringify(value)}; expected an https URL without credentials, query or fragment, such as https://updates.example.com/mitelone/.`,
    ]);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function mergeSection(config, key, change) {
  return { ...config, [key]: { ...config[key], ...change } };
}

/** The module with electron-builder's `msiProjectCreated` hook. */
const msiHookModule = fileURLToPath(
  new URL('./windows-url-scheme.mjs', import.meta.url),
);

/**
 * Builds the effective configuration for `platform` and writes it to
 * `workDir/electron-builder.json`, with the generated NSIS include beside
 * it. Throws a PackagingConfigError when electron-builder.yml fails its
 * schema or a resource is missing. A brand value that differs from
 * brand.json only adds a note, because the build uses brand.json's values.
 */
export async function prepareDistConfig({
  platform,
  env,
  workDir,
  electronDist,
  outputDir,
}) {
  const checked = await checkPackaging();
  const fatal = [...checked.schemaProblems, ...checked.resourceProblems];
  if (fatal.length > 0) {
    throw new PackagingConfigError(fatal);
  }
  const notes = checked.brandProblems.map(
    (problem) => `warning: ${problem} Building with brand.json's values.`,
  );

  const signing = signingOptions(platform, env);
  notes.push(...signing.notes);
  let config = checked.config;
  for (const [key, change] of Object.entries(signing.config)) {
    config = mergeSection(config, key, change);
  }

  const feedUrl = feedUrlFromEnv(env);
  if (feedUrl) {
    config = mergeSection(config, 'publish', { url: feedUrl });
    notes.push(`Updates: the installers look for updates at ${feedUrl}.`);
  } else {
    notes.push(
      `Updates: no feed built in (${FEED_URL_VARIABLE} is not set); installations update only where the policy sets UpdateFeedUrl.`,
    );
  }

  const nsisInclude = path.join(workDir, 'url-scheme.nsh');
  await writeFile(nsisInclude, nsisUrlSchemeInclude(checked.brand));
  config = mergeSection(config, 'nsis', { include: nsisInclude });
  config = { ...config, msiProjectCreated: msiHookModule };

  if (electronDist) {
    config = { ...config, electronDist: path.resolve(electronDist) };
  }
  if (outputDir) {
    config = mergeSection(config, 'directories', {
      output: path.resolve(outputDir),
    });
  }

  const problems = (await createConfigValidator())(config);
  if (problems.length > 0) {
    throw new PackagingConfigError(problems);
  }
  const configFile = path.join(workDir, 'electron-builder.json');
  await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`);
  return { config, configFile, notes, brand: checked.brand };
}
