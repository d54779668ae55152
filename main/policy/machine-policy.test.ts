import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../test-support/log-capture';
import {
  loadMachinePolicy,
  MAX_POLICY_BYTES,
  policyFilePath,
  readPolicyFile,
  type MachinePolicy,
} from './machine-policy';

const sso = {
  authority: 'https://login.example.com/0f6c3a52-tenant',
  tenantId: '0f6c3a52-tenant',
  clientId: 'b1d0c1d4-client',
  scopes: ['api://mitelone/access_as_user'],
  knownAuthorities: ['login.example.com'],
};

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'policy-test-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function writePolicy(name: string, content: string): Promise<string> {
  const file = join(folder, `${name.replace(/\W+/g, '-')}.json`);
  await writeFile(file, content);
  return file;
}

describe('readPolicyFile', () => {
  const cases: [
    name: string,
    content: unknown,
    policy: MachinePolicy,
    problems: RegExp[],
  ][] = [
    [
      'service and SSO',
      { serviceUrl: 'https://uc.example.com', sso },
      { serviceUrl: 'https://uc.example.com', sso },
      [],
    ],
    [
      'service only',
      { serviceUrl: 'https://uc.example.com/' },
      { serviceUrl: 'https://uc.example.com' },
      [],
    ],
    [
      'SSO without knownAuthorities',
      { sso: { ...sso, knownAuthorities: undefined } },
      { sso: { ...sso, knownAuthorities: [] } },
      [],
    ],
    ['empty object', {}, {}, []],
    [
      'unknown top-level key',
      { serviceUrl: 'https://uc.example.com', autoUpdate: false },
      { serviceUrl: 'https://uc.example.com' },
      [/^autoUpdate: unknown key, ignored$/],
    ],
    [
      'unknown SSO key',
      { sso: { ...sso, clientSecret: 'x' } },
      { sso },
      [/^sso\.clientSecret: unknown key, ignored$/],
    ],
    [
      'SSO without clientId',
      {
        serviceUrl: 'https://uc.example.com',
        sso: { ...sso, clientId: undefined },
      },
      { serviceUrl: 'https://uc.example.com' },
      [/^sso\.clientId: expected required property$/, /^sso: incomplete/],
    ],
    [
      'SSO with empty scopes',
      { sso: { ...sso, scopes: [] } },
      {},
      [/^sso\.scopes: /, /^sso: incomplete/],
    ],
    [
      'SSO with a number as tenant',
      { sso: { ...sso, tenantId: 42 } },
      {},
      [/^sso\.tenantId: expected string$/, /^sso: incomplete/],
    ],
    [
      'SSO that is a string',
      { sso: 'entra' },
      {},
      [/^sso: expected an object; ignored$/],
    ],
    [
      'SSO with an http authority',
      { sso: { ...sso, authority: 'http://login.example.com/t' } },
      {},
      [/^sso\.authority: expected an https URL/, /^sso: invalid/],
    ],
    [
      'SSO with a URL as known authority',
      { sso: { ...sso, knownAuthorities: ['https://login.example.com'] } },
      {},
      [/^sso\.knownAuthorities: expected a host/, /^sso: invalid/],
    ],
    [
      'service URL with a path',
      { serviceUrl: 'https://uc.example.com/app', sso },
      { sso },
      [/^serviceUrl: expected an https origin/],
    ],
    [
      'service URL over plain http',
      { serviceUrl: 'http://uc.example.com' },
      {},
      [/^serviceUrl: expected an https origin/],
    ],
    [
      'service URL as a number',
      { serviceUrl: 8443 },
      {},
      [/^serviceUrl: expected an https origin .* got 8443; ignored$/],
    ],
    [
      'array at the top',
      [{ serviceUrl: 'https://uc.example.com' }],
      {},
      [/must contain a JSON object/],
    ],
    ['null at the top', null, {}, [/must contain a JSON object/]],
  ];

  it.each(cases)('%s', async (name, content, policy, problems) => {
    const file = await writePolicy(name, JSON.stringify(content));

    const result = await readPolicyFile(file);

    expect(result.policy).toEqual(policy);
    expect(result.problems).toHaveLength(problems.length);
    problems.forEach((pattern, index) =>
      expect(result.problems[index]).toMatch(pattern),
    );
  });

  it('accepts a byte order mark', async () => {
    const file = await writePolicy(
      'bom',
      `\uFEFF${JSON.stringify({ serviceUrl: 'https://uc.example.com' })}`,
    );
    expect((await readPolicyFile(file)).policy).toEqual({
      serviceUrl: 'https://uc.example.com',
    });
  });

  it('treats a missing file as no policy', async () => {
    const result = await readPolicyFile(join(folder, 'missing.json'));
    expect(result).toEqual({
      file: join(folder, 'missing.json'),
      policy: {},
      problems: [],
    });
  });

  it('ignores malformed JSON with its position', async () => {
    const file = await writePolicy('malformed', '{ "serviceUrl": "https://a",');

    const result = await readPolicyFile(file);

    expect(result.policy).toEqual({});
    expect(result.problems).toEqual([
      expect.stringMatching(/^the file is not valid JSON \(.*position.*\)/),
    ]);
  });

  it('ignores a folder in place of the file', async () => {
    const directory = join(folder, 'folder.json');
    await mkdir(directory);

    const result = await readPolicyFile(directory);

    expect(result.policy).toEqual({});
    expect(result.problems).toEqual([
      'the file could not be read (EISDIR); the file is ignored',
    ]);
  });

  it('ignores an oversized file', async () => {
    const file = await writePolicy(
      'oversized',
      JSON.stringify({ padding: 'x'.repeat(MAX_POLICY_BYTES) }),
    );

    const result = await readPolicyFile(file);

    expect(result.policy).toEqual({});
    expect(result.problems[0]).toMatch(/more than the maximum of 65536/);
  });
});

describe('policyFilePath', () => {
  it.each([
    ['linux', {}, '/etc/mitelone/policy.json'],
    ['darwin', {}, '/Library/Application Support/Mitel One/policy.json'],
    ['win32', { ProgramData: 'D:\\Data' }, 'D:\\Data\\Mitel One\\policy.json'],
    ['win32', {}, 'C:\\ProgramData\\Mitel One\\policy.json'],
  ] as const)('%s %j', (platform, env, expected) => {
    expect(policyFilePath(platform, env)).toBe(expected);
  });

  it('prefers MITELONE_POLICY_FILE', () => {
    expect(
      policyFilePath('linux', { MITELONE_POLICY_FILE: '/tmp/p.json' }),
    ).toBe('/tmp/p.json');
  });
});

describe('loadMachinePolicy', () => {
  it('logs each problem with the file', async () => {
    const file = await writePolicy(
      'logged',
      JSON.stringify({ serviceUrl: 'https://uc.example.com', extra: 1 }),
    );
    const logs = captureLogs();

    const policy = await loadMachinePolicy({
      platform: 'linux',
      env: { MITELONE_POLICY_FILE: file },
      logger: logs.logger,
    });

    expect(policy).toEqual({ serviceUrl: 'https://uc.example.com' });
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'policy file problem',
        file,
        problem: 'extra: unknown key, ignored',
      }),
    );
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        msg: 'machine-wide policy applies',
        serviceUrl: 'https://uc.example.com',
      }),
    );
  });
});
