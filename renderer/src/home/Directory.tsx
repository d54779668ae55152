import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ScreenHeading } from '../components/ScreenHeading';
import { useDirectoryStore } from '../stores/directory/directoryStore';
import { DirectoryResults } from './DirectoryResults';

/** Lists the people in the signed-in person's account, with a search field. */
export function Directory({ accountName }: { accountName: string }) {
  const { t } = useTranslation();
  const { query, status, setQuery, search } = useDirectoryStore(
    useShallow((state) => ({
      query: state.query,
      status: state.searchStatus,
      setQuery: state.setQuery,
      search: state.search,
    })),
  );

  useEffect(() => {
    if (status === 'idle') void search();
  }, [status, search]);

  return (
    <div className="directory">
      <ScreenHeading>
        {t('directory.title', { account: accountName })}
      </ScreenHeading>
      <div className="field search-field">
        <label htmlFor="directory-search">{t('directory.search')}</label>
        <input
          id="directory-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
        />
      </div>
      <DirectoryResults />
    </div>
  );
}
