/**
 * Evidence of a project or of one follow-up point: the list with downloads and, for the parties, an upload
 * (PDF, PNG or JPEG; the server sniffs the content and answers in Chinese when it refuses a file).
 */
import { App as AntApp, Button, Card, List, Space, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { download, fileIdentity } from '../../../api/client.ts';
import { uploadFile } from '../../../api/demands.ts';
import type { EvidenceView, ProjectView } from '../../../api/projects.ts';
import { errorMessage } from '../../../components/errors.ts';
import { fmtDateTime } from '../../../components/format.ts';
import { useSubmissionKey } from '../../../hooks/useSubmissionKey.ts';
import { useT } from '../../../i18n/index.tsx';
import { NonClassifiedNotice } from '../../demands/responses/Attachments.tsx';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

export function EvidenceList({ project, items }: { project: ProjectView; items: EvidenceView[] }) {
  const t = useT();
  const { message } = AntApp.useApp();
  if (items.length === 0) return <Typography.Text className="rt-muted">{t('projects.evidenceNone')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={items}
      data-testid="evidence-list"
      renderItem={(e) => (
        <List.Item key={e.id}>
          <Button
            type="link"
            icon={<PaperClipOutlined />}
            style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
            onClick={() =>
              download(`/projects/${project.id}/evidence/${e.id}`, e.name).catch(
                (err: unknown) => void message.error(errorMessage(err)),
              )
            }
            aria-label={`${t('common.download')} ${e.name}`}
          >
            {e.name}
          </Button>
          <span className="rt-muted">
            {e.organisation.name} ·{' '}
            {e.point ? t('projects.fu.pointShort', { n: e.point }) : t('projects.evidenceProject')} · {size(e.size)} ·{' '}
            {fmtDateTime(e.uploadedAt)}
          </span>
        </List.Item>
      )}
    />
  );
}

export function EvidenceUpload({ project, point, block }: { project: ProjectView; point?: number; block?: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  // One Idempotency-Key per chosen file: picking the same file again after a lost answer is the same upload.
  const submission = useSubmissionKey();
  const up = useMutation({
    mutationFn: (f: File) =>
      uploadFile<ProjectView>(`/projects/${project.id}/evidence`, f, f.name, {
        query: { point },
        idempotencyKey: submission.keyFor({ project: project.id, point, file: fileIdentity(f) }),
      }),
    onSuccess: (p) => {
      submission.done();
      qc.setQueryData(['projects', 'one', p.id], p);
      void message.success(t('projects.evidenceUploaded'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Upload
      accept={ACCEPT}
      showUploadList={false}
      disabled={up.isPending}
      beforeUpload={(file) => {
        if (file.size > MAX_BYTES) {
          void message.error(t('projects.evidenceTooLarge', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        up.mutate(file);
        return false;
      }}
    >
      <Button
        icon={<UploadOutlined />}
        loading={up.isPending}
        block={block}
        size={block ? 'large' : 'middle'}
        data-testid="evidence-upload"
      >
        {t('projects.evidenceUpload')}
      </Button>
    </Upload>
  );
}

export function EvidenceCard({ project }: { project: ProjectView }) {
  const t = useT();
  const canUpload = project.abilities.consent && !project.mergedIntoId;
  return (
    <Card
      title={<h2 className="rt-card-title">{t('projects.evidence')}</h2>}
      style={{ marginBottom: 16 }}
      extra={canUpload ? <EvidenceUpload project={project} /> : null}
    >
      {canUpload ? <NonClassifiedNotice /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text className="rt-muted">{t('projects.evidenceHelp')}</Typography.Text>
        <EvidenceList project={project} items={project.evidence} />
      </Space>
    </Card>
  );
}
