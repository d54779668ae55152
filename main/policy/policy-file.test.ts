import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyOfSource, type SourcePolicy } from './machine-policy';
import {
  MAX_POLICY_BYTES,
  policyFilePath,
  readPolicyFile,
} from './policy-file';
import type { PolicySettings } from './sources';

const sso = {
  SsoAuthority: 'https://login.example.com/0f6c3a52-tenant',
  SsoTenantId: '0f6c3a52-tenant',
  SsoClientId: 'b1d0c1d4-client',
  SsoScopes: ['api://mitelone/access_as_user'],
  SsoKnownAuthorities: ['login.example.com'],
};

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'policy-file-test-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function writePolicy(name: string, content: string): Promise<string> {
  const file = join(folder, `${name.replace(/\W+/g, '-')}.json`);
  await writeFile(file, content);
  return file;
}

async function readPolicy(
  name: string,
  content: string,
): Promise<SourcePolicy> {
  const file = await writePolicy(name, content);
  return policyOfSource(await readPolicyFile(file), 'json');
}

describe('Linux policy file', () => {
  const cases: [
    name: string,
    content: unknown,
    mandatory: PolicySettings,
    recommended: PolicySettings,
    problems: [key: string | null, message: RegExp][],
  ][] = [
    [
      'every setting enforced',
      {
        ServiceUrl: 'https://uc.example.com/',
        AllowedServices: ['https://uc.example.com', 'https://b.example.com'],
        ...sso,
        PasswordSignIn: false,
        UpdatesEnabled: false,
        UpdateFeedUrl: 'https://updates.example.com/mitelone/',
        DefaultLanguage: 'en',
      },
      {
        ServiceUrl: 'https://uc.example.com',
        AllowedServices: ['https://uc.example.com', 'https://b.example.com'],
        ...sso,
        PasswordSignIn: false,
        UpdatesEnabled: false,
        UpdateFeedUrl: 'https://updates.example.com/mitelone/',
        DefaultLanguage: 'en',
      },
      {},
      [],
    ],
    [
      'recommended values',
      {
        ServiceUrl: 'https://uc.example.com',
        Recommended: { DefaultLanguage: 'de', UpdatesEnabled: false },
      },
      { ServiceUrl: 'https://uc.example.com' },
      { DefaultLanguage: 'de', UpdatesEnabled: false },
      [],
    ],
    [
      'SSO preset without known authorities',
      { ...sso, SsoKnownAuthorities: undefined },
      { ...sso, SsoKnownAuthorities: undefined },
      {},
      [],
    ],
    ['empty object', {}, {}, {}, []],
    [
      'unknown keys',
      { ServiceUrl: 'https://uc.example.com', AutoStart: true },
      { ServiceUrl: 'https://uc.example.com' },
      {},
      [['AutoStart', /^unknown setting, ignored$/]],
    ],
    [
      'name in the wrong case',
      { serviceUrl: 'https://uc.example.com' },
      {},
      {},
      [['serviceUrl', /case-sensitive, did you mean "ServiceUrl"\?$/]],
    ],
    [
      'wrong types',
      {
        PasswordSignIn: 'false',
        UpdatesEnabled: 0,
        ServiceUrl: 8443,
        AllowedServices: 'https://uc.example.com',
        DefaultLanguage: 'fr',
      },
      { AllowedServices: [], PasswordSignIn: false, UpdatesEnabled: false },
      {},
      [
        [
          'PasswordSignIn',
          /^expected true or false; got the string "false"; ignored$/,
        ],
        [
          'UpdatesEnabled',
          /^expected true or false; got the number 0; ignored$/,
        ],
        [
          'ServiceUrl',
          /^expected a string: an https origin .* got the number 8443; ignored$/,
        ],
        ['AllowedServices', /^expected an array of strings: .* got the string/],
        [
          'DefaultLanguage',
          /^expected a string: "de", "en" or "system"; got the string "fr"/,
        ],
        [
          'PasswordSignIn',
          /^an enforced PasswordSignIn that cannot be read turns password sign-in off$/,
        ],
        [
          'UpdatesEnabled',
          /^an enforced UpdatesEnabled that cannot be read turns updates off$/,
        ],
        ['AllowedServices', /^an enforced AllowedServices that cannot be read/],
      ],
    ],
    [
      'bad URLs',
      {
        ServiceUrl: 'http://uc.example.com',
        UpdateFeedUrl: 'https://user:pw@updates.example.com/',
        Recommended: { ServiceUrl: 'https://uc.example.com/app' },
      },
      {},
      {},
      [
        [
          'ServiceUrl',
          /^expected an https origin .* got the string "http:\/\/uc\.example\.com"; ignored$/,
        ],
        ['UpdateFeedUrl', /^expected an https URL without user info/],
        ['Recommended.ServiceUrl', /^expected an https origin/],
      ],
    ],
    [
      'invalid allowed services',
      {
        AllowedServices: [
          'https://uc.example.com',
          'uc-test.example.com',
          'ftp://x',
        ],
      },
      { AllowedServices: ['https://uc.example.com'] },
      {},
      [
        [
          'AllowedServices',
          /the entries "uc-test\.example\.com", "ftp:\/\/x" are ignored and the other 1 apply$/,
        ],
      ],
    ],
    [
      'partial SSO preset',
      {
        ServiceUrl: 'https://uc.example.com',
        ...sso,
        SsoClientId: undefined,
      },
      { ServiceUrl: 'https://uc.example.com' },
      {},
      [
        [
          'SsoClientId',
          /SsoClientId is missing or invalid, so the preset of this level is ignored$/,
        ],
      ],
    ],
    [
      'SSO preset with an http authority',
      { ...sso, SsoAuthority: 'http://login.example.com/t' },
      {},
      {},
      [
        ['SsoAuthority', /^expected an https URL without query or fragment/],
        ['SsoAuthority', /SsoAuthority is missing or invalid/],
      ],
    ],
    [
      'SSO preset with a URL as known authority',
      { ...sso, SsoKnownAuthorities: ['https://login.example.com'] },
      {},
      {},
      [
        [
          'SsoKnownAuthorities',
          /^expected a list of hosts .* got "https:\/\/login\.example\.com"; ignored$/,
        ],
        ['SsoKnownAuthorities', /SsoKnownAuthorities is missing or invalid/],
      ],
    ],
    [
      'SSO preset with empty scopes',
      { ...sso, SsoScopes: [] },
      {},
      {},
      [
        [
          'SsoScopes',
          /^expected an array of strings: a list of at least one scope; got a list of 0 entries; ignored$/,
        ],
        ['SsoScopes', /SsoScopes is missing or invalid/],
      ],
    ],
    [
      'password sign-in recommended',
      { Recommended: { PasswordSignIn: false } },
      {},
      {},
      [
        [
          'Recommended.PasswordSignIn',
          /^PasswordSignIn can only be enforced, not recommended; ignored$/,
        ],
      ],
    ],
    [
      'recommended that is not an object',
      { Recommended: ['DefaultLanguage'] },
      {},
      {},
      [
        [
          'Recommended',
          /^expected a JSON object of settings, got a list of 1 entries; ignored$/,
        ],
      ],
    ],
    [
      "today's lower-case format",
      { serviceUrl: 'https://uc.example.com', sso: { tenantId: 't' } },
      {},
      {},
      [
        ['serviceUrl', /did you mean "ServiceUrl"/],
        ['sso', /^unknown setting, ignored$/],
      ],
    ],
    [
      'array at the top',
      [{ ServiceUrl: 'https://uc.example.com' }],
      {},
      {},
      [
        [
          null,
          /^expected a JSON object of settings, got a list of 1 entries; the source is ignored$/,
        ],
      ],
    ],
    [
      'null at the top',
      null,
      {},
      {},
      [[null, /^expected a JSON object of settings, got null/]],
    ],
  ];

  it.each(cases)(
    '%s',
    async (name, content, mandatory, recommended, problems) => {
      const result = await readPolicy(name, JSON.stringify(content));

      expect(result.levels.mandatory).toEqual(
        JSON.parse(JSON.stringify(mandatory)),
      );
      expect(result.levels.recommended).toEqual(recommended);
      expect(result.problems).toHaveLength(problems.length);
      problems.forEach(([key, message], index) => {
        expect(result.problems[index]?.key).toBe(key);
        expect(result.problems[index]?.message).toMatch(message);
      });
    },
  );

  it('accepts a byte order mark', async () => {
    const result = await readPolicy(
      'bom',
      `\uFEFF${JSON.stringify({ ServiceUrl: 'https://uc.example.com' })}`,
    );
    expect(result.levels.mandatory).toEqual({
      ServiceUrl: 'https://uc.example.com',
    });
  });

  it('treats a missing file as no policy', async () => {
    expect(await readPolicyFile(join(folder, 'missing.json'))).toEqual({
      kind: 'missing',
    });
  });

  it('rejects malformed JSON with its position', async () => {
    const file = await writePolicy('malformed', '{ "ServiceUrl": "https://a",');

    expect(await readPolicyFile(file)).toEqual({
      kind: 'unreadable',
      problem: expect.stringMatching(
        /^the file is not valid JSON \(.*position.*\); the file is ignored$/,
      ),
    });
  });

  it('names the line and column of a JSON mistake', async () => {
    const file = await writePolicy(
      'trailing-comma',
      '\uFEFF{\n  "ServiceUrl": "https://uc.example.com",\n  "PasswordSignIn": false,\n}\n',
    );

    expect(await readPolicyFile(file)).toEqual({
      kind: 'unreadable',
      problem: expect.stringMatching(/line 4, column 1\b/),
    });
  });

  it('rejects a folder in place of the file', async () => {
    const directory = join(folder, 'folder.json');
    await mkdir(directory);

    expect(await readPolicyFile(directory)).toEqual({
      kind: 'unreadable',
      problem: 'the file could not be read (EISDIR); the file is ignored',
    });
  });

  it('rejects an oversized file', async () => {
    const file = await writePolicy(
      'oversized',
      JSON.stringify({ padding: 'x'.repeat(MAX_POLICY_BYTES) }),
    );

    expect(await readPolicyFile(file)).toEqual({
      kind: 'unreadable',
      problem: expect.stringMatching(/more than the maximum of 65536/),
    });
  });
});

describe('policyFilePath', () => {
  it('is in /etc by default', () => {
    expect(policyFilePath({})).toBe('/etc/mitelone/policy.json');
  });

  it('prefers MITELONE_POLICY_FILE', () => {
    expect(policyFilePath({ MITELONE_POLICY_FILE: '/tmp/p.json' })).toBe(
      '/tmp/p.json',
    );
  });
});
