import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextAreaField } from '../components/TextField';
import type { FieldError } from '../stores/fieldError';
import { useLinkStore } from '../stores/link/linkStore';

/** Takes a pasted setup link, for when clicking it in the email did not open the app. */
export function PasteLinkForm() {
  const { t } = useTranslation();
  const id = useId();
  const [missing, setMissing] = useState<FieldError | undefined>();
  const { text, sending, error, setText, submit } = useLinkStore(
    useShallow((state) => ({
      text: state.pasteText,
      sending: state.pasteSending,
      error: state.pasteError,
      setText: state.setPasteText,
      submit: state.submitPaste,
    })),
  );

  const form = useRef<HTMLFormElement>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setMissing({ key: 'link.paste.missing' });
      return;
    }
    void submit();
  };

  return (
    <form ref={form} className="form" onSubmit={onSubmit} noValidate>
      <TextAreaField
        id={`${id}-link`}
        label={t('link.paste.label')}
        hint={t('link.paste.hint')}
        value={text}
        onValueChange={(value) => {
          setMissing(undefined);
          setText(value);
        }}
        onEnter={() => form.current?.requestSubmit()}
        error={missing}
        rows={3}
      />
      {error && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="submit" className="button-secondary" disabled={sending}>
          {sending ? t('common.checking') : t('link.paste.submit')}
        </button>
      </div>
    </form>
  );
}

/** Renders the paste form under its heading, with a Back button, for a link that did not work. */
export function PasteAgain({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();

  return (
    <>
      <h2>{t('link.paste.headingAgain')}</h2>
      <PasteLinkForm />
      <div className="actions">
        <button type="button" className="button-quiet" onClick={onBack}>
          {t('common.back')}
        </button>
      </div>
    </>
  );
}
