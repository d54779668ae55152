import type { StateCreator } from 'zustand';
import type { AppError } from '../../../../contract/errors';
import { desktopApi, settle } from '../../api';
import type { FieldError } from '../fieldError';
import type { AppState } from './appStore';

export type SignInField = 'email' | 'password' | 'accountNumber' | 'serviceUrl';

export interface SignInSlice {
  signInForm: Record<SignInField, string>;
  /** Set when the email address belongs to users in several accounts. */
  accountNumberRequired: boolean;
  signInSending: boolean;
  signInError: AppError | null;
  signInFieldErrors: Partial<Record<SignInField, FieldError>>;
  setSignInField: (field: SignInField, value: string) => void;
  /** Sends the form; resolves to the first invalid field, if any. */
  signIn: () => Promise<SignInField | null>;
}

const ACCOUNT_NUMBER_PATTERN = /^[0-9]{7}$/;

const emptyForm: Record<SignInField, string> = {
  email: '',
  password: '',
  accountNumber: '',
  serviceUrl: '',
};

export const createSignInSlice: StateCreator<AppState, [], [], SignInSlice> = (
  set,
  get,
) => ({
  signInForm: emptyForm,
  accountNumberRequired: false,
  signInSending: false,
  signInError: null,
  signInFieldErrors: {},

  setSignInField: (field, value) =>
    set((state) => ({
      signInForm: { ...state.signInForm, [field]: value },
      signInFieldErrors: { ...state.signInFieldErrors, [field]: undefined },
    })),

  signIn: async () => {
    const state = get();
    const needsServiceUrl = state.info?.serviceUrl === null;
    const fieldErrors = validateSignIn(
      state.signInForm,
      state.accountNumberRequired,
      needsServiceUrl,
    );
    const firstInvalid = firstField(fieldErrors);

    set({ signInFieldErrors: fieldErrors, signInError: null });
    if (firstInvalid) {
      return firstInvalid;
    }

    set({ signInSending: true });
    const { email, password, accountNumber, serviceUrl } = state.signInForm;
    const result = await settle(
      desktopApi().session.signIn({
        email: email.trim(),
        password,
        ...(state.accountNumberRequired
          ? { accountNumber: accountNumber.trim() }
          : {}),
        ...(needsServiceUrl ? { serviceUrl: serviceUrl.trim() } : {}),
      }),
    );
    set({ signInSending: false });

    if (result.ok) {
      set({
        signInForm: emptyForm,
        accountNumberRequired: false,
        session: {
          status: 'signedIn',
          user: result.value,
          persistence:
            get().info?.keychain === 'unavailable' ? 'memory' : 'keychain',
        },
      });
      // Only the main process can tell whether the keychain stored the session.
      void get().refreshSession();
      return null;
    }

    return applySignInError(result.error, set);
  },
});

function validateSignIn(
  form: Record<SignInField, string>,
  accountNumberRequired: boolean,
  needsServiceUrl: boolean,
): Partial<Record<SignInField, FieldError>> {
  const errors: Partial<Record<SignInField, FieldError>> = {};

  if (needsServiceUrl && form.serviceUrl.trim() === '') {
    errors.serviceUrl = { key: 'signIn.validation.serviceUrlMissing' };
  }
  if (!form.email.includes('@')) {
    errors.email = { key: 'signIn.validation.emailInvalid' };
  }
  if (form.password === '') {
    errors.password = { key: 'signIn.validation.passwordMissing' };
  }
  if (
    accountNumberRequired &&
    !ACCOUNT_NUMBER_PATTERN.test(form.accountNumber.trim())
  ) {
    errors.accountNumber = { key: 'signIn.validation.accountNumberInvalid' };
  }
  return errors;
}

const fieldOrder: SignInField[] = [
  'serviceUrl',
  'email',
  'password',
  'accountNumber',
];

function firstField(
  errors: Partial<Record<SignInField, FieldError>>,
): SignInField | null {
  return fieldOrder.find((field) => errors[field]) ?? null;
}

/** Shows a failed sign-in where it belongs; returns the field to focus. */
function applySignInError(
  error: AppError,
  set: (partial: Partial<SignInSlice>) => void,
): SignInField | null {
  switch (error.code) {
    case 'ACCOUNT_NUMBER_REQUIRED':
      set({ accountNumberRequired: true, signInError: error });
      return 'accountNumber';
    case 'SERVICE_URL_INVALID':
    case 'SERVICE_NOT_CONFIGURED':
      set({ signInFieldErrors: { serviceUrl: { error } } });
      return 'serviceUrl';
    case 'EMAIL_INVALID':
      set({ signInFieldErrors: { email: { error } } });
      return 'email';
    default:
      set({ signInError: error });
      return null;
  }
}
