import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_STATUS_MESSAGE_LENGTH,
} from '../../../../contract/limits';
import {
  hasControlCharacters,
  textLength,
  type FieldError,
} from '../fieldError';

export function validateDisplayName(name: string): FieldError | undefined {
  const trimmed = name.trim();

  if (trimmed === '') {
    return { key: 'registration.validation.nameMissing' };
  }
  if (textLength(trimmed) > MAX_DISPLAY_NAME_LENGTH) {
    return {
      key: 'registration.validation.nameTooLong',
      values: { max: MAX_DISPLAY_NAME_LENGTH },
    };
  }
  if (hasControlCharacters(trimmed)) {
    return { key: 'registration.validation.nameControl' };
  }
  return undefined;
}

export function validateStatusMessage(text: string): FieldError | undefined {
  if (textLength(text.trim()) > MAX_STATUS_MESSAGE_LENGTH) {
    return {
      key: 'profile.validation.statusTooLong',
      values: { max: MAX_STATUS_MESSAGE_LENGTH },
    };
  }
  if (hasControlCharacters(text)) {
    return { key: 'profile.validation.statusControl' };
  }
  return undefined;
}
