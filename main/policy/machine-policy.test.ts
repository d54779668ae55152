import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../test-support/log-capture';
import { loadMachinePolicy } from './machine-policy';
import type { RunTool } from './platform-tool';
import type { ToolOutput } from './sources';

function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}

/** Returns a stand-in for `reg` that prints the captured output of each hive. */
function fakeReg(outputs: Record<'HKLM' | 'HKCU', ToolOutput>): RunTool {
  return async (_file, args) => outputs[args[1]!.slice(0, 4) as 'HKLM'];
}

const missingKey: ToolOutput = {
  status: 1,
  stdout: '',
  stderr: fixture('reg-query-missing.stderr.txt'),
};

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'machine-policy-test-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('loadMachinePolicy', () => {
  it('reads the Linux file and logs each problem with the file', async () => {
    const file = join(folder, 'logged.json');
    await writeFile(
      file,
      JSON.stringify({ ServiceUrl: 'https://uc.example.com', Extra: 1 }),
    );
    const logs = captureLogs();

    const policy = await loadMachinePolicy({
      platform: 'linux',
      env: { MITELONE_POLICY_FILE: file },
      logger: logs.logger,
    });

    expect(policy).toEqual({
      machine: {
        mandatory: { ServiceUrl: 'https://uc.example.com' },
        recommended: {},
      },
      unreadable: true,
    });
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'policy problem',
        source: file,
        key: 'Extra',
        problem: 'unknown setting, ignored',
      }),
    );
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        msg: 'policy applies',
        scope: 'machine',
        enforced: ['ServiceUrl'],
        serviceUrl: 'https://uc.example.com',
      }),
    );
  });

  it('reports a named file that does not exist', async () => {
    const logs = captureLogs();

    const policy = await loadMachinePolicy({
      platform: 'linux',
      env: { MITELONE_POLICY_FILE: join(folder, 'missing.json') },
      logger: logs.logger,
    });

    expect(policy).toEqual({ unreadable: true });
    expect(JSON.stringify(logs.entries())).toContain(
      'the named policy file does not exist',
    );
  });

  it('starts with no policy on malformed JSON', async () => {
    const file = join(folder, 'malformed.json');
    await writeFile(file, '{"ServiceUrl": ');

    const policy = await loadMachinePolicy({
      platform: 'linux',
      env: { MITELONE_POLICY_FILE: file },
      logger: captureLogs().logger,
    });

    expect(policy).toEqual({ unreadable: true });
  });

  it('reads HKLM and HKCU on Windows', async () => {
    const policy = await loadMachinePolicy({
      platform: 'win32',
      env: {},
      logger: captureLogs().logger,
      run: fakeReg({
        HKLM: { status: 0, stdout: fixture('reg-query-hklm.txt'), stderr: '' },
        HKCU: missingKey,
      }),
    });

    expect(policy.unreadable).toBeUndefined();
    expect(policy.user).toBeUndefined();
    expect(policy.machine?.mandatory?.ServiceUrl).toBe(
      'https://uc.example.com',
    );
    expect(policy.machine?.recommended).toEqual({
      DefaultLanguage: 'de',
      AllowedServices: ['https://uc-lab.example.com'],
    });
  });

  it('keeps the machine policy when reg fails for the user', async () => {
    const logs = captureLogs();

    const policy = await loadMachinePolicy({
      platform: 'win32',
      env: {},
      logger: logs.logger,
      run: fakeReg({
        HKLM: { status: 0, stdout: fixture('reg-query-hklm.txt'), stderr: '' },
        HKCU: {
          status: null,
          stdout: '',
          stderr: 'reg.exe did not finish within 10000 ms',
        },
      }),
    });

    expect(policy.unreadable).toBe(true);
    expect(policy.machine?.mandatory?.PasswordSignIn).toBe(false);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        msg: 'policy problem',
        source: 'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Mitel One',
        key: null,
        problem:
          'reg query failed (reg.exe did not finish within 10000 ms); the registry policy is ignored',
      }),
    );
  });

  it('ignores the policy file variable on Windows', async () => {
    const logs = captureLogs();

    const policy = await loadMachinePolicy({
      platform: 'win32',
      env: { MITELONE_POLICY_FILE: join(folder, 'logged.json') },
      logger: logs.logger,
      run: fakeReg({ HKLM: missingKey, HKCU: missingKey }),
    });

    expect(policy).toEqual({});
    expect(logs.text()).toContain(
      'the policy file variable is read on Linux only and is ignored here',
    );
  });

  it('reads the machine and user profiles on macOS', async () => {
    const preferences = join(folder, 'Managed Preferences');
    await mkdir(join(preferences, 'anna'), { recursive: true });
    await writeFile(join(preferences, 'com.example.mitelone.plist'), '');
    await writeFile(
      join(preferences, 'anna', 'com.example.mitelone.plist'),
      '',
    );
    const run: RunTool = async (_tool, args) => {
      const name = args.at(-1)!.includes('/anna/')
        ? 'plutil-user.json.txt'
        : 'plutil-machine.json.txt';
      return { status: 0, stdout: fixture(name), stderr: '' };
    };

    const policy = await loadMachinePolicy({
      platform: 'darwin',
      env: {},
      logger: captureLogs().logger,
      userName: 'anna',
      managedPreferencesDir: preferences,
      run,
    });

    // The user profile has wrong values, which the log names.
    expect(policy.unreadable).toBe(true);
    expect(policy.machine?.mandatory?.ServiceUrl).toBe(
      'https://uc.example.com',
    );
    expect(policy.user).toEqual({
      mandatory: { UpdatesEnabled: false },
      recommended: {
        ServiceUrl: 'https://uc-home.example.com',
        UpdatesEnabled: false,
      },
    });
  });

  it('reads a policy file option on any platform', async () => {
    const file = join(folder, 'preview.json');
    await writeFile(
      file,
      JSON.stringify({ Recommended: { DefaultLanguage: 'en' } }),
    );

    const policy = await loadMachinePolicy({
      platform: 'darwin',
      env: {},
      logger: captureLogs().logger,
      policyFile: file,
    });

    expect(policy).toEqual({
      machine: { mandatory: {}, recommended: { DefaultLanguage: 'en' } },
    });
  });
});
