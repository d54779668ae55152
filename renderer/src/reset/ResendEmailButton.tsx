import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useResetStore } from '../stores/reset/resetStore';

/**
 * Time before a second email may be requested: long enough for the first to
 * arrive, so that the person does not end up with several codes to choose from.
 */
const RESEND_DELAY_MS = 30_000;

/** Offers a new email once the first has had time to arrive. */
export function ResendEmailButton() {
  const { t } = useTranslation();
  const { requestedAt, sending, resend } = useResetStore(
    useShallow((state) => ({
      requestedAt: state.emailRequestedAt,
      sending: state.resetSending,
      resend: state.requestResetEmail,
    })),
  );
  const [now, setNow] = useState(() => Date.now());
  const allowedAt = (requestedAt ?? 0) + RESEND_DELAY_MS;
  const secondsLeft = Math.max(0, Math.ceil((allowedAt - now) / 1000));

  useEffect(() => {
    if (secondsLeft === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [secondsLeft]);

  return (
    <div className="resend">
      <button
        type="button"
        className="button-secondary"
        disabled={secondsLeft > 0 || sending}
        aria-describedby="reset-resend-hint"
        onClick={() => void resend()}
      >
        {t('reset.code.resend')}
      </button>
      <p className="field-hint" id="reset-resend-hint">
        {t('reset.code.resendHint')}
        {secondsLeft > 0 &&
          ` ${t('reset.code.resendIn', { count: secondsLeft })}`}
      </p>
    </div>
  );
}
