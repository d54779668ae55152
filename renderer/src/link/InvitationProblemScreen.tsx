import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { AppError, ErrorCode } from '../../../contract/errors';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { describeError } from '../i18n/describeError';
import { useAppStore } from '../stores/app/appStore';
import type { PendingLink } from '../stores/link/linkSlice';
import { useLinkStore } from '../stores/link/linkStore';
import { needsNewResetEmail } from '../stores/reset/newPasswordSlice';
import { PasteLinkForm } from './PasteLinkForm';

/** Problems of a setup link that a newer or corrected link can solve. */
const pasteHelps: ErrorCode[] = [
  'INVITATION_NOT_FOUND',
  'INVITATION_REPLACED',
  'LINK_UNKNOWN',
];

/** Problems that may go away on their own, so trying again makes sense. */
const retryHelps: ErrorCode[] = [
  'SERVICE_UNREACHABLE',
  'SERVICE_INCOMPATIBLE',
  'INTERNAL',
  'VALIDATION_FAILED',
];

interface InvitationProblemScreenProps {
  error: AppError;
  kind: PendingLink['kind'];
}

/**
 * Explains why a setup link or reset link cannot be used, and what to do
 * instead: for a reset link, usually to request a new email.
 */
export function InvitationProblemScreen({
  error,
  kind,
}: InvitationProblemScreenProps) {
  const { t, i18n } = useTranslation();
  const { retry, discard, requestNewResetEmail } = useLinkStore(
    useShallow((state) => ({
      retry: state.continueFlow,
      discard: state.discard,
      requestNewResetEmail: state.requestNewResetEmail,
    })),
  );
  const logFile = useAppStore((state) => state.info?.logFile);
  const text = describeError(t, error, logFile);
  const titles = kind === 'reset' ? 'link.problem.reset' : 'link.problem';
  const titleKey = `${titles}.${error.code}`;
  const title = i18n.exists(titleKey) ? t(titleKey) : t(`${titles}.other`);
  const newEmailHelps = kind === 'reset' && needsNewResetEmail(error);
  const toSignIn = error.code === 'INVITATION_USED';

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{title}</ScreenHeading>
        <div role="alert">
          <p className="lead">{text.message}</p>
          <p>{text.next}</p>
        </div>
        <div className="actions">
          {newEmailHelps && (
            <button
              type="button"
              className="button-primary"
              onClick={() => void requestNewResetEmail()}
            >
              {t('reset.requestNew')}
            </button>
          )}
          {retryHelps.includes(error.code) && (
            <button
              type="button"
              className="button-primary"
              onClick={() => void retry()}
            >
              {t('common.retry')}
            </button>
          )}
          <button
            type="button"
            className={toSignIn ? 'button-primary' : 'button-secondary'}
            onClick={() => void discard()}
          >
            {toSignIn ? t('link.problem.toSignIn') : t('common.close')}
          </button>
        </div>
        {kind === 'setup' && pasteHelps.includes(error.code) && (
          <>
            <h2>{t('link.paste.headingAgain')}</h2>
            <PasteLinkForm />
          </>
        )}
      </div>
    </PageLayout>
  );
}
