import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_STATUS_MESSAGE_LENGTH,
} from '../../../contract/api';
import { failure, success, type ServiceResult } from '../errors';

/** Control characters, and line and paragraph separators. */
const controlCharacters = /[\p{Cc}\p{Zl}\p{Zp}]/u;

function characterCount(text: string): number {
  return [...text].length;
}

/** Trims a display name and checks it: 1 to 80 characters, no controls. */
export function validateDisplayName(raw: string): ServiceResult<string> {
  const name = raw.trim().normalize('NFC');
  const length = characterCount(name);

  if (length === 0 || length > MAX_DISPLAY_NAME_LENGTH) {
    return failure(
      'DISPLAY_NAME_INVALID',
      `The display name must have 1 to ${MAX_DISPLAY_NAME_LENGTH} characters after trimming; it has ${length}.`,
      { field: 'displayName' },
    );
  }

  if (controlCharacters.test(name)) {
    return failure(
      'DISPLAY_NAME_INVALID',
      'The display name contains a control character or line break.',
      { field: 'displayName' },
    );
  }

  return success(name);
}

/** Trims a status message and checks it: at most 160 characters. */
export function validateStatusMessage(raw: string): ServiceResult<string> {
  const message = raw.trim().normalize('NFC');
  const length = characterCount(message);

  if (length > MAX_STATUS_MESSAGE_LENGTH) {
    return failure(
      'STATUS_MESSAGE_INVALID',
      `The status message may have at most ${MAX_STATUS_MESSAGE_LENGTH} characters; it has ${length}.`,
      { field: 'statusMessage' },
    );
  }

  if (controlCharacters.test(message)) {
    return failure(
      'STATUS_MESSAGE_INVALID',
      'The status message contains a control character or line break.',
      { field: 'statusMessage' },
    );
  }

  return success(message);
}
