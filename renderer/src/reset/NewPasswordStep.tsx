import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { PasswordField } from '../registration/PasswordField';
import { focusField } from '../components/focusField';
import type { ResetStep } from '../stores/reset/resetRequestSlice';
import { useResetStore } from '../stores/reset/resetStore';
import { ResetErrorNotice } from './ResetErrorNotice';

type NewPasswordStepState = Extract<ResetStep, { name: 'newPassword' }>;

/** Takes the new password, with the same live rules as the registration page. */
export function NewPasswordStep({ step }: { step: NewPasswordStepState }) {
  const { t, i18n } = useTranslation();
  const state = useResetStore(
    useShallow((s) => ({
      password: s.newPassword,
      visible: s.newPasswordVisible,
      passwordError: s.newPasswordError,
      completing: s.completing,
      error: s.completeError,
      setPassword: s.setNewPassword,
      toggleVisible: s.toggleNewPasswordVisible,
      complete: s.completeReset,
      leave: s.leaveReset,
    })),
  );
  const validUntil = new Intl.DateTimeFormat(i18n.language, {
    timeStyle: 'short',
  }).format(new Date(step.info.expiresAt));

  const submit = async () => {
    const invalid = await state.complete();
    if (invalid) focusField('new-password');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('reset.newPassword.title')}</ScreenHeading>
        <p>{t('reset.newPassword.intro', { email: step.info.email })}</p>
        <p>{t('reset.newPassword.validUntil', { time: validUntil })}</p>
        <form className="form" onSubmit={onSubmit} noValidate>
          <PasswordField
            id="new-password"
            label={t('reset.newPassword.label')}
            value={state.password}
            onValueChange={state.setPassword}
            visible={state.visible}
            onToggleVisible={state.toggleVisible}
            error={state.passwordError}
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
              disabled={state.completing}
            >
              {t('reset.newPassword.submit')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => void state.leave()}
            >
              {t('common.cancel')}
            </button>
            {state.completing && (
              <span role="status" className="sending">
                {t('common.saving')}
              </span>
            )}
          </div>
        </form>
      </div>
    </PageLayout>
  );
}
