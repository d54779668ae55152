import type { StateCreator } from 'zustand';
import { MAX_DISPLAY_NAME_LENGTH } from '../../../../contract/limits';
import type { AppError } from '../../../../contract/errors';
import { failedPasswordRules } from '../../../../contract/password-policy';
import { desktopApi, settle } from '../../api';
import { useAppStore } from '../app/appStore';
import {
  hasControlCharacters,
  textLength,
  type FieldError,
} from '../fieldError';
import type { LinkState } from './linkStore';

export type RegistrationField = 'displayName' | 'password' | 'terms';

export interface RegistrationForm {
  displayName: string;
  password: string;
  termsAccepted: boolean;
}

export type CommonListStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface RegistrationSlice {
  form: RegistrationForm;
  passwordVisible: boolean;
  registering: boolean;
  fieldErrors: Partial<Record<RegistrationField, FieldError>>;
  /** A failure that belongs to no field, such as an unreachable service. */
  registrationError: AppError | null;
  commonListStatus: CommonListStatus;
  /** Loaded on demand, because the list is large. */
  isCommonPassword: ((password: string) => boolean) | null;
  loadCommonPasswords: () => Promise<void>;
  setFormField: <K extends keyof RegistrationForm>(
    field: K,
    value: RegistrationForm[K],
  ) => void;
  togglePasswordVisible: () => void;
  /** Sends the registration; resolves to the first invalid field, if any. */
  register: () => Promise<RegistrationField | null>;
  resetRegistration: () => void;
}

const emptyForm: RegistrationForm = {
  displayName: '',
  password: '',
  termsAccepted: false,
};

const fieldOfForm: Record<keyof RegistrationForm, RegistrationField> = {
  displayName: 'displayName',
  password: 'password',
  termsAccepted: 'terms',
};

export const createRegistrationSlice: StateCreator<
  LinkState,
  [],
  [],
  RegistrationSlice
> = (set, get) => ({
  form: emptyForm,
  passwordVisible: false,
  registering: false,
  fieldErrors: {},
  registrationError: null,
  commonListStatus: 'idle',
  isCommonPassword: null,

  loadCommonPasswords: async () => {
    const status = get().commonListStatus;
    if (status === 'loading' || status === 'ready') return;

    set({ commonListStatus: 'loading' });
    try {
      const module = await import('../../../../contract/common-passwords');
      set({
        commonListStatus: 'ready',
        isCommonPassword: module.isCommonPassword,
      });
    } catch (error) {
      // The service checks the list too, so registration still works.
      console.error('Loading the list of common passwords failed', error);
      set({ commonListStatus: 'failed' });
    }
  },

  setFormField: (field, value) =>
    set((state) => ({
      form: { ...state.form, [field]: value },
      fieldErrors: { ...state.fieldErrors, [fieldOfForm[field]]: undefined },
    })),

  togglePasswordVisible: () =>
    set((state) => ({ passwordVisible: !state.passwordVisible })),

  register: async () => {
    const { form, setupLink, stage, isCommonPassword } = get();
    if (!setupLink || stage.name !== 'register') return null;

    const fieldErrors = validateRegistration(form, isCommonPassword);
    const firstInvalid = firstField(fieldErrors);
    set({ fieldErrors, registrationError: null });
    if (firstInvalid) return firstInvalid;

    set({ registering: true });
    const result = await settle(
      desktopApi().setup.register({
        linkId: setupLink.linkId,
        displayName: form.displayName.trim(),
        password: form.password,
        acceptedTermsVersion: stage.invitation.terms.version,
      }),
    );
    set({ registering: false });

    if (result.ok) {
      await finishRegistration(get);
      return null;
    }
    return applyRegistrationError(result.error, set);
  },

  resetRegistration: () =>
    set({
      form: emptyForm,
      passwordVisible: false,
      fieldErrors: {},
      registrationError: null,
    }),
});

function validateRegistration(
  form: RegistrationForm,
  isCommonPassword: ((password: string) => boolean) | null,
): Partial<Record<RegistrationField, FieldError>> {
  const errors: Partial<Record<RegistrationField, FieldError>> = {};
  const name = form.displayName.trim();

  if (name === '') {
    errors.displayName = { key: 'registration.validation.nameMissing' };
  } else if (textLength(name) > MAX_DISPLAY_NAME_LENGTH) {
    errors.displayName = {
      key: 'registration.validation.nameTooLong',
      values: { max: MAX_DISPLAY_NAME_LENGTH },
    };
  } else if (hasControlCharacters(name)) {
    errors.displayName = { key: 'registration.validation.nameControl' };
  }

  // Until the list has loaded, the service alone checks for common passwords.
  const failedRules = failedPasswordRules(
    form.password,
    isCommonPassword ?? (() => false),
  );
  if (form.password === '') {
    errors.password = { key: 'registration.validation.passwordMissing' };
  } else if (failedRules.length > 0) {
    errors.password = { key: 'registration.validation.passwordRules' };
  }

  if (!form.termsAccepted) {
    errors.terms = { key: 'registration.validation.termsMissing' };
  }
  return errors;
}

const fieldOrder: RegistrationField[] = ['displayName', 'password', 'terms'];

function firstField(
  errors: Partial<Record<RegistrationField, FieldError>>,
): RegistrationField | null {
  return fieldOrder.find((field) => errors[field]) ?? null;
}

/** Leaves the link flow once the main process has signed the person in. */
async function finishRegistration(get: () => LinkState): Promise<void> {
  await useAppStore.getState().refreshSession();
  get().resetRegistration();
  get().leaveFlow();
}

/** Shows a failed registration next to its field; returns the field to focus. */
function applyRegistrationError(
  error: AppError,
  set: (partial: Partial<LinkState>) => void,
): RegistrationField | null {
  const field = registrationFieldOf(error);
  if (field) {
    set({ fieldErrors: { [field]: { error } } });
    return field;
  }

  switch (error.code) {
    case 'LINK_UNTRUSTED':
      set({ stage: { name: 'confirm' } });
      return null;
    case 'INVITATION_NOT_FOUND':
    case 'INVITATION_EXPIRED':
    case 'INVITATION_USED':
    case 'INVITATION_REPLACED':
    case 'INVITATION_REVOKED':
    case 'INVITATION_SSO_REQUIRED':
    case 'LINK_UNKNOWN':
      set({ stage: { name: 'problem', error } });
      return null;
    default:
      set({ registrationError: error });
      return null;
  }
}

function registrationFieldOf(error: AppError): RegistrationField | null {
  switch (error.code) {
    case 'DISPLAY_NAME_INVALID':
      return 'displayName';
    case 'PASSWORD_TOO_SHORT':
    case 'PASSWORD_TOO_LONG':
    case 'PASSWORD_TOO_COMMON':
      return 'password';
    case 'TERMS_NOT_ACCEPTED':
      return 'terms';
    case 'VALIDATION_FAILED':
      return error.field === 'displayName' || error.field === 'password'
        ? error.field
        : null;
    default:
      return null;
  }
}
