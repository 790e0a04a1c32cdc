/**
 * One submission per click for a form in a dialog (GuardedModal): validates, then sends once — a double click
 * must not send (and toast) twice — and from the moment it is sent the dialog no longer asks before closing
 * (the second click of a double click must not raise 「确定离开吗？」); a failed send asks again. `onInvalid`
 * runs when validation fails, `onStart` before each attempt (e.g. to clear the last error).
 */
import { useRef, useState } from 'react';
import type { FormInstance } from 'antd';

export function useDialogSubmit<V>(
  form: FormInstance<V>,
  send: (values: V) => Promise<unknown>,
  opts: { onStart?: () => void; onInvalid?: () => void } = {},
): { submit: () => void; sent: boolean } {
  const busy = useRef(false);
  const [sent, setSent] = useState(false);
  const submit = () => {
    if (busy.current) return;
    busy.current = true;
    opts.onStart?.();
    form
      .validateFields()
      .then((values) => {
        setSent(true);
        return send(values).catch(() => setSent(false));
      })
      .catch(() => opts.onInvalid?.())
      .finally(() => {
        busy.current = false;
      });
  };
  return { submit, sent };
}
