/**
 * One demand (/demands/:id) or technology catalogue entry (/technologies/:id) on the portal: field, technical
 * indicators, budget, cooperation mode, deadline with the days left (Beijing calendar), IP terms, publisher.
 * "我要响应" sends an anonymous visitor to sign in (and back here); a signed-in organisation writes its
 * proposal and attaches PDF/DOCX/PNG/JPEG files, with the 非涉密平台 notice at the upload point.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Descriptions, Flex, Form, Input, List, Row, Space, Typography, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError, download } from '../../api/client.ts';
import { uploadFile, type Demand, type DemandResponse } from '../../api/demands.ts';
import { useT } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { budgetText, DeadlineTag, fmtSize, ResponseStatusTag } from './shared.tsx';

export const ACCEPT = '.pdf,.docx,.png,.jpg,.jpeg,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/png,image/jpeg';
const MAX_BYTES = 10 * 1024 * 1024;

export function DemandPage() {
  return <DemandDetail kind="demand" />;
}

export function TechnologyPage() {
  return <DemandDetail kind="technology" />;
}

function DemandDetail({ kind }: { kind: Demand['kind'] }) {
  const { id = '' } = useParams();
  const d = useQuery({ queryKey: ['demand', id], queryFn: () => api.get<Demand>(`/demands/${id}`) });
  return (
    <QueryState isLoading={d.isLoading} error={d.error} refetch={() => void d.refetch()} inWorkspace={false}>
      {d.data ? <DemandView d={d.data} expectedKind={kind} /> : null}
    </QueryState>
  );
}

/** The 非涉密平台 notice, shown wherever files are uploaded. */
export function NonClassifiedNotice() {
  const t = useT();
  return <Alert type="warning" showIcon title={t('demands.noticeTitle')} description={t('demands.notice')} data-testid="non-classified-notice" style={{ marginBottom: 12 }} />;
}

function DemandView({ d, expectedKind }: { d: Demand; expectedKind: Demand['kind'] }) {
  const t = useT();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(params.get('respond') === '1');
  const isTech = d.kind === 'technology';
  const mine = me?.activeOrganisationId === d.organisation.id;
  const back = isTech ? '/demands?kind=technology' : '/demands';
  void expectedKind;

  useEffect(() => {
    if (params.get('respond') === '1' && !d.abilities.respond) setParams({}, { replace: true });
  }, [params, d.abilities.respond, setParams]);

  const respondArea = !me ? (
    d.status === 'published' && !d.expired ? (
      <LinkButton type="primary" size="large" to={`/login?next=${encodeURIComponent(`/workspace/demands/respond/${d.id}`)}`} data-testid="demand-respond-login">
        {isTech ? t('demands.interestLogin') : t('demands.respondLogin')}
      </LinkButton>
    ) : null
  ) : d.abilities.respond ? (
    !open ? (
      <Button type="primary" size="large" onClick={() => setOpen(true)} data-testid="demand-respond">
        {isTech ? t('demands.interest') : t('demands.respond')}
      </Button>
    ) : null
  ) : d.abilities.viewResponses || mine ? (
    <LinkButton to={`/workspace/demands/${d.id}`} data-testid="demand-manage">
      {t('demands.manage')}
    </LinkButton>
  ) : null;

  return (
    <>
      <PageHeader
        title={d.title}
        docTitle={isTech ? t('demands.techDetail') : t('demands.detail')}
        subtitle={
          <Space wrap>
            <ToneTag tone={isTech ? 'purple' : 'blue'}>{d.kindLabel}</ToneTag>
            {d.fieldName ? <ToneTag tone="grey">{`${d.fieldCode} ${d.fieldName}`}</ToneTag> : null}
            <Link to={`/orgs/${d.organisation.id}`}>{d.organisation.name}</Link>
          </Space>
        }
        extra={
          <>
            <LinkButton to={back}>{t('common.back')}</LinkButton>
            {respondArea}
          </>
        }
      />
      {d.status === 'closed' ? <Alert type="info" showIcon title={t('demands.closedNotice')} style={{ marginBottom: 16 }} /> : d.expired && !isTech ? <Alert type="info" showIcon title={t('demands.expiredNotice')} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={<h2 className="rt-card-title">{isTech ? t('demands.descriptionTech') : t('demands.description')}</h2>} style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="demand-description">
              {d.description}
            </Typography.Paragraph>
          </Card>
          <Card title={<h2 className="rt-card-title">{t('demands.indicators')}</h2>} style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="demand-indicators">
              {d.indicators || t('demands.none')}
            </Typography.Paragraph>
          </Card>
          {d.myResponseId ? <MyResponse responseId={d.myResponseId} /> : null}
          {open && d.abilities.respond ? <ResponseForm d={d} onCancel={() => setOpen(false)} /> : null}
        </Col>
        <Col xs={24} lg={8}>
          <Card title={<h2 className="rt-card-title">{t('common.details')}</h2>}>
            <Descriptions column={1} size="small" data-testid="demand-facts">
              <Descriptions.Item label={t('demands.publisher')}>
                <Link to={`/orgs/${d.organisation.id}`}>{d.organisation.name}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('demands.field')}>{d.fieldName ? `${d.fieldCode} ${d.fieldName}` : d.fieldCode}</Descriptions.Item>
              <Descriptions.Item label={t('demands.cooperationMode')}>{d.cooperationModeLabel}</Descriptions.Item>
              {!isTech || d.budgetMinWan != null || d.budgetMaxWan != null ? <Descriptions.Item label={isTech ? t('demands.price') : t('demands.budget')}>{budgetText(t, d)}</Descriptions.Item> : null}
              <Descriptions.Item label={isTech ? t('demands.validUntil') : t('demands.deadline')}>
                <div>
                  <DeadlineTag deadline={d.deadline} expired={d.expired} testId="demand-deadline" />
                  <div className="rt-text-secondary" style={{ fontSize: 12 }}>
                    {t('demands.deadlineHint')}
                  </div>
                </div>
              </Descriptions.Item>
              <Descriptions.Item label={t('demands.ipTerms')}>{d.ipTerms || t('demands.none')}</Descriptions.Item>
              {d.themeDay ? (
                <Descriptions.Item label={t('demands.themeDay')}>
                  <Link to={`/theme-days/${d.themeDay.id}`}>{d.themeDay.title}</Link>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('demands.publishedAt')}>{fmtDateTime(d.publishedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** Uploads files one by one to a response; resolves with the names that failed and why. */
export async function uploadAll(responseId: string, files: UploadFile[], csrf: string | undefined): Promise<{ name: string; reason: string }[]> {
  const failed: { name: string; reason: string }[] = [];
  for (const f of files) {
    const blob = f.originFileObj;
    if (!blob) continue;
    try {
      await uploadFile<DemandResponse>(`/demand-responses/${responseId}/attachments`, blob, f.name, csrf);
    } catch (e) {
      failed.push({ name: f.name, reason: errorMessage(e) });
    }
  }
  return failed;
}

/** The attachment picker: files are kept in the form until the response exists, then uploaded. */
export function AttachmentPicker({ files, onChange, max = 5 }: { files: UploadFile[]; onChange: (f: UploadFile[]) => void; max?: number }) {
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

function ResponseForm({ d, onCancel }: { d: Demand; onCancel: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const { data: me } = useMe();
  const [form] = Form.useForm<{ proposal: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const submit = useMutation({
    mutationFn: async (v: { proposal: string }) => {
      const r = await api.post<DemandResponse>(`/demands/${d.id}/responses`, { proposal: v.proposal });
      const failed = await uploadAll(r.id, files, me?.csrfToken);
      return { r, failed };
    },
    onSuccess: ({ failed }) => {
      void message.success(t('demands.responseSubmitted'));
      for (const f of failed) void message.error(t('demands.uploadFailed', { name: f.name, reason: f.reason }), 8);
      void qc.invalidateQueries({ queryKey: ['demand', d.id] });
      void qc.invalidateQueries({ queryKey: ['demand-responses'] });
      onCancel();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.some((x) => x.field === 'proposal')) {
        form.setFields([{ name: 'proposal', errors: e.errors.filter((x) => x.field === 'proposal').map((x) => x.message) }]);
      } else void message.error(errorMessage(e));
    },
  });
  return (
    <Card title={<h2 className="rt-card-title">{t('demands.respondTitle', { title: d.title })}</h2>} data-testid="response-form" style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} requiredMark>
        <Form.Item name="proposal" label={t('demands.proposal')} rules={[{ required: true, whitespace: true, message: t('demands.proposalRequired') }, { max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} placeholder={t('demands.proposalPh')} showCount maxLength={20000} data-testid="response-proposal" />
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
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** The responding organisation's own response: status, decision note, attachments (and more uploads while allowed). */
export function MyResponse({ responseId }: { responseId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const { data: me } = useMe();
  const r = useQuery({ queryKey: ['demand-response', responseId], queryFn: () => api.get<DemandResponse>(`/demand-responses/${responseId}`) });
  const [files, setFiles] = useState<UploadFile[]>([]);
  const up = useMutation({
    mutationFn: () => uploadAll(responseId, files, me?.csrfToken),
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

/** A response's attachments with download links (the server checks who may read them). */
export function AttachmentList({ response }: { response: DemandResponse }) {
  const t = useT();
  const { message } = AntApp.useApp();
  if (response.attachments.length === 0) return <Typography.Text className="rt-text-secondary">{t('demands.m.noAttachments')}</Typography.Text>;
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
            onClick={() => download(`/demand-responses/${response.id}/attachments/${a.id}`, a.name).catch((e: unknown) => void message.error(errorMessage(e)))}
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
