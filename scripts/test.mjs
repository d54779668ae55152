// `npm test`: the whole test suite (typecheck, lint, unit, service and
// end-to-end tests). Extra arguments go to vitest, e.g. `npm test -- main`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, ensureInstalled, root, run } from './bootstrap.mjs';

const self = fileURLToPath(import.meta.url);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const args = process.argv.slice(2);

ensureInstalled();

// The tests use a real Secret Service. Unless a throwaway one is already
// running, start one in a private D-Bus session and run again inside it.
if (process.env.MITELONE_TEST_KEYRING !== 'ready') {
  const wrapper = path.join(root, 'scripts', 'with-test-keyring.sh');
  process.exit(run('sh', [wrapper, process.execPath, self, ...args]));
}

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  existsSync,
);
if (!process.env.CHROMIUM_PATH && !chromium) {
  console.error(
    'error: Chromium is missing, so the end-to-end tests cannot run. Install it with ' +
      '`sudo apt-get install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
  process.exit(1);
}

build();

const steps = [
  ['Typecheck (contract)', ['tsc', '-p', 'tsconfig.contract.json']],
  ['Typecheck (Node side)', ['tsc', '-p', 'tsconfig.node.json']],
  ['Typecheck (renderer)', ['tsc', '-p', 'tsconfig.web.json']],
  ['Lint', ['eslint', '.']],
  ['Tests', ['vitest', 'run', ...args]],
];

for (const [name, command] of steps) {
  console.log(`\n== ${name}`);
  const status = run(npx, command);
  if (status !== 0) {
    console.error(`error: ${name} failed (exit code ${status}).`);
    process.exit(status);
  }
}
