/**
 * Enter in a date picker does not submit the form (issue 12 §4). In an antd DatePicker / RangePicker, Enter
 * confirms the typed date; the browser would then also submit the surrounding form ("implicit submission"),
 * saving a half-filled form or leaving the page. One listener for the whole app (installed in main.tsx, so every
 * form with a picker is covered, today's and tomorrow's): an Enter whose target is inside a picker has its
 * default action prevented in the capture phase — the picker still receives the key and takes the date, but the
 * form is not submitted.
 */

/** The part of a keyboard event the rule looks at. */
export interface EnterEvent {
  key: string;
  isComposing?: boolean;
  target: EventTarget | null;
  preventDefault(): void;
}

/** CSS selector of antd's picker input wrapper (DatePicker, RangePicker, TimePicker). */
export const PICKER_SELECTOR = '.ant-picker';

/** Prevents the form submission of an Enter typed in a picker; returns whether it did. */
export function holdPickerEnter(e: EnterEvent): boolean {
  if (e.key !== 'Enter' || e.isComposing) return false;
  const el = e.target as { closest?: (sel: string) => unknown } | null;
  if (!el || typeof el.closest !== 'function' || !el.closest(PICKER_SELECTOR)) return false;
  e.preventDefault();
  return true;
}

/** Installs the listener once on the document; returns the function that removes it. */
export function installPickerEnterGuard(doc: Pick<Document, 'addEventListener' | 'removeEventListener'>): () => void {
  const onKeyDown = (e: KeyboardEvent) => void holdPickerEnter(e);
  doc.addEventListener('keydown', onKeyDown, true);
  return () => doc.removeEventListener('keydown', onKeyDown, true);
}
