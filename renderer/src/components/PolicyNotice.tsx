import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app/appStore';

/**
 * Tells the person that the organisation's configuration could not be read,
 * so the app runs on its defaults where it failed, and what to tell IT.
 */
export function PolicyNotice() {
  const { t } = useTranslation();
  const { unreadable, logFile } = useAppStore(
    useShallow((state) => ({
      unreadable: state.info?.managed.policy === 'unreadable',
      logFile: state.info?.logFile,
    })),
  );

  if (!unreadable) return null;
  return (
    <div className="banner" role="status">
      <p className="notice-message">{t('managed.unreadable.message')}</p>
      <p>{t('managed.unreadable.defaults')}</p>
      <p>
        {logFile
          ? t('managed.unreadable.nextWithLog', { logFile })
          : t('managed.unreadable.next')}
      </p>
    </div>
  );
}
