import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { LanguageSetting as Setting } from '../../../contract/ipc';
import { ErrorNotice } from '../components/ErrorNotice';
import { ManagedNote } from '../components/ManagedNote';
import { useAppStore } from '../stores/app/appStore';
import { isEnforced } from '../stores/app/managed';

const settings: Setting[] = ['system', 'de', 'en'];

/** Language choice, locked when the organisation sets the language. */
export function LanguageSetting() {
  const { t } = useTranslation();
  const noteId = useId();
  const { languageSetting, saving, error, managed, setLanguage } = useAppStore(
    useShallow((state) => ({
      languageSetting:
        state.languagePending ?? state.info?.languageSetting ?? 'system',
      saving: state.languagePending !== null,
      error: state.languageError,
      managed: isEnforced(state.info, 'language'),
      setLanguage: state.setLanguage,
    })),
  );

  return (
    <>
      <fieldset className="choice-group" aria-busy={saving}>
        <legend>{t('settings.language')}</legend>
        {settings.map((setting) => (
          <label key={setting} className="choice">
            <input
              type="radio"
              name="language"
              value={setting}
              checked={languageSetting === setting}
              disabled={managed}
              aria-describedby={managed ? noteId : undefined}
              onChange={() => void setLanguage(setting)}
            />
            {t(`settings.languages.${setting}`)}
          </label>
        ))}
      </fieldset>
      {managed ? (
        <ManagedNote id={noteId} />
      ) : (
        <p className="field-hint">{t('settings.languageHint')}</p>
      )}
      {error && <ErrorNotice error={error} />}
    </>
  );
}
