/**
 * Focuses a form field after React has rendered the step it belongs to, so
 * that a step's heading, which takes focus when it appears, does not take it
 * back.
 */
export function focusField(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
