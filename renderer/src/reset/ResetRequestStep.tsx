import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { RESET_CODE_LENGTH } from '../../../contract/api';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { TextField } from '../components/TextField';
import { focusField } from '../components/focusField';
import { useAppStore } from '../stores/app/appStore';
import type { ResetField } from '../stores/reset/resetRequestSlice';
import { useResetStore } from '../stores/reset/resetStore';
import { ResetErrorNotice } from './ResetErrorNotice';

function resetFieldId(field: ResetField): string {
  return `reset-${field}`;
}

/** Asks for the email address that the reset email goes to. */
export function ResetRequestStep() {
  const { t } = useTranslation();
  const needsServiceUrl = useAppStore((s) => s.info?.serviceUrl === null);
  const state = useResetStore(
    useShallow((s) => ({
      form: s.resetForm,
      fieldErrors: s.resetFieldErrors,
      accountNumberRequired: s.resetAccountNumberRequired,
      sending: s.resetSending,
      error: s.resetError,
      setField: s.setResetField,
      request: s.requestResetEmail,
      leave: s.leaveReset,
    })),
  );

  const submit = async () => {
    const invalid = await state.request();
    if (invalid) focusField(resetFieldId(invalid));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const field = (name: ResetField) => ({
    id: resetFieldId(name),
    value: state.form[name],
    onValueChange: (value: string) => state.setField(name, value),
    error: state.fieldErrors[name],
  });

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('reset.request.title')}</ScreenHeading>
        <p>{t('reset.request.intro', { length: RESET_CODE_LENGTH })}</p>
        <form className="form" onSubmit={onSubmit} noValidate>
          {needsServiceUrl && (
            <TextField
              {...field('serviceUrl')}
              label={t('signIn.serviceUrl')}
              hint={t('signIn.serviceUrlHint')}
              type="url"
              inputMode="url"
              spellCheck={false}
              placeholder="https://"
            />
          )}
          <TextField
            {...field('email')}
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            spellCheck={false}
          />
          {state.accountNumberRequired && (
            <TextField
              {...field('accountNumber')}
              label={t('signIn.accountNumber')}
              hint={t('signIn.accountNumberHint')}
              inputMode="numeric"
              autoComplete="off"
            />
          )}
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
              {t('reset.request.submit')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => void state.leave()}
            >
              {t('reset.backToSignIn')}
            </button>
            {state.sending && (
              <span role="status" className="sending">
                {t('common.sending')}
              </span>
            )}
          </div>
        </form>
      </div>
    </PageLayout>
  );
}
