import { useTranslation } from 'react-i18next';
import { describeError } from '../i18n/describeError';
import { useAppStore } from '../stores/app/appStore';
import type { FieldError } from '../stores/fieldError';

/** Renders the error under a form field, which points to it with aria-describedby. */
export function FieldErrorText({
  id,
  error,
}: {
  id: string;
  error: FieldError;
}) {
  const { t } = useTranslation();
  const logFile = useAppStore((state) => state.info?.logFile);
  let text: string;

  if ('error' in error) {
    const described = describeError(t, error.error, logFile);
    text = `${described.message} ${described.next}`;
  } else {
    text = t(error.key, error.values);
  }

  return (
    <p className="field-error" id={id} role="alert">
      {text}
    </p>
  );
}
