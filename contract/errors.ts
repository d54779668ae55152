/**
 * Stable error codes shared by the service, the main process and the
 * renderer. The service sends them in `{ error: { code, message } }` bodies,
 * the main process passes them to the renderer in `IpcResult` failures, and
 * the renderer translates each code into a message with a next step.
 *
 * Every code is listed, with its meaning, in docs/errors.md; a test keeps the
 * two in step.
 */
export const errorCatalog = {
  // Request shape
  VALIDATION_FAILED: {
    status: 400,
    description:
      'The request does not match the schema of the route or channel.',
  },
  NOT_FOUND: {
    status: 404,
    description: 'The route or resource does not exist.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    description: 'The request body is larger than the route accepts.',
  },
  INTERNAL: {
    status: 500,
    description:
      'An unexpected failure. The log has the details under the request id.',
  },

  // Setup links and invitations
  INVITATION_NOT_FOUND: {
    status: 404,
    description: 'No invitation has this setup token.',
  },
  INVITATION_EXPIRED: {
    status: 410,
    description: 'The setup link is older than its validity period (4 days).',
  },
  INVITATION_USED: {
    status: 410,
    description: 'The setup link was already used to register.',
  },
  INVITATION_REPLACED: {
    status: 410,
    description:
      'The administrator sent a newer setup link, which replaces this one.',
  },
  INVITATION_REVOKED: {
    status: 410,
    description: 'The administrator revoked the invitation.',
  },
  INVITATION_SSO_REQUIRED: {
    status: 409,
    description:
      'The account signs in with single sign-on, so the link cannot set a password.',
  },

  // Registration and profile input
  DISPLAY_NAME_INVALID: {
    status: 400,
    description:
      'The display name is empty, too long, has no visible character, or contains control or format characters.',
  },
  STATUS_MESSAGE_INVALID: {
    status: 400,
    description:
      'The status message is too long or contains control or format characters.',
  },
  PASSWORD_TOO_SHORT: {
    status: 400,
    description: 'The password has fewer characters than the minimum length.',
  },
  PASSWORD_TOO_LONG: {
    status: 400,
    description: 'The password has more characters than the maximum length.',
  },
  PASSWORD_TOO_COMMON: {
    status: 400,
    description:
      'The password is on the list of very common passwords, or is one character repeated.',
  },
  TERMS_NOT_ACCEPTED: {
    status: 400,
    description: 'The registration does not accept the current terms version.',
  },

  // Sign-in and sessions
  INVALID_CREDENTIALS: {
    status: 401,
    description: 'The email address and password do not match an account.',
  },
  ACCOUNT_NUMBER_REQUIRED: {
    status: 409,
    description:
      'The credentials match users in several accounts; the account number decides.',
  },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    description:
      'Too many failed sign-ins; the response says when to try again.',
  },
  UNAUTHENTICATED: {
    status: 401,
    description: 'The access token is missing, invalid or expired.',
  },
  REFRESH_TOKEN_INVALID: {
    status: 401,
    description:
      'The refresh token is unknown, expired, revoked or was already used.',
  },

  // Single sign-on
  SSO_NOT_CONFIGURED: {
    status: 409,
    description: 'The account does not sign in with single sign-on.',
  },
  SSO_TOKEN_INVALID: {
    status: 401,
    description:
      "The identity provider's token has a bad signature, issuer or audience, or is malformed.",
  },
  SSO_TOKEN_EXPIRED: {
    status: 401,
    description: "The identity provider's token has expired.",
  },
  SSO_TENANT_MISMATCH: {
    status: 403,
    description: "The token comes from a tenant other than the account's.",
  },
  SSO_NO_LICENCE: {
    status: 403,
    description: 'The signed-in person has no licence in the account.',
  },
  SSO_PROVIDER_UNREACHABLE: {
    status: 502,
    description:
      "The identity provider's configuration or keys could not be fetched.",
  },
  PASSWORD_SIGN_IN_DISABLED: {
    status: 403,
    description:
      'The account signs in with single sign-on only, so passwords are not accepted.',
  },

  // Password reset
  RESET_INVALID: {
    status: 400,
    description: 'The reset code or link is unknown or wrong.',
  },
  RESET_EXPIRED: {
    status: 410,
    description:
      'The reset code or link is older than its validity (30 minutes).',
  },
  RESET_USED: {
    status: 410,
    description: 'The reset code or link was already used.',
  },
  RESET_TOO_MANY_ATTEMPTS: {
    status: 429,
    description:
      'Too many wrong codes for this reset; it no longer works, so a new one is needed.',
  },

  // Photos
  PHOTO_TYPE_UNSUPPORTED: {
    status: 415,
    description:
      'The upload is not a JPEG, PNG or WebP image, judged by its content.',
  },
  PHOTO_TOO_LARGE: {
    status: 413,
    description: 'The upload is larger than 5 MB.',
  },
  PHOTO_DIMENSIONS_TOO_LARGE: {
    status: 422,
    description: 'The image has more pixels than the service decodes.',
  },
  PHOTO_INVALID: {
    status: 422,
    description: 'The image is damaged and cannot be decoded.',
  },
  PHOTO_NOT_FOUND: { status: 404, description: 'The user has no photo.' },

  // Administration
  ADMIN_UNAUTHORIZED: {
    status: 401,
    description: 'The admin API token is missing or wrong.',
  },
  ACCOUNT_NOT_FOUND: {
    status: 404,
    description: 'No account has this account number.',
  },
  ACCOUNT_EXISTS: {
    status: 409,
    description: 'An account with this account number already exists.',
  },
  USER_NOT_FOUND: {
    status: 404,
    description: 'The account has no user with this email address.',
  },
  USER_ALREADY_REGISTERED: {
    status: 409,
    description:
      'The user has already registered, so there is no invitation to send or revoke.',
  },
  EMAIL_INVALID: {
    status: 400,
    description: 'The email address is not valid.',
  },
  EMAIL_DELIVERY_FAILED: {
    status: 502,
    description: 'The welcome email could not be handed to the SMTP server.',
  },

  // Desktop client only (never sent by the service)
  LINK_MALFORMED: {
    status: null,
    description: 'The text is not a complete setup link of this app.',
  },
  LINK_TOO_LONG: {
    status: null,
    description: 'The text is longer than any setup link.',
  },
  LINK_EXTRA_TEXT: {
    status: null,
    description:
      'The link is valid up to its token but has more text after it, such as `?utm_source=…` or `#…`.',
  },
  LINK_MULTIPLE: {
    status: null,
    description:
      'The pasted text contains two or more different setup or reset links.',
  },
  LINK_INSECURE: {
    status: null,
    description:
      'The link uses plain http for a host other than this computer.',
  },
  LINK_UNKNOWN: {
    status: null,
    description:
      'The setup link id is not pending in this app (already used or discarded).',
  },
  LINK_UNTRUSTED: {
    status: null,
    description: 'The link names a service the person has not confirmed yet.',
  },
  SSO_CANCELLED: {
    status: null,
    description:
      'The person cancelled the sign-in in the app or at the identity provider.',
  },
  SSO_TIMED_OUT: {
    status: null,
    description: 'The sign-in in the browser did not finish in time.',
  },
  SSO_FAILED: {
    status: null,
    description:
      'The identity provider answered with an error, or the answer did not match the request.',
  },
  SSO_IN_PROGRESS: {
    status: null,
    description: 'A single sign-on is already waiting for the browser.',
  },
  SERVICE_NOT_CONFIGURED: {
    status: null,
    description: 'The app has no service address yet.',
  },
  SERVICE_URL_INVALID: {
    status: null,
    description:
      'The service address is not an https URL (or http on this computer).',
  },
  SERVICE_UNREACHABLE: {
    status: null,
    description:
      'The service did not answer: no network, wrong address, or it is down.',
  },
  SERVICE_INCOMPATIBLE: {
    status: null,
    description:
      'The service answered with something the app does not understand.',
  },
  NOT_SIGNED_IN: {
    status: null,
    description: 'The call needs a signed-in user.',
  },
  KEYCHAIN_UNAVAILABLE: {
    status: null,
    description:
      'The OS keychain failed or timed out; the session lasts for this run only.',
  },
  EXTERNAL_URL_REJECTED: {
    status: null,
    description:
      'The app opens only https and mailto links in the system browser.',
  },
  LINK_SERVICE_NOT_ALLOWED: {
    status: null,
    description:
      'The link names a service outside the ones the organisation allows on this computer.',
  },
  INPUT_TOO_LONG: {
    status: null,
    description:
      'A field holds more characters than the app accepts for it; `maxLength` says how many.',
  },
  PASSWORD_SIGN_IN_MANAGED: {
    status: null,
    description:
      'The organisation turned off password sign-in on this computer.',
  },
  SETTING_MANAGED: {
    status: null,
    description:
      'The organisation enforces this setting on this computer, so it cannot be changed here.',
  },
  UPDATES_UNAVAILABLE: {
    status: null,
    description:
      'This installation does not update itself: the browser preview, a build from source, an MSI or deb/rpm install, or updates turned off by the organisation.',
  },
  UPDATE_NOT_READY: {
    status: null,
    description:
      'No update has been downloaded yet, so there is nothing to install.',
  },
  UPDATE_FAILED: {
    status: null,
    description:
      'Looking for or downloading an update failed: the update server could not be reached or sent something unusable.',
  },
  LOG_FOLDER_UNAVAILABLE: {
    status: null,
    description:
      'The log folder cannot be opened from here: the browser preview, or the system has no file manager for it.',
  },
  IPC_FORBIDDEN: {
    status: null,
    description: 'The call came from a page that is not the app.',
  },
} as const satisfies Record<
  string,
  { status: number | null; description: string }
>;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalog, value);
}

/** A password rule, as checked by `evaluatePassword`. */
export type PasswordRule = 'minLength' | 'maxLength' | 'notCommon';

/**
 * An expected failure, as the renderer receives it. Only the code is
 * translated; the optional fields carry what the message needs.
 */
export interface AppError {
  code: ErrorCode;
  /** Form field the error belongs to, such as `password` or `displayName`. */
  field?: string;
  /** Seconds until a rate-limited request may be sent again. */
  retryAfterSeconds?: number;
  /** Password rules that the rejected password breaks. */
  failedRules?: PasswordRule[];
  /** Most characters the field takes, with INPUT_TOO_LONG. */
  maxLength?: number;
}

/** Body of every error response of the service. */
export interface ServiceErrorBody {
  error: AppError & {
    /** English text for logs and developers; clients translate by code. */
    message: string;
    requestId?: string;
  };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  code: ErrorCode,
  details: Omit<AppError, 'code'> = {},
): Result<T> {
  return { ok: false, error: { code, ...details } };
}
