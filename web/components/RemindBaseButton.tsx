/**
 * 「督促提醒」 (issue 12 §3): the local DRC or the supervising department sends a base a reminder, delivered to its
 * administrators in the app and by e-mail. Shown only when the server's `abilities.remind` allows it; one per
 * organisation, base and day (the server's 429 `reminder_rate_limited` is shown in the dialog).
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Form, Input, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BaseReminder } from '../../common/contracts/bases.ts';
import { api, ApiError } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { GuardedModal } from './GuardedModal.tsx';
import { applyServerErrors } from './forms.ts';
import { errorMessage } from './errors.ts';

export function RemindBaseButton({
  base,
  size,
  defaultMessage,
}: {
  base: { id: string; name: string };
  size?: 'small' | 'middle';
  defaultMessage?: string;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<{ message: string }>();
  const send = useMutation({
    mutationFn: (v: { message: string }) => api.post<BaseReminder>(`/bases/${base.id}/reminders`, v),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      setRefusal(null);
      void qc.invalidateQueries({ queryKey: ['base-supervision', base.id] });
      void message.success(t('supervision.remindSent'));
    },
    onError: (err) => {
      if (applyServerErrors(form, err)) return;
      setRefusal(err instanceof ApiError ? (err.detail ?? err.title) : errorMessage(err));
    },
  });
  return (
    <>
      <Button
        size={size}
        icon={<BellOutlined />}
        onClick={() => {
          setRefusal(null);
          setOpen(true);
        }}
        data-testid="remind-base"
      >
        {t('supervision.remind')}
      </Button>
      <GuardedModal
        form={form}
        open={open}
        title={t('supervision.remindTitle', { name: base.name })}
        onCancel={() => setOpen(false)}
        okText={t('supervision.remindSend')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: send.isPending, disabled: send.isPending, 'data-testid': 'remind-send' }}
        onOk={() => void form.validateFields().then((v) => send.mutate(v))}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('supervision.remindHint')}</Typography.Paragraph>
        {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ message: defaultMessage ?? t('supervision.remindDefault') }}
        >
          <Form.Item
            name="message"
            label={t('supervision.remindMessage')}
            rules={[{ required: true, whitespace: true, message: t('supervision.remindRequired') }, { max: 500 }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} showCount data-testid="remind-message" />
          </Form.Item>
        </Form>
      </GuardedModal>
    </>
  );
}
