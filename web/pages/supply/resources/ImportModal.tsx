/** Import resources from the .xlsx template, with row-level errors. */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Modal, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, download, type FieldError } from '../../../api/client.ts';
import type { ImportResult } from '../../../api/supply.ts';
import { useT } from '../../../i18n/index.tsx';
import { useMe } from '../../../hooks/useMe.ts';

/** Template download, upload, and the row-level errors when any row is wrong (nothing is imported then). */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [rows, setRows] = useState<FieldError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setRows([]);
    setError(null);
    try {
      const fd = new FormData();
      fd.append('file', file);
      const res = await fetch('/api/resources/import', {
        method: 'POST',
        body: fd,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': me?.csrfToken ?? '' },
      });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok) {
        const err = new ApiError(res.status, body);
        setError(err.display);
        setRows(err.errors);
        return;
      }
      void message.success(t('supply.import.done', { n: (body as unknown as ImportResult).created }));
      void qc.invalidateQueries({ queryKey: ['resources'] });
      onClose();
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
      <Upload accept=".xlsx" maxCount={1} showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
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
