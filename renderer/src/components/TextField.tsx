import type { InputHTMLAttributes, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../stores/fieldError';
import { textLength } from '../stores/fieldError';
import { FieldErrorText } from './FieldErrorText';

interface TextFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'onChange' | 'value'
> {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: string;
  error?: FieldError | undefined;
  /** Shows a character counter against this maximum. */
  maxCharacters?: number;
  inputRef?: Ref<HTMLInputElement>;
}

/** Renders a labelled input with its hint, counter and error wired for screen readers. */
export function TextField({
  id,
  label,
  value,
  onValueChange,
  hint,
  error,
  maxCharacters,
  inputRef,
  ...inputProps
}: TextFieldProps) {
  const { t } = useTranslation();
  const hintId = `${id}-hint`;
  const counterId = `${id}-counter`;
  const errorId = `${id}-error`;
  const length = textLength(value);
  const describedBy = [
    hint && hintId,
    maxCharacters && counterId,
    error && errorId,
  ].filter(Boolean);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        {...inputProps}
        id={id}
        ref={inputRef}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy.join(' ') || undefined}
      />
      {maxCharacters !== undefined && (
        <p
          className={
            length > maxCharacters ? 'counter counter-over' : 'counter'
          }
          id={counterId}
        >
          {t('common.counter', { count: length, max: maxCharacters })}
        </p>
      )}
      {error && <FieldErrorText id={errorId} error={error} />}
    </div>
  );
}
