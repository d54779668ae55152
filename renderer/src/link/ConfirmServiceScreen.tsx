import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { useAppStore } from '../stores/app/appStore';
import type { PendingLink } from '../stores/link/linkSlice';
import { useLinkStore } from '../stores/link/linkStore';

/** Asks before the app talks to a service named only by the link. */
export function ConfirmServiceScreen({ link }: { link: PendingLink }) {
  const { t } = useTranslation();
  const configured = useAppStore((state) => state.info?.serviceUrl ?? null);
  const { busy, error, trust, discard } = useLinkStore(
    useShallow((state) => ({
      busy: state.linkBusy,
      error: state.linkActionError,
      trust: state.trustService,
      discard: state.discard,
    })),
  );

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('link.confirm.title')}</ScreenHeading>
        <p>
          {link.kind === 'reset'
            ? t('link.confirm.introReset')
            : t('link.confirm.intro')}
        </p>
        <p className="host" data-testid="link-service-host">
          {link.serviceHost}
        </p>
        {configured && (
          <p>
            {t('link.confirm.configured')}{' '}
            <strong className="host-inline">{hostOf(configured)}</strong>
          </p>
        )}
        <p>{t('link.confirm.warning')}</p>
        {error && <ErrorNotice error={error} />}
        <div className="actions">
          <button
            type="button"
            className="button-primary"
            disabled={busy}
            onClick={() => void trust()}
          >
            {t('link.confirm.continue', { host: link.serviceHost })}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => void discard()}
          >
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </PageLayout>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
