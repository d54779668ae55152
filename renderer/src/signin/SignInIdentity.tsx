import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app/appStore';
import { needsServiceUrl } from '../stores/app/managed';

/**
 * Shows the email address the person entered, with the account number and
 * service address where they gave one, and a way back to change them.
 */
export function SignInIdentity() {
  const { t } = useTranslation();
  const state = useAppStore(
    useShallow((s) => ({
      email: s.signInForm.email.trim(),
      accountNumber:
        s.accountNumberRequired && s.signInStep.name === 'methods'
          ? s.signInForm.accountNumber.trim()
          : null,
      serviceUrl: needsServiceUrl(s.info)
        ? s.signInForm.serviceUrl.trim()
        : null,
      changeEmail: s.changeEmail,
    })),
  );

  return (
    <div className="identity">
      <dl className="summary">
        {state.serviceUrl && (
          <div>
            <dt>{t('signIn.service')}</dt>
            <dd>{state.serviceUrl}</dd>
          </div>
        )}
        <div>
          <dt>{t('signIn.email')}</dt>
          <dd>{state.email}</dd>
        </div>
        {state.accountNumber && (
          <div>
            <dt>{t('signIn.accountNumber')}</dt>
            <dd>{state.accountNumber}</dd>
          </div>
        )}
      </dl>
      <button
        type="button"
        className="button-quiet button-small"
        onClick={state.changeEmail}
      >
        {t('signIn.changeEmail')}
      </button>
    </div>
  );
}
