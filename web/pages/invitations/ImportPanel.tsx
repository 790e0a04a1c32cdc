/**
 * An .xlsx import in two steps — download the template, upload the filled file — with the row-level errors of a
 * refused file in a table (row, column, message; nothing was imported then). One upload at a time; a retried
 * upload of the same file is the same submission (idempotency key per file).
 */
import { useState, type ReactNode } from 'react';
import { App as AntApp, Alert, Button, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { ApiError, download, fileIdentity, type FieldError } from '../../api/client.ts';
import { uploadFile } from '../../api/demands.ts';
import { errorMessage } from '../../components/errors.ts';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';
import { useT } from '../../i18n/index.tsx';

export function ImportPanel<R>({
  step1,
  step2,
  templatePath,
  templateName,
  templateLabel,
  uploadPath,
  uploadLabel,
  onDone,
  testId,
}: {
  step1: ReactNode;
  step2: ReactNode;
  templatePath: string;
  templateName: string;
  templateLabel: string;
  uploadPath: string;
  uploadLabel: string;
  /** Told the server's answer; returns the success message to show. */
  onDone: (r: R) => string;
  testId: string;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const submission = useSubmissionKey();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [summary, setSummary] = useState<{ ok: boolean; text: string } | null>(null);
  const up = useMutation({
    mutationFn: (file: File) =>
      uploadFile<R>(uploadPath, file, file.name, { idempotencyKey: submission.keyFor(fileIdentity(file)) }),
    onSuccess: (r) => {
      submission.done();
      setErrors([]);
      setSummary({ ok: true, text: onDone(r) });
    },
    onError: (e) => {
      submission.done();
      const rows = e instanceof ApiError ? e.errors.filter((x) => /^row\d+\./.test(x.field)) : [];
      setErrors(rows);
      // The server's own summary says what was refused (nothing imported / no invitation sent).
      setSummary({ ok: false, text: errorMessage(e) });
    },
  });
  const rows = errors.map((e, i) => {
    const m = /^row(\d+)\.(.*)$/.exec(e.field);
    return {
      key: i,
      row: m?.[1] ?? '',
      column: m?.[2] ?? e.field,
      message: e.message.replace(/^第\d+行「[^」]*」：/, ''),
    };
  });
  return (
    <div data-testid={testId}>
      <ol style={{ paddingInlineStart: 20, marginTop: 0 }}>
        <li style={{ marginBottom: 8 }}>
          {step1}
          <div>
            <Button
              type="link"
              icon={<DownloadOutlined />}
              style={{ paddingInline: 0 }}
              onClick={() =>
                download(templatePath, templateName).catch((e: unknown) => void message.error(errorMessage(e)))
              }
              data-testid={`${testId}-template`}
            >
              {templateLabel}
            </Button>
          </div>
        </li>
        <li>
          {step2}
          <div style={{ marginTop: 8 }}>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              disabled={up.isPending}
              beforeUpload={(f) => {
                setSummary(null);
                up.mutate(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={up.isPending} data-testid={`${testId}-upload`}>
                {uploadLabel}
              </Button>
            </Upload>
          </div>
        </li>
      </ol>
      {summary ? (
        <Alert
          type={summary.ok ? 'success' : 'error'}
          showIcon
          title={summary.text}
          style={{ marginBottom: 12 }}
          data-testid={`${testId}-summary`}
        />
      ) : null}
      {rows.length ? (
        <Table
          size="small"
          data-testid={`${testId}-errors`}
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: t('import.row'), dataIndex: 'row', width: 64 },
            { title: t('import.column'), dataIndex: 'column', width: 180 },
            { title: t('import.message'), dataIndex: 'message' },
          ]}
        />
      ) : null}
    </div>
  );
}
