import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { useAppStore } from '../stores/app/appStore';
import { useLinkStore } from '../stores/link/linkStore';

/** Offers to sign out when a setup or reset link arrives while someone is signed in. */
export function SignedInScreen() {
  const { t } = useTranslation();
  const user = useAppStore((state) =>
    state.session?.status === 'signedIn' ? state.session.user : null,
  );
  const { kind, busy, error, signOutAndContinue, discard } = useLinkStore(
    useShallow((state) => ({
      kind: state.pendingLink?.kind,
      busy: state.linkBusy,
      error: state.linkActionError,
      signOutAndContinue: state.signOutAndContinue,
      discard: state.discard,
    })),
  );

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('link.signedIn.title')}</ScreenHeading>
        {user && (
          <p>
            {t('link.signedIn.who', {
              name: user.displayName,
              email: user.email,
            })}
          </p>
        )}
        <p>
          {kind === 'reset'
            ? t('link.signedIn.explainReset')
            : t('link.signedIn.explain')}
        </p>
        {error && <ErrorNotice error={error} />}
        <div className="actions">
          <button
            type="button"
            className="button-primary"
            disabled={busy}
            onClick={() => void signOutAndContinue()}
          >
            {t('link.signedIn.signOut')}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => void discard()}
          >
            {t('link.signedIn.stay')}
          </button>
        </div>
      </div>
    </PageLayout>
  );
}
