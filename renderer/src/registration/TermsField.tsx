import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { InvitationInfo } from '../../../contract/api';
import { ErrorNotice } from '../components/ErrorNotice';
import { FieldErrorText } from '../components/FieldErrorText';
import { useAppStore } from '../stores/app/appStore';
import { useLinkStore } from '../stores/link/linkStore';

/** Renders the terms checkbox and a link that opens the terms in the system browser. */
export function TermsField({ terms }: { terms: InvitationInfo['terms'] }) {
  const { t } = useTranslation();
  const { accepted, error, setField } = useLinkStore(
    useShallow((state) => ({
      accepted: state.form.termsAccepted,
      error: state.fieldErrors.terms,
      setField: state.setFormField,
    })),
  );
  const { openInBrowser, externalError } = useAppStore(
    useShallow((state) => ({
      openInBrowser: state.openInBrowser,
      externalError: state.externalError,
    })),
  );

  const openTerms = (event: MouseEvent) => {
    event.preventDefault();
    void openInBrowser(terms.url);
  };

  return (
    <div className="field">
      <div className="checkbox">
        <input
          id="terms"
          type="checkbox"
          checked={accepted}
          onChange={(event) => setField('termsAccepted', event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'terms-error' : undefined}
        />
        <label htmlFor="terms">{t('registration.terms')}</label>
      </div>
      <a className="terms-link" href={terms.url} onClick={openTerms}>
        {t('registration.readTerms')}
      </a>
      {externalError && <ErrorNotice error={externalError} />}
      {error && <FieldErrorText id="terms-error" error={error} />}
    </div>
  );
}
