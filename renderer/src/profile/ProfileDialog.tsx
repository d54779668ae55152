import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { UserProfile } from '../../../contract/api';
import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_STATUS_MESSAGE_LENGTH,
} from '../../../contract/limits';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { useProfileStore } from '../stores/profile/profileStore';
import { PhotoChooser } from './PhotoChooser';

/**
 * "Complete your profile" after registration, and the same form to edit the
 * profile later. Photo changes apply at once; name and status on DONE/Save.
 */
export function ProfileDialog({ user }: { user: UserProfile }) {
  const { t } = useTranslation();
  const nameRef = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLInputElement>(null);
  const state = useProfileStore(
    useShallow((s) => ({
      mode: s.mode,
      draft: s.draft,
      original: s.original,
      errors: s.profileFieldErrors,
      saveError: s.saveError,
      saving: s.saving,
      uploading: s.uploading,
      setField: s.setDraftField,
      save: s.saveProfile,
      close: s.closeDialog,
    })),
  );

  if (state.mode === 'closed') return null;

  const completing = state.mode === 'complete';
  const unchanged =
    state.draft.displayName === state.original.displayName &&
    state.draft.statusMessage === state.original.statusMessage;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = await state.save();
    if (invalid === 'displayName') nameRef.current?.focus();
    if (invalid === 'statusMessage') statusRef.current?.focus();
  };

  return (
    <Dialog
      title={completing ? t('profile.completeTitle') : t('profile.editTitle')}
      onEscape={!completing && unchanged ? state.close : undefined}
      className="profile-dialog"
    >
      {completing && <p>{t('profile.completeIntro')}</p>}
      <PhotoChooser user={user} cancellable={!completing} />
      <form
        className="form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
      >
        <TextField
          id="profile-name"
          label={t('profile.name')}
          hint={t('registration.nameHint')}
          value={state.draft.displayName}
          onValueChange={(value) => state.setField('displayName', value)}
          error={state.errors.displayName}
          maxCharacters={MAX_DISPLAY_NAME_LENGTH}
          inputRef={nameRef}
          autoComplete="name"
        />
        <TextField
          id="profile-status"
          label={t('profile.status')}
          hint={t('profile.statusHint')}
          value={state.draft.statusMessage}
          onValueChange={(value) => state.setField('statusMessage', value)}
          error={state.errors.statusMessage}
          maxCharacters={MAX_STATUS_MESSAGE_LENGTH}
          inputRef={statusRef}
          autoComplete="off"
        />
        {state.saveError && <ErrorNotice error={state.saveError} />}
        <div className="actions">
          <button
            type="submit"
            className="button-primary"
            disabled={state.saving || state.uploading}
          >
            {completing ? t('profile.done') : t('common.save')}
          </button>
          {!completing && (
            <button
              type="button"
              className="button-secondary"
              onClick={state.close}
            >
              {t('common.cancel')}
            </button>
          )}
          {(state.saving || state.uploading) && (
            <span role="status" className="sending">
              {state.uploading
                ? t('profile.photo.waitForUpload')
                : t('common.saving')}
            </span>
          )}
        </div>
      </form>
    </Dialog>
  );
}
