import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useShallow } from 'zustand/react/shallow';
import type { UpdateState } from '../../../contract/ipc';
import { ErrorNotice } from '../components/ErrorNotice';
import { describeError } from '../i18n/describeError';
import { readyText } from '../home/UpdateBanner';
import { useAppStore } from '../stores/app/appStore';

/**
 * Shows the update state with "Check for updates", and the restart once an
 * update is ready. Download progress is shown but not announced, so that a
 * screen reader is not interrupted at every percent.
 */
export function UpdateSection() {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const state = useAppStore(
    useShallow((s) => ({
      updates: s.info?.updates,
      checkSending: s.updateCheckSending,
      checkError: s.updateCheckError,
      restartSending: s.restartSending,
      restartError: s.restartError,
      check: s.checkForUpdates,
      restart: s.restartToUpdate,
    })),
  );
  const updates = state.updates;
  if (!updates) return null;

  const busy =
    state.checkSending ||
    updates.status === 'checking' ||
    updates.status === 'downloading';
  const lastChecked =
    updates.lastCheckedAt &&
    new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(updates.lastCheckedAt));

  return (
    <section className="about-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('about.updatesHeading')}</h3>
      {updates.support !== 'supported' ? (
        <p>{t(`updates.unsupported.${updates.support}`)}</p>
      ) : (
        <>
          <p role="status" className="update-status">
            {statusText(t, updates)}
          </p>
          {updates.status === 'failed' && (
            <p>{describeUpdateError(t, updates).next}</p>
          )}
          {updates.status === 'downloading' && updates.percent !== null && (
            <DownloadProgress
              version={updates.version}
              percent={updates.percent}
            />
          )}
          {lastChecked && (
            <p className="field-hint">
              {t('updates.lastChecked', { time: lastChecked })}
            </p>
          )}
          {state.checkError && <ErrorNotice error={state.checkError} />}
          {state.restartError && <ErrorNotice error={state.restartError} />}
          <div className="actions">
            {updates.status === 'ready' && (
              <button
                type="button"
                className="button-primary"
                disabled={state.restartSending}
                onClick={() => void state.restart()}
              >
                {t('updates.restart')}
              </button>
            )}
            <button
              type="button"
              className="button-secondary"
              disabled={busy}
              onClick={() => void state.check()}
            >
              {t('updates.check')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function DownloadProgress({
  version,
  percent,
}: {
  version: string | null;
  percent: number;
}) {
  const { t } = useTranslation();
  const rounded = Math.round(percent);

  return (
    <div className="update-progress">
      <progress
        max={100}
        value={rounded}
        aria-label={
          version
            ? t('updates.progressLabel', { version })
            : t('updates.progressLabelUnnamed')
        }
      />
      <span aria-hidden="true">
        {t('updates.percent', { percent: rounded })}
      </span>
    </div>
  );
}

/**
 * Returns the sentence for the update status, which changes with the status
 * but not with the percent.
 */
function statusText(t: TFunction, updates: UpdateState): string {
  const version = updates.version;

  switch (updates.status) {
    case 'idle':
      return updates.automatic
        ? t('updates.status.idleAutomatic')
        : t('updates.status.idleManual');
    case 'checking':
      return t('updates.status.checking');
    case 'upToDate':
      return t('updates.status.upToDate');
    case 'downloading':
      return version
        ? t('updates.status.downloading', { version })
        : t('updates.status.downloadingUnnamed');
    case 'ready':
      return `${readyText(t, version)} ${t('updates.readyNext')}`;
    case 'failed':
      return describeUpdateError(t, updates).message;
  }
}

function describeUpdateError(t: TFunction, updates: UpdateState) {
  return describeError(t, { code: updates.error ?? 'UPDATE_FAILED' });
}
