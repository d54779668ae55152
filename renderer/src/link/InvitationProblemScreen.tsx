import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { AppError, ErrorCode } from '../../../contract/errors';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { describeError } from '../i18n/describeError';
import { useAppStore } from '../stores/app/appStore';
import { useLinkStore } from '../stores/link/linkStore';
import { PasteLinkForm } from './PasteLinkForm';

/** Problems that a newer or corrected link can solve. */
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

/** Explains why the setup link cannot be used, and what to do instead. */
export function InvitationProblemScreen({ error }: { error: AppError }) {
  const { t, i18n } = useTranslation();
  const { retry, discard } = useLinkStore(
    useShallow((state) => ({
      retry: state.continueFlow,
      discard: state.discard,
    })),
  );
  const logFile = useAppStore((state) => state.info?.logFile);
  const text = describeError(t, error, logFile);
  const titleKey = `link.problem.${error.code}`;
  const title = i18n.exists(titleKey) ? t(titleKey) : t('link.problem.other');
  const leaveLabel =
    error.code === 'INVITATION_USED'
      ? t('link.problem.toSignIn')
      : t('common.close');

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{title}</ScreenHeading>
        <div role="alert">
          <p className="lead">{text.message}</p>
          <p>{text.next}</p>
        </div>
        <div className="actions">
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
            className={
              error.code === 'INVITATION_USED'
                ? 'button-primary'
                : 'button-secondary'
            }
            onClick={() => void discard()}
          >
            {leaveLabel}
          </button>
        </div>
        {pasteHelps.includes(error.code) && (
          <>
            <h2>{t('link.paste.headingAgain')}</h2>
            <PasteLinkForm />
          </>
        )}
      </div>
    </PageLayout>
  );
}
