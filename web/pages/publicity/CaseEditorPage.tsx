/**
 * The success-case editor: /workspace/cases/new?project=ID (a party, the host's staff or NDRC proposes the
 * project as a case) and /workspace/cases/:id/edit (the same form, prefilled). Title, summary, the story as
 * plain text (caseStory.ts), up to 12 figures (label, value, unit) and up to 12 photos (the first is the
 * cover on the portal). Proposing sends the case to the other parties for their consent; saving an edit asks
 * every party again. If the project already has a case, the new-case address opens that case instead.
 */
import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Flex, Form, Input, Row, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import {
  IMAGE_MAX_BYTES,
  NEWS_SUMMARY_MAX,
  NEWS_TITLE_MAX,
  type CaseView,
  type ImageView,
  type ProjectCaseView,
} from '../../api/publicity.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { useLeaveGuard } from '../../hooks/useLeaveGuard.ts';
import { projectPath, useProject } from '../projects/parts/shared.tsx';
import { storyToHtml, storyToText } from './caseStory.ts';
import { casePath, useUploadImage } from './shared.tsx';

/** Most figures and photos a case may carry (CaseBody). */
export const CASE_FIGURES_MAX = 12;
export const CASE_PHOTOS_MAX = 12;

interface FigureRow {
  label: string;
  value: string;
  unit?: string;
}
interface CaseForm {
  title: string;
  summary: string;
  story: string;
  figures: FigureRow[];
  photos: ImageView[];
}

const EMPTY: CaseForm = { title: '', summary: '', story: '', figures: [], photos: [] };

/** /workspace/cases/new?project=ID */
export function CaseNewPage() {
  const t = useT();
  const [params] = useSearchParams();
  const projectId = params.get('project') ?? '';
  const project = useProject(projectId || undefined);
  const status = useQuery({
    queryKey: ['projects', 'success-case', projectId],
    queryFn: () => api.get<ProjectCaseView>(`/projects/${projectId}/success-case`),
    enabled: !!projectId,
  });
  if (!projectId)
    return (
      <>
        <PageHeader title={t('publicity.caseEditor.new')} />
        <Alert type="info" showIcon title={t('publicity.caseEditor.pickProject')} />
      </>
    );
  if (status.data?.case) return <Navigate to={casePath(status.data.case.id)} replace />;
  const p = project.data;
  return (
    <QueryState
      isLoading={project.isLoading || status.isLoading}
      error={project.error ?? status.error}
      refetch={() => void Promise.all([project.refetch(), status.refetch()])}
    >
      {p && status.data ? (
        status.data.abilities.propose ? (
          <CaseEditor
            projectId={p.id}
            projectTitle={p.title}
            parties={p.parties.map((x) => x.organisation.name)}
            initial={{ ...EMPTY, title: p.title }}
          />
        ) : (
          <>
            <PageHeader title={t('publicity.caseEditor.new')} />
            <Alert
              type="warning"
              showIcon
              title={t('publicity.caseEditor.cannotPropose')}
              action={<LinkButton to={projectPath(p.id)}>{t('common.back')}</LinkButton>}
            />
          </>
        )
      ) : null}
    </QueryState>
  );
}

/** /workspace/cases/:id/edit */
export function CaseEditPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['cases', id], queryFn: () => api.get<CaseView>(`/cases/${id}`) });
  const c = q.data;
  // The editor keeps its own state; a refetch of the case must not reset what is being typed.
  const [initial, setInitial] = useState<CaseForm | null>(null);
  if (c && !initial)
    setInitial({
      title: c.title,
      summary: c.summary,
      story: storyToText(c.story),
      figures: c.figures.map((f) => ({ label: f.label, value: f.value, unit: f.unit })),
      photos: c.photos,
    });
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
      {c && initial ? (
        c.abilities.edit ? (
          <CaseEditor
            caseId={c.id}
            projectId={c.project.id}
            projectTitle={c.project.title}
            parties={c.consents.map((x) => x.organisation.name)}
            initial={initial}
          />
        ) : (
          <>
            <PageHeader title={c.title} docTitle={t('publicity.caseEditor.edit')} />
            <Alert
              type="warning"
              showIcon
              title={
                c.status === 'published'
                  ? t('publicity.caseEditor.unpublishFirst')
                  : t('publicity.caseEditor.cannotEdit')
              }
              action={<LinkButton to={casePath(c.id)}>{t('common.back')}</LinkButton>}
            />
          </>
        )
      ) : null}
    </QueryState>
  );
}

function CaseEditor({
  caseId,
  projectId,
  projectTitle,
  parties,
  initial,
}: {
  caseId?: string;
  projectId: string;
  projectTitle: string;
  parties: string[];
  initial: CaseForm;
}) {
  const t = useT();
  const isNew = !caseId;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CaseForm>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The case another party proposed for this project while this one was being written. */
  const [existing, setExisting] = useState<string | null>(null);
  useLeaveGuard(dirty, t('publicity.caseEditor.leaveWarning'));

  const save = useMutation({
    mutationFn: (v: CaseForm) => {
      const body = {
        title: v.title,
        summary: v.summary ?? '',
        story: storyToHtml(v.story ?? ''),
        figures: (v.figures ?? []).map((f) => ({ label: f.label, value: f.value, unit: f.unit ?? '' })),
        photoIds: (v.photos ?? []).map((p) => p.id),
      };
      return isNew ? api.post<CaseView>('/cases', { projectId, ...body }) : api.put<CaseView>(`/cases/${caseId}`, body);
    },
    onSuccess: (res) => {
      setDirty(false);
      qc.setQueryData(['cases', res.id], res);
      void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
      void qc.invalidateQueries({ queryKey: ['projects', 'success-case', projectId] });
      void message.success(t(isNew ? 'publicity.caseEditor.proposed' : 'publicity.caseEditor.savedAskAgain'));
      void navigate(casePath(res.id), { replace: isNew });
    },
    onError: (e) => {
      // Another party proposed the same project meanwhile: open that case (what was typed is kept here).
      if (e instanceof ApiError && e.code === 'case_exists' && typeof e.extra.caseId === 'string') {
        setExisting(e.extra.caseId);
        setError(t('publicity.caseEditor.existsMeanwhile'));
        return;
      }
      if (!applyServerErrors(form, e, { photoIds: 'photos' })) setError(errorMessage(e));
      else setError(t('common.fixFields'));
    },
  });

  const submit = () => {
    setError(null);
    form
      .validateFields()
      .then((v) => save.mutate(v))
      .catch(() => setError(t('common.fixFields')));
  };

  const title = isNew ? t('publicity.caseEditor.new') : t('publicity.caseEditor.edit');
  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          <span>
            {t('publicity.cases.project')}：{projectTitle}
          </span>
        }
        extra={<LinkButton to={isNew ? projectPath(projectId) : casePath(caseId)}>{t('common.cancel')}</LinkButton>}
      />
      <Alert
        type={isNew ? 'info' : 'warning'}
        showIcon
        style={{ marginBottom: 12 }}
        title={isNew ? t('publicity.caseEditor.newRule') : t('publicity.caseEditor.editRule')}
        description={t('publicity.caseEditor.partiesAre', { parties: parties.join('、') })}
        data-testid="case-editor-rule"
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          closable
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="case-editor-error"
          onClose={() => setError(null)}
          action={
            existing ? <LinkButton to={casePath(existing)}>{t('publicity.caseEditor.openExisting')}</LinkButton> : null
          }
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        disabled={save.isPending}
        initialValues={initial}
        onValuesChange={() => {
          setDirty(true);
          // "Check the fields in red" goes once the person is fixing them.
          setError((e) => (e === t('common.fixFields') ? null : e));
        }}
        requiredMark
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={<h2 className="rt-card-title">{t('publicity.cases.story')}</h2>}>
              <Form.Item
                name="title"
                label={t('publicity.cases.caseTitle')}
                rules={[{ required: true, whitespace: true, message: t('publicity.caseEditor.titleRequired') }]}
              >
                <Input maxLength={NEWS_TITLE_MAX} showCount data-testid="case-title" />
              </Form.Item>
              <Form.Item
                name="summary"
                label={t('publicity.news.summary')}
                extra={t('publicity.caseEditor.summaryHelp')}
              >
                <Input.TextArea rows={2} maxLength={NEWS_SUMMARY_MAX} showCount data-testid="case-summary" />
              </Form.Item>
              <Form.Item
                name="story"
                label={t('publicity.cases.story')}
                extra={t('publicity.caseEditor.storyHelp')}
                rules={[{ required: true, whitespace: true, message: t('publicity.caseEditor.storyRequired') }]}
              >
                <Input.TextArea rows={12} maxLength={20_000} data-testid="case-story" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card
              title={<h2 className="rt-card-title">{t('publicity.cases.figures')}</h2>}
              style={{ marginBottom: 16 }}
            >
              <FiguresField />
            </Card>
            <Card title={<h2 className="rt-card-title">{t('publicity.caseEditor.photos')}</h2>}>
              <Form.Item name="photos" extra={t('publicity.caseEditor.photosHelp')} style={{ marginBottom: 0 }}>
                <PhotosField onError={setError} disabled={save.isPending} />
              </Form.Item>
            </Card>
          </Col>
        </Row>
      </Form>
      <Flex gap={8} wrap style={{ marginTop: 16 }}>
        <Button
          type="primary"
          loading={save.isPending}
          disabled={save.isPending}
          onClick={submit}
          data-testid="case-save"
        >
          {isNew ? t('publicity.caseEditor.submit') : t('publicity.caseEditor.save')}
        </Button>
        <LinkButton to={isNew ? projectPath(projectId) : casePath(caseId)} disabled={save.isPending}>
          {t('common.cancel')}
        </LinkButton>
      </Flex>
    </>
  );
}

/** Label / value / unit rows, added and removed, at most CASE_FIGURES_MAX. */
function FiguresField() {
  const t = useT();
  return (
    <Form.List name="figures">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 ? (
            <Typography.Paragraph type="secondary">{t('publicity.caseEditor.figuresNone')}</Typography.Paragraph>
          ) : null}
          {fields.map((field, i) => (
            <Flex key={field.key} gap={8} align="flex-start" data-testid="case-figure-row">
              <Form.Item
                name={[field.name, 'label']}
                style={{ flex: 3, marginBottom: 12 }}
                rules={[{ required: true, whitespace: true, message: t('publicity.caseEditor.figureLabelRequired') }]}
              >
                <Input
                  maxLength={30}
                  placeholder={t('publicity.caseEditor.figureLabel')}
                  aria-label={t('publicity.caseEditor.figureLabelN', { n: i + 1 })}
                  data-testid="case-figure-label"
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'value']}
                style={{ flex: 2, marginBottom: 12 }}
                rules={[{ required: true, whitespace: true, message: t('publicity.caseEditor.figureValueRequired') }]}
              >
                <Input
                  maxLength={30}
                  placeholder={t('publicity.caseEditor.figureValue')}
                  aria-label={t('publicity.caseEditor.figureValueN', { n: i + 1 })}
                  data-testid="case-figure-value"
                />
              </Form.Item>
              <Form.Item name={[field.name, 'unit']} style={{ flex: 1, marginBottom: 12 }}>
                <Input
                  maxLength={10}
                  placeholder={t('publicity.caseEditor.figureUnit')}
                  aria-label={t('publicity.caseEditor.figureUnitN', { n: i + 1 })}
                  data-testid="case-figure-unit"
                />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('publicity.caseEditor.figureRemoveN', { n: i + 1 })}
                onClick={() => remove(field.name)}
              />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            block
            disabled={fields.length >= CASE_FIGURES_MAX}
            onClick={() => add({ label: '', value: '', unit: '' })}
            data-testid="case-figure-add"
          >
            {fields.length >= CASE_FIGURES_MAX
              ? t('publicity.caseEditor.figuresFull', { n: CASE_FIGURES_MAX })
              : t('publicity.caseEditor.figureAdd')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Photos uploaded through /api/publicity/images; the first one is the portal's cover. */
function PhotosField({
  value = [],
  onChange,
  onError,
  disabled,
}: {
  value?: ImageView[];
  onChange?: (v: ImageView[]) => void;
  onError: (msg: string) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const upload = useUploadImage();
  const [uploading, setUploading] = useState(0);
  // Uploads finish one by one; each appends to the latest list, not to the one it started from.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const beforeUpload = (file: File) => {
    if (file.size > IMAGE_MAX_BYTES) {
      onError(t('publicity.image.tooLarge'));
      return false;
    }
    if (latest.current.length + uploading >= CASE_PHOTOS_MAX) {
      onError(t('publicity.caseEditor.photosFull', { n: CASE_PHOTOS_MAX }));
      return false;
    }
    setUploading((n) => n + 1);
    upload(file)
      .then((img) => {
        // The same photo picked twice while its upload runs is one upload (one Idempotency-Key): list it once.
        if (latest.current.some((p) => p.id === img.id)) return;
        latest.current = [...latest.current, img];
        onChange?.(latest.current);
      })
      .catch((e: unknown) => onError(errorMessage(e)))
      .finally(() => setUploading((n) => n - 1));
    return false;
  };
  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: value.length ? 12 : 0 }} data-testid="case-photos">
        {value.map((p, i) => (
          <figure key={p.id} style={{ margin: 0, width: 132 }}>
            <img
              src={p.url}
              alt={t('publicity.caseEditor.photoN', { n: i + 1 })}
              style={{ width: 132, height: 88, objectFit: 'cover', borderRadius: 4, border: '1px solid #d9d9d9' }}
            />
            <figcaption>
              <Space size={4}>
                {i === 0 ? <Typography.Text type="secondary">{t('publicity.caseEditor.cover')}</Typography.Text> : null}
                <Button
                  type="link"
                  size="small"
                  disabled={disabled}
                  onClick={() => onChange?.(value.filter((x) => x.id !== p.id))}
                  aria-label={t('publicity.caseEditor.photoRemoveN', { n: i + 1 })}
                >
                  {t('common.remove')}
                </Button>
              </Space>
            </figcaption>
          </figure>
        ))}
      </Flex>
      <Upload
        accept="image/png,image/jpeg,image/webp"
        showUploadList={false}
        multiple
        beforeUpload={beforeUpload}
        disabled={disabled || value.length >= CASE_PHOTOS_MAX}
      >
        <Button
          icon={<UploadOutlined />}
          loading={uploading > 0}
          disabled={disabled || value.length >= CASE_PHOTOS_MAX}
          data-testid="case-photo-upload"
        >
          {value.length >= CASE_PHOTOS_MAX
            ? t('publicity.caseEditor.photosFull', { n: CASE_PHOTOS_MAX })
            : t('publicity.caseEditor.photoUpload')}
        </Button>
      </Upload>
    </>
  );
}
