import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyOfSource } from './machine-policy';
import type { ToolOutput } from './sources';
import {
  parseRegQuery,
  readRegistryPolicy,
  type RegistryHive,
} from './windows-registry';

/** Output of `reg query "<hive>\SOFTWARE\Policies\Mitel One" /s`, as reg prints it. */
function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}

function printed(name: string): ToolOutput {
  return { status: 0, stdout: fixture(name), stderr: '' };
}

function parse(output: ToolOutput, hive: RegistryHive = 'HKLM') {
  return policyOfSource(parseRegQuery(output, hive), 'registry');
}

describe('parseRegQuery', () => {
  it('keeps the CRLF of the captured output', () => {
    expect(fixture('reg-query-hklm.txt')).toContain('\r\n');
  });

  it('reads machine values, lists and recommended values', () => {
    const { levels, problems } = parse(printed('reg-query-hklm.txt'));

    expect(problems).toEqual([]);
    expect(levels.mandatory).toEqual({
      ServiceUrl: 'https://uc.example.com',
      PasswordSignIn: false,
      UpdatesEnabled: true,
      AllowedServices: [
        'https://uc.example.com',
        'https://uc-test.example.com',
      ],
      SsoAuthority:
        'https://login.microsoftonline.com/0f6c3a52-1d5e-4b8a-9c41-7f2e8d6b5a90',
      SsoTenantId: '0f6c3a52-1d5e-4b8a-9c41-7f2e8d6b5a90',
      SsoClientId: 'b1d0c1d4-6a0e-4f5b-8c2d-3e9f7a1b2c3d',
      SsoScopes: ['api://mitelone/access_as_user'],
    });
    expect(levels.recommended).toEqual({
      DefaultLanguage: 'de',
      AllowedServices: ['https://uc-lab.example.com'],
    });
  });

  it('reads user values, REG_MULTI_SZ and names in any case', () => {
    const { levels, problems } = parse(printed('reg-query-hkcu.txt'), 'HKCU');

    // Known authorities alone are a part of the SSO preset, so they go.
    expect(levels.mandatory).toEqual({
      UpdateFeedUrl: 'https://updates.example.com/mitelone/',
    });
    expect(levels.recommended).toEqual({
      ServiceUrl: 'https://uc-home.example.com',
      UpdatesEnabled: false,
    });
    expect(problems).toEqual([
      {
        key: 'SsoAuthority',
        message: expect.stringMatching(
          /SsoAuthority, SsoTenantId, SsoClientId, SsoScopes are missing or invalid/,
        ),
      },
    ]);
  });

  it('names every wrong value and keeps the rest', () => {
    const { levels, problems } = parse(printed('reg-query-hklm-wrong.txt'));

    expect(levels.mandatory).toEqual({
      AllowedServices: ['https://uc.example.com'],
      PasswordSignIn: false,
      UpdatesEnabled: false,
    });
    expect(levels.recommended).toEqual({});
    expect(problems.map(({ key, message }) => [key, message])).toEqual([
      ['DefaultLanguage', 'REG_BINARY is not a supported type; ignored'],
      [
        'AllowedServices\\Backup',
        'a list entry must be a REG_SZ value named 1, 2, 3…, got REG_SZ named "Backup"; ignored',
      ],
      ['Extensions\\Deep', 'unknown subkey, ignored'],
      [
        'ServiceUrl',
        'expected REG_SZ: an https origin such as "https://uc.example.com"; got REG_DWORD 0x1; ignored',
      ],
      [
        'PasswordSignIn',
        'expected REG_DWORD 0 or 1: true or false; got REG_DWORD 0x2; ignored',
      ],
      [
        'UpdatesEnabled',
        'expected REG_DWORD 0 or 1: true or false; got REG_SZ "true"; ignored',
      ],
      [
        'UpdateFeedUrl',
        expect.stringMatching(
          /^expected an https URL .* got REG_SZ "http:\/\/updates\.example\.com\/"; ignored$/,
        ),
      ],
      ['AutoStart', 'unknown setting, ignored'],
      [
        'SsoTenantId',
        'expected REG_SZ: a non-empty string; got REG_SZ ""; ignored',
      ],
      [
        'AllowedServices',
        'expected a list of https origins such as "https://uc.example.com"; the entries "uc-test.example.com" are ignored and the other 1 apply',
      ],
      [
        'PasswordSignIn',
        'an enforced PasswordSignIn that cannot be read turns password sign-in off',
      ],
      [
        'UpdatesEnabled',
        'an enforced UpdatesEnabled that cannot be read turns updates off',
      ],
      [
        'SsoAuthority',
        expect.stringMatching(
          /SsoAuthority, SsoTenantId, SsoClientId, SsoScopes are missing or invalid/,
        ),
      ],
      [
        'Recommended.PasswordSignIn',
        'PasswordSignIn can only be enforced, not recommended; ignored',
      ],
    ]);
  });

  it('reads an empty key as an empty policy', () => {
    const content = parseRegQuery(printed('reg-query-empty.txt'), 'HKLM');

    expect(content).toEqual({ kind: 'document', document: {}, problems: [] });
  });

  it('treats a missing key as no policy', () => {
    const output = {
      status: 1,
      stdout: '',
      stderr: fixture('reg-query-missing.stderr.txt'),
    };

    expect(parseRegQuery(output, 'HKCU')).toEqual({ kind: 'missing' });
  });

  it('reports reg failing', () => {
    const output = {
      status: null,
      stdout: '',
      stderr: 'C:\\Windows\\System32\\reg.exe could not be started (ENOENT)',
    };

    expect(parseRegQuery(output, 'HKLM')).toEqual({
      kind: 'unreadable',
      problem:
        'reg query failed (C:\\Windows\\System32\\reg.exe could not be started (ENOENT)); the registry policy is ignored',
    });
  });

  it('reports output from another key', () => {
    const output = printed('reg-query-hkcu.txt');

    const content = parseRegQuery(output, 'HKLM');

    expect(content.kind).toBe('document');
    expect(content.kind === 'document' && content.problems[0]).toEqual({
      key: null,
      message: expect.stringMatching(
        /^reg printed an unexpected line "HKEY_CURRENT_USER\\\\SOFTWARE/,
      ),
    });
  });
});

describe('readRegistryPolicy', () => {
  it('runs reg from the Windows folder on the policy key', async () => {
    const calls: [string, string[]][] = [];

    const content = await readRegistryPolicy(
      'HKCU',
      { SystemRoot: 'D:\\Windows' },
      async (file, args) => {
        calls.push([file, args]);
        return printed('reg-query-hkcu.txt');
      },
    );

    expect(calls).toEqual([
      [
        'D:\\Windows\\System32\\reg.exe',
        ['query', 'HKCU\\SOFTWARE\\Policies\\Mitel One', '/s', '/reg:64'],
      ],
    ]);
    expect(content.kind).toBe('document');
  });
});
