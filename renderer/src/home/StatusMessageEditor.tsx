import { useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { MAX_STATUS_MESSAGE_LENGTH } from '../../../contract/limits';
import { TextField } from '../components/TextField';
import { useProfileStore } from '../stores/profile/profileStore';

/** Shows the status message in the header and edits it in place. */
export function StatusMessageEditor({ current }: { current: string }) {
  const { t } = useTranslation();
  const editButton = useRef<HTMLButtonElement>(null);
  const state = useProfileStore(
    useShallow((s) => ({
      editing: s.statusEditing,
      text: s.statusText,
      saving: s.statusSaving,
      error: s.statusError,
      start: s.startStatusEdit,
      setText: s.setStatusText,
      cancel: s.cancelStatusEdit,
      save: s.saveStatus,
    })),
  );

  const finish = () => {
    // The edit button comes back on the next render.
    setTimeout(() => editButton.current?.focus());
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await state.save()) finish();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      state.cancel();
      finish();
    }
  };

  if (!state.editing) {
    return (
      <div className="status-line">
        <p className={current ? 'status-text' : 'status-text status-empty'}>
          {current || t('home.noStatus')}
        </p>
        <button
          ref={editButton}
          type="button"
          className="button-quiet button-small"
          onClick={() => state.start(current)}
        >
          {t('home.editStatus')}
        </button>
      </div>
    );
  }

  return (
    <form
      className="status-form"
      onSubmit={(event) => void onSubmit(event)}
      onKeyDown={onKeyDown}
      noValidate
    >
      <TextField
        id="inline-status"
        label={t('profile.status')}
        value={state.text}
        onValueChange={state.setText}
        error={state.error ?? undefined}
        maxCharacters={MAX_STATUS_MESSAGE_LENGTH}
        autoFocus
        autoComplete="off"
      />
      <div className="actions">
        <button
          type="submit"
          className="button-primary button-small"
          disabled={state.saving}
        >
          {t('common.save')}
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => {
            state.cancel();
            finish();
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
