import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { TextField } from '../components/TextField';
import { focusField } from '../components/focusField';
import type { ResetStep } from '../stores/reset/resetRequestSlice';
import { useResetStore } from '../stores/reset/resetStore';
import { ResendEmailButton } from './ResendEmailButton';
import { ResetErrorNotice } from './ResetErrorNotice';

type CodeStep = Extract<ResetStep, { name: 'code' }>;

/** Says that the email is on its way and takes the code from it. */
export function ResetCodeStep({ step }: { step: CodeStep }) {
  const { t, i18n } = useTranslation();
  const state = useResetStore(
    useShallow((s) => ({
      code: s.resetForm.code,
      codeError: s.resetFieldErrors.code,
      sending: s.resetSending,
      error: s.resetError,
      resent: s.emailResent,
      setField: s.setResetField,
      check: s.checkResetCode,
      changeEmail: s.changeResetEmail,
      leave: s.leaveReset,
    })),
  );
  const validUntil = new Intl.DateTimeFormat(i18n.language, {
    timeStyle: 'short',
  }).format(new Date(step.expiresAt));

  const submit = async () => {
    const invalid = await state.check();
    if (invalid) focusField('reset-code');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('reset.code.title')}</ScreenHeading>
        <p className="lead">{t('reset.code.sent', { email: step.email })}</p>
        <p>
          {t('reset.code.how', { length: step.codeLength, time: validUntil })}
        </p>
        {state.resent && (
          <p className="notice notice-info" role="status">
            {t('reset.code.resent', { email: step.email })}
          </p>
        )}
        <form className="form" onSubmit={onSubmit} noValidate>
          <TextField
            id="reset-code"
            className="code-input"
            label={t('reset.code.label')}
            hint={t('reset.code.hint', { length: step.codeLength })}
            value={state.code}
            onValueChange={(value) => state.setField('code', value)}
            error={state.codeError}
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
          />
          {state.error && (
            <ResetErrorNotice
              error={state.error}
              onRetry={() => void submit()}
            />
          )}
          <div className="actions">
            <button
              type="submit"
              className="button-primary"
              disabled={state.sending}
            >
              {t('signIn.continue')}
            </button>
            {state.sending && (
              <span role="status" className="sending">
                {t('common.checking')}
              </span>
            )}
          </div>
        </form>
        <ResendEmailButton />
        <div className="actions">
          <button
            type="button"
            className="button-quiet"
            onClick={state.changeEmail}
          >
            {t('reset.code.otherEmail')}
          </button>
          <button
            type="button"
            className="button-quiet"
            onClick={() => void state.leave()}
          >
            {t('reset.backToSignIn')}
          </button>
        </div>
      </div>
    </PageLayout>
  );
}
