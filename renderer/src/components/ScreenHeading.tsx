import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Renders the screen's h1 and focuses it when the screen appears, so that
 * keyboard and screen reader users start at the top of the new screen.
 */
export function ScreenHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!document.querySelector('[role="dialog"]')) {
      ref.current?.focus();
    }
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  );
}
