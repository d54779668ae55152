import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { SsoErrorNotice } from '../sso/SsoErrorNotice';
import { useAppStore } from '../stores/app/appStore';
import { isEnforced, needsServiceUrl } from '../stores/app/managed';
import { focusField } from '../components/focusField';
import { ServiceSummary } from './ServiceSummary';
import { EmailField, ServiceUrlField, signInFieldId } from './SignInFields';

/**
 * Renders the first step: the email address, and the service address while
 * the app has none. A service the organisation enforces is shown, not asked.
 */
export function EmailStep() {
  const { t } = useTranslation();
  const state = useAppStore(
    useShallow((s) => ({
      needsServiceUrl: needsServiceUrl(s.info),
      serviceManaged: isEnforced(s.info, 'serviceUrl'),
      presetAvailable: s.info?.presetSignIn === 'sso',
      sending: s.signInSending,
      error: s.signInError,
      discover: s.discoverSignIn,
      restorePreset: s.restorePreset,
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
    <form className="form" onSubmit={onSubmit} noValidate>
      {state.serviceManaged && <ServiceSummary />}
      {state.needsServiceUrl && <ServiceUrlField />}
      <EmailField />
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
      {state.presetAvailable && (
        <div className="actions">
          <button
            type="button"
            className="button-quiet"
            onClick={state.restorePreset}
          >
            {t('signIn.preset.back')}
          </button>
        </div>
      )}
    </form>
  );
}
