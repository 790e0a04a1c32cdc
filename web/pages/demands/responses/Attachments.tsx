/** Response attachments: the picker (size and type checked before upload), the upload, the list with downloads, and the 不涉密 notice. */
import { App as AntApp, Alert, Button, List, Typography, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { download, fileIdentity } from '../../../api/client.ts';
import type { SubmissionKey } from '../../../hooks/useSubmissionKey.ts';
import { uploadFile, type DemandResponse } from '../../../api/demands.ts';
import { useT } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { fmtSize } from '../shared.tsx';

export const ACCEPT =
  '.pdf,.docx,.png,.jpg,.jpeg,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/png,image/jpeg';

const MAX_BYTES = 10 * 1024 * 1024;

/** The 非涉密平台 notice, shown wherever files are uploaded. */
export function NonClassifiedNotice() {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      title={t('demands.noticeTitle')}
      description={t('demands.notice')}
      data-testid="non-classified-notice"
      style={{ marginBottom: 12 }}
    />
  );
}

/**
 * Uploads files one by one to a response; resolves with the names that failed and why. Each file is a
 * submission of its own (`submission` keeps its Idempotency-Key until it succeeds, so the same file sent
 * again after a lost answer is recognised by the server).
 */
export async function uploadAll(
  responseId: string,
  files: UploadFile[],
  submission: SubmissionKey,
): Promise<{ name: string; reason: string }[]> {
  const failed: { name: string; reason: string }[] = [];
  for (const f of files) {
    const blob = f.originFileObj;
    if (!blob) continue;
    try {
      await uploadFile<DemandResponse>(`/demand-responses/${responseId}/attachments`, blob, f.name, {
        idempotencyKey: submission.keyFor({ responseId, file: fileIdentity(blob, f.name) }),
      });
      submission.done();
    } catch (e) {
      failed.push({ name: f.name, reason: errorMessage(e) });
    }
  }
  return failed;
}

/** The attachment picker: files are kept in the form until the response exists, then uploaded. */
export function AttachmentPicker({
  files,
  onChange,
  max = 5,
}: {
  files: UploadFile[];
  onChange: (f: UploadFile[]) => void;
  max?: number;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  return (
    <Upload
      multiple
      accept={ACCEPT}
      fileList={files}
      maxCount={max}
      beforeUpload={(file) => {
        if (file.size > MAX_BYTES) {
          void message.error(t('demands.fileTooLarge', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        return false;
      }}
      onChange={({ fileList }) => onChange(fileList.slice(0, max))}
    >
      <Button icon={<UploadOutlined />} data-testid="response-files-button">
        {t('demands.pickFile')}
      </Button>
    </Upload>
  );
}

/** A response's attachments with download links (the server checks who may read them). */
export function AttachmentList({ response }: { response: DemandResponse }) {
  const t = useT();
  const { message } = AntApp.useApp();
  if (response.attachments.length === 0)
    return <Typography.Text className="rt-text-secondary">{t('demands.m.noAttachments')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={response.attachments}
      data-testid="response-attachments"
      renderItem={(a) => (
        <List.Item key={a.id}>
          <Button
            type="link"
            icon={<PaperClipOutlined />}
            style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
            onClick={() =>
              download(`/demand-responses/${response.id}/attachments/${a.id}`, a.name).catch(
                (e: unknown) => void message.error(errorMessage(e)),
              )
            }
            aria-label={`${t('common.download')} ${a.name}`}
          >
            {a.name}
          </Button>
          <span className="rt-text-secondary">{fmtSize(a.size)}</span>
        </List.Item>
      )}
    />
  );
}
