import type { StateCreator } from 'zustand';
import type { SignInMethod, UserProfile } from '../../../../contract/api';
import type { AppError } from '../../../../contract/errors';
import { desktopApi, settle } from '../../api';
import { validateEmail } from '../emailValidation';
import type { FieldError } from '../fieldError';
import type { AppState } from './appStore';
import { allowedSignInMethods, needsServiceUrl } from './managed';

export type SignInField = 'email' | 'password' | 'accountNumber' | 'serviceUrl';

/**
 * Step of the sign-in page: the email address first, the account number when
 * the email belongs to several accounts, then the ways the service offers.
 */
export type SignInStep =
  | { name: 'email' }
  | { name: 'accountNumber' }
  | { name: 'methods'; methods: SignInMethod[] };

export interface SignInSlice {
  signInForm: Record<SignInField, string>;
  signInStep: SignInStep;
  /** Set when the email belongs to users in several accounts. */
  accountNumberRequired: boolean;
  /** Set when the person chose the email step over the preset organisation sign-in. */
  presetDeclined: boolean;
  signInSending: boolean;
  signInError: AppError | null;
  signInFieldErrors: Partial<Record<SignInField, FieldError>>;
  setSignInField: (field: SignInField, value: string) => void;
  /** Asks the service how the email signs in; resolves to the field to focus, if any. */
  discoverSignIn: () => Promise<SignInField | null>;
  /** Signs in with the password; resolves to the field to focus, if any. */
  signIn: () => Promise<SignInField | null>;
  /** Signs in through the organisation's identity provider in the browser. */
  signInWithOrganisation: () => Promise<SignInField | null>;
  /** Goes back to the email step, keeping everything typed. */
  changeEmail: () => void;
  declinePreset: () => void;
  /** Returns from the email step to the organisation's preset sign-in. */
  restorePreset: () => void;
  clearSignInError: () => void;
  /** Empties the page once the person is signed in, by any way. */
  clearSignIn: () => void;
}

const ACCOUNT_NUMBER_PATTERN = /^[0-9]{7}$/;

const emptyForm: Record<SignInField, string> = {
  email: '',
  password: '',
  accountNumber: '',
  serviceUrl: '',
};

type SetState = Parameters<StateCreator<AppState, [], [], SignInSlice>>[0];

/** Returns whether the page offers the organisation's preset sign-in in place of the email step. */
export function isPresetSsoShown(state: AppState): boolean {
  return (
    state.info?.presetSignIn === 'sso' &&
    !state.presetDeclined &&
    state.signInStep.name === 'email'
  );
}

export const createSignInSlice: StateCreator<AppState, [], [], SignInSlice> = (
  set,
  get,
) => ({
  signInForm: emptyForm,
  signInStep: { name: 'email' },
  accountNumberRequired: false,
  presetDeclined: false,
  signInSending: false,
  signInError: null,
  signInFieldErrors: {},

  setSignInField: (field, value) =>
    set((state) => ({
      signInForm: { ...state.signInForm, [field]: value },
      signInFieldErrors: { ...state.signInFieldErrors, [field]: undefined },
    })),

  discoverSignIn: async () => {
    const state = get();
    const fieldErrors = validateIdentity(state);
    const firstInvalid = firstField(fieldErrors);

    set({ signInFieldErrors: fieldErrors, signInError: null });
    if (firstInvalid) return firstInvalid;

    set({ signInSending: true });
    const result = await settle(
      desktopApi().session.discover(identityArgs(state)),
    );
    set({ signInSending: false });

    if (!result.ok) return applySignInError(result.error, get, set);
    // May leave no method, when the service offers only the password that the
    // organisation turned off; the methods step explains that.
    const methods = allowedSignInMethods(result.value.methods, get().info);
    set({ signInStep: { name: 'methods', methods } });
    return null;
  },

  signIn: async () => {
    const state = get();
    if (state.signInForm.password === '') {
      set({
        signInFieldErrors: {
          password: { key: 'signIn.validation.passwordMissing' },
        },
        signInError: null,
      });
      return 'password';
    }

    set({ signInSending: true, signInFieldErrors: {}, signInError: null });
    const result = await settle(
      desktopApi().session.signIn({
        ...identityArgs(state),
        password: state.signInForm.password,
      }),
    );
    set({ signInSending: false });

    if (!result.ok) return applySignInError(result.error, get, set);
    finishSignIn(result.value, get);
    return null;
  },

  signInWithOrganisation: async () => {
    const state = get();
    const { email, accountNumber } = state.signInForm;
    if (state.accountNumberRequired && !isAccountNumber(accountNumber)) {
      set({
        signInFieldErrors: {
          accountNumber: { key: 'signIn.validation.accountNumberInvalid' },
        },
      });
      return 'accountNumber';
    }

    set({ signInError: null, signInFieldErrors: {} });
    const result = await state.runSso({
      // With a preset sign-in the person typed no email to pass as the hint.
      ...(isPresetSsoShown(state) ? {} : { email: email.trim() }),
      ...(state.accountNumberRequired
        ? { accountNumber: accountNumber.trim() }
        : {}),
    });

    if (!result) return null;
    if (!result.ok) return applySignInError(result.error, get, set);
    finishSignIn(result.value, get);
    return null;
  },

  changeEmail: () =>
    set({
      signInStep: { name: 'email' },
      accountNumberRequired: false,
      presetDeclined: true,
      signInError: null,
      signInFieldErrors: {},
    }),

  declinePreset: () =>
    set({ presetDeclined: true, signInError: null, signInFieldErrors: {} }),

  restorePreset: () =>
    set({
      presetDeclined: false,
      signInStep: { name: 'email' },
      accountNumberRequired: false,
      signInError: null,
      signInFieldErrors: {},
    }),

  clearSignInError: () => set({ signInError: null }),

  clearSignIn: () =>
    set({
      signInForm: emptyForm,
      signInStep: { name: 'email' },
      accountNumberRequired: false,
      signInError: null,
      signInFieldErrors: {},
    }),
});

function isAccountNumber(text: string): boolean {
  return ACCOUNT_NUMBER_PATTERN.test(text.trim());
}

/** Returns the email, account number and service address, as every sign-in call takes them. */
function identityArgs(state: AppState): {
  email: string;
  accountNumber?: string;
  serviceUrl?: string;
} {
  const { email, accountNumber, serviceUrl } = state.signInForm;
  return {
    email: email.trim(),
    ...(state.accountNumberRequired
      ? { accountNumber: accountNumber.trim() }
      : {}),
    ...(needsServiceUrl(state.info) ? { serviceUrl: serviceUrl.trim() } : {}),
  };
}

function validateIdentity(
  state: AppState,
): Partial<Record<SignInField, FieldError>> {
  const form = state.signInForm;
  const errors: Partial<Record<SignInField, FieldError>> = {};

  if (needsServiceUrl(state.info) && form.serviceUrl.trim() === '') {
    errors.serviceUrl = { key: 'signIn.validation.serviceUrlMissing' };
  }
  const emailError = validateEmail(form.email);
  if (emailError) {
    errors.email = emailError;
  }
  if (state.accountNumberRequired && !isAccountNumber(form.accountNumber)) {
    errors.accountNumber = { key: 'signIn.validation.accountNumberInvalid' };
  }
  return errors;
}

const fieldOrder: SignInField[] = [
  'serviceUrl',
  'email',
  'accountNumber',
  'password',
];

function firstField(
  errors: Partial<Record<SignInField, FieldError>>,
): SignInField | null {
  return fieldOrder.find((field) => errors[field]) ?? null;
}

function finishSignIn(user: UserProfile, get: () => AppState): void {
  get().clearSignIn();
  get().beginSession(user);
}

/**
 * Shows a failed step where it belongs, going back a step when the field to
 * fix is there. Returns the field to focus when it stays on screen.
 */
function applySignInError(
  error: AppError,
  get: () => AppState,
  set: SetState,
): SignInField | null {
  const state = get();

  switch (error.code) {
    case 'ACCOUNT_NUMBER_REQUIRED':
      set({ accountNumberRequired: true });
      if (isPresetSsoShown(state)) return 'accountNumber';
      set({ signInStep: { name: 'accountNumber' } });
      return null;
    case 'ACCOUNT_NOT_FOUND':
      if (!state.accountNumberRequired) break;
      set({
        signInStep: { name: 'accountNumber' },
        signInFieldErrors: { accountNumber: { error } },
      });
      return 'accountNumber';
    case 'SERVICE_URL_INVALID':
    case 'SERVICE_NOT_CONFIGURED':
      if (!needsServiceUrl(state.info)) break;
      set({
        signInStep: { name: 'email' },
        presetDeclined: true,
        signInFieldErrors: { serviceUrl: { error } },
      });
      return 'serviceUrl';
    case 'EMAIL_INVALID':
      set({
        signInStep: { name: 'email' },
        presetDeclined: true,
        signInFieldErrors: { email: { error } },
      });
      return 'email';
    case 'PASSWORD_SIGN_IN_MANAGED':
      // The organisation turned the password off and the account has no
      // other way, which the methods step explains without an error.
      set({ signInStep: { name: 'methods', methods: [] } });
      return null;
    case 'PASSWORD_SIGN_IN_DISABLED':
      // The account signs in through its organisation only, so offer just that.
      set({ signInStep: { name: 'methods', methods: ['sso'] } });
      break;
  }

  set({ signInError: error });
  return null;
}
