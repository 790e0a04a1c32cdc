/**
 * An antd Modal that asks before it discards typed input (issue 15): Esc, the ×, the default 取消 button and
 * a mask click all go through useGuardedClose. Dirty is `dirty` when given, else whether the user has touched
 * a field of `form`. A dialog with its own footer uses useGuardedClose for its 取消 button as well.
 */
import { Modal, type FormInstance, type ModalProps } from 'antd';
import { useGuardedClose } from '../hooks/useGuardedClose.ts';

export function GuardedModal({
  dirty,
  form,
  onCancel,
  ...props
}: Omit<ModalProps, 'onCancel'> & { dirty?: boolean; form?: FormInstance; onCancel: () => void }) {
  const requestClose = useGuardedClose(() => dirty ?? form?.isFieldsTouched() ?? false, onCancel);
  return <Modal {...props} onCancel={requestClose} />;
}
