import type { StateCreator } from 'zustand';
import type { PasswordResetInfo } from '../../../../contract/api';
import type { AppError } from '../../../../contract/errors';
import { desktopApi, settle } from '../../api';
import { useAppStore } from '../app/appStore';
import { validateEmail } from '../emailValidation';
import type { FieldError } from '../fieldError';
import { useCommonPasswordsStore } from '../passwords/commonPasswordsStore';
import type { ResetState } from './resetStore';

export type ResetField = 'email' | 'accountNumber' | 'serviceUrl' | 'code';

/** Proof that main sends with the new password: the reset link, or the email and its code. */
export type ResetProof = { linkId: string } | { email: string; code: string };

/** Step of the password reset. */
export type ResetStep =
  | { name: 'idle' }
  | { name: 'request' }
  | { name: 'code'; email: string; codeLength: number; expiresAt: string }
  | { name: 'newPassword'; info: PasswordResetInfo; proof: ResetProof };

/** Values that the sign-in page already has when the person requests a reset. */
export interface ResetPrefill {
  email?: string;
  accountNumber?: string;
  serviceUrl?: string;
  accountNumberRequired?: boolean;
}

export interface ResetRequestSlice {
  resetStep: ResetStep;
  resetForm: Record<ResetField, string>;
  resetAccountNumberRequired: boolean;
  resetSending: boolean;
  resetError: AppError | null;
  resetFieldErrors: Partial<Record<ResetField, FieldError>>;
  /** When the last email was requested, in ms since the epoch, for the resend delay. */
  emailRequestedAt: number | null;
  /** Set when a second email was requested, to confirm it on screen. */
  emailResent: boolean;
  openResetRequest: (prefill: ResetPrefill) => void;
  setResetField: (field: ResetField, value: string) => void;
  /** Sends the reset email; resolves to the field to focus, if any. */
  requestResetEmail: () => Promise<ResetField | null>;
  /** Checks the code from the email; resolves to the field to focus, if any. */
  checkResetCode: () => Promise<ResetField | null>;
  /** Goes back to the request step, keeping what was typed. */
  changeResetEmail: () => void;
  /** Opens the new-password step for a reset link that main has checked. */
  openLinkReset: (linkId: string, info: PasswordResetInfo) => void;
  /** Ends the reset, dropping its link in main if it came from one. */
  leaveReset: () => Promise<void>;
}

const ACCOUNT_NUMBER_PATTERN = /^[0-9]{7}$/;
/** Spaces and dashes that a pasted or read-aloud code may contain. */
const CODE_SEPARATORS = /[\s-]/gu;

const emptyForm: Record<ResetField, string> = {
  email: '',
  accountNumber: '',
  serviceUrl: '',
  code: '',
};

type SetState = Parameters<StateCreator<ResetState>>[0];

/** Returns the code without the spaces and dashes that may come with a paste. */
export function normaliseCode(text: string): string {
  return text.replace(CODE_SEPARATORS, '');
}

export const createResetRequestSlice: StateCreator<
  ResetState,
  [],
  [],
  ResetRequestSlice
> = (set, get) => ({
  resetStep: { name: 'idle' },
  resetForm: emptyForm,
  resetAccountNumberRequired: false,
  resetSending: false,
  resetError: null,
  resetFieldErrors: {},
  emailRequestedAt: null,
  emailResent: false,

  openResetRequest: (prefill) =>
    set({
      resetStep: { name: 'request' },
      resetForm: {
        ...emptyForm,
        email: prefill.email ?? '',
        accountNumber: prefill.accountNumber ?? '',
        serviceUrl: prefill.serviceUrl ?? '',
      },
      resetAccountNumberRequired: prefill.accountNumberRequired ?? false,
      resetError: null,
      resetFieldErrors: {},
      emailRequestedAt: null,
      emailResent: false,
    }),

  setResetField: (field, value) =>
    set((state) => ({
      resetForm: {
        ...state.resetForm,
        [field]: field === 'code' ? normaliseCode(value) : value,
      },
      resetFieldErrors: { ...state.resetFieldErrors, [field]: undefined },
    })),

  requestResetEmail: async () => {
    const state = get();
    const fieldErrors = validateRequest(state);
    const firstInvalid = requestFieldOrder.find((field) => fieldErrors[field]);

    set({ resetFieldErrors: fieldErrors, resetError: null });
    if (firstInvalid) {
      set({ resetStep: { name: 'request' } });
      return firstInvalid;
    }

    set({ resetSending: true });
    const { email, accountNumber, serviceUrl } = state.resetForm;
    const result = await settle(
      desktopApi().passwordReset.request({
        email: email.trim(),
        ...(state.resetAccountNumberRequired
          ? { accountNumber: accountNumber.trim() }
          : {}),
        ...(needsServiceUrl() ? { serviceUrl: serviceUrl.trim() } : {}),
      }),
    );
    set({ resetSending: false });

    if (!result.ok) return applyRequestError(result.error, set);
    set({
      resetStep: {
        name: 'code',
        email: email.trim(),
        codeLength: result.value.codeLength,
        expiresAt: result.value.expiresAt,
      },
      emailRequestedAt: Date.now(),
      emailResent: state.resetStep.name === 'code',
    });
    return null;
  },

  checkResetCode: async () => {
    const { resetStep: step, resetForm } = get();
    if (step.name !== 'code') return null;

    const code = normaliseCode(resetForm.code);
    if (!new RegExp(`^[0-9]{${step.codeLength}}$`, 'u').test(code)) {
      set({
        resetFieldErrors: {
          code: {
            key: 'reset.validation.codeInvalid',
            values: { length: step.codeLength },
          },
        },
        resetError: null,
      });
      return 'code';
    }

    set({ resetSending: true, resetFieldErrors: {}, resetError: null });
    const result = await settle(
      desktopApi().passwordReset.check({ email: step.email, code }),
    );
    set({ resetSending: false });

    if (!result.ok) return applyCheckError(result.error, set);
    set({
      resetStep: {
        name: 'newPassword',
        info: result.value,
        proof: { email: step.email, code },
      },
      emailResent: false,
    });
    void useCommonPasswordsStore.getState().loadCommonPasswords();
    return null;
  },

  changeResetEmail: () =>
    set({
      resetStep: { name: 'request' },
      resetError: null,
      resetFieldErrors: {},
      emailResent: false,
    }),

  openLinkReset: (linkId, info) => {
    const previous = get().resetStep;
    if (
      previous.name === 'newPassword' &&
      'linkId' in previous.proof &&
      previous.proof.linkId !== linkId
    ) {
      void settle(
        desktopApi().setup.discard({ linkId: previous.proof.linkId }),
      );
    }

    set({
      resetStep: { name: 'newPassword', info, proof: { linkId } },
      resetError: null,
      resetFieldErrors: {},
      emailResent: false,
    });
    get().clearCompleteError();
    void useCommonPasswordsStore.getState().loadCommonPasswords();
  },

  leaveReset: async () => {
    const step = get().resetStep;
    set({
      resetStep: { name: 'idle' },
      resetForm: emptyForm,
      resetAccountNumberRequired: false,
      resetError: null,
      resetFieldErrors: {},
      emailRequestedAt: null,
      emailResent: false,
    });
    get().clearNewPassword();

    if (step.name === 'newPassword' && 'linkId' in step.proof) {
      // LINK_UNKNOWN here only means main already dropped the link.
      await settle(desktopApi().setup.discard({ linkId: step.proof.linkId }));
    }
  },
});

function needsServiceUrl(): boolean {
  return useAppStore.getState().info?.serviceUrl === null;
}

const requestFieldOrder: ResetField[] = [
  'serviceUrl',
  'email',
  'accountNumber',
];

function validateRequest(
  state: ResetState,
): Partial<Record<ResetField, FieldError>> {
  const form = state.resetForm;
  const errors: Partial<Record<ResetField, FieldError>> = {};

  if (needsServiceUrl() && form.serviceUrl.trim() === '') {
    errors.serviceUrl = { key: 'signIn.validation.serviceUrlMissing' };
  }
  const emailError = validateEmail(form.email);
  if (emailError) {
    errors.email = emailError;
  }
  if (
    state.resetAccountNumberRequired &&
    !ACCOUNT_NUMBER_PATTERN.test(form.accountNumber.trim())
  ) {
    errors.accountNumber = { key: 'signIn.validation.accountNumberInvalid' };
  }
  return errors;
}

/** Shows a failed request; returns the field to focus, back on the request step. */
function applyRequestError(error: AppError, set: SetState): ResetField | null {
  const field = requestFieldOf(error);

  if (error.code === 'ACCOUNT_NUMBER_REQUIRED') {
    set({
      resetStep: { name: 'request' },
      resetAccountNumberRequired: true,
      resetError: error,
    });
    return 'accountNumber';
  }
  if (field) {
    set({
      resetStep: { name: 'request' },
      resetFieldErrors: { [field]: { error } },
    });
    return field;
  }
  set({ resetError: error });
  return null;
}

function requestFieldOf(error: AppError): ResetField | null {
  switch (error.code) {
    case 'EMAIL_INVALID':
      return 'email';
    case 'ACCOUNT_NOT_FOUND':
      return 'accountNumber';
    case 'SERVICE_URL_INVALID':
    case 'SERVICE_NOT_CONFIGURED':
      return needsServiceUrl() ? 'serviceUrl' : null;
    default:
      return null;
  }
}

/** Shows a failed code check; a wrong code belongs to its field. */
function applyCheckError(error: AppError, set: SetState): ResetField | null {
  if (
    error.code === 'RESET_INVALID' ||
    (error.code === 'VALIDATION_FAILED' && error.field === 'code')
  ) {
    set({
      resetFieldErrors: {
        code: { error: { ...error, code: 'RESET_INVALID' } },
      },
    });
    return 'code';
  }
  set({ resetError: error });
  return null;
}
