import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Dialog } from '../components/Dialog';
import { ManagedNote } from '../components/ManagedNote';
import { useAppStore } from '../stores/app/appStore';
import { isEnforced } from '../stores/app/managed';
import { LogSection } from './LogSection';
import { ManagedSettingsSection } from './ManagedSettingsSection';
import { UpdateSection } from './UpdateSection';

/**
 * The about view: brand, version and service, what the organisation
 * manages, the update state, and the log files for support.
 */
export function AboutDialog() {
  const { t } = useTranslation();
  const { info, close } = useAppStore(
    useShallow((state) => ({ info: state.info, close: state.closeAbout })),
  );

  if (!info) return null;
  return (
    <Dialog
      title={t('about.title', { brand: info.brand })}
      onEscape={close}
      className="about-dialog"
    >
      <dl className="summary">
        <div>
          <dt>{t('about.version')}</dt>
          <dd>{info.version}</dd>
        </div>
        <div>
          <dt>{t('about.service')}</dt>
          <dd>
            <span className="host-inline">
              {info.serviceUrl ?? t('about.serviceNone')}
            </span>
            {isEnforced(info, 'serviceUrl') && <ManagedNote />}
          </dd>
        </div>
      </dl>
      <ManagedSettingsSection />
      <UpdateSection />
      <LogSection />
      <div className="actions">
        <button type="button" className="button-primary" onClick={close}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
