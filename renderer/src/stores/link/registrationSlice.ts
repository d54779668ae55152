import type { StateCreator } from 'zustand';
import type { InvitationInfo } from '../../../../contract/api';
import type { AppError } from '../../../../contract/errors';
import { desktopApi, settle } from '../../api';
import { useAppStore } from '../app/appStore';
import type { FieldError } from '../fieldError';
import {
  isNewPasswordError,
  validateNewPassword,
} from '../passwords/validateNewPassword';
import { validateDisplayName } from '../profile/profileValidation';
import type { LinkState } from './linkStore';

export type RegistrationField = 'displayName' | 'password' | 'terms';

export interface RegistrationForm {
  displayName: string;
  password: string;
  termsAccepted: boolean;
}

export interface RegistrationSlice {
  form: RegistrationForm;
  passwordVisible: boolean;
  registering: boolean;
  fieldErrors: Partial<Record<RegistrationField, FieldError>>;
  /** A failure that belongs to no field, such as an unreachable service. */
  registrationError: AppError | null;
  setFormField: <K extends keyof RegistrationForm>(
    field: K,
    value: RegistrationForm[K],
  ) => void;
  togglePasswordVisible: () => void;
  /** Sends the registration; resolves to the first invalid field, if any. */
  register: () => Promise<RegistrationField | null>;
  /**
   * Empties the form. With `keepName`, the typed name stays for the next
   * link, such as the newer one after a replaced or revoked link.
   */
  resetRegistration: (options?: { keepName: boolean }) => void;
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

  setFormField: (field, value) =>
    set((state) => ({
      form: { ...state.form, [field]: value },
      fieldErrors: { ...state.fieldErrors, [fieldOfForm[field]]: undefined },
    })),

  togglePasswordVisible: () =>
    set((state) => ({ passwordVisible: !state.passwordVisible })),

  register: async () => {
    const { form, pendingLink, stage } = get();
    if (!pendingLink || stage.name !== 'register') return null;

    const fieldErrors = validateRegistration(form);
    const firstInvalid = firstField(fieldErrors);
    set({ fieldErrors, registrationError: null });
    if (firstInvalid) return firstInvalid;

    set({ registering: true });
    const result = await settle(
      desktopApi().setup.register({
        linkId: pendingLink.linkId,
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
    return applyRegistrationError(result.error, stage.invitation, set);
  },

  resetRegistration: (options) =>
    set((state) => ({
      form: {
        ...emptyForm,
        displayName: options?.keepName ? state.form.displayName : '',
      },
      passwordVisible: false,
      fieldErrors: {},
      registrationError: null,
    })),
});

function validateRegistration(
  form: RegistrationForm,
): Partial<Record<RegistrationField, FieldError>> {
  const errors: Partial<Record<RegistrationField, FieldError>> = {};
  const nameError = validateDisplayName(form.displayName);
  if (nameError) {
    errors.displayName = nameError;
  }

  const passwordError = validateNewPassword(form.password);
  if (passwordError) {
    errors.password = passwordError;
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
  invitation: InvitationInfo,
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
    case 'INVITATION_SSO_REQUIRED':
      // The administrator switched the account to single sign-on meanwhile.
      set({
        stage: {
          name: 'sso',
          invitation: { ...invitation, signInMethod: 'sso' },
        },
        registrationError: null,
      });
      return null;
    case 'INVITATION_NOT_FOUND':
    case 'INVITATION_EXPIRED':
    case 'INVITATION_USED':
    case 'INVITATION_REPLACED':
    case 'INVITATION_REVOKED':
    case 'LINK_UNKNOWN':
      set({ stage: { name: 'problem', error } });
      return null;
    default:
      set({ registrationError: error });
      return null;
  }
}

function registrationFieldOf(error: AppError): RegistrationField | null {
  if (isNewPasswordError(error)) return 'password';

  switch (error.code) {
    case 'DISPLAY_NAME_INVALID':
      return 'displayName';
    case 'TERMS_NOT_ACCEPTED':
      return 'terms';
    case 'VALIDATION_FAILED':
      return error.field === 'displayName' ? 'displayName' : null;
    default:
      return null;
  }
}
