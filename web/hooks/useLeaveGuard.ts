/** The older names of the unsaved-changes guard, kept for the pages that use them (see useUnsavedChangesGuard.ts). */
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard.ts';

export { useLeaveWarning } from './useUnsavedChangesGuard.ts';

/**
 * Warns before leaving a page with unsaved input, with `message` as the question: the browser's own prompt on
 * reload/close, and a confirm (离开 / 继续编辑) on every in-app navigation, the browser's back button included.
 */
export function useLeaveGuard(dirty: boolean, message: string): void {
  useUnsavedChangesGuard(dirty, { title: message });
}
