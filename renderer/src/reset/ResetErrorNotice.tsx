import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../contract/errors';
import { ErrorNotice } from '../components/ErrorNotice';
import { needsNewResetEmail } from '../stores/reset/newPasswordSlice';
import { useResetStore } from '../stores/reset/resetStore';

interface ResetErrorNoticeProps {
  error: AppError;
  /** Sends the step again, offered for failures that may pass. */
  onRetry: () => void;
}

/**
 * Shows a failed reset step with its way out: a new email when the code or
 * link stopped working, or another try when the service did not respond.
 */
export function ResetErrorNotice({ error, onRetry }: ResetErrorNoticeProps) {
  const { t } = useTranslation();
  const requestNewEmail = useResetStore((state) => state.requestNewResetEmail);
  const sending = useResetStore((state) => state.resetSending);

  return (
    <ErrorNotice error={error}>
      {needsNewResetEmail(error) && (
        <button
          type="button"
          className="button-primary"
          disabled={sending}
          onClick={() => void requestNewEmail()}
        >
          {t('reset.requestNew')}
        </button>
      )}
      {(error.code === 'SERVICE_UNREACHABLE' || error.code === 'INTERNAL') && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </ErrorNotice>
  );
}
