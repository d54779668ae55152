import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { LoadingScreen } from '../components/LoadingScreen';
import { PageLayout } from '../components/PageLayout';
import { PolicyNotice } from '../components/PolicyNotice';
import { ScreenHeading } from '../components/ScreenHeading';
import { PasteLinkForm } from '../link/PasteLinkForm';
import { SsoWaitingScreen } from '../sso/SsoWaitingScreen';
import { useAppStore } from '../stores/app/appStore';
import { isPresetSsoShown } from '../stores/app/signInSlice';
import { useResetStore } from '../stores/reset/resetStore';
import { AccountNumberStep } from './AccountNumberStep';
import { EmailStep } from './EmailStep';
import { MethodsStep } from './MethodsStep';
import { PresetSsoStep } from './PresetSsoStep';

// Few people reset their password, so its screens load only when needed.
const PasswordResetFlow = lazy(() =>
  import('../reset/PasswordResetFlow').then((module) => ({
    default: module.PasswordResetFlow,
  })),
);

/**
 * Renders the signed-out start: the sign-in steps, the wait for the browser
 * during an organisation sign-in, or the password reset.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const ssoWaiting = useAppStore((state) => state.ssoWaiting);
  const resetOpen = useResetStore((state) => state.resetStep.name !== 'idle');

  if (ssoWaiting) {
    return <SsoWaitingScreen />;
  }
  if (resetOpen) {
    return (
      <Suspense fallback={<LoadingScreen title={t('common.loading')} />}>
        <PasswordResetFlow />
      </Suspense>
    );
  }
  return <SignInSteps />;
}

function SignInSteps() {
  const { t } = useTranslation();
  const { brand, endReason, step, preset } = useAppStore(
    useShallow((state) => ({
      brand: state.info?.brand ?? '',
      endReason:
        state.session?.status === 'signedOut'
          ? state.session.reason
          : undefined,
      step: state.signInStep,
      preset: isPresetSsoShown(state),
    })),
  );
  const stepName = preset ? 'preset' : step.name;
  const title =
    stepName === 'accountNumber'
      ? t('signIn.accountNumberTitle')
      : t('signIn.title', { brand });

  return (
    <PageLayout>
      <PolicyNotice />
      <div className="card">
        {/* A new key per step moves focus to the heading of each new step. */}
        <ScreenHeading key={stepName}>{title}</ScreenHeading>
        {endReason && (
          <div className="notice notice-info" role="status">
            <p className="notice-message">{t(`signIn.ended.${endReason}`)}</p>
            <p>{t('signIn.ended.next')}</p>
          </div>
        )}
        {stepName === 'preset' && <PresetSsoStep />}
        {stepName === 'email' && <EmailStep />}
        {stepName === 'accountNumber' && <AccountNumberStep />}
        {step.name === 'methods' && <MethodsStep methods={step.methods} />}
      </div>
      <section className="card">
        <h2>{t('link.paste.heading')}</h2>
        <p>{t('link.paste.intro', { brand })}</p>
        <PasteLinkForm />
      </section>
    </PageLayout>
  );
}
