import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { ManagedSetting } from '../../contract/ipc';
import { parseBareOrigin } from '../service-url';

/**
 * The settings an organisation can manage, defined once. The readers, the
 * precedence, the Windows templates in resources/policy and the reference in
 * docs/it-deployment.md all follow from this table.
 */

/**
 * The kind of a value, which decides its storage: `string` as REG_SZ or a
 * string, `boolean` as REG_DWORD 0 or 1 or a boolean, `list` as a subkey of
 * numbered REG_SZ values or an array, `choice` as one of a few strings.
 */
export type PolicyValueType = 'string' | 'boolean' | 'list' | 'choice';

/** A text in the two languages of the templates. */
export interface Localized {
  en: string;
  de: string;
}

/** The result of checking one value beyond its schema. */
export type ValueCheck<V> = { ok: true; value: V } | { ok: false };

export interface PolicyDefinition<S extends TSchema> {
  type: PolicyValueType;
  /** Shape of the value, checked before `parse`. */
  schema: S;
  /**
   * A valid value in words, in English, for the log and the docs, such as
   * `an https origin such as "https://uc.example.com"`.
   */
  expected: string;
  /** Checks and normalizes a value that fits the schema; lists check each entry. */
  parse?(value: Static<S>): ValueCheck<Static<S>>;
  /**
   * For lists: checks and normalizes one entry. Without `dropInvalidEntries`
   * one invalid entry invalidates the whole list.
   */
  parseEntry?(entry: string): ValueCheck<string>;
  /**
   * Drops invalid entries and keeps the rest, for an allow-list, where
   * ignoring the whole list would allow every service.
   */
  dropInvalidEntries?: boolean;
  /**
   * The restrictive value used when the setting is enforced but its value
   * cannot be read, so that a typing mistake never lifts a restriction, and
   * its effect in words for the log.
   */
  whenUnreadable?: { value: Static<S>; effect: string };
  /** The built-in default, or null when there is none. */
  default: Static<S> | null;
  /** The default in words for the docs, in English. */
  defaultText: string;
  /** Name of the setting in `AppInfo.managed.enforced`. */
  managedSetting: ManagedSetting;
  /**
   * Whether the setting may also be set under `Recommended`, as a default
   * the person may change.
   */
  recommendable: boolean;
  /** Short name in the Group Policy editor. */
  title: Localized;
  /** The setting's effect, for the Group Policy editor and the docs. */
  description: Localized;
  /** A realistic value for the docs' examples. */
  example: Static<S>;
  /** The values of a `choice`, with their names in the Group Policy editor. */
  choices?: { value: string; label: Localized }[];
}

/** Maximum length of a string value; a URL or id is far shorter. */
export const MAX_POLICY_STRING = 2000;
/** Maximum number of entries of a list. */
export const MAX_POLICY_LIST = 100;

const Text = Type.String({ minLength: 1, maxLength: MAX_POLICY_STRING });
const TextList = (minItems: number) =>
  Type.Array(Text, { minItems, maxItems: MAX_POLICY_LIST });

/** `host` or `host:port`, as MSAL compares the authority's host. */
const hostPattern = /^[a-z0-9.-]+(:[0-9]{1,5})?$/i;

function parseOrigin(text: string): ValueCheck<string> {
  const check = parseBareOrigin(text);
  return check.ok ? { ok: true, value: check.origin } : { ok: false };
}

/** Accepts an https URL, or http on this computer, without user info or fragment. */
function parseHttpsUrl(text: string, allowQuery: boolean): ValueCheck<string> {
  const url = URL.parse(text);
  const loopbackHttp =
    url?.protocol === 'http:' && parseBareOrigin(url.origin).ok;
  if (
    !url ||
    (url.protocol !== 'https:' && !loopbackHttp) ||
    url.username ||
    url.password ||
    url.hash ||
    (!allowQuery && url.search)
  ) {
    return { ok: false };
  }
  return { ok: true, value: text };
}

function define<S extends TSchema>(
  definition: PolicyDefinition<S>,
): PolicyDefinition<S> {
  return definition;
}

/** The rule that the single sign-on settings apply only together, added to each one's text in the templates. */
export const ssoPresetNote: Localized = {
  en: 'SsoAuthority, SsoTenantId, SsoClientId and SsoScopes form the single sign-on preset together: with all four, the sign-in page starts at the identity provider without asking for the email. When one is missing or invalid, the preset is ignored. The preset applies only while the app uses the ServiceUrl of the policy, or any configured service when the policy sets none.',
  de: 'SsoAuthority, SsoTenantId, SsoClientId und SsoScopes bilden zusammen die Vorgabe für Single Sign-On: Mit allen vieren beginnt die Anmeldeseite beim Identitätsanbieter, ohne nach der E-Mail-Adresse zu fragen. Fehlt einer der Werte oder ist er ungültig, wird die Vorgabe ignoriert. Die Vorgabe gilt nur, solange die App die ServiceUrl der Richtlinie verwendet, oder jeden eingerichteten Dienst, wenn die Richtlinie keine festlegt.',
};

export const policyDefinitions = {
  ServiceUrl: define({
    type: 'string',
    schema: Text,
    expected: 'an https origin such as "https://uc.example.com"',
    parse: parseOrigin,
    default: null,
    defaultText: 'none',
    managedSetting: 'serviceUrl',
    recommendable: true,
    title: { en: 'Service address', de: 'Dienstadresse' },
    description: {
      en: 'The address of the service the app connects to: https, a host and an optional port, without a path, such as https://uc.example.com.\n\nEnforced: the app uses only this service. The sign-in page never asks for another address, and setup and reset links for other services are rejected unless AllowedServices lists them.\n\nRecommended: the address the app starts with. A person who signs in at another service keeps that choice.\n\nNot configured: the app takes the service from the first setup link the person confirms, or asks for it on the sign-in page.',
      de: 'Die Adresse des Dienstes, mit dem sich die App verbindet: https, ein Host und optional ein Port, ohne Pfad, zum Beispiel https://uc.example.com.\n\nErzwungen: Die App verwendet nur diesen Dienst. Die Anmeldeseite fragt nie nach einer anderen Adresse, und Einrichtungs- und Zurücksetzungslinks für andere Dienste werden abgelehnt, sofern AllowedServices sie nicht aufführt.\n\nEmpfohlen: Die Adresse, mit der die App startet. Wer sich bei einem anderen Dienst anmeldet, behält diese Wahl.\n\nNicht konfiguriert: Die App übernimmt den Dienst aus dem ersten Einrichtungslink, den die Person bestätigt, oder fragt auf der Anmeldeseite danach.',
    },
    example: 'https://uc.example.com',
  }),

  AllowedServices: define({
    type: 'list',
    schema: TextList(0),
    expected: 'a list of https origins such as "https://uc.example.com"',
    parseEntry: parseOrigin,
    dropInvalidEntries: true,
    whenUnreadable: {
      value: [],
      effect: 'allows no service but an enforced ServiceUrl',
    },
    default: null,
    defaultText: 'none: any service the person confirms',
    managedSetting: 'allowedServices',
    recommendable: true,
    title: { en: 'Allowed services', de: 'Zugelassene Dienste' },
    description: {
      en: 'The services the app may connect to, each an https origin such as https://uc.example.com.\n\nEnforced: setup links, reset links and sign-ins for any other service are rejected, and the app never contacts that service. Links for a listed service are used without asking the person to confirm it. An enforced ServiceUrl is always allowed. An entry that is not an https origin is ignored, and the other entries still apply. A value that is not a list at all allows no service but an enforced ServiceUrl.\n\nRecommended: links for a listed service are used without asking, and the person confirms any other service.\n\nNot configured: any service, after the person confirms it.',
      de: 'Die Dienste, mit denen sich die App verbinden darf, jeweils ein https-Ursprung wie https://uc.example.com.\n\nErzwungen: Einrichtungslinks, Zurücksetzungslinks und Anmeldungen für jeden anderen Dienst werden abgelehnt, und die App nimmt keinen Kontakt zu diesem Dienst auf. Links für einen aufgeführten Dienst werden ohne Rückfrage verwendet. Eine erzwungene ServiceUrl ist immer zugelassen. Ein Eintrag, der kein https-Ursprung ist, wird ignoriert; die übrigen Einträge gelten weiter. Ein Wert, der gar keine Liste ist, lässt keinen Dienst außer einer erzwungenen ServiceUrl zu.\n\nEmpfohlen: Links für einen aufgeführten Dienst werden ohne Rückfrage verwendet, jeden anderen Dienst bestätigt die Person.\n\nNicht konfiguriert: jeder Dienst, nachdem die Person ihn bestätigt hat.',
    },
    example: ['https://uc.example.com', 'https://uc-test.example.com'],
  }),

  SsoAuthority: define({
    type: 'string',
    schema: Text,
    expected:
      'an https URL without query or fragment, such as "https://login.microsoftonline.com/<tenant id>"',
    parse: (text) => parseHttpsUrl(text, false),
    default: null,
    defaultText: 'none',
    managedSetting: 'ssoPreset',
    recommendable: true,
    title: {
      en: 'Single sign-on: authority',
      de: 'Single Sign-On: Autorität',
    },
    description: {
      en: "The identity provider's authority, an https URL. For Entra ID: https://login.microsoftonline.com/<tenant id>.",
      de: 'Die Autorität des Identitätsanbieters, eine https-URL. Für Entra ID: https://login.microsoftonline.com/<Mandanten-ID>.',
    },
    example:
      'https://login.microsoftonline.com/0f6c3a52-1d5e-4b8a-9c41-7f2e8d6b5a90',
  }),

  SsoTenantId: define({
    type: 'string',
    schema: Text,
    expected: 'a non-empty string',
    default: null,
    defaultText: 'none',
    managedSetting: 'ssoPreset',
    recommendable: true,
    title: {
      en: 'Single sign-on: tenant id',
      de: 'Single Sign-On: Mandanten-ID',
    },
    description: {
      en: "The tenant id that the identity provider's tokens carry in their tid claim.",
      de: 'Die Mandanten-ID, die die Token des Identitätsanbieters im Claim tid enthalten.',
    },
    example: '0f6c3a52-1d5e-4b8a-9c41-7f2e8d6b5a90',
  }),

  SsoClientId: define({
    type: 'string',
    schema: Text,
    expected: 'a non-empty string',
    default: null,
    defaultText: 'none',
    managedSetting: 'ssoPreset',
    recommendable: true,
    title: { en: 'Single sign-on: client id', de: 'Single Sign-On: Client-ID' },
    description: {
      en: "The client id of the desktop app's registration at the identity provider: a public client with the redirect URI http://localhost.",
      de: 'Die Client-ID der Registrierung der Desktop-App beim Identitätsanbieter: ein öffentlicher Client mit der Umleitungs-URI http://localhost.',
    },
    example: 'b1d0c1d4-6a0e-4f5b-8c2d-3e9f7a1b2c3d',
  }),

  SsoScopes: define({
    type: 'list',
    schema: TextList(1),
    expected: 'a list of at least one scope',
    default: null,
    defaultText: 'none',
    managedSetting: 'ssoPreset',
    recommendable: true,
    title: { en: 'Single sign-on: scopes', de: 'Single Sign-On: Bereiche' },
    description: {
      en: "The scopes the app requests, at least one: the service's API scope first, such as api://mitelone/access_as_user.",
      de: 'Die Bereiche (Scopes), die die App anfordert, mindestens einer: zuerst der API-Bereich des Dienstes, zum Beispiel api://mitelone/access_as_user.',
    },
    example: ['api://mitelone/access_as_user'],
  }),

  SsoKnownAuthorities: define({
    type: 'list',
    schema: TextList(0),
    expected:
      'a list of hosts with an optional port, such as "login.example.com:443"',
    parseEntry: (host) =>
      hostPattern.test(host) ? { ok: true, value: host } : { ok: false },
    default: [],
    defaultText: 'empty',
    managedSetting: 'ssoPreset',
    recommendable: true,
    title: {
      en: 'Single sign-on: known authorities',
      de: 'Single Sign-On: bekannte Autoritäten',
    },
    description: {
      en: "Hosts, with the port when it is not 443, that MSAL trusts without asking Microsoft's instance discovery. Empty for Entra ID. For any other OpenID Connect provider, its host, such as login.example.com. Used only with the rest of the preset.",
      de: 'Hosts, mit dem Port, wenn er nicht 443 ist, denen MSAL ohne die Instanzermittlung von Microsoft vertraut. Leer für Entra ID. Für jeden anderen OpenID-Connect-Anbieter dessen Host, zum Beispiel login.example.com. Gilt nur zusammen mit dem Rest der Vorgabe.',
    },
    example: [],
  }),

  PasswordSignIn: define({
    type: 'boolean',
    schema: Type.Boolean(),
    expected: 'true or false',
    whenUnreadable: {
      value: false,
      effect: 'turns password sign-in off',
    },
    default: true,
    defaultText: 'true',
    managedSetting: 'passwordSignIn',
    recommendable: false,
    title: {
      en: 'Offer password sign-in',
      de: 'Anmeldung mit Passwort anbieten',
    },
    description: {
      en: 'Whether the app offers sign-in with a password.\n\nDisabled: the sign-in page offers only single sign-on. Sign-in with a password and password resets are rejected, and the sign-in methods the service reports for an email no longer include the password. Registering through a setup link still sets a password, because the service requires one for accounts without single sign-on.\n\nEnabled or not configured: password sign-in is offered wherever the account allows it.\n\nAn enforced value that cannot be read counts as disabled.\n\nThis setting can only be enforced.',
      de: 'Legt fest, ob die App die Anmeldung mit Passwort anbietet.\n\nDeaktiviert: Die Anmeldeseite bietet nur Single Sign-On an. Anmeldungen mit Passwort und das Zurücksetzen von Passwörtern werden abgelehnt, und die Anmeldemethoden, die der Dienst für eine E-Mail-Adresse meldet, enthalten das Passwort nicht mehr. Die Registrierung über einen Einrichtungslink legt weiterhin ein Passwort fest, weil der Dienst es für Konten ohne Single Sign-On verlangt.\n\nAktiviert oder nicht konfiguriert: Die Anmeldung mit Passwort wird angeboten, wo das Konto sie erlaubt.\n\nEin erzwungener Wert, der nicht gelesen werden kann, gilt als deaktiviert.\n\nDiese Einstellung kann nur erzwungen werden.',
    },
    example: false,
  }),

  UpdatesEnabled: define({
    type: 'boolean',
    schema: Type.Boolean(),
    expected: 'true or false',
    whenUnreadable: { value: false, effect: 'turns updates off' },
    default: true,
    defaultText: 'true',
    managedSetting: 'updates',
    recommendable: true,
    title: {
      en: 'Update automatically',
      de: 'Automatisch aktualisieren',
    },
    description: {
      en: 'Whether the app looks for updates and installs them by itself.\n\nEnforced: the person cannot change it in the settings. Disabled, the app never looks for updates. An enforced value that cannot be read counts as disabled.\n\nRecommended: the starting value, which the person may change in the settings.\n\nNot configured: on, and the person may turn it off.\n\nInstallations from an MSI package or a Linux package manager never update themselves.',
      de: 'Legt fest, ob die App selbst nach Updates sucht und sie installiert.\n\nErzwungen: Die Person kann es in den Einstellungen nicht ändern. Deaktiviert sucht die App nie nach Updates. Ein erzwungener Wert, der nicht gelesen werden kann, gilt als deaktiviert.\n\nEmpfohlen: Der Anfangswert, den die Person in den Einstellungen ändern kann.\n\nNicht konfiguriert: eingeschaltet, und die Person kann es ausschalten.\n\nInstallationen aus einem MSI-Paket oder über eine Linux-Paketverwaltung aktualisieren sich nie selbst.',
    },
    example: false,
  }),

  UpdateFeedUrl: define({
    type: 'string',
    schema: Text,
    expected:
      'an https URL without user info or fragment, such as "https://updates.example.com/mitelone/"',
    parse: (text) => parseHttpsUrl(text, true),
    default: null,
    defaultText: 'none: the feed the app was built with',
    managedSetting: 'updateFeedUrl',
    recommendable: true,
    title: { en: 'Update feed', de: 'Update-Quelle' },
    description: {
      en: "The https URL of the folder the app downloads its updates from, in electron-updater's generic format: the latest.yml, latest-mac.yml or latest-linux.yml files that electron-builder writes, next to the installers. Use it to serve updates from the organisation's own server.\n\nNot configured: the feed the app was built with.",
      de: 'Die https-URL des Ordners, aus dem die App ihre Updates lädt, im generischen Format von electron-updater: die Dateien latest.yml, latest-mac.yml oder latest-linux.yml, die electron-builder schreibt, neben den Installationspaketen. Damit kommen die Updates vom eigenen Server der Organisation.\n\nNicht konfiguriert: die Quelle, mit der die App gebaut wurde.',
    },
    example: 'https://updates.example.com/mitelone/',
  }),

  DefaultLanguage: define({
    type: 'choice',
    schema: Type.Union([
      Type.Literal('de'),
      Type.Literal('en'),
      Type.Literal('system'),
    ]),
    expected: '"de", "en" or "system"',
    default: 'system',
    defaultText: '"system"',
    managedSetting: 'language',
    recommendable: true,
    title: { en: 'Language', de: 'Sprache' },
    description: {
      en: 'The language of the app: de for German, en for English, or system for the language of the operating system (German for German locales and for locales that name no language, English for all others).\n\nEnforced: the person cannot change it in the settings.\n\nRecommended: the starting value, which the person may change in the settings.\n\nNot configured: system.',
      de: 'Die Sprache der App: de für Deutsch, en für Englisch oder system für die Sprache des Betriebssystems (Deutsch für deutsche Gebietsschemas und für solche ohne Sprache, sonst Englisch).\n\nErzwungen: Die Person kann sie in den Einstellungen nicht ändern.\n\nEmpfohlen: Der Anfangswert, den die Person in den Einstellungen ändern kann.\n\nNicht konfiguriert: system.',
    },
    example: 'de',
    choices: [
      { value: 'de', label: { en: 'German', de: 'Deutsch' } },
      { value: 'en', label: { en: 'English', de: 'Englisch' } },
      {
        value: 'system',
        label: {
          en: 'Language of the operating system',
          de: 'Sprache des Betriebssystems',
        },
      },
    ],
  }),
};

export type PolicyName = keyof typeof policyDefinitions;

/** The value type of each setting. */
export type PolicyValues = {
  [K in PolicyName]: Static<(typeof policyDefinitions)[K]['schema']>;
};

/** The settings in the order of the docs and the templates. */
export const policyNames = Object.keys(policyDefinitions) as PolicyName[];

/** The settings that form the single sign-on preset only together. */
export const ssoPresetRequired = [
  'SsoAuthority',
  'SsoTenantId',
  'SsoClientId',
  'SsoScopes',
] as const satisfies readonly PolicyName[];

/** Every setting of the single sign-on preset. */
export const ssoPresetNames: readonly PolicyName[] = [
  ...ssoPresetRequired,
  'SsoKnownAuthorities',
];

/** Name of the level of recommended values, a dictionary or subkey. */
export const RECOMMENDED_KEY = 'Recommended';

export function definitionOf(name: PolicyName): PolicyDefinition<TSchema> {
  return policyDefinitions[name] as PolicyDefinition<TSchema>;
}
