import { emailAddressProblem } from '../../../contract/email-address';
import type { FieldError } from './fieldError';

/** Checks a typed email address with the service's syntax rules. */
export function validateEmail(email: string): FieldError | undefined {
  switch (emailAddressProblem(email.trim())) {
    case null:
      return undefined;
    case 'tooLong':
      return { key: 'signIn.validation.emailTooLong' };
    case 'invalid':
      return { key: 'signIn.validation.emailInvalid' };
  }
}
