import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { SignInMethod } from '../../../contract/api';
import { SsoErrorNotice } from '../sso/SsoErrorNotice';
import { useAppStore } from '../stores/app/appStore';
import { useResetStore } from '../stores/reset/resetStore';
import { focusField } from '../components/focusField';
import { PasswordInput, signInFieldId } from './SignInFields';
import { SignInIdentity } from './SignInIdentity';

/**
 * Renders the ways to sign in that the service offers for the email and the
 * organisation allows: the organisation sign-in, the password, or both, in
 * the service's order. Without any, it explains why and what to do next.
 */
export function MethodsStep({ methods }: { methods: SignInMethod[] }) {
  const { t } = useTranslation();
  const state = useAppStore(
    useShallow((s) => ({
      form: s.signInForm,
      accountNumberRequired: s.accountNumberRequired,
      sending: s.signInSending,
      error: s.signInError,
      signIn: s.signIn,
      signInWithOrganisation: s.signInWithOrganisation,
      clearError: s.clearSignInError,
    })),
  );
  const openResetRequest = useResetStore((s) => s.openResetRequest);
  const offersSso = methods.includes('sso');
  const offersPassword = methods.includes('password');

  const submitPassword = async () => {
    const invalid = await state.signIn();
    if (invalid) focusField(signInFieldId(invalid));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submitPassword();
  };
  const startSso = async () => {
    const invalid = await state.signInWithOrganisation();
    if (invalid) focusField(signInFieldId(invalid));
  };
  const forgotPassword = () => {
    // The reset answers the failed sign-in, so its error is not shown again
    // when the person comes back.
    state.clearError();
    openResetRequest({
      email: state.form.email.trim(),
      accountNumber: state.form.accountNumber.trim(),
      serviceUrl: state.form.serviceUrl.trim(),
      accountNumberRequired: state.accountNumberRequired,
    });
  };

  return (
    <>
      <SignInIdentity />
      {methods.length === 0 && (
        <div className="notice notice-error" role="alert">
          <p className="notice-message">{t('signIn.noMethods.message')}</p>
          <p>{t('signIn.noMethods.next')}</p>
        </div>
      )}
      {state.error && (
        <SsoErrorNotice error={state.error} onCleared={state.clearError}>
          {state.error.code === 'TOO_MANY_ATTEMPTS' && offersPassword && (
            <p>{t('signIn.lockedResetHint')}</p>
          )}
          {state.error.code === 'SERVICE_UNREACHABLE' && offersPassword && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => void submitPassword()}
            >
              {t('common.retry')}
            </button>
          )}
        </SsoErrorNotice>
      )}
      {offersSso && (
        <div className="sso-choice">
          <button
            type="button"
            className="button-primary button-large"
            onClick={() => void startSso()}
          >
            {t('sso.start')}
          </button>
          <p className="field-hint">{t('sso.browserHint')}</p>
        </div>
      )}
      {offersSso && offersPassword && (
        <p className="divider">
          <span>{t('signIn.or')}</span>
        </p>
      )}
      {offersPassword && (
        <form className="form" onSubmit={onSubmit} noValidate>
          <PasswordInput />
          <div className="actions">
            <button
              type="submit"
              className={offersSso ? 'button-secondary' : 'button-primary'}
              disabled={state.sending}
            >
              {t('signIn.submit')}
            </button>
            {state.sending && (
              <span role="status" className="sending">
                {t('signIn.sending')}
              </span>
            )}
            <button
              type="button"
              className="button-quiet"
              onClick={forgotPassword}
            >
              {t('signIn.forgotPassword')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
