import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { AppInfo } from '../../../contract/ipc';
import { hostOf } from '../components/hostOf';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import { describeError } from '../i18n/describeError';
import { useAppStore } from '../stores/app/appStore';
import { isEnforced } from '../stores/app/managed';
import { useLinkStore } from '../stores/link/linkStore';
import { PasteAgain } from './PasteLinkForm';

/**
 * Explains that the organisation lets this app use only its own services,
 * so a link for another service was rejected before any request to it.
 */
export function ServiceNotAllowedScreen({
  serviceHost,
}: {
  serviceHost: string;
}) {
  const { t } = useTranslation();
  const dismiss = useLinkStore((state) => state.dismissInvalid);
  const allowed = useAppStore(
    useShallow((state) => allowedHostsOf(state.info)),
  );
  const text = describeError(t, { code: 'LINK_SERVICE_NOT_ALLOWED' });

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('link.notAllowed.title')}</ScreenHeading>
        <div role="alert">
          <p className="lead">{text.message}</p>
          <p>{t('link.notAllowed.linkHost')}</p>
          <p className="host" data-testid="link-service-host">
            {serviceHost}
          </p>
          <p>{t('link.notAllowed.notContacted')}</p>
        </div>
        <AllowedServices hosts={allowed} />
        <p>{text.next}</p>
        <PasteAgain onBack={dismiss} />
      </div>
    </PageLayout>
  );
}

function AllowedServices({ hosts }: { hosts: string[] }) {
  const { t } = useTranslation();

  if (hosts.length === 0) {
    return <p>{t('link.notAllowed.allowedUnknown')}</p>;
  }
  if (hosts.length === 1) {
    return (
      <p>
        {t('link.notAllowed.allowedOne')}{' '}
        <strong className="host-inline">{hosts[0]}</strong>
      </p>
    );
  }
  return (
    <>
      <p>{t('link.notAllowed.allowedMany')}</p>
      <ul className="host-list">
        {hosts.map((host) => (
          <li key={host} className="host-inline">
            {host}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Returns the hosts the organisation allows, or its enforced service's host. */
function allowedHostsOf(info: AppInfo | null): string[] {
  const allowed = info?.managed.allowedServices;
  if (allowed && allowed.length > 0) return allowed.map(hostOf);
  if (info?.serviceUrl && isEnforced(info, 'serviceUrl')) {
    return [hostOf(info.serviceUrl)];
  }
  return [];
}
