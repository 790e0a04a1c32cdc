/** Import demands from the .xlsx template, with row-level errors. */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Modal, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, download, fileIdentity, type FieldError } from '../../../api/client.ts';
import { uploadFile } from '../../../api/demands.ts';
import { useT } from '../../../i18n/index.tsx';
import { useSubmissionKey } from '../../../hooks/useSubmissionKey.ts';
import { errorMessage } from '../../../components/errors.ts';

/** Template download, upload, and the row-level errors of a refused file (nothing is imported then). */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const submission = useSubmissionKey();
  const [errors, setErrors] = useState<FieldError[] | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const up = useMutation({
    mutationFn: (file: File) =>
      uploadFile<{ created: number }>('/demands/import', file, file.name, {
        idempotencyKey: submission.keyFor(fileIdentity(file)),
      }),
    onSuccess: (r) => {
      submission.done();
      setErrors(null);
      setSummary(null);
      void message.success(t('demands.import.ok', { n: r.created }));
      void qc.invalidateQueries({ queryKey: ['demands'] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.length) {
        setErrors(e.errors);
        setSummary(t('demands.import.errors', { n: e.errors.length }));
      } else {
        setErrors(null);
        setSummary(errorMessage(e));
      }
    },
  });
  const rows = (errors ?? []).map((e, i) => {
    const m = /^row(\d+)\.(.*)$/.exec(e.field);
    return { key: i, row: m?.[1] ?? '', column: m?.[2] ?? e.field, message: e.message };
  });
  return (
    <Modal
      open={open}
      title={t('demands.import.title')}
      onCancel={() => {
        setErrors(null);
        setSummary(null);
        onClose();
      }}
      footer={null}
      width={720}
    >
      <ol style={{ paddingInlineStart: 20 }}>
        <li style={{ marginBottom: 8 }}>
          {t('demands.import.step1')}
          <div>
            <Button
              type="link"
              icon={<DownloadOutlined />}
              style={{ paddingInline: 0 }}
              onClick={() =>
                download('/demands/import-template.xlsx', '创新需求导入模板.xlsx').catch(
                  (e: unknown) => void message.error(errorMessage(e)),
                )
              }
              data-testid="import-template"
            >
              {t('demands.import.template')}
            </Button>
          </div>
        </li>
        <li>
          {t('demands.import.step2')}
          <div style={{ marginTop: 8 }}>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              disabled={up.isPending}
              beforeUpload={(f) => {
                up.mutate(f);
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={up.isPending} data-testid="import-upload">
                {t('demands.import.upload')}
              </Button>
            </Upload>
          </div>
        </li>
      </ol>
      {summary ? (
        <Alert type="error" showIcon title={summary} style={{ marginBottom: 12 }} data-testid="import-summary" />
      ) : null}
      {rows.length ? (
        <Table
          size="small"
          data-testid="import-errors"
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: t('demands.import.row'), dataIndex: 'row', width: 60 },
            { title: t('demands.import.column'), dataIndex: 'column', width: 160 },
            { title: t('demands.import.message'), dataIndex: 'message' },
          ]}
        />
      ) : null}
    </Modal>
  );
}
