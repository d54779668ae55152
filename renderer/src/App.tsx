import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { LoadingScreen } from './components/LoadingScreen';
import { HomeScreen } from './home/HomeScreen';
import { LinkFlow, useLinkFlowActive } from './link/LinkFlow';
import { SignInPage } from './signin/SignInPage';
import { StartupFailedScreen } from './StartupFailedScreen';
import { useAppStore } from './stores/app/appStore';

// The about view opens rarely, so it loads only when needed.
const AboutDialog = lazy(() =>
  import('./about/AboutDialog').then((module) => ({
    default: module.AboutDialog,
  })),
);

/** Renders the current screen, and the about view over it when it is open. */
export function App() {
  const aboutOpen = useAppStore(
    (state) => state.aboutOpen && state.info !== null,
  );

  return (
    <>
      <CurrentScreen />
      {aboutOpen && (
        <Suspense fallback={null}>
          <AboutDialog />
        </Suspense>
      )}
    </>
  );
}

/** Picks the screen: a setup link first, then the home screen or the sign-in page. */
function CurrentScreen() {
  const { t } = useTranslation();
  const linkActive = useLinkFlowActive();
  const { startup, startupError, session } = useAppStore(
    useShallow((state) => ({
      startup: state.startup,
      startupError: state.startupError,
      session: state.session,
    })),
  );

  if (startup === 'failed' && startupError) {
    return <StartupFailedScreen error={startupError} />;
  }
  if (startup === 'starting' || !session) {
    return <LoadingScreen title={t('app.starting')} />;
  }
  if (linkActive) {
    return <LinkFlow />;
  }
  if (session.status === 'signedIn') {
    return <HomeScreen user={session.user} />;
  }
  return <SignInPage />;
}
