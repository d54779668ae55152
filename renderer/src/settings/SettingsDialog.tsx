import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { LanguageSetting } from '../../../contract/ipc';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { useAppStore } from '../stores/app/appStore';

const settings: LanguageSetting[] = ['system', 'de', 'en'];

/** Language choice. A choice applies at once, so closing loses nothing. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { languageSetting, saving, error, setLanguage } = useAppStore(
    useShallow((state) => ({
      languageSetting:
        state.languagePending ?? state.info?.languageSetting ?? 'system',
      saving: state.languagePending !== null,
      error: state.languageError,
      setLanguage: state.setLanguage,
    })),
  );

  return (
    <Dialog title={t('settings.title')} onEscape={onClose}>
      <fieldset className="choice-group" aria-busy={saving}>
        <legend>{t('settings.language')}</legend>
        {settings.map((setting) => (
          <label key={setting} className="choice">
            <input
              type="radio"
              name="language"
              value={setting}
              checked={languageSetting === setting}
              onChange={() => void setLanguage(setting)}
            />
            {t(`settings.languages.${setting}`)}
          </label>
        ))}
      </fieldset>
      <p className="field-hint">{t('settings.languageHint')}</p>
      {error && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="button" className="button-primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
