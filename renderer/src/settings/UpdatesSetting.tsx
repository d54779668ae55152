import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorNotice } from '../components/ErrorNotice';
import { ManagedNote } from '../components/ManagedNote';
import { useAppStore } from '../stores/app/appStore';
import { isEnforced } from '../stores/app/managed';

/**
 * Automatic updates on or off, locked when the organisation decides. An
 * installation that does not update itself gets one line explaining why,
 * and the lock note when the organisation sets updates as well.
 */
export function UpdatesSetting() {
  const { t } = useTranslation();
  const noteId = useId();
  const hintId = useId();
  const state = useAppStore(
    useShallow((s) => ({
      support: s.info?.updates.support,
      automatic: s.automaticUpdatesPending ?? s.info?.updates.automatic,
      saving: s.automaticUpdatesPending !== null,
      error: s.automaticUpdatesError,
      managed: isEnforced(s.info, 'updates'),
      setAutomatic: s.setAutomaticUpdates,
    })),
  );

  if (state.support === undefined) return null;
  return (
    <>
      <fieldset className="choice-group" aria-busy={state.saving}>
        <legend>{t('settings.updates')}</legend>
        {state.support === 'supported' ? (
          <label className="choice">
            <input
              type="checkbox"
              checked={state.automatic ?? false}
              disabled={state.managed}
              aria-describedby={state.managed ? noteId : hintId}
              onChange={(event) =>
                void state.setAutomatic(event.target.checked)
              }
            />
            {t('settings.automaticUpdates')}
          </label>
        ) : (
          <p className="field-hint">
            {t(`updates.unsupported.${state.support}`)}
          </p>
        )}
      </fieldset>
      {state.managed && <ManagedNote id={noteId} />}
      {state.support === 'supported' && !state.managed && (
        <p className="field-hint" id={hintId}>
          {t('settings.automaticUpdatesHint')}
        </p>
      )}
      {state.error && <ErrorNotice error={state.error} />}
    </>
  );
}
