import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface DialogProps {
  title: string;
  /** Called on Escape; leave it out where closing would lose input. */
  onEscape?: (() => void) | undefined;
  children: ReactNode;
  className?: string;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Renders a modal dialog. The page and any dialog behind it are inert while
 * it is open, Tab cycles inside it, and focus returns to where it was when
 * the dialog closes.
 */
export function Dialog({ title, onEscape, children, className }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const escapeRef = useRef(onEscape);

  useEffect(() => {
    escapeRef.current = onEscape;
  }, [onEscape]);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const covered = coverPage(ref.current);

    const dialog = ref.current;
    if (dialog) (focusableIn(dialog)[0] ?? dialog).focus();

    return () => {
      for (const element of covered) element.inert = false;
      restoreFocus(previous);
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape' && escapeRef.current) {
      event.stopPropagation();
      escapeRef.current();
    } else if (event.key === 'Tab' && ref.current) {
      trapTab(event, ref.current);
    }
  };

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={className ? `dialog ${className}` : 'dialog'}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

/**
 * Makes the page and any dialog already open inert, such as the profile
 * dialog under the about view. Returns what it changed, for the undo.
 */
function coverPage(dialog: HTMLElement | null): HTMLElement[] {
  const below = [
    document.getElementById('root'),
    ...document.querySelectorAll<HTMLElement>('.dialog-backdrop'),
  ];
  const covered = below.filter(
    (element): element is HTMLElement =>
      element !== null && !element.inert && !element.contains(dialog),
  );

  for (const element of covered) element.inert = true;
  return covered;
}

/** Returns the elements that Tab reaches, leaving out hidden ones such as a file input. */
function focusableIn(dialog: HTMLElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.getClientRects().length > 0,
  );
}

function trapTab(event: React.KeyboardEvent, dialog: HTMLElement): void {
  const focusable = focusableIn(dialog);
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) {
    event.preventDefault();
    return;
  }

  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** Focuses the element that had focus before, or the screen's heading if it is gone. */
function restoreFocus(previous: HTMLElement | null): void {
  if (previous && previous.isConnected && previous !== document.body) {
    previous.focus();
    return;
  }
  document.querySelector<HTMLElement>('#root h1')?.focus();
}
