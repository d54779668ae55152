import { useTranslation } from 'react-i18next';
import type { InvitationInfo } from '../../../contract/api';

/** Shows the invited email address and account, which the person cannot change. */
export function InvitationSummary({
  invitation,
}: {
  invitation: InvitationInfo;
}) {
  const { t, i18n } = useTranslation();
  const expires = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(invitation.expiresAt));

  return (
    <dl className="summary">
      <div>
        <dt>{t('registration.email')}</dt>
        <dd>{invitation.email}</dd>
      </div>
      <div>
        <dt>{t('registration.account')}</dt>
        <dd>
          {t('registration.accountValue', {
            name: invitation.accountName,
            number: invitation.accountNumber,
          })}
        </dd>
      </div>
      <div>
        <dt>{t('registration.expires')}</dt>
        <dd>{expires}</dd>
      </div>
    </dl>
  );
}
