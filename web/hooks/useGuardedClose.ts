/**
 * Safe forms (issue 15) for dialogs: closing a dialog that holds typed input — Esc, the ×, 取消, a click on the
 * mask — asks 「有未保存的修改，确定离开吗？」 (离开 / 继续编辑) instead of discarding it. Use the returned
 * function as the Modal's `onCancel` and as its 取消 button's `onClick` (components/GuardedModal.tsx does both
 * for a Modal with the default footer).
 */
import { useCallback, useRef } from 'react';
import { App as AntApp } from 'antd';
import { useT } from '../i18n/index.tsx';

/** `dirty`: a flag, or a function asked at the moment of closing (e.g. `() => form.isFieldsTouched()`). */
export function useGuardedClose(dirty: boolean | (() => boolean), close: () => void): () => void {
  const t = useT();
  const { modal } = AntApp.useApp();
  const asking = useRef(false);
  return useCallback(() => {
    const isDirty = typeof dirty === 'function' ? dirty() : dirty;
    if (!isDirty) {
      close();
      return;
    }
    if (asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('forms.leave.title'),
      content: t('forms.close.body'),
      okText: t('forms.leave.ok'),
      cancelText: t('forms.leave.stay'),
      okButtonProps: { danger: true, 'data-testid': 'leave-confirm-leave' },
      cancelButtonProps: { 'data-testid': 'leave-confirm-stay' },
      autoFocusButton: 'cancel',
      onOk: close,
      afterClose: () => {
        asking.current = false;
      },
    });
  }, [dirty, close, modal, t]);
}
