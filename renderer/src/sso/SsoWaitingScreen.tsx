import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { useAppStore } from '../stores/app/appStore';

/**
 * Shown while the organisation's sign-in page is open in the system browser,
 * which can take minutes. Cancel returns to the screen that started it.
 */
export function SsoWaitingScreen() {
  const { t } = useTranslation();
  const { cancelling, cancelError, cancel } = useAppStore(
    useShallow((state) => ({
      cancelling: state.ssoCancelling,
      cancelError: state.ssoCancelError,
      cancel: state.cancelSso,
    })),
  );

  return (
    <PageLayout>
      <div className="card" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        <ScreenHeading>{t('sso.waiting.title')}</ScreenHeading>
        <p className="lead">{t('sso.waiting.explain')}</p>
        <p>{t('sso.waiting.noPage')}</p>
        {cancelError && <ErrorNotice error={cancelError} />}
        <div className="actions">
          <button
            type="button"
            className="button-secondary"
            disabled={cancelling}
            onClick={() => void cancel()}
          >
            {t('common.cancel')}
          </button>
          {cancelling && (
            <span role="status" className="sending">
              {t('sso.waiting.cancelling')}
            </span>
          )}
        </div>
      </div>
    </PageLayout>
  );
}
