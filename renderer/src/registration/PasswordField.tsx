import { useTranslation } from 'react-i18next';
import { FieldErrorText } from '../components/FieldErrorText';
import type { FieldError } from '../stores/fieldError';
import { PasswordRules } from './PasswordRules';

interface PasswordFieldProps {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  visible: boolean;
  onToggleVisible: () => void;
  error: FieldError | undefined;
}

/**
 * Renders a new-password input with a show/hide toggle and the live rule
 * list, for the registration page and the password reset.
 */
export function PasswordField({
  id,
  label,
  value,
  onValueChange,
  visible,
  onToggleVisible,
  error,
}: PasswordFieldProps) {
  const { t } = useTranslation();
  const rulesId = `${id}-rules`;
  const errorId = `${id}-error`;
  const describedBy = [rulesId, error && errorId].filter(Boolean).join(' ');

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="input-with-button">
        <input
          id={id}
          type={visible ? 'text' : 'password'}
          autoComplete="new-password"
          spellCheck={false}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <button
          type="button"
          className="button-quiet"
          aria-controls={id}
          onClick={onToggleVisible}
        >
          {/* The label says what the button does next, so no aria-pressed. */}
          {visible
            ? t('registration.hidePassword')
            : t('registration.showPassword')}
        </button>
      </div>
      <PasswordRules id={rulesId} password={value} />
      {error && <FieldErrorText id={errorId} error={error} />}
    </div>
  );
}
