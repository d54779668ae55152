import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { SsoErrorNotice } from '../sso/SsoErrorNotice';
import { useAppStore } from '../stores/app/appStore';
import { focusField } from '../components/focusField';
import { AccountNumberField, signInFieldId } from './SignInFields';
import { SignInIdentity } from './SignInIdentity';

/** Asks for the account number when the email belongs to several accounts. */
export function AccountNumberStep() {
  const { t } = useTranslation();
  const state = useAppStore(
    useShallow((s) => ({
      sending: s.signInSending,
      error: s.signInError,
      discover: s.discoverSignIn,
      clearError: s.clearSignInError,
    })),
  );

  const submit = async () => {
    const invalid = await state.discover();
    if (invalid) focusField(signInFieldId(invalid));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <>
      <p>{t('signIn.accountNumberIntro')}</p>
      <SignInIdentity />
      <form className="form" onSubmit={onSubmit} noValidate>
        <AccountNumberField />
        {state.error && (
          <SsoErrorNotice error={state.error} onCleared={state.clearError}>
            {state.error.code === 'SERVICE_UNREACHABLE' && (
              <button
                type="button"
                className="button-secondary"
                onClick={() => void submit()}
              >
                {t('common.retry')}
              </button>
            )}
          </SsoErrorNotice>
        )}
        <div className="actions">
          <button
            type="submit"
            className="button-primary"
            disabled={state.sending}
          >
            {t('signIn.continue')}
          </button>
          {state.sending && (
            <span role="status" className="sending">
              {t('common.checking')}
            </span>
          )}
        </div>
      </form>
    </>
  );
}
