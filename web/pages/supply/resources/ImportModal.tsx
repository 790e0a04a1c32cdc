/** Import resources from the .xlsx template, with row-level errors. */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Modal, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, download, fileIdentity, type FieldError } from '../../../api/client.ts';
import { uploadFile } from '../../../api/demands.ts';
import type { ImportResult } from '../../../api/supply.ts';
import { useT } from '../../../i18n/index.tsx';
import { useSubmissionKey } from '../../../hooks/useSubmissionKey.ts';
import { errorMessage } from '../../../components/errors.ts';

/** Template download, upload, and the row-level errors when any row is wrong (nothing is imported then). */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  // One Idempotency-Key per chosen file: the same file sent again after a lost answer is not imported twice.
  const submission = useSubmissionKey();
  const [rows, setRows] = useState<FieldError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setRows([]);
    setError(null);
    try {
      const result = await uploadFile<ImportResult>('/resources/import', file, file.name, {
        idempotencyKey: submission.keyFor(fileIdentity(file)),
      });
      submission.done();
      void message.success(t('supply.import.done', { n: result.created }));
      void qc.invalidateQueries({ queryKey: ['resources'] });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setRows(e instanceof ApiError ? e.errors : []);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('supply.import.title')}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      width={Math.min(760, window.innerWidth - 16)}
      destroyOnHidden
    >
      <ol style={{ paddingInlineStart: 20 }}>
        <li>
          {t('supply.import.step1')}{' '}
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() => void download('/resources/import-template.xlsx', '开放资源导入模板.xlsx')}
            data-testid="import-template"
          >
            {t('supply.import.template')}
          </Button>
        </li>
        <li>{t('supply.import.step2')}</li>
        <li>{t('supply.import.step3')}</li>
      </ol>
      <Upload
        accept=".xlsx"
        maxCount={1}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(f) => (void upload(f), false)}
      >
        <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="import-upload">
          {t('supply.import.upload')}
        </Button>
      </Upload>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="import-error" />
      ) : null}
      {rows.length ? (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(r, i) => `${r.field}-${i}`}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          data-testid="import-errors"
          columns={[
            {
              title: t('supply.import.row'),
              key: 'row',
              width: 80,
              render: (_: unknown, r) => /^row(\d+)\./.exec(r.field)?.[1] ?? '—',
            },
            {
              title: t('supply.import.column'),
              key: 'col',
              width: 160,
              render: (_: unknown, r) => r.field.replace(/^row\d+\./, ''),
            },
            { title: t('supply.import.problem'), dataIndex: 'message' },
          ]}
        />
      ) : null}
    </Modal>
  );
}
