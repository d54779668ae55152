import { PageLayout } from './PageLayout';
import { ScreenHeading } from './ScreenHeading';

/** A screen that waits for the main process. */
export function LoadingScreen({ title }: { title: string }) {
  return (
    <PageLayout>
      <div className="card" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <ScreenHeading>{title}</ScreenHeading>
      </div>
    </PageLayout>
  );
}
