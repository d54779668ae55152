import { Children, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../contract/errors';
import { describeError } from '../i18n/describeError';
import { useAppStore } from '../stores/app/appStore';

interface ErrorNoticeProps {
  error: AppError;
  id?: string;
  /** Buttons for the next step, such as "Try again". */
  children?: ReactNode;
}

/** Shows a translated error with its next step, announced when it appears. */
export function ErrorNotice({ error, id, children }: ErrorNoticeProps) {
  const { t } = useTranslation();
  const logFile = useAppStore((state) => state.info?.logFile);
  const text = describeError(t, error, logFile);

  return (
    <div className="notice notice-error" id={id} role="alert">
      <p className="notice-message">{text.message}</p>
      <p>{text.next}</p>
      {Children.toArray(children).length > 0 && (
        <div className="actions">{children}</div>
      )}
    </div>
  );
}
