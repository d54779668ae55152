import type { InputHTMLAttributes, KeyboardEvent, ReactNode, Ref } from 'react';
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
  const counterId = `${id}-counter`;
  const length = textLength(value);

  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      extraDescription={maxCharacters !== undefined ? counterId : undefined}
      counter={
        maxCharacters !== undefined && (
          <p
            className={
              length > maxCharacters ? 'counter counter-over' : 'counter'
            }
            id={counterId}
          >
            {t('common.counter', { count: length, max: maxCharacters })}
          </p>
        )
      }
    >
      {(describedBy) => (
        <input
          {...inputProps}
          id={id}
          ref={inputRef}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** Called on Enter without Shift, which submits the text. */
  onEnter: () => void;
  hint?: string;
  error?: FieldError | undefined;
  rows: number;
}

/**
 * Renders a labelled text area for pasted text whose line breaks matter,
 * which a one-line input would turn into spaces. Enter submits, and
 * Shift+Enter starts a new line.
 */
export function TextAreaField({
  id,
  label,
  value,
  onValueChange,
  onEnter,
  hint,
  error,
  rows,
}: TextAreaFieldProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (
      event.key === 'Enter' &&
      !event.shiftKey &&
      !event.nativeEvent.isComposing
    ) {
      event.preventDefault();
      onEnter();
    }
  };

  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          id={id}
          rows={rows}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

/** Renders the label, hint and error around a field and passes it the ids that describe it. */
function FieldFrame({
  id,
  label,
  hint,
  error,
  extraDescription,
  counter,
  children,
}: {
  id: string;
  label: string;
  hint: string | undefined;
  error: FieldError | undefined;
  extraDescription?: string | undefined;
  counter?: ReactNode;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, extraDescription, error && errorId]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {children(describedBy || undefined)}
      {counter}
      {error && <FieldErrorText id={errorId} error={error} />}
    </div>
  );
}
