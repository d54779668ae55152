import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { TextField } from '../components/TextField';
import { useAppStore } from '../stores/app/appStore';
import type { SignInField } from '../stores/app/signInSlice';

/** Returns the id of a sign-in field's input, for focusing it. */
export function signInFieldId(field: SignInField): string {
  return `sign-in-${field}`;
}

/** Wires a sign-in field to the app store. */
function useSignInField(field: SignInField) {
  const { value, error, setField } = useAppStore(
    useShallow((state) => ({
      value: state.signInForm[field],
      error: state.signInFieldErrors[field],
      setField: state.setSignInField,
    })),
  );

  return {
    id: signInFieldId(field),
    value,
    error,
    onValueChange: (text: string) => setField(field, text),
  };
}

export function ServiceUrlField() {
  const { t } = useTranslation();
  return (
    <TextField
      {...useSignInField('serviceUrl')}
      label={t('signIn.serviceUrl')}
      hint={t('signIn.serviceUrlHint')}
      type="url"
      inputMode="url"
      spellCheck={false}
      placeholder="https://"
    />
  );
}

export function EmailField() {
  const { t } = useTranslation();
  return (
    <TextField
      {...useSignInField('email')}
      label={t('signIn.email')}
      hint={t('signIn.emailHint')}
      type="email"
      autoComplete="username"
      spellCheck={false}
    />
  );
}

export function AccountNumberField() {
  const { t } = useTranslation();
  return (
    <TextField
      {...useSignInField('accountNumber')}
      label={t('signIn.accountNumber')}
      hint={t('signIn.accountNumberHint')}
      inputMode="numeric"
      autoComplete="off"
    />
  );
}

export function PasswordInput() {
  const { t } = useTranslation();
  return (
    <TextField
      {...useSignInField('password')}
      label={t('signIn.password')}
      type="password"
      autoComplete="current-password"
    />
  );
}
