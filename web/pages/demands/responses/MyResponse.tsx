import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Space, Typography, type UploadFile } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { DemandResponse } from '../../../api/demands.ts';
import { useT } from '../../../i18n/index.tsx';
import { useSubmissionKey } from '../../../hooks/useSubmissionKey.ts';
import { ResponseStatusTag } from '../shared.tsx';
import { NonClassifiedNotice, uploadAll, AttachmentPicker, AttachmentList } from './Attachments.tsx';

/** The responding organisation's own response: status, decision note, attachments (and more uploads while allowed). */
export function MyResponse({ responseId }: { responseId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const submission = useSubmissionKey();
  const r = useQuery({
    queryKey: ['demand-response', responseId],
    queryFn: () => api.get<DemandResponse>(`/demand-responses/${responseId}`),
  });
  const [files, setFiles] = useState<UploadFile[]>([]);
  const up = useMutation({
    mutationFn: () => uploadAll(responseId, files, submission),
    onSuccess: (failed) => {
      for (const f of failed) void message.error(t('demands.uploadFailed', { name: f.name, reason: f.reason }), 8);
      setFiles([]);
      void qc.invalidateQueries({ queryKey: ['demand-response', responseId] });
    },
  });
  if (!r.data) return null;
  const x = r.data;
  return (
    <Card
      title={<h2 className="rt-card-title">{t('demands.responded')}</h2>}
      extra={<ResponseStatusTag status={x.status} testId="my-response-status" />}
      data-testid="my-response"
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{x.proposal}</Typography.Paragraph>
      {x.decisionNote ? <Alert type="info" title={x.decisionNote} style={{ marginBottom: 12 }} /> : null}
      <AttachmentList response={x} />
      {x.abilities.upload ? (
        <div style={{ marginTop: 12 }}>
          <NonClassifiedNotice />
          <Space align="start" wrap>
            <AttachmentPicker files={files} onChange={setFiles} max={5 - x.attachments.length} />
            {files.length ? (
              <Button type="primary" loading={up.isPending} onClick={() => up.mutate()}>
                {t('common.submit')}
              </Button>
            ) : null}
          </Space>
        </div>
      ) : null}
    </Card>
  );
}
