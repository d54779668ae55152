import { useTranslation } from 'react-i18next';

/** Shown when the page runs without the preload, so `window.api` is missing. */
export function NoBridgeScreen() {
  const { t } = useTranslation();

  return (
    <main className="page">
      <div className="card" role="alert">
        <h1 className="screen-heading">{t('app.noBridge.title')}</h1>
        <p>{t('app.noBridge.message')}</p>
        <p>{t('app.noBridge.next')}</p>
      </div>
    </main>
  );
}
