import { useEffect } from 'react';

/** Asks the browser to confirm leaving the page (reload, close, typed address) while `dirty`. */
export function useLeaveWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

/**
 * Warns before leaving a page with unsaved input: the browser's own prompt on reload/close, and a confirm on
 * in-app links (the router here has no blocker). Forms also confirm their own 取消 button.
 */
export function useLeaveGuard(dirty: boolean, message: string): void {
  useLeaveWarning(dirty);
  useEffect(() => {
    if (!dirty) return;
    const onClick = (e: MouseEvent) => {
      const a = (e.target as HTMLElement | null)?.closest?.('a[href]');
      if (!a || a.getAttribute('target') === '_blank' || a.hasAttribute('download')) return;
      const href = a.getAttribute('href') ?? '';
      if (href.startsWith('#') || href.startsWith('javascript:')) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [dirty, message]);
}
