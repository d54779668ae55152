import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTestKeyring } from './support/keyring';
import { repositoryRoot } from './support/report';

/**
 * Builds the app, then runs every benchmark once, one after the other, inside
 * a throwaway keyring. `--skip-build` measures the build already in `out/`.
 */

const benchmarks = [
  'bundle-size.ts',
  'setup-link-latency.ts',
  'service-throughput.ts',
  'memory.ts',
  'sso-latency.ts',
];

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, {
    cwd: repositoryRoot,
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

ensureTestKeyring();
const { values } = parseArgs({
  options: { 'skip-build': { type: 'boolean', default: false } },
});

if (!values['skip-build']) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (run(npm, ['run', 'build']) !== 0) {
    console.error('error: the build failed; see its output above.');
    process.exit(1);
  }
}

const tsx = path.join(repositoryRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const failed = benchmarks.filter((benchmark) => {
  console.log(`\n== ${benchmark}`);
  return run(process.execPath, [tsx, path.join('bench', benchmark)]) !== 0;
});

if (failed.length > 0) {
  console.error(`\nerror: ${failed.join(', ')} failed; see the output above.`);
  process.exit(1);
}
console.log('\nAll benchmarks finished; results are in bench/results/.');
