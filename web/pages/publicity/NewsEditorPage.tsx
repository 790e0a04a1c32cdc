/**
 * The news editor (/workspace/news/:id, /workspace/news/new): title, summary, cover, and the body in a plain
 * HTML textarea with a small toolbar; the preview shows the body as the server sanitised and stored it (after
 * 保存). Buttons follow the server's `abilities`: 提交审核, 审核通过, 退回 (with a reason), 发布, 撤下.
 */
import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Flex, Form, Input, Row, Space, Typography, Upload } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  IMAGE_MAX_BYTES,
  NEWS_AUTHOR_KIND_LABELS,
  NEWS_BODY_MAX,
  NEWS_SUMMARY_MAX,
  NEWS_TITLE_MAX,
  type ImageView,
  type NewsView,
} from '../../api/publicity.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDateTime } from '../../components/format.ts';
import { ThemeDaySelect } from '../supply/shared.tsx';
import { useLeaveGuard } from '../../hooks/useLeaveGuard.ts';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';
import { NewsStatusTag, SanitisedHtml, newsPath, useUploadImage } from './shared.tsx';
import { GuardedModal } from '../../components/GuardedModal.tsx';

interface NewsForm {
  themeDayId?: string | null;
  title: string;
  summary: string;
  body: string;
}

type Action = 'submit' | 'approve' | 'publish' | 'unpublish';

/** The toolbar's insertions: what goes before and after the selected text. */
const TOOLS = [
  { key: 'paragraph', before: '<p>', after: '</p>\n' },
  { key: 'heading', before: '<h3>', after: '</h3>\n' },
  { key: 'bold', before: '<strong>', after: '</strong>' },
  { key: 'list', before: '<ul>\n  <li>', after: '</li>\n  <li></li>\n</ul>\n' },
  { key: 'link', before: '<a href="https://">', after: '</a>' },
] as const;

export function NewsEditorPage() {
  const t = useT();
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const upload = useUploadImage();
  const [form] = Form.useForm<NewsForm>();
  /** The cover as edited; undefined: the saved one. */
  const [coverEdit, setCover] = useState<ImageView | null | undefined>(undefined);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [uploading, setUploading] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const q = useQuery({
    queryKey: ['news', id],
    queryFn: () => api.get<NewsView>(`/news/${id}`),
    enabled: !isNew,
  });
  const n = q.data;
  const editable = isNew || !!n?.abilities.edit;
  useLeaveGuard(dirty, t('publicity.news.leaveWarning'));

  useEffect(() => {
    if (!n) return;
    form.setFieldsValue({ title: n.title, summary: n.summary, body: n.body, themeDayId: n.themeDay?.id ?? null });
  }, [n, form]);
  // Each loaded version (the first load, after a save) starts from its saved cover.
  const [coverOf, setCoverOf] = useState(n);
  if (n !== coverOf) {
    setCoverOf(n);
    setCover(undefined);
  }
  const cover = coverEdit === undefined ? (n?.cover ?? null) : coverEdit;

  const toBody = (v: NewsForm) => ({
    title: v.title,
    summary: v.summary ?? '',
    body: v.body ?? '',
    coverImageId: cover?.id ?? null,
  });
  const fail = (e: unknown) => {
    if (!applyServerErrors(form, e, { coverImageId: 'title' })) setError(errorMessage(e));
  };

  // One key per submission: a double click or a retry with the same values creates (or saves) once.
  const submission = useSubmissionKey();
  const saveM = useMutation({
    mutationFn: (v: NewsForm) => {
      const body = isNew ? { ...toBody(v), themeDayId: v.themeDayId || null } : toBody(v);
      const idem = { idempotencyKey: submission.keyFor(body) };
      return isNew ? api.post<NewsView>('/news', body, idem) : api.put<NewsView>(`/news/${id}`, body, idem);
    },
    onSuccess: (res) => {
      submission.done();
      setDirty(false);
      void message.success(t('common.saved'));
      qc.setQueryData(['news', res.id], res);
      void qc.invalidateQueries({ queryKey: ['news', 'list'] });
      if (isNew) void navigate(newsPath(res.id), { replace: true });
    },
    onError: fail,
  });
  const actM = useMutation({
    mutationFn: async ({ action, body }: { action: Action | 'return'; body?: unknown }) => {
      // An edited draft is saved first, so what is submitted or published is what is on screen.
      if (dirty && n?.abilities.edit) await api.put<NewsView>(`/news/${id}`, toBody(form.getFieldsValue()));
      return api.post<NewsView>(`/news/${id}/${action}`, body ?? {});
    },
    onSuccess: (res, { action }) => {
      setDirty(false);
      setReturning(false);
      setReason('');
      void message.success(t(`publicity.news.done.${action}`));
      qc.setQueryData(['news', res.id], res);
      void qc.invalidateQueries({ queryKey: ['news', 'list'] });
    },
    onError: fail,
  });
  const busy = saveM.isPending || actM.isPending;

  const run = (action: 'save' | Action) => {
    setError(null);
    if (action === 'unpublish' || action === 'approve' || !editable) {
      actM.mutate({ action: action as Action });
      return;
    }
    form
      .validateFields()
      .then((v) => (action === 'save' ? saveM.mutate(v) : actM.mutate({ action })))
      .catch(() => setError(t('common.fixFields')));
  };

  const insert = (before: string, after: string) => {
    const el = bodyRef.current;
    const value = (form.getFieldValue('body') as string | undefined) ?? '';
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + before + value.slice(start, end) + after + value.slice(end);
    form.setFieldValue('body', next);
    setDirty(true);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + before.length, end + before.length);
    });
  };

  const beforeUpload = (file: File, use: (img: ImageView) => void) => {
    if (file.size > IMAGE_MAX_BYTES) {
      setError(t('publicity.image.tooLarge'));
      return false;
    }
    setUploading(true);
    upload(file)
      .then((img) => {
        use(img);
        setDirty(true);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setUploading(false));
    return false;
  };

  const a = n?.abilities;
  return (
    <QueryState isLoading={!isNew && q.isLoading} error={q.error} refetch={() => void q.refetch()}>
      <PageHeader
        title={isNew ? t('publicity.news.new') : (n?.title ?? '')}
        docTitle={isNew ? t('publicity.news.new') : t('publicity.news.edit')}
        subtitle={
          n ? (
            <Space wrap size={4}>
              <NewsStatusTag status={n.status} />
              <span>
                {n.themeDay?.title ?? t('publicity.news.programmeWide')} · {n.authorOrganisation.name}（
                {NEWS_AUTHOR_KIND_LABELS[n.authorKind]}） ·{' '}
                {t('publicity.news.updatedAt', { d: fmtDateTime(n.updatedAt) })}
              </span>
            </Space>
          ) : (
            t('publicity.news.newHint')
          )
        }
        extra={
          <>
            <LinkButton to="/workspace/news">{t('common.back')}</LinkButton>
            {n?.status === 'published' ? (
              <LinkButton to={`/news/${n.id}`} data-testid="news-view-public">
                {t('publicity.news.viewPublic')}
              </LinkButton>
            ) : null}
          </>
        }
      />
      {n?.status === 'returned' && n.returnReason ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('publicity.news.returnedBecause')}
          description={n.returnReason}
          data-testid="news-return-reason"
        />
      ) : null}
      {n?.status === 'submitted' && !a?.approve ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('publicity.news.awaitingReview')} />
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="news-error" closable />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={editable ? 14 : 24}>
          <Card>
            <Form
              form={form}
              layout="vertical"
              disabled={!editable || busy}
              initialValues={{ themeDayId: params.get('themeDay'), title: '', summary: '', body: '' }}
              onValuesChange={() => setDirty(true)}
              requiredMark
            >
              {isNew ? (
                <Form.Item
                  name="themeDayId"
                  label={t('publicity.news.themeDay')}
                  extra={t('publicity.news.themeDayHelp')}
                >
                  <ThemeDaySelect testId="news-theme-day" placeholder={t('publicity.news.programmeWide')} />
                </Form.Item>
              ) : null}
              <Form.Item
                name="title"
                label={t('publicity.news.title')}
                rules={[{ required: true, whitespace: true, message: t('publicity.news.titleRequired') }]}
              >
                <Input maxLength={NEWS_TITLE_MAX} showCount data-testid="news-title" />
              </Form.Item>
              <Form.Item name="summary" label={t('publicity.news.summary')} extra={t('publicity.news.summaryHelp')}>
                <Input.TextArea rows={2} maxLength={NEWS_SUMMARY_MAX} showCount data-testid="news-summary" />
              </Form.Item>
              <Form.Item label={t('publicity.news.cover')} extra={t('publicity.image.help')}>
                <Flex gap={12} align="center" wrap>
                  {cover ? (
                    <img
                      src={cover.url}
                      alt={t('publicity.news.coverAlt')}
                      style={{
                        width: 160,
                        height: 90,
                        objectFit: 'cover',
                        borderRadius: 4,
                        border: '1px solid #d9d9d9',
                      }}
                    />
                  ) : null}
                  <Upload
                    accept="image/png,image/jpeg,image/webp"
                    showUploadList={false}
                    beforeUpload={(f) => beforeUpload(f, setCover)}
                    disabled={!editable || busy || uploading}
                  >
                    <Button loading={uploading} disabled={!editable || busy} data-testid="news-cover-upload">
                      {cover ? t('publicity.news.coverReplace') : t('publicity.news.coverUpload')}
                    </Button>
                  </Upload>
                  {cover && editable ? (
                    <Button
                      type="link"
                      onClick={() => {
                        setCover(null);
                        setDirty(true);
                      }}
                    >
                      {t('publicity.news.coverRemove')}
                    </Button>
                  ) : null}
                </Flex>
              </Form.Item>
              <Form.Item label={t('publicity.news.body')} required extra={t('publicity.news.bodyHelp')}>
                {editable ? (
                  <Flex
                    gap={4}
                    wrap
                    style={{ marginBottom: 6 }}
                    role="toolbar"
                    aria-label={t('publicity.editor.toolbar')}
                  >
                    {TOOLS.map((tool) => (
                      <Button
                        key={tool.key}
                        size="small"
                        onClick={() => insert(tool.before, tool.after)}
                        data-testid={`news-tool-${tool.key}`}
                      >
                        {t(`publicity.editor.${tool.key}`)}
                      </Button>
                    ))}
                    <Upload
                      accept="image/png,image/jpeg,image/webp"
                      showUploadList={false}
                      disabled={uploading}
                      beforeUpload={(f) =>
                        beforeUpload(f, (img) =>
                          insert(`<img src="${img.url}" alt="${t('publicity.editor.imageAlt')}">`, ''),
                        )
                      }
                    >
                      <Button size="small" loading={uploading}>
                        {t('publicity.editor.image')}
                      </Button>
                    </Upload>
                  </Flex>
                ) : null}
                <Form.Item
                  name="body"
                  noStyle
                  rules={[{ required: true, whitespace: true, message: t('publicity.news.bodyRequired') }]}
                >
                  <Input.TextArea
                    ref={(r) => {
                      bodyRef.current = r?.resizableTextArea?.textArea ?? null;
                    }}
                    rows={14}
                    maxLength={NEWS_BODY_MAX}
                    aria-label={t('publicity.news.body')}
                    style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 13 }}
                    data-testid="news-body"
                  />
                </Form.Item>
              </Form.Item>
            </Form>
            <Flex gap={8} wrap>
              {editable ? (
                <Button
                  type={a?.publish || a?.submit ? 'default' : 'primary'}
                  loading={saveM.isPending}
                  disabled={busy}
                  onClick={() => run('save')}
                  data-testid="news-save"
                >
                  {t('publicity.news.save')}
                </Button>
              ) : null}
              {a?.submit ? (
                <Button
                  type="primary"
                  disabled={busy}
                  loading={actM.isPending}
                  onClick={() => run('submit')}
                  data-testid="news-submit"
                >
                  {t('publicity.news.submit')}
                </Button>
              ) : null}
              {a?.approve ? (
                <Button type="primary" disabled={busy} onClick={() => run('approve')} data-testid="news-approve">
                  {t('publicity.news.approve')}
                </Button>
              ) : null}
              {a?.return ? (
                <Button danger disabled={busy} onClick={() => setReturning(true)} data-testid="news-return">
                  {t('publicity.news.return')}
                </Button>
              ) : null}
              {a?.publish ? (
                <Button
                  type="primary"
                  disabled={busy}
                  loading={actM.isPending}
                  onClick={() => run('publish')}
                  data-testid="news-publish"
                >
                  {t('publicity.news.publish')}
                </Button>
              ) : null}
              {a?.unpublish ? (
                <Button danger disabled={busy} onClick={() => run('unpublish')} data-testid="news-unpublish">
                  {t('publicity.news.unpublish')}
                </Button>
              ) : null}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={editable ? 10 : 24}>
          <Card title={<h2 className="rt-card-title">{t('publicity.news.preview')}</h2>}>
            {n ? (
              <>
                {dirty ? (
                  <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('publicity.news.previewStale')} />
                ) : null}
                <Typography.Title level={3} style={{ marginTop: 0 }}>
                  {n.title}
                </Typography.Title>
                {n.cover ? <img src={n.cover.url} alt="" style={{ maxWidth: '100%', marginBottom: 12 }} /> : null}
                <SanitisedHtml html={n.body} testId="news-preview" />
              </>
            ) : (
              <Typography.Text type="secondary">{t('publicity.news.previewAfterSave')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <GuardedModal
        dirty={reason.trim() !== ''}
        open={returning}
        title={t('publicity.news.returnTitle')}
        okText={t('publicity.news.return')}
        okButtonProps={{ danger: true, disabled: !reason.trim() || actM.isPending, loading: actM.isPending }}
        onOk={() => actM.mutate({ action: 'return', body: { reason } })}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Input.TextArea
          rows={4}
          maxLength={500}
          showCount
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t('publicity.news.returnReason')}
          placeholder={t('publicity.news.returnReason')}
          data-testid="news-return-reason-input"
        />
      </GuardedModal>
    </QueryState>
  );
}
