import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { UserProfile } from '../../../contract/api';
import { Avatar } from '../components/Avatar';
import { SettingsButton } from '../components/SettingsButton';
import { useAppStore } from '../stores/app/appStore';
import { useProfileStore } from '../stores/profile/profileStore';
import { StatusMessageEditor } from './StatusMessageEditor';

/** Shows the signed-in person with their status, and the account actions. */
export function HomeHeader({ user }: { user: UserProfile }) {
  const { t } = useTranslation();
  const { brand, signingOut, signOut } = useAppStore(
    useShallow((state) => ({
      brand: state.info?.brand,
      signingOut: state.signingOut,
      signOut: state.signOut,
    })),
  );
  const openDialog = useProfileStore((state) => state.openDialog);

  return (
    <header className="home-header">
      <span className="brand">{brand}</span>
      <div className="me">
        <Avatar
          userId={user.id}
          photoVersion={user.photoVersion}
          name={user.displayName || user.email}
          size="large"
        />
        <div className="me-text">
          <p className="me-name">{user.displayName}</p>
          <StatusMessageEditor current={user.statusMessage} />
        </div>
      </div>
      <nav className="header-actions" aria-label={t('home.accountActions')}>
        <button
          type="button"
          className="button-quiet"
          onClick={() => openDialog('edit', user)}
        >
          {t('home.editProfile')}
        </button>
        <SettingsButton />
        <button
          type="button"
          className="button-quiet"
          disabled={signingOut}
          onClick={() => void signOut()}
        >
          {t('home.signOut')}
        </button>
      </nav>
    </header>
  );
}
