import brand from '../resources/brand.json';

/**
 * Facts about setup links shared by the service, which makes them, and the
 * desktop app, which parses them.
 *
 * The https form is `https://<service>/setup/<token>`; the app's own form is
 * `<scheme>://setup?service=<service origin>&token=<token>`.
 */

/** URL scheme the installers register for the app. */
export const URL_SCHEME: string = brand.urlScheme;

/** Path prefix of the https setup link and of the service's landing page. */
export const SETUP_PATH_PREFIX = '/setup/';

/** Number of random bytes in a setup token. 32 bytes are 256 bits. */
export const SETUP_TOKEN_BYTES = 32;

/** A setup token: 32 random bytes in unpadded base64url, so 43 characters. */
export const SETUP_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** How long a setup link stays valid after it is sent: 4 days. */
export const SETUP_LINK_VALIDITY_MS = 4 * 24 * 60 * 60 * 1000;

/** Longest text the app parses as a link; real setup links are far shorter. */
export const MAX_LINK_LENGTH = 2048;

/**
 * Path prefix of a password-reset link. Its app form is
 * `<scheme>://reset?service=<service origin>&token=<token>`, and its token has
 * the same format as a setup token.
 */
export const RESET_PATH_PREFIX = '/reset/';

/** How long a password-reset link and its code stay valid: 30 minutes. */
export const RESET_VALIDITY_MS = 30 * 60 * 1000;
