import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { UserProfile } from '../../../contract/api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PolicyNotice } from '../components/PolicyNotice';
import { ProfileDialog } from '../profile/ProfileDialog';
import { useAppStore } from '../stores/app/appStore';
import { useProfileStore } from '../stores/profile/profileStore';
import { Directory } from './Directory';
import { HomeHeader } from './HomeHeader';
import { KeychainBanner } from './KeychainBanner';
import { UpdateBanner } from './UpdateBanner';

/**
 * Renders the signed-in start screen. The profile dialog opens by itself until
 * the profile is completed.
 */
export function HomeScreen({ user }: { user: UserProfile }) {
  const { mode, openDialog } = useProfileStore(
    useShallow((state) => ({ mode: state.mode, openDialog: state.openDialog })),
  );
  const signOutError = useAppStore((state) => state.signOutError);

  useEffect(() => {
    if (!user.profileCompleted && mode === 'closed') {
      openDialog('complete', user);
    }
  }, [user, mode, openDialog]);

  return (
    <div className="layout">
      <HomeHeader user={user} />
      <main className="home">
        <UpdateBanner />
        <PolicyNotice />
        <KeychainBanner />
        {signOutError && <ErrorNotice error={signOutError} />}
        <Directory accountName={user.accountName} />
      </main>
      <ProfileDialog user={user} />
    </div>
  );
}
