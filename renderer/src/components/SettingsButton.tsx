import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsDialog } from '../settings/SettingsDialog';

export function SettingsButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);

  return (
    <>
      <button
        type="button"
        className="button-quiet"
        onClick={() => setOpen(true)}
      >
        {t('settings.open')}
      </button>
      {open && <SettingsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
