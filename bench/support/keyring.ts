import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repositoryRoot } from './report';

/**
 * Makes sure the benchmark runs inside `scripts/with-test-keyring.sh`: the
 * app stores its session in the Secret Service, and a throwaway keyring keeps
 * the benchmark's sessions out of the person's own. Outside it, the same
 * command runs again inside the wrapper and this process exits with its
 * status.
 */
export function ensureTestKeyring(): void {
  if (process.env.MITELONE_TEST_KEYRING === 'ready') return;

  const wrapper = path.join(repositoryRoot, 'scripts', 'with-test-keyring.sh');
  const result = spawnSync(
    'sh',
    [wrapper, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { cwd: repositoryRoot, stdio: 'inherit' },
  );
  if (result.error) {
    console.error(`error: could not run ${wrapper}: ${result.error.message}`);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}
