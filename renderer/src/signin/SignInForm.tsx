import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { useAppStore } from '../stores/app/appStore';
import type { SignInField } from '../stores/app/signInSlice';

/** Email and password, the service address before the first sign-in, and the account number when asked. */
export function SignInForm() {
  const { t } = useTranslation();
  const state = useAppStore(
    useShallow((s) => ({
      form: s.signInForm,
      needsServiceUrl: s.info?.serviceUrl === null,
      accountNumberRequired: s.accountNumberRequired,
      sending: s.signInSending,
      error: s.signInError,
      fieldErrors: s.signInFieldErrors,
      setField: s.setSignInField,
      signIn: s.signIn,
    })),
  );

  const submit = async () => {
    const invalid = await state.signIn();
    if (invalid) document.getElementById(`sign-in-${invalid}`)?.focus();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const field = (name: SignInField) => ({
    id: `sign-in-${name}`,
    value: state.form[name],
    onValueChange: (value: string) => state.setField(name, value),
    error: state.fieldErrors[name],
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {state.needsServiceUrl && (
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
      <TextField
        {...field('password')}
        label={t('signIn.password')}
        type="password"
        autoComplete="current-password"
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
        <ErrorNotice error={state.error}>
          {state.error.code === 'SERVICE_UNREACHABLE' && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => void submit()}
            >
              {t('common.retry')}
            </button>
          )}
        </ErrorNotice>
      )}
      <div className="actions">
        <button
          type="submit"
          className="button-primary"
          disabled={state.sending}
        >
          {t('signIn.submit')}
        </button>
        {state.sending && (
          <span role="status" className="sending">
            {t('signIn.sending')}
          </span>
        )}
      </div>
    </form>
  );
}
