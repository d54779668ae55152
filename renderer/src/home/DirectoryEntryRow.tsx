import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../../contract/api';
import { Avatar } from '../components/Avatar';

export function DirectoryEntryRow({ entry }: { entry: DirectoryEntry }) {
  const { t } = useTranslation();
  const name = entry.displayName ?? entry.email;

  return (
    <li className="person">
      <Avatar userId={entry.id} photoVersion={entry.photoVersion} name={name} />
      <div className="person-text">
        <p className="person-name">
          {name}
          {!entry.registered && (
            <span className="badge">{t('directory.invited')}</span>
          )}
        </p>
        {entry.displayName && <p className="person-email">{entry.email}</p>}
        {entry.statusMessage && (
          <p className="person-status">{entry.statusMessage}</p>
        )}
      </div>
    </li>
  );
}
