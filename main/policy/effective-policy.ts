import type { SsoSettings } from '../../contract/api';
import type {
  LanguageSetting,
  ManagedSetting,
  ManagedState,
} from '../../contract/ipc';
import {
  definitionOf,
  policyNames,
  ssoPresetRequired,
  type PolicyName,
  type PolicyValues,
} from './definitions';
import type { MachinePolicy, PolicySettings } from './sources';

/**
 * The source of a value, strongest first. `person` is the person's own
 * choice: settings.json, or the service address of the command line or
 * environment.
 */
export type ValueSource =
  | 'machineEnforced'
  | 'userEnforced'
  | 'person'
  | 'machineRecommended'
  | 'userRecommended'
  | 'default';

export interface ResolvedValue<V> {
  value: V;
  source: ValueSource;
}

/** The update settings, for the code that looks for and installs updates. */
export interface UpdatePolicy {
  /**
   * Whether the app updates itself: enforced by the organisation, else the
   * person's choice, else recommended, else on.
   */
  enabled: boolean;
  /** The UpdateFeedUrl of the policy, or null for the feed the app was built with. */
  feedUrl: string | null;
  /** True when the organisation enforces UpdatesEnabled, so the person cannot change it. */
  enforced: boolean;
  /** The person's own choice in settings.json, or null when they made none. */
  personChoice: boolean | null;
}

type PolicyLayer = Exclude<ValueSource, 'person' | 'default'>;

const enforcedLayers: PolicyLayer[] = ['machineEnforced', 'userEnforced'];
const recommendedLayers: PolicyLayer[] = [
  'machineRecommended',
  'userRecommended',
];

/** Returns true for a value that comes from an enforced level. */
export function isEnforced(source: ValueSource): boolean {
  return source === 'machineEnforced' || source === 'userEnforced';
}

/**
 * The policy as the app applies it. Every value is resolved from, strongest
 * first: machine enforced, user enforced, the person's choice, machine
 * recommended, user recommended, the built-in default.
 */
export class EffectivePolicy {
  readonly #layers: Record<PolicyLayer, PolicySettings>;
  readonly #unreadable: boolean;

  constructor(policy: MachinePolicy) {
    this.#layers = {
      machineEnforced: policy.machine?.mandatory ?? {},
      userEnforced: policy.user?.mandatory ?? {},
      machineRecommended: policy.machine?.recommended ?? {},
      userRecommended: policy.user?.recommended ?? {},
    };
    this.#unreadable = policy.unreadable ?? false;
  }

  /**
   * Resolves one setting. `person` is the person's choice, or null when they
   * made none. `accept` skips values the app may not use, such as a service
   * outside the allowed ones.
   */
  resolve<K extends PolicyName>(
    name: K,
    person: PolicyValues[K] | null = null,
    accept: (value: PolicyValues[K]) => boolean = () => true,
  ): ResolvedValue<PolicyValues[K] | null> {
    const sources: ValueSource[] = [
      ...enforcedLayers,
      'person',
      ...recommendedLayers,
    ];
    for (const source of sources) {
      const value =
        source === 'person'
          ? person
          : this.#layers[source as PolicyLayer][name];
      if (value !== undefined && value !== null && accept(value)) {
        return { value, source };
      }
    }
    const fallback = definitionOf(name).default as PolicyValues[K] | null;
    return { value: fallback, source: 'default' };
  }

  /** `none`, `applied`, or `unreadable` when a source or setting could not be read. */
  get status(): ManagedState['policy'] {
    if (this.#unreadable) {
      return 'unreadable';
    }
    const configured = Object.values(this.#layers).some(
      (settings) => Object.keys(settings).length > 0,
    );
    return configured ? 'applied' : 'none';
  }

  /** The enforced value of a setting, or undefined. */
  enforcedValue<K extends PolicyName>(name: K): PolicyValues[K] | undefined {
    for (const layer of enforcedLayers) {
      const value = this.#layers[layer][name];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /**
   * Origins the app may connect to: the enforced AllowedServices and an
   * enforced ServiceUrl, or null when the organisation allows any.
   */
  allowedServices(): string[] | null {
    const listed = this.enforcedValue('AllowedServices');
    const service = this.enforcedValue('ServiceUrl');
    if (listed === undefined && service === undefined) {
      return null;
    }
    const allowed = [
      ...(service === undefined ? [] : [service]),
      ...(listed ?? []),
    ];
    return [...new Set(allowed)];
  }

  isAllowed(origin: string): boolean {
    const allowed = this.allowedServices();
    return allowed === null || allowed.includes(origin);
  }

  /**
   * True for a service the organisation names, so that its links need no
   * confirmation: in an enforced or recommended AllowedServices, or the
   * enforced ServiceUrl.
   */
  isListed(origin: string): boolean {
    if (this.allowedServices()?.includes(origin)) {
      return true;
    }
    return recommendedLayers.some((layer) =>
      this.#layers[layer].AllowedServices?.includes(origin),
    );
  }

  /**
   * The configured service: enforced, else the person's choice (the
   * command line before settings.json), else recommended. A service
   * outside the allowed ones is passed over.
   */
  serviceUrl(person: {
    commandLine: string | null;
    saved: string | null;
  }): ResolvedValue<string | null> {
    const accept = (origin: string) => this.isAllowed(origin);
    const choice = [person.commandLine, person.saved].find(
      (origin): origin is string => origin !== null && accept(origin),
    );
    return this.resolve('ServiceUrl', choice ?? null, accept);
  }

  /**
   * Returns the single sign-on preset of the strongest level that has all
   * of it, while the app uses the policy's service, or any service if the
   * policy names none.
   */
  ssoPreset(configuredOrigin: string | null): SsoSettings | null {
    const policyService = this.resolve('ServiceUrl').value;
    if (
      configuredOrigin === null ||
      (policyService !== null && policyService !== configuredOrigin)
    ) {
      return null;
    }

    for (const layer of [...enforcedLayers, ...recommendedLayers]) {
      const preset = presetOf(this.#layers[layer]);
      if (preset) return preset;
    }
    return null;
  }

  /** False when the organisation turned password sign-in off. */
  passwordSignIn(): boolean {
    return this.resolve('PasswordSignIn').value ?? true;
  }

  /** Resolves the language setting: enforced, else the person's, else recommended, else `system`. */
  language(person: LanguageSetting | null): ResolvedValue<LanguageSetting> {
    const resolved = this.resolve('DefaultLanguage', person);
    return { value: resolved.value ?? 'system', source: resolved.source };
  }

  updates(personChoice: boolean | null): UpdatePolicy {
    const enabled = this.resolve('UpdatesEnabled', personChoice);
    return {
      enabled: enabled.value ?? true,
      feedUrl: this.resolve('UpdateFeedUrl').value,
      enforced: isEnforced(enabled.source),
      personChoice,
    };
  }

  /** Lists the settings the organisation enforces, which the UI shows locked. */
  enforced(): ManagedSetting[] {
    const enforced = new Set<ManagedSetting>();
    for (const name of policyNames) {
      if (this.enforcedValue(name) !== undefined) {
        enforced.add(definitionOf(name).managedSetting);
      }
    }
    const presetEnforced = enforcedLayers.some(
      (layer) => presetOf(this.#layers[layer]) !== null,
    );
    if (!presetEnforced) {
      enforced.delete('ssoPreset');
    }
    return [...enforced];
  }

  managedState(): ManagedState {
    return {
      policy: this.status,
      enforced: this.enforced(),
      allowedServices: this.allowedServices(),
      passwordSignIn: this.passwordSignIn(),
    };
  }
}

/** Returns the SSO preset of one level when all its required settings are there. */
function presetOf(settings: PolicySettings): SsoSettings | null {
  if (ssoPresetRequired.some((name) => settings[name] === undefined)) {
    return null;
  }
  return {
    authority: settings.SsoAuthority!,
    tenantId: settings.SsoTenantId!,
    clientId: settings.SsoClientId!,
    scopes: settings.SsoScopes!,
    knownAuthorities: settings.SsoKnownAuthorities ?? [],
  };
}
