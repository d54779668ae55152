import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Dialog } from '../components/Dialog';
import { useAppStore } from '../stores/app/appStore';
import { LanguageSetting } from './LanguageSetting';
import { UpdatesSetting } from './UpdatesSetting';

/**
 * Language and automatic updates, and the way to the about view. A choice
 * applies at once, so closing loses nothing.
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { brand, openAbout } = useAppStore(
    useShallow((state) => ({
      brand: state.info?.brand ?? '',
      openAbout: state.openAbout,
    })),
  );

  const showAbout = () => {
    onClose();
    openAbout();
  };

  return (
    <Dialog title={t('settings.title')} onEscape={onClose}>
      <LanguageSetting />
      <UpdatesSetting />
      <div className="actions">
        <button type="button" className="button-primary" onClick={onClose}>
          {t('common.close')}
        </button>
        <button type="button" className="button-secondary" onClick={showAbout}>
          {t('settings.about', { brand })}
        </button>
      </div>
    </Dialog>
  );
}
