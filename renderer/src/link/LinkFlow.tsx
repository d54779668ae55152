import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { LoadingScreen } from '../components/LoadingScreen';
import { RegistrationPage } from '../registration/RegistrationPage';
import { useLinkStore } from '../stores/link/linkStore';
import { ConfirmServiceScreen } from './ConfirmServiceScreen';
import { InvalidLinkScreen } from './InvalidLinkScreen';
import { InvitationProblemScreen } from './InvitationProblemScreen';
import { ServiceNotAllowedScreen } from './ServiceNotAllowedScreen';
import { SignedInScreen } from './SignedInScreen';
import { SsoScreen } from './SsoScreen';

/** Returns whether a link is on screen, which takes priority over everything else. */
export function useLinkFlowActive(): boolean {
  return useLinkStore(
    (state) => state.invalidLink !== null || state.stage.name !== 'idle',
  );
}

/**
 * Renders the screens of a setup or reset link, from the check to the
 * registration page or the organisation sign-in.
 */
export function LinkFlow() {
  const { t } = useTranslation();
  const { invalidLink, stage, link } = useLinkStore(
    useShallow((state) => ({
      invalidLink: state.invalidLink,
      stage: state.stage,
      link: state.pendingLink,
    })),
  );

  if (invalidLink?.code === 'LINK_SERVICE_NOT_ALLOWED') {
    return <ServiceNotAllowedScreen serviceHost={invalidLink.serviceHost} />;
  }
  if (invalidLink) {
    return <InvalidLinkScreen link={invalidLink} />;
  }

  switch (stage.name) {
    case 'idle':
      return null;
    case 'signedIn':
      return <SignedInScreen />;
    case 'confirm':
      return link && <ConfirmServiceScreen link={link} />;
    case 'inspecting':
      return (
        <LoadingScreen
          title={
            link?.kind === 'reset'
              ? t('link.inspectingReset')
              : t('link.inspecting')
          }
        />
      );
    case 'problem':
      return (
        <InvitationProblemScreen
          error={stage.error}
          kind={link?.kind ?? 'setup'}
        />
      );
    case 'register':
      return <RegistrationPage invitation={stage.invitation} />;
    case 'sso':
      return <SsoScreen invitation={stage.invitation} />;
  }
}
