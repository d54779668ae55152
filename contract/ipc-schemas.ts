import { Type, type TSchema } from '@sinclair/typebox';
import { AccountNumber, MAX_EMAIL_LENGTH } from './api';
import type { IpcChannel } from './ipc';
import { MAX_LINK_LENGTH } from './setup-link';

/**
 * Schemas of the IPC channels' arguments. The main process checks every call
 * against them; they live apart from `ipc.ts` so that the preload does not
 * bundle TypeBox.
 */

const Empty = Type.Object({}, { additionalProperties: false });

const LinkId = Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' });

const ResetEmail = Type.String({ maxLength: MAX_EMAIL_LENGTH });
// Checked for six digits in main, so that a typo gets RESET_INVALID.
const ResetCode = Type.String({ maxLength: 20 });
const NewPassword = Type.String({ maxLength: 4096 });

/** A reset link by its id, or the email and the code from the reset email. */
const ResetProof = Type.Union([
  Type.Object({ linkId: LinkId }, { additionalProperties: false }),
  Type.Object(
    { email: ResetEmail, code: ResetCode },
    { additionalProperties: false },
  ),
]);

const LinkArgs = Type.Object(
  { linkId: LinkId },
  { additionalProperties: false },
);

/** Upper bound for IPC payloads; the real photo limit is checked in main. */
const MAX_PHOTO_IPC_BYTES = 64 * 1024 * 1024;

export const ipcRequests = {
  'app:getInfo': Empty,
  'app:openInBrowser': Type.Object(
    { url: Type.String({ maxLength: MAX_LINK_LENGTH }) },
    { additionalProperties: false },
  ),
  'app:openLogFolder': Empty,
  'settings:setAutomaticUpdates': Type.Object(
    { enabled: Type.Boolean() },
    { additionalProperties: false },
  ),
  'updates:check': Empty,
  'updates:restart': Empty,
  'settings:setLanguage': Type.Object(
    {
      language: Type.Union([
        Type.Literal('de'),
        Type.Literal('en'),
        Type.Literal('system'),
      ]),
    },
    { additionalProperties: false },
  ),

  'link:takePending': Empty,
  'link:submit': Type.Object(
    // Longer text is accepted here so that main can answer LINK_TOO_LONG.
    { text: Type.String({ maxLength: 100_000 }) },
    { additionalProperties: false },
  ),

  'setup:trustService': LinkArgs,
  'setup:inspect': LinkArgs,
  'setup:register': Type.Object(
    {
      linkId: LinkId,
      displayName: Type.String({ maxLength: 1000 }),
      password: Type.String({ maxLength: 4096 }),
      acceptedTermsVersion: Type.String({ maxLength: 100 }),
    },
    { additionalProperties: false },
  ),
  'setup:discard': LinkArgs,

  'session:get': Empty,
  'session:signIn': Type.Object(
    {
      email: Type.String({ maxLength: MAX_EMAIL_LENGTH }),
      password: Type.String({ maxLength: 4096 }),
      accountNumber: Type.Optional(AccountNumber),
      /** Only when the app has no service address yet. */
      serviceUrl: Type.Optional(Type.String({ maxLength: MAX_LINK_LENGTH })),
    },
    { additionalProperties: false },
  ),
  'session:discover': Type.Object(
    {
      email: Type.String({ maxLength: MAX_EMAIL_LENGTH }),
      accountNumber: Type.Optional(AccountNumber),
      /** Only when the app has no service address yet. */
      serviceUrl: Type.Optional(Type.String({ maxLength: MAX_LINK_LENGTH })),
    },
    { additionalProperties: false },
  ),
  'session:signInSso': Type.Object(
    {
      /** Sent to the identity provider as the login hint. */
      email: Type.Optional(Type.String({ maxLength: MAX_EMAIL_LENGTH })),
      accountNumber: Type.Optional(AccountNumber),
      /** A setup link of an SSO account: its invitation names the provider. */
      linkId: Type.Optional(LinkId),
    },
    { additionalProperties: false },
  ),
  'session:cancelSso': Empty,
  'session:signOut': Empty,

  'passwordReset:request': Type.Object(
    {
      email: Type.String({ maxLength: MAX_EMAIL_LENGTH }),
      accountNumber: Type.Optional(AccountNumber),
      serviceUrl: Type.Optional(Type.String({ maxLength: MAX_LINK_LENGTH })),
    },
    { additionalProperties: false },
  ),
  'passwordReset:check': ResetProof,
  'passwordReset:complete': Type.Union([
    Type.Object(
      { linkId: LinkId, newPassword: NewPassword },
      { additionalProperties: false },
    ),
    Type.Object(
      { email: ResetEmail, code: ResetCode, newPassword: NewPassword },
      { additionalProperties: false },
    ),
  ]),

  'profile:update': Type.Object(
    {
      displayName: Type.Optional(Type.String({ maxLength: 1000 })),
      statusMessage: Type.Optional(Type.String({ maxLength: 1000 })),
      profileCompleted: Type.Optional(Type.Literal(true)),
    },
    { additionalProperties: false },
  ),
  'profile:uploadPhoto': Type.Object(
    { data: Type.Uint8Array({ maxByteLength: MAX_PHOTO_IPC_BYTES }) },
    { additionalProperties: false },
  ),
  'profile:removePhoto': Empty,

  'photos:get': Type.Object(
    {
      userId: Type.String({ maxLength: 100 }),
      version: Type.String({ maxLength: 100 }),
    },
    { additionalProperties: false },
  ),

  'directory:search': Type.Object(
    {
      query: Type.String({ maxLength: 200 }),
      cursor: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
} as const satisfies Record<IpcChannel, TSchema>;
