import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { FieldErrorText } from '../components/FieldErrorText';
import { useLinkStore } from '../stores/link/linkStore';
import { PasswordRules } from './PasswordRules';

/** Renders the new-password input with a show/hide toggle and the live rule list. */
export function PasswordField() {
  const { t } = useTranslation();
  const state = useLinkStore(
    useShallow((s) => ({
      password: s.form.password,
      visible: s.passwordVisible,
      error: s.fieldErrors.password,
      isCommonPassword: s.isCommonPassword,
      commonListStatus: s.commonListStatus,
      setField: s.setFormField,
      toggle: s.togglePasswordVisible,
    })),
  );
  const describedBy = ['password-rules', state.error && 'password-error']
    .filter(Boolean)
    .join(' ');

  return (
    <div className="field">
      <label htmlFor="password">{t('registration.password')}</label>
      <div className="input-with-button">
        <input
          id="password"
          type={state.visible ? 'text' : 'password'}
          autoComplete="new-password"
          spellCheck={false}
          value={state.password}
          onChange={(event) => state.setField('password', event.target.value)}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={describedBy}
        />
        <button
          type="button"
          className="button-quiet"
          aria-pressed={state.visible}
          aria-controls="password"
          onClick={state.toggle}
        >
          {state.visible
            ? t('registration.hidePassword')
            : t('registration.showPassword')}
        </button>
      </div>
      <PasswordRules
        id="password-rules"
        password={state.password}
        isCommonPassword={state.isCommonPassword}
        commonListStatus={state.commonListStatus}
      />
      {state.error && (
        <FieldErrorText id="password-error" error={state.error} />
      )}
    </div>
  );
}
