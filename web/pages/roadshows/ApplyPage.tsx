/**
 * Apply with a project: the form and the business-plan PDF (checked here for type and size as the server
 * does — it sniffs the content — with the 非涉密平台 notice at the upload point). Server field errors land
 * on the fields.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, fileIdentity, isApiError } from '../../api/client.ts';
import { STAGES, type Project, type Roadshow } from '../../api/roadshows.ts';
import { useT } from '../../i18n/index.tsx';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { useFormGuard } from '../../hooks/useUnsavedChangesGuard.ts';

const MAX = 10 * 1024 * 1024;

interface Values {
  name: string;
  organisationName: string;
  team: string;
  field: string;
  stage: string;
  financingNeedWan: number;
  summary?: string;
}

/** The application as multipart/form-data (project fields, then the business plan) through the shared client. */
function postProject(roadshowId: string, v: Values, file: File, idempotencyKey: string): Promise<Project> {
  const fd = new FormData();
  for (const [k, val] of Object.entries(v))
    if (val !== undefined && val !== null && val !== '') fd.append(k, String(val));
  fd.append('businessPlan', file, file.name);
  return api.upload<Project>(`/roadshows/${roadshowId}/projects`, fd, { idempotencyKey });
}

export function ApplyPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  // One Idempotency-Key per submission: a retry of the same fields and file is recognised by the server.
  const submission = useSubmissionKey();
  const rs = useQuery({ queryKey: ['roadshow', id], queryFn: () => api.get<Roadshow>(`/roadshows/${id}`) });
  const [form] = Form.useForm<Values>();
  const guard = useFormGuard();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const submit = useMutation({
    mutationFn: (v: Values) =>
      postProject(id, v, file!, submission.keyFor({ roadshow: id, values: v, file: fileIdentity(file!) })),
    onSuccess: async () => {
      submission.done();
      guard.saved();
      message.success(t('roadshows.apply.ok'));
      await qc.invalidateQueries({ queryKey: ['roadshows'] });
      void navigate('/workspace/roadshows?tab=mine');
    },
    onError: (err) => {
      if (isApiError(err, 'business_plan_not_pdf', 'business_plan_too_large', 'business_plan_required')) {
        setFileError(err.display);
        return;
      }
      if (!applyServerErrors(form, err)) message.error(errorMessage(err));
    },
  });
  const pick = (f: File) => {
    setFile(null);
    const isPdfName = /\.pdf$/i.test(f.name) || f.type === 'application/pdf';
    if (!isPdfName) setFileError(t('roadshows.apply.typeError'));
    else if (f.size > MAX) setFileError(t('roadshows.apply.sizeError'));
    else {
      setFileError(null);
      setFile(f);
    }
    return false;
  };
  const r = rs.data;
  return (
    <QueryState isLoading={rs.isLoading} error={rs.error} refetch={() => void rs.refetch()}>
      {r ? (
        <>
          <PageHeader
            title={t('roadshows.apply.title')}
            subtitle={r.title}
            docTitle={t('roadshows.apply.title')}
            extra={<LinkButton to={`/workspace/roadshows/${r.id}`}>{t('common.back')}</LinkButton>}
          />
          <Card style={{ maxWidth: 760 }}>
            {!r.abilities.apply ? (
              <Alert type="warning" showIcon title={t('roadshows.apply.closed')} />
            ) : (
              <Form
                form={form}
                onValuesChange={guard.onValuesChange}
                layout="vertical"
                onFinish={(v) => {
                  if (!file) {
                    setFileError(t('roadshows.apply.required'));
                    return;
                  }
                  submit.mutate(v);
                }}
              >
                {r.applicationsCloseAt ? (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 16 }}
                    title={t('roadshows.apply.deadline', { time: fmtDateTime(r.applicationsCloseAt) })}
                  />
                ) : null}
                <Form.Item
                  name="name"
                  label={t('roadshows.apply.name')}
                  rules={[{ required: true, whitespace: true, message: t('roadshows.apply.name') }]}
                >
                  <Input maxLength={200} data-testid="apply-name" />
                </Form.Item>
                <Form.Item
                  name="organisationName"
                  label={t('roadshows.apply.organisationName')}
                  rules={[{ required: true, whitespace: true, message: t('roadshows.apply.organisationName') }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name="team"
                  label={t('roadshows.apply.team')}
                  rules={[{ required: true, whitespace: true, message: t('roadshows.apply.team') }]}
                >
                  <Input.TextArea rows={3} maxLength={2000} placeholder={t('roadshows.apply.teamPlaceholder')} />
                </Form.Item>
                <Form.Item
                  name="field"
                  label={t('roadshows.apply.field')}
                  rules={[{ required: true, whitespace: true, message: t('roadshows.apply.field') }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item
                  name="stage"
                  label={t('roadshows.apply.stage')}
                  rules={[{ required: true, message: t('roadshows.apply.stage') }]}
                >
                  <Select options={STAGES.map((s) => ({ value: s, label: t(`roadshows.stage.${s}`) }))} />
                </Form.Item>
                <Form.Item
                  name="financingNeedWan"
                  label={t('roadshows.apply.financingNeedWan')}
                  rules={[{ required: true, message: t('roadshows.apply.financingNeedWan') }]}
                >
                  <InputNumber min={0} max={10_000_000} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name="summary" label={t('roadshows.apply.summary')}>
                  <Input.TextArea rows={4} maxLength={5000} />
                </Form.Item>
                <Form.Item
                  label={t('roadshows.apply.businessPlan')}
                  required
                  validateStatus={fileError ? 'error' : undefined}
                  help={fileError ?? undefined}
                >
                  <Alert
                    type="warning"
                    showIcon
                    title={t('roadshows.apply.notice')}
                    style={{ marginBottom: 8 }}
                    data-testid="secret-notice"
                  />
                  <Upload
                    accept=".pdf,application/pdf"
                    maxCount={1}
                    beforeUpload={pick}
                    showUploadList={false}
                    disabled={submit.isPending}
                  >
                    <Button icon={<UploadOutlined />} data-testid="bp-upload">
                      {t('roadshows.apply.upload')}
                    </Button>
                  </Upload>
                  {file ? (
                    <div style={{ marginTop: 6 }} data-testid="bp-file">
                      {file.name}（{(file.size / 1024 / 1024).toFixed(2)} MB）
                    </div>
                  ) : null}
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="apply-submit">
                  {t('roadshows.apply.submit')}
                </Button>
              </Form>
            )}
          </Card>
        </>
      ) : null}
    </QueryState>
  );
}
