import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import packageJson from '../../package.json';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Runs Electron's security linter over the desktop app's sources. They are
 * copied apart first: the build output repeats them without the review
 * annotations, and the service's HTML pages are not part of the app.
 * AvailableSecurityFixesGlobalCheck is excluded because it downloads a
 * release list.
 */
it('electronegativity reports nothing', async () => {
  const scanDir = await mkdtemp(path.join(tmpdir(), 'electronegativity-'));
  const report = path.join(scanDir, 'report.csv');
  try {
    for (const entry of ['main', 'preload', 'renderer']) {
      await cp(path.join(root, entry), path.join(scanDir, 'app', entry), {
        recursive: true,
      });
    }

    await promisify(execFile)(
      path.join(root, 'node_modules/.bin/electronegativity'),
      [
        '-i',
        path.join(scanDir, 'app'),
        '-e',
        packageJson.devDependencies.electron,
        '-x',
        'AvailableSecurityFixesGlobalCheck',
        '-o',
        report,
      ],
      { cwd: root },
    );

    const findings = (await readFile(report, 'utf8'))
      .trim()
      .split('\n')
      .slice(1);
    expect(findings).toEqual([]);
  } finally {
    await rm(scanDir, { recursive: true, force: true });
  }
}, 60_000);
