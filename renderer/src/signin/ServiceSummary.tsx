import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { hostOf } from '../components/hostOf';
import { ManagedNote } from '../components/ManagedNote';
import { useAppStore } from '../stores/app/appStore';
import { isEnforced } from '../stores/app/managed';

/**
 * Shows the service the app signs in to, with a note when the organisation
 * enforces it, because then the person cannot choose another one.
 */
export function ServiceSummary() {
  const { t } = useTranslation();
  const { host, managed } = useAppStore(
    useShallow((state) => ({
      host: state.info?.serviceUrl ? hostOf(state.info.serviceUrl) : null,
      managed: isEnforced(state.info, 'serviceUrl'),
    })),
  );

  if (!host) return null;
  return (
    <dl className="summary">
      <div>
        <dt>{t('signIn.service')}</dt>
        <dd>
          <span className="host-inline">{host}</span>
          {managed && <ManagedNote />}
        </dd>
      </div>
    </dl>
  );
}
