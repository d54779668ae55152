import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorNotice } from '../components/ErrorNotice';
import { useAppStore } from '../stores/app/appStore';

/**
 * Offers to restart into a downloaded update, or to leave it for later in
 * this run. The app restarts only when the person clicks.
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const state = useAppStore(
    useShallow((s) => {
      const updates = s.info?.updates;
      const ready = updates?.status === 'ready';
      return {
        bannerVisible: ready && (updates.version ?? '') !== s.dismissedUpdate,
        version: ready ? updates.version : null,
        sending: s.restartSending,
        error: s.restartError,
        restart: s.restartToUpdate,
        dismiss: s.dismissUpdate,
      };
    }),
  );

  if (!state.bannerVisible) return null;
  return (
    <section className="banner banner-info" aria-label={t('updates.banner')}>
      <div role="status">
        <p className="notice-message">{readyText(t, state.version)}</p>
        <p>{t('updates.readyNext')}</p>
      </div>
      {state.error && <ErrorNotice error={state.error} />}
      <div className="actions">
        <button
          type="button"
          className="button-primary"
          disabled={state.sending}
          onClick={() => void state.restart()}
        >
          {t('updates.restart')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => state.dismiss(state.version)}
        >
          {t('updates.later')}
        </button>
        {state.sending && (
          <span role="status" className="sending">
            {t('updates.restarting')}
          </span>
        )}
      </div>
    </section>
  );
}

/** Returns "Version X is ready.", or the same without a version the updater did not name. */
export function readyText(t: TFunction, version: string | null): string {
  return version ? t('updates.ready', { version }) : t('updates.readyUnnamed');
}
