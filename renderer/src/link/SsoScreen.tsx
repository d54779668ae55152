import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { InvitationInfo } from '../../../contract/api';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { InvitationSummary } from '../registration/InvitationSummary';
import { SsoErrorNotice } from '../sso/SsoErrorNotice';
import { SsoWaitingScreen } from '../sso/SsoWaitingScreen';
import { useAppStore } from '../stores/app/appStore';
import { useLinkStore } from '../stores/link/linkStore';

/**
 * Offers the organisation sign-in for the setup link of an SSO account, which
 * sets no password. The profile dialog follows the sign-in.
 */
export function SsoScreen({ invitation }: { invitation: InvitationInfo }) {
  const { t } = useTranslation();
  const brand = useAppStore((state) => state.info?.brand ?? '');
  const waiting = useAppStore((state) => state.ssoWaiting);
  const { error, signIn, clearError, discard } = useLinkStore(
    useShallow((state) => ({
      error: state.linkSsoError,
      signIn: state.signInWithLinkSso,
      clearError: state.clearLinkSsoError,
      discard: state.discard,
    })),
  );

  if (waiting) {
    return <SsoWaitingScreen />;
  }

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('link.sso.title')}</ScreenHeading>
        <p>{t('link.sso.explain', { brand })}</p>
        <InvitationSummary invitation={invitation} />
        {error && <SsoErrorNotice error={error} onCleared={clearError} />}
        <div className="sso-choice">
          <button
            type="button"
            className="button-primary button-large"
            onClick={() => void signIn()}
          >
            {t('sso.start')}
          </button>
          <p className="field-hint">{t('sso.browserHint')}</p>
        </div>
        <div className="actions">
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
