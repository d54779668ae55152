import { useTranslation } from 'react-i18next';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { PasteLinkForm } from '../link/PasteLinkForm';
import { useAppStore } from '../stores/app/appStore';
import { SignInForm } from './SignInForm';

/** Renders the signed-out start: sign in, or continue with a setup link. */
export function SignInPage() {
  const { t } = useTranslation();
  const brand = useAppStore((state) => state.info?.brand ?? '');
  const endReason = useAppStore((state) =>
    state.session?.status === 'signedOut' ? state.session.reason : undefined,
  );

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('signIn.title', { brand })}</ScreenHeading>
        {endReason && (
          <div className="notice notice-info" role="status">
            <p className="notice-message">{t(`signIn.ended.${endReason}`)}</p>
            <p>{t('signIn.ended.next')}</p>
          </div>
        )}
        <SignInForm />
      </div>
      <section className="card">
        <h2>{t('link.paste.heading')}</h2>
        <p>{t('link.paste.intro', { brand })}</p>
        <PasteLinkForm />
      </section>
    </PageLayout>
  );
}
