import { useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { UserProfile } from '../../../contract/api';
import { MAX_PHOTO_BYTES } from '../../../contract/limits';
import { Avatar } from '../components/Avatar';
import { FieldErrorText } from '../components/FieldErrorText';
import { PHOTO_TYPES } from '../stores/profile/photoSlice';
import { useProfileStore } from '../stores/profile/profileStore';

/**
 * Photo preview with choose and remove buttons and the upload progress.
 * `cancellable` marks a dialog with a Cancel button, which keeps the photo.
 */
export function PhotoChooser({
  user,
  cancellable,
}: {
  user: UserProfile;
  cancellable: boolean;
}) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const photo = useProfileStore(
    useShallow((state) => ({
      previewUrl: state.previewUrl,
      uploading: state.uploading,
      progress: state.progress,
      removing: state.removing,
      error: state.photoError,
      choose: state.choosePhoto,
      remove: state.removePhoto,
    })),
  );
  const hasPhoto = photo.previewUrl !== null || user.photoVersion !== null;
  const busy = photo.uploading || photo.removing;

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again fires another change.
    event.target.value = '';
    if (file) void photo.choose(file);
  };

  return (
    <div className="photo-chooser">
      <Avatar
        userId={user.id}
        photoVersion={user.photoVersion}
        name={user.displayName || user.email}
        size="large"
        previewUrl={photo.previewUrl}
      />
      <div className="photo-controls">
        <p className="field-hint" id="photo-hint">
          {t('profile.photo.hint', { maxMb: MAX_PHOTO_BYTES / 1024 / 1024 })}
          {cancellable && ` ${t('profile.photo.savedAtOnce')}`}
        </p>
        <input
          ref={fileInput}
          type="file"
          accept={PHOTO_TYPES.join(',')}
          hidden
          onChange={onChange}
        />
        <div className="actions">
          <button
            type="button"
            className="button-secondary"
            disabled={busy}
            aria-describedby={
              photo.error ? 'photo-hint photo-error' : 'photo-hint'
            }
            onClick={() => fileInput.current?.click()}
          >
            {hasPhoto ? t('profile.photo.change') : t('profile.photo.choose')}
          </button>
          {hasPhoto && (
            <button
              type="button"
              className="button-quiet"
              disabled={busy}
              onClick={() => void photo.remove()}
            >
              {t('profile.photo.remove')}
            </button>
          )}
        </div>
        <UploadStatus
          uploading={photo.uploading}
          removing={photo.removing}
          percent={percentOf(photo.progress)}
        />
        {photo.error && <FieldErrorText id="photo-error" error={photo.error} />}
      </div>
    </div>
  );
}

function UploadStatus(props: {
  uploading: boolean;
  removing: boolean;
  percent: number | null;
}) {
  const { t } = useTranslation();

  if (props.removing) {
    return <p role="status">{t('profile.photo.removing')}</p>;
  }
  if (!props.uploading) {
    return null;
  }
  return (
    <div className="upload-status">
      <progress
        max={100}
        value={props.percent ?? undefined}
        aria-label={t('profile.photo.progressLabel')}
      />
      <span role="status">
        {props.percent === null
          ? t('profile.photo.uploading')
          : t('profile.photo.uploadingPercent', { percent: props.percent })}
      </span>
    </div>
  );
}

function percentOf(
  progress: { loaded: number; total: number } | null,
): number | null {
  if (!progress || progress.total <= 0) return null;
  return Math.min(100, Math.round((progress.loaded / progress.total) * 100));
}
