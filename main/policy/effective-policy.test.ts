import { describe, expect, it } from 'vitest';
import type { PolicyName, PolicyValues } from './definitions';
import { EffectivePolicy, type ValueSource } from './effective-policy';
import type { MachinePolicy, PolicySettings } from './sources';

interface Layers {
  machineEnforced?: PolicySettings;
  userEnforced?: PolicySettings;
  machineRecommended?: PolicySettings;
  userRecommended?: PolicySettings;
}

function policyOf(layers: Layers, unreadable = false): EffectivePolicy {
  const policy: MachinePolicy = {
    machine: {
      mandatory: layers.machineEnforced,
      recommended: layers.machineRecommended,
    },
    user: {
      mandatory: layers.userEnforced,
      recommended: layers.userRecommended,
    },
    unreadable,
  };
  return new EffectivePolicy(policy);
}

const A = 'https://a.example.com';
const B = 'https://b.example.com';
const C = 'https://c.example.com';
const R = 'https://r.example.com';
const U = 'https://u.example.com';

type Case<K extends PolicyName> = [
  name: string,
  layers: Layers,
  person: PolicyValues[K] | null,
  value: PolicyValues[K] | null,
  source: ValueSource,
];

describe('precedence', () => {
  const language: Case<'DefaultLanguage'>[] = [
    ['built-in default', {}, null, 'system', 'default'],
    [
      'machine enforced over the person',
      { machineEnforced: { DefaultLanguage: 'de' } },
      'en',
      'de',
      'machineEnforced',
    ],
    [
      'machine over user',
      {
        machineEnforced: { DefaultLanguage: 'de' },
        userEnforced: { DefaultLanguage: 'en' },
      },
      null,
      'de',
      'machineEnforced',
    ],
    [
      'user enforced over the person and recommended',
      {
        userEnforced: { DefaultLanguage: 'en' },
        machineRecommended: { DefaultLanguage: 'de' },
      },
      'system',
      'en',
      'userEnforced',
    ],
    [
      'the person over recommended',
      { machineRecommended: { DefaultLanguage: 'de' } },
      'en',
      'en',
      'person',
    ],
    [
      'machine recommended over user recommended',
      {
        machineRecommended: { DefaultLanguage: 'de' },
        userRecommended: { DefaultLanguage: 'en' },
      },
      null,
      'de',
      'machineRecommended',
    ],
    [
      'user recommended alone',
      { userRecommended: { DefaultLanguage: 'en' } },
      null,
      'en',
      'userRecommended',
    ],
  ];

  it.each(language)(
    'DefaultLanguage: %s',
    (_name, layers, person, value, source) => {
      expect(policyOf(layers).language(person)).toEqual({ value, source });
    },
  );

  const serviceUrl: [
    name: string,
    layers: Layers,
    person: { commandLine: string | null; saved: string | null },
    value: string | null,
    source: ValueSource,
  ][] = [
    [
      'built-in default',
      {},
      { commandLine: null, saved: null },
      null,
      'default',
    ],
    [
      'machine enforced over the command line',
      { machineEnforced: { ServiceUrl: A }, userEnforced: { ServiceUrl: B } },
      { commandLine: C, saved: null },
      A,
      'machineEnforced',
    ],
    [
      'user enforced over the saved service',
      { userEnforced: { ServiceUrl: B } },
      { commandLine: null, saved: C },
      B,
      'userEnforced',
    ],
    [
      'the command line over the saved service',
      { machineRecommended: { ServiceUrl: R } },
      { commandLine: C, saved: A },
      C,
      'person',
    ],
    [
      'the saved service over recommended',
      { machineRecommended: { ServiceUrl: R } },
      { commandLine: null, saved: A },
      A,
      'person',
    ],
    [
      'machine recommended over user recommended',
      {
        machineRecommended: { ServiceUrl: R },
        userRecommended: { ServiceUrl: U },
      },
      { commandLine: null, saved: null },
      R,
      'machineRecommended',
    ],
    [
      'a saved service outside the allowed ones',
      {
        machineEnforced: { AllowedServices: [A, R] },
        userRecommended: { ServiceUrl: R },
      },
      { commandLine: C, saved: B },
      R,
      'userRecommended',
    ],
    [
      'nothing allowed to fall back to',
      { machineEnforced: { AllowedServices: [A] } },
      { commandLine: null, saved: B },
      null,
      'default',
    ],
  ];

  it.each(serviceUrl)(
    'ServiceUrl: %s',
    (_name, layers, person, value, source) => {
      expect(policyOf(layers).serviceUrl(person)).toEqual({ value, source });
    },
  );

  const updates: [
    name: string,
    layers: Layers,
    person: boolean | null,
    enabled: boolean,
    enforced: boolean,
  ][] = [
    ['built-in default', {}, null, true, false],
    [
      'machine enforced over the person',
      { machineEnforced: { UpdatesEnabled: false } },
      true,
      false,
      true,
    ],
    [
      'user enforced over recommended',
      {
        userEnforced: { UpdatesEnabled: false },
        machineRecommended: { UpdatesEnabled: true },
      },
      null,
      false,
      true,
    ],
    [
      'the person over recommended',
      { machineRecommended: { UpdatesEnabled: true } },
      false,
      false,
      false,
    ],
    [
      'recommended without a choice',
      { userRecommended: { UpdatesEnabled: false } },
      null,
      false,
      false,
    ],
  ];

  it.each(updates)(
    'UpdatesEnabled: %s',
    (_name, layers, person, enabled, enforced) => {
      expect(policyOf(layers).updates(person)).toEqual({
        enabled,
        enforced,
        feedUrl: null,
        personChoice: person,
      });
    },
  );

  const passwordSignIn: Case<'PasswordSignIn'>[] = [
    ['built-in default', {}, null, true, 'default'],
    [
      'machine enforced',
      { machineEnforced: { PasswordSignIn: false } },
      null,
      false,
      'machineEnforced',
    ],
    [
      'machine over user',
      {
        machineEnforced: { PasswordSignIn: true },
        userEnforced: { PasswordSignIn: false },
      },
      null,
      true,
      'machineEnforced',
    ],
  ];

  it.each(passwordSignIn)(
    'PasswordSignIn: %s',
    (_name, layers, _person, value, source) => {
      expect(policyOf(layers).resolve('PasswordSignIn')).toEqual({
        value,
        source,
      });
      expect(policyOf(layers).passwordSignIn()).toBe(value);
    },
  );

  const feed = 'https://updates.example.com/feed/';
  const updateFeedUrl: Case<'UpdateFeedUrl'>[] = [
    ['built-in default', {}, null, null, 'default'],
    [
      'user enforced over machine recommended',
      {
        userEnforced: { UpdateFeedUrl: feed },
        machineRecommended: { UpdateFeedUrl: `${feed}beta/` },
      },
      null,
      feed,
      'userEnforced',
    ],
    [
      'recommended alone',
      { userRecommended: { UpdateFeedUrl: feed } },
      null,
      feed,
      'userRecommended',
    ],
  ];

  it.each(updateFeedUrl)(
    'UpdateFeedUrl: %s',
    (_name, layers, _person, value, source) => {
      expect(policyOf(layers).resolve('UpdateFeedUrl')).toEqual({
        value,
        source,
      });
      expect(policyOf(layers).updates(null).feedUrl).toBe(value);
    },
  );

  const knownAuthorities: Case<'SsoKnownAuthorities'>[] = [
    ['built-in default', {}, null, [], 'default'],
    [
      'machine recommended',
      { machineRecommended: { SsoKnownAuthorities: ['login.example.com'] } },
      null,
      ['login.example.com'],
      'machineRecommended',
    ],
  ];

  it.each(knownAuthorities)(
    'SsoKnownAuthorities: %s',
    (_name, layers, _person, value, source) => {
      expect(policyOf(layers).resolve('SsoKnownAuthorities')).toEqual({
        value,
        source,
      });
    },
  );
});

describe('allowed services', () => {
  const cases: [name: string, layers: Layers, allowed: string[] | null][] = [
    ['any without a policy', {}, null],
    ['the enforced service alone', { machineEnforced: { ServiceUrl: A } }, [A]],
    [
      'the enforced service and list',
      {
        userEnforced: { ServiceUrl: A },
        machineEnforced: { AllowedServices: [B, A] },
      },
      [A, B],
    ],
    [
      'the machine list over the user list',
      {
        machineEnforced: { AllowedServices: [B] },
        userEnforced: { AllowedServices: [C] },
      },
      [B],
    ],
    [
      'any with a recommended list',
      { machineRecommended: { AllowedServices: [B] } },
      null,
    ],
    [
      'any with a recommended service',
      { machineRecommended: { ServiceUrl: A } },
      null,
    ],
    [
      'none with an empty list',
      { machineEnforced: { AllowedServices: [] } },
      [],
    ],
  ];

  it.each(cases)('%s', (_name, layers, allowed) => {
    const policy = policyOf(layers);

    expect(policy.allowedServices()).toEqual(allowed);
    expect(policy.isAllowed(C)).toBe(allowed === null || allowed.includes(C));
  });

  it('lists recommended services without restricting', () => {
    const policy = policyOf({ userRecommended: { AllowedServices: [B] } });

    expect(policy.isListed(B)).toBe(true);
    expect(policy.isListed(C)).toBe(false);
    expect(policy.isAllowed(C)).toBe(true);
  });
});

describe('SSO preset', () => {
  const preset = (tenant: string): PolicySettings => ({
    SsoAuthority: `https://login.example.com/${tenant}`,
    SsoTenantId: tenant,
    SsoClientId: 'client',
    SsoScopes: ['api://mitelone/access_as_user'],
  });

  it('comes from the strongest complete level', () => {
    const policy = policyOf({
      userEnforced: preset('user'),
      machineRecommended: preset('machine'),
    });

    expect(policy.ssoPreset(A)).toEqual({
      authority: 'https://login.example.com/user',
      tenantId: 'user',
      clientId: 'client',
      scopes: ['api://mitelone/access_as_user'],
      knownAuthorities: [],
    });
  });

  it('skips an incomplete level', () => {
    const policy = policyOf({
      machineEnforced: { SsoTenantId: 'partial' },
      userRecommended: preset('user'),
    });

    expect(policy.ssoPreset(A)?.tenantId).toBe('user');
  });

  it('applies only to the policy service', () => {
    const policy = policyOf({
      machineRecommended: { ServiceUrl: R, ...preset('t') },
    });

    expect(policy.ssoPreset(R)).not.toBeNull();
    expect(policy.ssoPreset(A)).toBeNull();
    expect(policy.ssoPreset(null)).toBeNull();
  });
});

describe('managedState', () => {
  it('lists the enforced settings', () => {
    const policy = policyOf({
      machineEnforced: { ServiceUrl: A, SsoTenantId: 'partial' },
      userEnforced: { DefaultLanguage: 'de', PasswordSignIn: false },
      machineRecommended: { UpdatesEnabled: false },
    });

    expect(policy.managedState()).toEqual({
      policy: 'applied',
      enforced: ['serviceUrl', 'passwordSignIn', 'language'],
      allowedServices: [A],
      passwordSignIn: false,
    });
  });

  it('lists an enforced SSO preset and update settings', () => {
    const policy = policyOf({
      userEnforced: {
        SsoAuthority: 'https://login.example.com/t',
        SsoTenantId: 't',
        SsoClientId: 'c',
        SsoScopes: ['s'],
        UpdatesEnabled: false,
        UpdateFeedUrl: 'https://updates.example.com/',
        AllowedServices: [B],
      },
    });

    expect(policy.enforced()).toEqual([
      'allowedServices',
      'ssoPreset',
      'updates',
      'updateFeedUrl',
    ]);
  });

  it('reports no policy and an unreadable one', () => {
    expect(policyOf({}).status).toBe('none');
    expect(policyOf({}, true).status).toBe('unreadable');
    expect(
      policyOf({ userRecommended: { DefaultLanguage: 'en' } }).status,
    ).toBe('applied');
  });
});
