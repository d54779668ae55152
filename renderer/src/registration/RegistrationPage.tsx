import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { InvitationInfo } from '../../../contract/api';
import { MAX_DISPLAY_NAME_LENGTH } from '../../../contract/limits';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { TextField } from '../components/TextField';
import { useAppStore } from '../stores/app/appStore';
import { useLinkStore } from '../stores/link/linkStore';
import type { RegistrationField } from '../stores/link/registrationSlice';
import { InvitationSummary } from './InvitationSummary';
import { PasswordField } from './PasswordField';
import { TermsField } from './TermsField';

const inputIds: Record<RegistrationField, string> = {
  displayName: 'display-name',
  password: 'password',
  terms: 'terms',
};

/** "Complete your account creation": name, password and the terms. */
export function RegistrationPage({
  invitation,
}: {
  invitation: InvitationInfo;
}) {
  const { t } = useTranslation();
  const brand = useAppStore((state) => state.info?.brand ?? '');
  const form = useLinkStore(
    useShallow((state) => ({
      displayName: state.form.displayName,
      nameError: state.fieldErrors.displayName,
      password: state.form.password,
      passwordVisible: state.passwordVisible,
      passwordError: state.fieldErrors.password,
      togglePasswordVisible: state.togglePasswordVisible,
      registering: state.registering,
      error: state.registrationError,
      setField: state.setFormField,
      register: state.register,
      discard: state.discard,
    })),
  );
  const submit = async () => {
    const invalid = await form.register();
    if (invalid) document.getElementById(inputIds[invalid])?.focus();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('registration.title')}</ScreenHeading>
        <p>{t('registration.intro', { brand })}</p>
        <InvitationSummary invitation={invitation} />
        <form className="form" onSubmit={onSubmit} noValidate>
          <TextField
            id="display-name"
            label={t('registration.name')}
            hint={t('registration.nameHint')}
            value={form.displayName}
            onValueChange={(value) => form.setField('displayName', value)}
            error={form.nameError}
            maxCharacters={MAX_DISPLAY_NAME_LENGTH}
            autoComplete="name"
          />
          <PasswordField
            id="password"
            label={t('registration.password')}
            value={form.password}
            onValueChange={(value) => form.setField('password', value)}
            visible={form.passwordVisible}
            onToggleVisible={form.togglePasswordVisible}
            error={form.passwordError}
          />
          <TermsField terms={invitation.terms} />
          {form.error && (
            <ErrorNotice error={form.error}>
              <button
                type="button"
                className="button-secondary"
                onClick={() => void submit()}
              >
                {t('common.retry')}
              </button>
            </ErrorNotice>
          )}
          <div className="actions">
            <button
              type="submit"
              className="button-primary"
              disabled={form.registering}
            >
              {t('registration.finish')}
            </button>
            <button
              type="button"
              className="button-quiet"
              disabled={form.registering}
              onClick={() => void form.discard()}
            >
              {t('common.cancel')}
            </button>
            {form.registering && (
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
