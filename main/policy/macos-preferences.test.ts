import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  managedPreferencesFiles,
  parsePlutilOutput,
  readManagedPreferences,
} from './macos-preferences';
import { policyOfSource } from './machine-policy';
import type { ToolOutput } from './sources';

/** Output of `plutil -convert json -o - <file>`, as plutil prints it. */
function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}

function converted(name: string): ToolOutput {
  return { status: 0, stdout: fixture(name), stderr: '' };
}

describe('parsePlutilOutput', () => {
  it('reads a device profile and skips its Payload keys', () => {
    const { levels, problems } = policyOfSource(
      parsePlutilOutput(converted('plutil-machine.json.txt')),
      'plist',
    );

    expect(problems).toEqual([]);
    expect(levels.mandatory).toEqual({
      ServiceUrl: 'https://uc.example.com',
      AllowedServices: [
        'https://uc.example.com',
        'https://uc-test.example.com',
      ],
      PasswordSignIn: false,
      SsoAuthority:
        'https://login.microsoftonline.com/0f6c3a52-1d5e-4b8a-9c41-7f2e8d6b5a90',
      SsoTenantId: '0f6c3a52-1d5e-4b8a-9c41-7f2e8d6b5a90',
      SsoClientId: 'b1d0c1d4-6a0e-4f5b-8c2d-3e9f7a1b2c3d',
      SsoScopes: ['api://mitelone/access_as_user'],
    });
    expect(levels.recommended).toEqual({ DefaultLanguage: 'de' });
  });

  it('names wrong values in a user profile and keeps the rest', () => {
    const { levels, problems } = policyOfSource(
      parsePlutilOutput(converted('plutil-user.json.txt')),
      'plist',
    );

    expect(levels.mandatory).toEqual({ UpdatesEnabled: false });
    expect(levels.recommended).toEqual({
      ServiceUrl: 'https://uc-home.example.com',
      UpdatesEnabled: false,
    });
    expect(problems.map(({ key, message }) => [key, message])).toEqual([
      [
        'UpdatesEnabled',
        'expected a boolean (<true/> or <false/>): true or false; got the number 1; ignored',
      ],
      [
        'DefaultLanguage',
        'expected a string: "de", "en" or "system"; got the string "fr"; ignored',
      ],
      [
        'UpdatesEnabled',
        'an enforced UpdatesEnabled that cannot be read turns updates off',
      ],
      [
        'SsoAuthority',
        expect.stringMatching(
          /SsoAuthority, SsoClientId, SsoScopes are missing or invalid/,
        ),
      ],
    ]);
  });

  it('reports a plist that has no JSON form', () => {
    const output = {
      status: 1,
      stdout: '',
      stderr: fixture('plutil-date.stderr.txt'),
    };

    expect(parsePlutilOutput(output)).toEqual({
      kind: 'unreadable',
      problem:
        'plutil could not convert the file (/Library/Managed Preferences/com.example.mitelone.plist: invalid object in plist for destination format); the file is ignored',
    });
  });

  it('reports output that is not JSON', () => {
    const content = parsePlutilOutput({
      status: 0,
      stdout: 'bplist00',
      stderr: '',
    });

    expect(content.kind).toBe('unreadable');
  });
});

describe('managedPreferencesFiles', () => {
  it('names the machine and user files of the app id', () => {
    expect(managedPreferencesFiles('anna')).toEqual({
      machine: '/Library/Managed Preferences/com.example.mitelone.plist',
      user: '/Library/Managed Preferences/anna/com.example.mitelone.plist',
    });
  });
});

describe('readManagedPreferences', () => {
  it('runs plutil on an existing file only', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'managed-preferences-'));
    const file = join(folder, 'com.example.mitelone.plist');
    const calls: [string, string[]][] = [];
    const run = async (tool: string, args: string[]) => {
      calls.push([tool, args]);
      return converted('plutil-machine.json.txt');
    };

    try {
      expect(await readManagedPreferences(file, run)).toEqual({
        kind: 'missing',
      });
      expect(calls).toEqual([]);

      await writeFile(file, '<plist/>');
      const content = await readManagedPreferences(file, run);

      expect(content.kind).toBe('document');
      expect(calls).toEqual([
        ['/usr/bin/plutil', ['-convert', 'json', '-o', '-', file]],
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
