// `npm run dist`: builds the installers of the current platform. It checks
// the configuration, builds the app (`npm run build`), decides signing and
// notarization from the environment, and runs electron-builder. A failed
// download of Electron's archive or of a build tool ends with what failed,
// why, and what to do. docs/it-deployment.md describes the variables.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { explainBuildFailure } from './packaging/build-failure.mjs';
import { root } from './packaging/config.mjs';
import {
  PackagingConfigError,
  prepareDistConfig,
} from './packaging/dist-config.mjs';

const usage = `Usage: npm run dist -- [options]

Builds the installers of this platform into dist/: NSIS and MSI on Windows,
dmg, pkg and zip on macOS, AppImage, deb and rpm on Linux.

Options:
  --electron-dist DIR  use the unpacked Electron in DIR instead of downloading its archive
  --output DIR         write the installers to DIR (default: dist)
  --skip-build         package the existing build in out/ instead of running \`npm run build\`
  --help               show this text

Environment:
  CSC_LINK, CSC_KEY_PASSWORD   code signing certificate (.p12/.pfx) and its password
  APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID   notarization on macOS
  MITELONE_UPDATE_FEED_URL     update feed built into the installers (https)
  ELECTRON_MIRROR              mirror of Electron's releases`;

function parseOptions() {
  try {
    return parseArgs({
      options: {
        'electron-dist': { type: 'string' },
        output: { type: 'string' },
        'skip-build': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    console.error(`error: ${error.message}\n\n${usage}`);
    process.exit(2);
  }
}

/** Runs `npm run build` with the npm that started this script. */
function buildApp() {
  console.log('Building the app (npm run build)...');
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], {
        cwd: root,
        stdio: 'inherit',
      })
    : spawnSync('npm', ['run', 'build'], {
        cwd: root,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
  if (result.status !== 0) {
    console.error(
      `error: \`npm run build\` failed (exit code ${result.status ?? result.error?.message}); see the output above.`,
    );
    process.exit(1);
  }
}

/** The Electron executable in an unpacked Electron folder of this platform. */
function electronExecutable(folder) {
  switch (process.platform) {
    case 'win32':
      return path.join(folder, 'electron.exe');
    case 'darwin':
      return path.join(folder, 'Electron.app');
    default:
      return path.join(folder, 'electron');
  }
}

const options = parseOptions();
if (options.help) {
  console.log(usage);
  process.exit(0);
}
if (options['electron-dist']) {
  // Checked before the build, which takes a while, fails on it.
  const executable = electronExecutable(path.resolve(options['electron-dist']));
  if (!existsSync(executable)) {
    console.error(
      `error: --electron-dist names no unpacked Electron: ${executable} does not exist. Unpack electron-v${createRequire(import.meta.url)('electron/package.json').version}-${process.platform}-${process.arch}.zip from Electron's releases into that folder, or leave the option out to download it.`,
    );
    process.exit(2);
  }
}

const workDir = await mkdtemp(path.join(tmpdir(), 'mitelone-dist-'));
let exitCode = 0;
try {
  const prepared = await prepareDistConfig({
    platform: process.platform,
    env: process.env,
    workDir,
    electronDist: options['electron-dist'],
    outputDir: options.output,
  });
  for (const note of prepared.notes) console.log(note);

  if (!options['skip-build']) {
    buildApp();
  }

  // electron-builder is loaded only now: it is large, and the checks above
  // should fail fast.
  const { build } = await import('electron-builder');
  const artifacts = await build({
    config: prepared.configFile,
    publish: 'never',
  });
  console.log(`\nBuilt ${artifacts.length} file(s):`);
  for (const file of artifacts) console.log(`  ${path.relative(root, file)}`);
} catch (error) {
  exitCode = 1;
  if (error instanceof PackagingConfigError) {
    console.error(`error: ${error.message}`);
  } else {
    const electronVersion = createRequire(import.meta.url)(
      'electron/package.json',
    ).version;
    const explanation = explainBuildFailure(error, {
      electronVersion,
      platform: process.platform,
      arch: process.arch,
    });
    console.error(
      `\n${explanation ?? `error: electron-builder failed: ${error.stack ?? error}`}`,
    );
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
