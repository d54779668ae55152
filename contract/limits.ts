/**
 * Limits on user input, shared by the service, which enforces them, and the
 * renderer, which shows them. This module has no imports, so the renderer can
 * use it without bundling the schema library.
 */

export const MAX_DISPLAY_NAME_LENGTH = 80;
export const MAX_STATUS_MESSAGE_LENGTH = 160;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** Edge length in pixels of the square photo the service stores. */
export const PHOTO_SIZE = 256;
