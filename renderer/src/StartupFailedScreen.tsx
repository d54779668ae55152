import { useTranslation } from 'react-i18next';
import type { AppError } from '../../contract/errors';
import { ErrorNotice } from './components/ErrorNotice';
import { PageLayout } from './components/PageLayout';
import { ScreenHeading } from './components/ScreenHeading';
import { startApp } from './stores/startApp';

/** Shows that the app information or the session failed to load at start, with a retry. */
export function StartupFailedScreen({ error }: { error: AppError }) {
  const { t } = useTranslation();

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('app.startFailed')}</ScreenHeading>
        <ErrorNotice error={error}>
          <button
            type="button"
            className="button-primary"
            onClick={() => void startApp()}
          >
            {t('common.retry')}
          </button>
        </ErrorNotice>
      </div>
    </PageLayout>
  );
}
