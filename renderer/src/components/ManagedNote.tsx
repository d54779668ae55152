import { useTranslation } from 'react-i18next';

/** Says that the organisation sets this; a locked control points here with aria-describedby. */
export function ManagedNote({ id }: { id?: string }) {
  const { t } = useTranslation();

  return (
    <p className="managed-note" id={id}>
      {t('managed.note')}
    </p>
  );
}
