import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_STATUS_MESSAGE_LENGTH,
} from '../../../../contract/limits';
import {
  displayNameProblem,
  statusMessageProblem,
} from '../../../../contract/text-fields';
import type { FieldError } from '../fieldError';

export function validateDisplayName(name: string): FieldError | undefined {
  switch (displayNameProblem(name.trim())) {
    case null:
      return undefined;
    case 'missing':
      return { key: 'registration.validation.nameMissing' };
    case 'tooLong':
      return {
        key: 'registration.validation.nameTooLong',
        values: { max: MAX_DISPLAY_NAME_LENGTH },
      };
    case 'control':
      return { key: 'registration.validation.nameControl' };
    case 'format':
      return { key: 'registration.validation.nameFormat' };
    case 'invisible':
      return { key: 'registration.validation.nameInvisible' };
  }
}

export function validateStatusMessage(text: string): FieldError | undefined {
  switch (statusMessageProblem(text.trim())) {
    case null:
    case 'missing':
    case 'invisible':
      return undefined;
    case 'tooLong':
      return {
        key: 'profile.validation.statusTooLong',
        values: { max: MAX_STATUS_MESSAGE_LENGTH },
      };
    case 'control':
      return { key: 'profile.validation.statusControl' };
    case 'format':
      return { key: 'profile.validation.statusFormat' };
  }
}
