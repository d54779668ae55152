import { useTranslation } from 'react-i18next';
import { PageLayout } from '../components/PageLayout';
import { ScreenHeading } from '../components/ScreenHeading';
import type { InvalidLink } from '../stores/link/linkSlice';
import { useLinkStore } from '../stores/link/linkStore';
import { describeError } from '../i18n/describeError';
import { PasteAgain } from './PasteLinkForm';

/** Explains why a link was rejected and how to get a working one. */
export function InvalidLinkScreen({ link }: { link: InvalidLink }) {
  const { t } = useTranslation();
  const dismiss = useLinkStore((state) => state.dismissInvalid);
  const text = describeError(t, { code: link.code });

  return (
    <PageLayout>
      <div className="card">
        <ScreenHeading>{t('link.invalid.title')}</ScreenHeading>
        <p className="lead">{text.message}</p>
        {link.code === 'LINK_EXTRA_TEXT' && (
          <>
            <p>{t('link.invalid.extraText')}</p>
            <p className="host-inline" data-testid="link-extra-text">
              {link.extraText}
            </p>
          </>
        )}
        <p>{text.next}</p>
        <PasteAgain onBack={dismiss} />
      </div>
    </PageLayout>
  );
}
