import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_STATUS_MESSAGE_LENGTH,
} from '../../../contract/api';
import {
  displayNameProblem,
  statusMessageProblem,
  textLength,
  type TextFieldProblem,
} from '../../../contract/text-fields';
import { failure, success, type ServiceResult } from '../errors';

/** English reason for a problem other than the length, for the message. */
const characterReasons: Record<
  Exclude<TextFieldProblem, 'missing' | 'tooLong'>,
  string
> = {
  control: 'contains a control character or line break',
  format:
    'contains an invisible format character, such as a bidi control or a zero-width space',
  invisible: 'has no visible character',
};

/**
 * Trims a display name and checks it: 1 to 80 characters, no control or
 * format characters, and at least one visible character.
 */
export function validateDisplayName(raw: string): ServiceResult<string> {
  const name = raw.trim().normalize('NFC');
  const problem = displayNameProblem(name);

  if (problem === 'missing' || problem === 'tooLong') {
    return failure(
      'DISPLAY_NAME_INVALID',
      `The display name must have 1 to ${MAX_DISPLAY_NAME_LENGTH} characters after trimming; it has ${textLength(name)}.`,
      { field: 'displayName' },
    );
  }

  if (problem) {
    return failure(
      'DISPLAY_NAME_INVALID',
      `The display name ${characterReasons[problem]}.`,
      { field: 'displayName' },
    );
  }

  return success(name);
}

/**
 * Trims a status message and checks it: at most 160 characters, and no
 * control or format characters.
 */
export function validateStatusMessage(raw: string): ServiceResult<string> {
  const message = raw.trim().normalize('NFC');
  const problem = statusMessageProblem(message);

  if (problem === 'missing' || problem === 'tooLong') {
    return failure(
      'STATUS_MESSAGE_INVALID',
      `The status message may have at most ${MAX_STATUS_MESSAGE_LENGTH} characters; it has ${textLength(message)}.`,
      { field: 'statusMessage' },
    );
  }

  if (problem) {
    return failure(
      'STATUS_MESSAGE_INVALID',
      `The status message ${characterReasons[problem]}.`,
      { field: 'statusMessage' },
    );
  }

  return success(message);
}
