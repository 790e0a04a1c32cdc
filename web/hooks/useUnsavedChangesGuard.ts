/**
 * Safe forms (issue 15): a page with unsaved changes asks before it is left. Every in-app navigation — links,
 * 「返回」 buttons, `navigate()`, the browser's back and forward buttons — is held by react-router's blocker
 * (the app runs on a data router, see App.tsx) and a confirm asks 「有未保存的修改，确定离开吗？」 with
 * 离开 / 继续编辑; a reload, a closed tab or a typed address gets the browser's own prompt (`beforeunload`).
 *
 * A page that saves and then navigates in the same tick (setDirty(false); navigate(…)) is not asked: the
 * blocked navigation is let through once the page has re-rendered clean.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { App as AntApp } from 'antd';
import { useBlocker, type BlockerFunction } from 'react-router';
import { useT } from '../i18n/index.tsx';

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

export interface UnsavedChangesOptions {
  /** The confirm's question; 「有未保存的修改，确定离开吗？」 by default. */
  title?: string;
  /** What happens to the input when leaving; by default that it is not saved. */
  message?: string;
  /** Runs when the person chooses 离开, before the navigation goes on (e.g. write the server-side draft now). */
  onLeave?: () => void;
}

export function useUnsavedChangesGuard(dirty: boolean, opts: UnsavedChangesOptions = {}): void {
  const t = useT();
  const { modal } = AntApp.useApp();
  useLeaveWarning(dirty);

  // Only leaving the page counts: a change of query string or hash (a tab, a filter) keeps the form.
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
    [dirty],
  );
  const blocker = useBlocker(shouldBlock);

  const latest = useRef({ blocker, dirty, opts });
  useEffect(() => {
    latest.current = { blocker, dirty, opts };
  });
  const asking = useRef(false);

  useEffect(() => {
    const b = latest.current.blocker;
    if (blocker.state !== 'blocked') {
      asking.current = false;
      return;
    }
    // Saved (or reset) in the same tick as the navigation: nothing is left to lose.
    if (!dirty) {
      b.proceed?.();
      return;
    }
    if (asking.current) return;
    asking.current = true;
    const o = latest.current.opts;
    modal.confirm({
      title: o.title ?? t('forms.leave.title'),
      content: o.message ?? t('forms.leave.body'),
      okText: t('forms.leave.ok'),
      cancelText: t('forms.leave.stay'),
      okButtonProps: { danger: true, 'data-testid': 'leave-confirm-leave' },
      cancelButtonProps: { 'data-testid': 'leave-confirm-stay' },
      // Focus on 继续编辑: Enter or Esc right after the prompt keeps the input.
      autoFocusButton: 'cancel',
      onOk: () => {
        latest.current.opts.onLeave?.();
        latest.current.blocker.proceed?.();
      },
      onCancel: () => latest.current.blocker.reset?.(),
    });
  }, [blocker.state, dirty, modal, t]);
}

/**
 * The guard for a page with one antd Form: `onValuesChange` on the Form marks it dirty (only the person's
 * own changes do — values the page sets do not), `saved()` after a successful save marks it clean again.
 */
export function useFormGuard(opts: UnsavedChangesOptions & { enabled?: boolean } = {}) {
  const [dirty, setDirty] = useState(false);
  useUnsavedChangesGuard(dirty && (opts.enabled ?? true), opts);
  const onValuesChange = useCallback(() => setDirty(true), []);
  const saved = useCallback(() => setDirty(false), []);
  return { dirty, onValuesChange, saved };
}
