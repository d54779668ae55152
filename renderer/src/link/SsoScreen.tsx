import { useTranslation } from 'react-i18next';
import type { InvitationInfo } from '../../../contract/api';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { useLinkStore } from '../stores/link/linkStore';

/** Explains that the invited account signs in with single sign-on, so there is no password to set. */
export function SsoScreen({ invitation }: { invitation: InvitationInfo }) {
  const { t } = useTranslation();
  const discard = useLinkStore((state) => state.discard);

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('link.sso.title')}</ScreenHeading>
        <p className="lead">
          {t('link.sso.explain', {
            email: invitation.email,
            account: invitation.accountName,
          })}
        </p>
        <p>{t('link.sso.next')}</p>
        <div className="actions">
          <button
            type="button"
            className="button-primary"
            onClick={() => void discard()}
          >
            {t('common.close')}
          </button>
        </div>
      </div>
    </PageLayout>
  );
}
