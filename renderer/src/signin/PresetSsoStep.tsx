import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { SsoErrorNotice } from '../sso/SsoErrorNotice';
import { useAppStore } from '../stores/app/appStore';
import { focusField } from '../components/focusField';
import { ServiceSummary } from './ServiceSummary';
import { AccountNumberField, signInFieldId } from './SignInFields';

/**
 * Offers the organisation sign-in that IT preset on this computer, without
 * asking for the email first.
 */
export function PresetSsoStep() {
  const { t } = useTranslation();
  const state = useAppStore(
    useShallow((s) => ({
      accountNumberRequired: s.accountNumberRequired,
      error: s.signInError,
      signInWithOrganisation: s.signInWithOrganisation,
      declinePreset: s.declinePreset,
      clearError: s.clearSignInError,
    })),
  );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = await state.signInWithOrganisation();
    if (invalid) focusField(signInFieldId(invalid));
  };

  return (
    <>
      <p>{t('signIn.preset.intro')}</p>
      <ServiceSummary />
      <form
        className="form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
      >
        {state.accountNumberRequired && <AccountNumberField />}
        {state.error && (
          <SsoErrorNotice error={state.error} onCleared={state.clearError} />
        )}
        <div className="sso-choice">
          <button type="submit" className="button-primary button-large">
            {t('sso.start')}
          </button>
          <p className="field-hint">{t('sso.browserHint')}</p>
        </div>
      </form>
      <div className="actions">
        <button
          type="button"
          className="button-quiet"
          onClick={state.declinePreset}
        >
          {t('signIn.preset.useEmail')}
        </button>
      </div>
    </>
  );
}
