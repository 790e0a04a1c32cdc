/** The application to take part in a result's transfer, opened from the portal page or a workspace link. */
import { useState } from 'react';
import { App as AntApp, Alert, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Result, ResultApplication } from '../../../api/supply.ts';
import { useT } from '../../../i18n/index.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { GuardedModal } from '../../../components/GuardedModal.tsx';

/** 申请参与转化: an organisation tells the holder it wants to take part. */
export function ApplyModal({
  result,
  open,
  onClose,
  onDone,
}: {
  result: Pick<Result, 'id' | 'title'>;
  open: boolean;
  onClose: () => void;
  onDone?: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ message: string }>();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: (v: { message: string }) => api.post<ResultApplication>(`/results/${result.id}/applications`, v),
    onSuccess: () => {
      void message.success(t('supply.apply.sent'));
      void qc.invalidateQueries({ queryKey: ['result-applications'] });
      onDone?.();
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  return (
    <GuardedModal
      form={form}
      open={open}
      title={t('supply.apply.title', { title: result.title })}
      onCancel={onClose}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: m.isPending, 'data-testid': 'apply-submit' }}
      onOk={() => {
        setError(null);
        form.submit();
      }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item
          name="message"
          label={t('supply.apply.message')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('supply.apply.message') }) },
          ]}
        >
          <Input.TextArea
            rows={4}
            maxLength={5000}
            showCount
            placeholder={t('supply.apply.placeholder')}
            data-testid="apply-message"
          />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}
