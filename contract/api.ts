import { Type, type Static } from '@sinclair/typebox';
import { errorCodes } from './errors';
import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_STATUS_MESSAGE_LENGTH,
} from './limits';
import { MAX_PASSWORD_LENGTH } from './password-policy';

/**
 * Schemas of the service's HTTP API (JSON over HTTPS, paths under `/v1`).
 * The service validates requests and serializes responses with them; the
 * main process uses the derived types in its API client.
 */

export {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_PHOTO_BYTES,
  MAX_STATUS_MESSAGE_LENGTH,
  PHOTO_SIZE,
} from './limits';

export const Language = Type.Union([Type.Literal('de'), Type.Literal('en')]);
export type Language = Static<typeof Language>;

export const Email = Type.String({ minLength: 3, maxLength: MAX_EMAIL_LENGTH });

/** Account numbers are 7 digits, as in the accounts console. */
export const AccountNumber = Type.String({ pattern: '^[0-9]{7}$' });

export const SetupToken = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' });

export const Timestamp = Type.String({ format: 'date-time' });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.Union(errorCodes.map((code) => Type.Literal(code))),
    message: Type.String(),
    requestId: Type.Optional(Type.String()),
    field: Type.Optional(Type.String()),
    retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
    failedRules: Type.Optional(
      Type.Array(
        Type.Union([
          Type.Literal('minLength'),
          Type.Literal('maxLength'),
          Type.Literal('notCommon'),
        ]),
      ),
    ),
  }),
});

// GET /v1/info

export const ServiceInfo = Type.Object({
  brand: Type.String(),
  terms: Type.Object({ version: Type.String(), url: Type.String() }),
});
export type ServiceInfo = Static<typeof ServiceInfo>;

// GET /v1/invitations/:token

export const SignInMethod = Type.Union([
  Type.Literal('password'),
  Type.Literal('sso'),
]);
export type SignInMethod = Static<typeof SignInMethod>;

/**
 * What the desktop app needs to sign a person in with single sign-on through
 * MSAL: the authorization code flow with PKCE against `authority`.
 */
export const SsoSettings = Type.Object({
  /**
   * OpenID Connect authority, such as
   * `https://login.microsoftonline.com/<tenant id>` for Entra ID.
   */
  authority: Type.String(),
  /** Tenant id (`tid` claim) that the tokens must carry. */
  tenantId: Type.String(),
  /** Client id of the desktop app's registration at the identity provider. */
  clientId: Type.String(),
  /** Scopes the app asks for: the service's API scope first. */
  scopes: Type.Array(Type.String()),
  /**
   * Hosts (with port) that MSAL trusts without instance discovery. Empty for
   * Entra ID; the authority's host for any other provider.
   */
  knownAuthorities: Type.Array(Type.String()),
});
export type SsoSettings = Static<typeof SsoSettings>;

export const InvitationInfo = Type.Object({
  email: Type.String(),
  accountName: Type.String(),
  accountNumber: AccountNumber,
  signInMethod: SignInMethod,
  expiresAt: Timestamp,
  terms: Type.Object({ version: Type.String(), url: Type.String() }),
  /** Present when the account signs in with single sign-on. */
  sso: Type.Optional(SsoSettings),
});
export type InvitationInfo = Static<typeof InvitationInfo>;

// Profiles and the directory

export const UserProfile = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  statusMessage: Type.String(),
  /** Changes whenever the photo changes; null when there is no photo. */
  photoVersion: Type.Union([Type.String(), Type.Null()]),
  accountNumber: AccountNumber,
  accountName: Type.String(),
  locale: Language,
  /** False until the person closes the profile dialog after registering. */
  profileCompleted: Type.Boolean(),
});
export type UserProfile = Static<typeof UserProfile>;

/*
 * Free-text fields have a schema limit four times the real one, so that the
 * route's own check, not the schema, rejects a slightly long value and can
 * answer with a specific code such as DISPLAY_NAME_INVALID.
 */
export const ProfileUpdate = Type.Object(
  {
    displayName: Type.Optional(
      Type.String({ maxLength: MAX_DISPLAY_NAME_LENGTH * 4 }),
    ),
    statusMessage: Type.Optional(
      Type.String({ maxLength: MAX_STATUS_MESSAGE_LENGTH * 4 }),
    ),
    locale: Type.Optional(Language),
    profileCompleted: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);
export type ProfileUpdate = Static<typeof ProfileUpdate>;

export const DirectoryEntry = Type.Object({
  id: Type.String(),
  /** Null for a licensed person who has not registered yet. */
  displayName: Type.Union([Type.String(), Type.Null()]),
  email: Type.String(),
  statusMessage: Type.String(),
  photoVersion: Type.Union([Type.String(), Type.Null()]),
  registered: Type.Boolean(),
});
export type DirectoryEntry = Static<typeof DirectoryEntry>;

export const DirectoryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type DirectoryQuery = Static<typeof DirectoryQuery>;

export const DirectoryPage = Type.Object({
  entries: Type.Array(DirectoryEntry),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type DirectoryPage = Static<typeof DirectoryPage>;

// Registration, sign-in and sessions

export const RegistrationRequest = Type.Object(
  {
    token: SetupToken,
    displayName: Type.String({ maxLength: MAX_DISPLAY_NAME_LENGTH * 4 }),
    password: Type.String({ maxLength: MAX_PASSWORD_LENGTH * 4 }),
    acceptedTermsVersion: Type.String({ maxLength: 100 }),
    locale: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export type RegistrationRequest = Static<typeof RegistrationRequest>;

export const SignInRequest = Type.Object(
  {
    email: Type.String({ maxLength: MAX_EMAIL_LENGTH }),
    password: Type.String({ maxLength: MAX_PASSWORD_LENGTH * 4 }),
    accountNumber: Type.Optional(AccountNumber),
  },
  { additionalProperties: false },
);
export type SignInRequest = Static<typeof SignInRequest>;

export const RefreshRequest = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
);
export type RefreshRequest = Static<typeof RefreshRequest>;

// POST /v1/sign-in/discover

export const DiscoveryRequest = Type.Object(
  {
    email: Type.String({ maxLength: MAX_EMAIL_LENGTH }),
    accountNumber: Type.Optional(AccountNumber),
  },
  { additionalProperties: false },
);
export type DiscoveryRequest = Static<typeof DiscoveryRequest>;

/**
 * How a person signs in. An email with no licence gets the same answer as a
 * password user, so the answer tells nothing about emails without one. When
 * the email has licences in several accounts and no account number is
 * given, the service answers ACCOUNT_NUMBER_REQUIRED instead.
 */
export const SignInDiscovery = Type.Object({
  /** The ways to offer, in order: `sso` first where it is allowed. */
  methods: Type.Array(SignInMethod, { minItems: 1 }),
  /** The account of an SSO user, for the token exchange. */
  accountNumber: Type.Optional(AccountNumber),
  sso: Type.Optional(SsoSettings),
});
export type SignInDiscovery = Static<typeof SignInDiscovery>;

// POST /v1/sessions/sso

export const SsoSignInRequest = Type.Object(
  {
    /** Access token for the service's API scope, from the identity provider. */
    accessToken: Type.String({ minLength: 1, maxLength: 16_384 }),
    /** Needed only when the token's tenant belongs to several accounts. */
    accountNumber: Type.Optional(AccountNumber),
  },
  { additionalProperties: false },
);
export type SsoSignInRequest = Static<typeof SsoSignInRequest>;

// Password reset: POST /v1/password-resets, /check and /complete

/** Number of digits of the code in a password-reset email. */
export const RESET_CODE_LENGTH = 6;

export const PasswordResetRequest = Type.Object(
  {
    email: Type.String({ maxLength: MAX_EMAIL_LENGTH }),
    accountNumber: Type.Optional(AccountNumber),
    locale: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export type PasswordResetRequest = Static<typeof PasswordResetRequest>;

/** The same answer whether or not the email belongs to a password user. */
export const PasswordResetStarted = Type.Object({
  codeLength: Type.Integer(),
  /** When a code sent now stops working. */
  expiresAt: Timestamp,
});
export type PasswordResetStarted = Static<typeof PasswordResetStarted>;

const ResetToken = SetupToken;
const ResetEmail = Type.String({ maxLength: MAX_EMAIL_LENGTH });
const ResetCode = Type.String({ pattern: '^[0-9]{6}$' });
const NewPassword = Type.String({ maxLength: MAX_PASSWORD_LENGTH * 4 });

/** Proof of a reset: the token of the email's link, or the email and its code. */
export const PasswordResetProof = Type.Union([
  Type.Object({ token: ResetToken }, { additionalProperties: false }),
  Type.Object(
    { email: ResetEmail, code: ResetCode },
    { additionalProperties: false },
  ),
]);
export type PasswordResetProof = Static<typeof PasswordResetProof>;

export const PasswordResetInfo = Type.Object({
  email: Type.String(),
  expiresAt: Timestamp,
});
export type PasswordResetInfo = Static<typeof PasswordResetInfo>;

export const PasswordResetCompletion = Type.Union([
  Type.Object(
    { token: ResetToken, newPassword: NewPassword },
    { additionalProperties: false },
  ),
  Type.Object(
    { email: ResetEmail, code: ResetCode, newPassword: NewPassword },
    { additionalProperties: false },
  ),
]);
export type PasswordResetCompletion = Static<typeof PasswordResetCompletion>;

/** What registration, sign-in and refresh return. */
export const SessionGrant = Type.Object({
  accessToken: Type.String(),
  accessTokenExpiresAt: Timestamp,
  refreshToken: Type.String(),
  refreshTokenExpiresAt: Timestamp,
  user: UserProfile,
});
export type SessionGrant = Static<typeof SessionGrant>;

// Administration (the accounts-console role), under /admin/v1

/** An account's single sign-on configuration, as the administrator sets it. */
export const SsoConfig = Type.Object(
  {
    /** Entra ID tenant id, or any OpenID Connect issuer URL. */
    authority: Type.String({ minLength: 1, maxLength: 500 }),
    tenantId: Type.String({ minLength: 1, maxLength: 200 }),
    clientId: Type.String({ minLength: 1, maxLength: 200 }),
    /** The service's API scope, such as `api://mitelone/access_as_user`. */
    apiScope: Type.String({ minLength: 1, maxLength: 500 }),
    /** Audience of the access tokens; by default the scope without its last segment. */
    audience: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    /** Whether password sign-in stays allowed beside SSO. */
    passwordSignInAllowed: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export type SsoConfig = Static<typeof SsoConfig>;

export const Account = Type.Object({
  number: AccountNumber,
  name: Type.String(),
  defaultLocale: Language,
  createdAt: Timestamp,
  signInMethod: SignInMethod,
  sso: Type.Optional(SsoConfig),
});
export type Account = Static<typeof Account>;

export const CreateAccountRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    number: Type.Optional(AccountNumber),
    defaultLocale: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export type CreateAccountRequest = Static<typeof CreateAccountRequest>;

export const LicenceRequest = Type.Object(
  { email: Email, locale: Type.Optional(Language) },
  { additionalProperties: false },
);
export type LicenceRequest = Static<typeof LicenceRequest>;

export const InvitationTarget = Type.Object(
  { email: Email },
  { additionalProperties: false },
);
export type InvitationTarget = Static<typeof InvitationTarget>;

export const EmailDelivery = Type.Union([
  Type.Object({ kind: Type.Literal('smtp'), messageId: Type.String() }),
  Type.Object({ kind: Type.Literal('outbox'), file: Type.String() }),
]);
export type EmailDelivery = Static<typeof EmailDelivery>;

export const InvitationSent = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  expiresAt: Timestamp,
  delivery: EmailDelivery,
  /** True when the person had a pending setup link, which no longer works. */
  replacedPendingInvitation: Type.Boolean(),
});
export type InvitationSent = Static<typeof InvitationSent>;

export const AdminUser = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  locale: Language,
  registered: Type.Boolean(),
  invitation: Type.Union([
    Type.Object({
      status: Type.Union([
        Type.Literal('pending'),
        Type.Literal('used'),
        Type.Literal('replaced'),
        Type.Literal('revoked'),
        Type.Literal('expired'),
      ]),
      expiresAt: Timestamp,
    }),
    Type.Null(),
  ]),
});
export type AdminUser = Static<typeof AdminUser>;
