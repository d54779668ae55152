import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorNotice } from '../components/ErrorNotice';
import { useAppStore } from '../stores/app/appStore';

/**
 * Leads to the log files for support: a button that opens their folder, or
 * in the browser preview the file's path, because a browser cannot open a
 * folder.
 */
export function LogSection() {
  const { t } = useTranslation();
  const headingId = useId();
  const state = useAppStore(
    useShallow((s) => ({
      preview: s.info?.runtime === 'preview',
      logFile: s.info?.logFile,
      sending: s.logFolderSending,
      error: s.logFolderError,
      openLogFolder: s.openLogFolder,
    })),
  );
  const showPath = state.preview || state.error !== null;

  return (
    <section className="about-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('about.logHeading')}</h3>
      <p>{t('about.logIntro')}</p>
      {state.preview && <p>{t('about.logPreview')}</p>}
      {!state.preview && (
        <div className="actions">
          <button
            type="button"
            className="button-secondary"
            disabled={state.sending}
            onClick={() => void state.openLogFolder()}
          >
            {t('about.openLogFolder')}
          </button>
        </div>
      )}
      {state.error && <ErrorNotice error={state.error} />}
      {showPath && (
        <dl className="summary">
          <div>
            <dt>{t('about.logFile')}</dt>
            <dd className="host-inline">
              {state.logFile ?? t('about.logFileUnknown')}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
