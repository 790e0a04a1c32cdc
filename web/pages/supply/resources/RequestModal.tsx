/** The request to use an open resource, opened from the portal page or a workspace link. */
import { useState } from 'react';
import { App as AntApp, Alert, Flex, Form, Input } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Resource, ResourceQuota, ResourceRequest } from '../../../api/supply.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { useSubmissionKey } from '../../../hooks/useSubmissionKey.ts';
import { shanghaiToday } from '../../../../common/time.ts';
import { GuardedModal } from '../../../components/GuardedModal.tsx';

/** The 申请使用 form: purpose and dates, with the remaining quota of the period the start date falls in. */
export function RequestModal({
  resource,
  open,
  onClose,
  onDone,
}: {
  resource: Resource;
  open: boolean;
  onClose: () => void;
  onDone?: (r: ResourceRequest) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ purpose: string; startDate: string; endDate: string }>();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const startDate = Form.useWatch('startDate', form) as string | undefined;
  const quotaDate = startDate && /^\d{4}-\d{2}-\d{2}$/.test(startDate) ? startDate : shanghaiToday();
  const quota = useQuery({
    queryKey: ['resources', resource.id, 'quota', quotaDate],
    queryFn: () => api.get<ResourceQuota>(`/resources/${resource.id}/quota`, { date: quotaDate }),
    enabled: open,
  });
  const [error, setError] = useState<string | null>(null);
  // One key per submission: a double click or a retry with the same values sends one request.
  const submission = useSubmissionKey();
  const submit = useMutation({
    mutationFn: (v: { purpose: string; startDate: string; endDate: string }) =>
      api.post<ResourceRequest>(`/resources/${resource.id}/requests`, v, { idempotencyKey: submission.keyFor(v) }),
    onSuccess: (r) => {
      submission.done();
      void message.success(t('supply.request.sent'));
      void qc.invalidateQueries({ queryKey: ['resources'] });
      void qc.invalidateQueries({ queryKey: ['resource-requests'] });
      form.resetFields();
      onDone?.(r);
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const exhausted = quota.data?.remaining === 0;
  return (
    <GuardedModal
      form={form}
      open={open}
      title={t('supply.request.title', { title: resource.title })}
      onCancel={onClose}
      okText={t('supply.request.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'request-submit', loading: submit.isPending, disabled: exhausted }}
      onOk={() => {
        setError(null);
        form.submit();
      }}
      destroyOnHidden
    >
      {quota.data ? (
        <Alert
          style={{ marginBottom: 12 }}
          type={exhausted ? 'warning' : 'info'}
          showIcon
          data-testid="request-quota"
          title={
            quota.data.remaining == null
              ? t('supply.resource.noQuota')
              : t(quota.data.periodKey === 'all' ? 'supply.request.remaining' : 'supply.request.remainingPeriod', {
                  period: t(`supply.quotaPeriod.${quota.data.quotaPeriod}` as MessageKey),
                  key: quota.data.periodKey,
                  n: quota.data.remaining,
                  quota: quota.data.quota ?? 0,
                })
          }
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} requiredMark>
        <Form.Item
          name="purpose"
          label={t('supply.request.purpose')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('supply.request.purpose') }) },
          ]}
        >
          <Input.TextArea
            rows={4}
            maxLength={5000}
            showCount
            data-testid="request-purpose"
            placeholder={t('supply.request.purposePlaceholder')}
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="startDate"
            label={t('supply.request.startDate')}
            rules={[{ required: true, message: t('common.selectRequired', { field: t('supply.request.startDate') }) }]}
            style={{ flex: 1, minWidth: 150 }}
          >
            <Input type="date" data-testid="request-start" />
          </Form.Item>
          <Form.Item
            name="endDate"
            label={t('supply.request.endDate')}
            dependencies={['startDate']}
            rules={[
              { required: true, message: t('common.selectRequired', { field: t('supply.request.endDate') }) },
              ({ getFieldValue }) => ({
                validator: (_r, v: string | undefined) =>
                  !v || !getFieldValue('startDate') || v >= (getFieldValue('startDate') as string)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('supply.request.endBeforeStart'))),
              }),
            ]}
            style={{ flex: 1, minWidth: 150 }}
          >
            <Input type="date" data-testid="request-end" />
          </Form.Item>
        </Flex>
      </Form>
    </GuardedModal>
  );
}
