import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AppInfo, ManagedSetting } from '../../../contract/ipc';
import { hostOf } from '../components/hostOf';
import { useAppStore } from '../stores/app/appStore';

/** Lists the settings the organisation enforces on this computer, in plain words. */
export function ManagedSettingsSection() {
  const { t } = useTranslation();
  const headingId = useId();
  const info = useAppStore((state) => state.info);

  if (!info) return null;
  const { enforced, policy } = info.managed;

  return (
    <section className="about-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('about.managedHeading')}</h3>
      {policy === 'unreadable' && (
        <p className="field-hint">{t('about.managedUnreadable')}</p>
      )}
      {enforced.length === 0 ? (
        <p>{t('about.managedNone')}</p>
      ) : (
        <ul className="managed-list">
          {enforced.map((setting) => (
            <li key={setting}>{describeSetting(t, info, setting)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Returns the setting's name, with its value where the app information contains it. */
function describeSetting(
  t: TFunction,
  info: AppInfo,
  setting: ManagedSetting,
): string {
  const name = t(`managed.settings.${setting}`);
  const value = settingValue(t, info, setting);
  return value === null ? name : t('about.managedValue', { name, value });
}

function settingValue(
  t: TFunction,
  info: AppInfo,
  setting: ManagedSetting,
): string | null {
  switch (setting) {
    case 'serviceUrl':
      return info.serviceUrl === null ? null : hostOf(info.serviceUrl);
    case 'allowedServices':
      return info.managed.allowedServices?.map(hostOf).join(', ') ?? null;
    case 'passwordSignIn':
      return info.managed.passwordSignIn
        ? t('about.allowed')
        : t('about.turnedOff');
    case 'updates':
      return info.updates.automatic
        ? t('about.turnedOn')
        : t('about.turnedOff');
    case 'language':
      return t(`settings.languages.${info.languageSetting}`);
    case 'ssoPreset':
    case 'updateFeedUrl':
      return null;
  }
}
