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

export const InvitationInfo = Type.Object({
  email: Type.String(),
  accountName: Type.String(),
  accountNumber: AccountNumber,
  signInMethod: SignInMethod,
  expiresAt: Timestamp,
  terms: Type.Object({ version: Type.String(), url: Type.String() }),
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

export const Account = Type.Object({
  number: AccountNumber,
  name: Type.String(),
  defaultLocale: Language,
  createdAt: Timestamp,
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
