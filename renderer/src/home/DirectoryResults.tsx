import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorNotice } from '../components/ErrorNotice';
import { useDirectoryStore } from '../stores/directory/directoryStore';
import { DirectoryEntryRow } from './DirectoryEntryRow';

/** Renders the list of people with its loading, empty, error and "load more" states. */
export function DirectoryResults() {
  const { t } = useTranslation();
  const state = useDirectoryStore(
    useShallow((s) => ({
      status: s.searchStatus,
      error: s.searchError,
      entries: s.entries,
      shownQuery: s.shownQuery,
      hasMore: s.nextCursor !== null,
      loadingMore: s.loadingMore,
      moreError: s.moreError,
      search: s.search,
      loadMore: s.loadMore,
    })),
  );

  if (state.status === 'failed' && state.error) {
    return (
      <ErrorNotice error={state.error}>
        {/* The same text would be too long again. */}
        {state.error.code !== 'INPUT_TOO_LONG' && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => void state.search()}
          >
            {t('common.retry')}
          </button>
        )}
      </ErrorNotice>
    );
  }
  if (state.status !== 'ready' && state.entries.length === 0) {
    return <p role="status">{t('directory.loading')}</p>;
  }

  return (
    <>
      <p className="visually-hidden" role="status">
        {state.status === 'loading'
          ? t('directory.loading')
          : t('directory.shown', { count: state.entries.length })}
      </p>
      {state.entries.length === 0 ? (
        <p className="empty">
          {state.shownQuery
            ? t('directory.noResults', { query: state.shownQuery })
            : t('directory.empty')}
        </p>
      ) : (
        <ul className="people" aria-busy={state.status === 'loading'}>
          {state.entries.map((entry) => (
            <DirectoryEntryRow key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
      {state.moreError && (
        <ErrorNotice error={state.moreError}>
          <button
            type="button"
            className="button-secondary"
            onClick={() => void state.loadMore()}
          >
            {t('common.retry')}
          </button>
        </ErrorNotice>
      )}
      {state.hasMore && !state.moreError && (
        <button
          type="button"
          className="button-secondary load-more"
          disabled={state.loadingMore}
          onClick={() => void state.loadMore()}
        >
          {state.loadingMore
            ? t('directory.loadingMore')
            : t('directory.loadMore')}
        </button>
      )}
    </>
  );
}
