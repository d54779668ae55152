import type { ReactNode } from 'react';
import { useAppStore } from '../stores/app/appStore';
import { SettingsButton } from './SettingsButton';

/** Frames every screen but the home screen with the brand bar and a centred column. */
export function PageLayout({ children }: { children: ReactNode }) {
  const brand = useAppStore((state) => state.info?.brand);

  return (
    <div className="layout">
      <header className="brand-bar">
        <span className="brand">{brand}</span>
        {brand !== undefined && <SettingsButton />}
      </header>
      <main className="page">{children}</main>
    </div>
  );
}
