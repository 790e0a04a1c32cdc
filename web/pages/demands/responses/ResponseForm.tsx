/** The response form on a demand: proposal and attachments. */
import { useState } from 'react';
import { App as AntApp, Button, Card, Flex, Form, Input, Typography, type UploadFile } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../api/client.ts';
import type { Demand, DemandResponse } from '../../../api/demands.ts';
import { useT } from '../../../i18n/index.tsx';
import { useSubmissionKey } from '../../../hooks/useSubmissionKey.ts';
import { errorMessage } from '../../../components/errors.ts';
import { NonClassifiedNotice, uploadAll, AttachmentPicker } from './Attachments.tsx';
import { useFormGuard } from '../../../hooks/useUnsavedChangesGuard.ts';
import { useGuardedClose } from '../../../hooks/useGuardedClose.ts';

export function ResponseForm({ d, onCancel }: { d: Demand; onCancel: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const uploads = useSubmissionKey();
  const [form] = Form.useForm<{ proposal: string }>();
  const guard = useFormGuard();
  const [files, setFiles] = useState<UploadFile[]>([]);
  // 取消 with a typed proposal asks first, like leaving the page.
  const requestCancel = useGuardedClose(guard.dirty || files.length > 0, onCancel);
  const submit = useMutation({
    mutationFn: async (v: { proposal: string }) => {
      const r = await api.post<DemandResponse>(`/demands/${d.id}/responses`, { proposal: v.proposal });
      const failed = await uploadAll(r.id, files, uploads);
      return { r, failed };
    },
    onSuccess: ({ failed }) => {
      guard.saved();
      void message.success(t('demands.responseSubmitted'));
      for (const f of failed) void message.error(t('demands.uploadFailed', { name: f.name, reason: f.reason }), 8);
      void qc.invalidateQueries({ queryKey: ['demand', d.id] });
      void qc.invalidateQueries({ queryKey: ['demand-responses'] });
      onCancel();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.some((x) => x.field === 'proposal')) {
        form.setFields([
          { name: 'proposal', errors: e.errors.filter((x) => x.field === 'proposal').map((x) => x.message) },
        ]);
      } else void message.error(errorMessage(e));
    },
  });
  return (
    <Card
      title={<h2 className="rt-card-title">{t('demands.respondTitle', { title: d.title })}</h2>}
      data-testid="response-form"
      style={{ marginBottom: 16 }}
    >
      <Form
        form={form}
        onValuesChange={guard.onValuesChange}
        layout="vertical"
        onFinish={(v) => submit.mutate(v)}
        requiredMark
      >
        <Form.Item
          name="proposal"
          label={t('demands.proposal')}
          rules={[{ required: true, whitespace: true, message: t('demands.proposalRequired') }, { max: 20000 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 6, maxRows: 16 }}
            placeholder={t('demands.proposalPh')}
            showCount
            maxLength={20000}
            data-testid="response-proposal"
          />
        </Form.Item>
        <Form.Item label={t('demands.attachments')}>
          <NonClassifiedNotice />
          <Typography.Paragraph className="rt-text-secondary" style={{ fontSize: 13, marginBottom: 8 }}>
            {t('demands.attachmentsHint')}
          </Typography.Paragraph>
          <AttachmentPicker files={files} onChange={setFiles} />
        </Form.Item>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="response-submit">
            {t('demands.submitResponse')}
          </Button>
          <Button onClick={requestCancel}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}
