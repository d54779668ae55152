import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../contract/errors';
import { ErrorNotice } from '../components/ErrorNotice';
import { useAppStore } from '../stores/app/appStore';

interface SsoErrorNoticeProps {
  error: AppError;
  /** Removes the notice once the person cancelled the other waiting sign-in. */
  onCleared: () => void;
  /** Further buttons for the next step, such as "Try again". */
  children?: ReactNode;
}

/**
 * Shows why an organisation sign-in failed. When another sign-in is still
 * waiting for the browser, it offers to cancel that one.
 */
export function SsoErrorNotice({
  error,
  onCleared,
  children,
}: SsoErrorNoticeProps) {
  const { t } = useTranslation();
  const cancelSso = useAppStore((state) => state.cancelSso);
  const cancelError = useAppStore((state) => state.ssoCancelError);

  const cancelWaiting = async () => {
    if (await cancelSso()) onCleared();
  };

  return (
    <>
      <ErrorNotice error={error}>
        {error.code === 'SSO_IN_PROGRESS' && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => void cancelWaiting()}
          >
            {t('sso.cancelWaiting')}
          </button>
        )}
        {children}
      </ErrorNotice>
      {error.code === 'SSO_IN_PROGRESS' && cancelError && (
        <ErrorNotice error={cancelError} />
      )}
    </>
  );
}
