import { useTranslation } from 'react-i18next';
import { useAppStore } from '../stores/app/appStore';

/** Warns that the session lasts only for this run because the keychain failed. */
export function KeychainBanner() {
  const { t } = useTranslation();
  const show = useAppStore(
    (state) =>
      state.info?.keychain === 'unavailable' ||
      (state.session?.status === 'signedIn' &&
        state.session.persistence === 'memory'),
  );

  if (!show) return null;
  return (
    <div className="banner" role="status">
      <p className="notice-message">{t('home.keychain.message')}</p>
      <p>{t('home.keychain.next')}</p>
    </div>
  );
}
