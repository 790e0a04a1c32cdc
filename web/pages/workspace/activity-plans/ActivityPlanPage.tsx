/**
 * One theme day's activity plan (活动方案). The host edits it (title pre-filled from the template and
 * checked live with checkActivityPlanTitle, agenda as an editable table, parts, partner bases, support
 * organisations, venue, head-count, online channel, epidemic measures, emergency plan) and submits it by
 * the due date; the owner approves or returns it with a reason; whoever may read it downloads the .docx.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ButtonProps } from 'antd';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ApiError, download } from '../../../api/client.ts';
import type { ActivityPlan, ActivityPlanBody, Organisation, Page, Programme, ThemeDay } from '../../../api/types.ts';
import { checkActivityPlanTitle, type ProgrammeRules } from '../../../../common/programme-rules.ts';
import { useT } from '../../../i18n/index.tsx';
import { useDebounced } from '../../../hooks/useDebounced.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { BaseSelect } from '../../../components/BaseSelect.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { fmtDate, fmtDateRange, fmtDateTime } from '../../../components/format.ts';
import { errorMessage } from '../../../components/errors.ts';
import { DueTag } from './ActivityPlansPage.tsx';

interface AgendaRow {
  date?: Dayjs;
  time?: string;
  item?: string;
  location?: string;
}

interface FormValues {
  title: string;
  agenda: AgendaRow[];
  parts: Record<string, { on?: boolean; description?: string }>;
  partnerBaseIds: string[];
  supportOrganisationIds: string[];
  venue: string;
  headcountLimit: number | null;
  onlineChannel: string;
  epidemicMeasures: string;
  emergencyPlan: string;
}

export function ActivityPlanPage() {
  const { id } = useParams();
  const ap = useQuery({ queryKey: ['activity-plan', id], queryFn: () => api.get<ActivityPlan>(`/theme-days/${id}/activity-plan`) });
  const td = useQuery({ queryKey: ['theme-day', id], queryFn: () => api.get<ThemeDay>(`/theme-days/${id}`) });
  const programme = useQuery({
    queryKey: ['programme', td.data?.programmeId],
    queryFn: () => api.get<Programme>(`/programmes/${td.data?.programmeId}`),
    enabled: !!td.data,
  });
  return (
    <QueryState isLoading={ap.isLoading} error={ap.error} refetch={() => void ap.refetch()}>
      {ap.data ? <ActivityPlanBodyView plan={ap.data} rules={programme.data?.rules} /> : null}
    </QueryState>
  );
}

function toForm(p: ActivityPlan, rules: ProgrammeRules | undefined): FormValues {
  const parts: FormValues['parts'] = {};
  const keys = rules?.contentAreas.map((a) => a.key) ?? p.parts.map((x) => x.key);
  for (const k of keys) {
    const found = p.parts.find((x) => x.key === k);
    parts[k] = { on: !!found && found.description.trim() !== '', description: found?.description ?? '' };
  }
  return {
    title: p.title || p.expectedTitle,
    agenda: p.agenda.map((a) => ({ date: dayjs(a.date), time: a.time, item: a.item, location: a.location ?? '' })),
    parts,
    partnerBaseIds: p.partners.map((b) => b.id),
    supportOrganisationIds: p.supportOrganisations.map((o) => o.id),
    venue: p.venue,
    headcountLimit: p.headcountLimit,
    onlineChannel: p.onlineChannel,
    epidemicMeasures: p.epidemicMeasures,
    emergencyPlan: p.emergencyPlan,
  };
}

function toBody(v: FormValues): ActivityPlanBody {
  return {
    title: v.title ?? '',
    agenda: (v.agenda ?? [])
      .filter((a) => a && (a.item || a.time || a.date))
      .map((a) => ({ date: a.date ? a.date.format('YYYY-MM-DD') : '', time: a.time ?? '', item: a.item ?? '', location: a.location || undefined })),
    parts: Object.entries(v.parts ?? {})
      .filter(([, x]) => x?.on)
      .map(([key, x]) => ({ key, description: x.description ?? '' })),
    partnerBaseIds: v.partnerBaseIds ?? [],
    supportOrganisationIds: v.supportOrganisationIds ?? [],
    venue: v.venue ?? '',
    headcountLimit: v.headcountLimit ?? null,
    onlineChannel: v.onlineChannel ?? '',
    epidemicMeasures: v.epidemicMeasures ?? '',
    emergencyPlan: v.emergencyPlan ?? '',
  };
}

const FIELD_NAMES = ['title', 'agenda', 'parts', 'partnerBaseIds', 'supportOrganisationIds', 'venue', 'headcountLimit', 'onlineChannel', 'epidemicMeasures', 'emergencyPlan'];

function ActivityPlanBodyView({ plan, rules }: { plan: ActivityPlan; rules: ProgrammeRules | undefined }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const values = Form.useWatch([], form) as FormValues | undefined;
  const initial = useMemo(() => toForm(plan, rules), [plan, rules]);
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [returnOpen, setReturnOpen] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [downloading, setDownloading] = useState(false);
  const editable = plan.abilities.edit;
  const tdId = plan.themeDayId;

  useEffect(() => {
    form.setFieldsValue(initial);
  }, [form, initial]);

  // The same title rule as the server (417号: "XXX（示范基地简称）融通创新主题日活动方案").
  const titleRules = rules ?? ({ titleTemplate: plan.expectedTitle.replace(plan.themeDay.host.shortName, '{简称}') } as ProgrammeRules);
  const titleCheck = checkActivityPlanTitle(titleRules, plan.themeDay.host.shortName, values?.title ?? initial.title);

  const done = (p: ActivityPlan) => {
    qc.setQueryData(['activity-plan', tdId], p);
    void qc.invalidateQueries({ queryKey: ['calendar'] });
    void qc.invalidateQueries({ queryKey: ['todo'] });
  };
  const onErr = (err: unknown) => {
    if (!(err instanceof ApiError)) {
      void message.error(String(err));
      return;
    }
    const fields = err.errors
      .filter((e) => FIELD_NAMES.includes(e.field.split('.')[0] ?? ''))
      .map((e) => ({ name: [e.field.split('.')[0] as string], errors: [e.message] }));
    const partsErr = fields.filter((f) => f.name[0] === 'parts' || f.name[0] === 'agenda');
    form.setFields(fields.filter((f) => f.name[0] !== 'parts' && f.name[0] !== 'agenda') as Parameters<typeof form.setFields>[0]);
    if (partsErr.length || fields.length === 0 || err.errors.length > fields.length) setBanner(err);
    void message.error(err.title);
  };
  const save = useMutation({
    mutationFn: (b: ActivityPlanBody) => api.put<ActivityPlan>(`/theme-days/${tdId}/activity-plan`, b),
    onSuccess: (p) => {
      done(p);
      setBanner(null);
      void message.success(t('common.saved'));
    },
    onError: onErr,
  });
  const submit = useMutation({
    mutationFn: async (b: ActivityPlanBody) => {
      await api.put<ActivityPlan>(`/theme-days/${tdId}/activity-plan`, b);
      return api.post<ActivityPlan>(`/theme-days/${tdId}/activity-plan/submit`);
    },
    onSuccess: (p) => {
      done(p);
      setBanner(null);
      void message.success(t('ap.submitted'));
    },
    onError: onErr,
  });
  const approve = useMutation({
    mutationFn: () => api.post<ActivityPlan>(`/theme-days/${tdId}/activity-plan/approve`),
    onSuccess: (p) => {
      done(p);
      void message.success(t('ap.approved'));
    },
    onError: onErr,
  });
  const ret = useMutation({
    mutationFn: (reason: string) => api.post<ActivityPlan>(`/theme-days/${tdId}/activity-plan/return`, { reason }),
    onSuccess: (p) => {
      done(p);
      setReturnOpen(false);
      void message.success(t('ap.returned'));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.errors.some((e) => e.field === 'reason')) {
        reasonForm.setFields([{ name: 'reason', errors: err.errors.map((e) => e.message) }]);
      } else onErr(err);
    },
  });

  const doDownload = () => {
    setDownloading(true);
    download(`/theme-days/${tdId}/activity-plan.docx`, `${plan.title || plan.expectedTitle}.docx`)
      .catch((e: unknown) => void message.error(errorMessage(e)))
      .finally(() => setDownloading(false));
  };

  const areas = rules?.contentAreas ?? plan.parts.map((p) => ({ key: p.key, name: p.name, nameEn: p.name }));
  const td = plan.themeDay;

  return (
    <>
      <PageHeader
        title={plan.title || plan.expectedTitle}
        docTitle={t('ap.title')}
        subtitle={
          <Space wrap>
            <StatusTag kind="activityPlan" status={plan.status} testId="ap-status" />
            <span>{td.title}</span>
            <span>{fmtDateRange(td.startDate, td.endDate)}</span>
          </Space>
        }
        extra={
          <>
            <LinkButton to="/workspace/activity-plans">{t('common.back')}</LinkButton>
            {plan.abilities.export ? (
              <Button icon={<DownloadOutlined />} onClick={doDownload} loading={downloading} data-testid="ap-download-docx">
                {t('ap.downloadDocx')}
              </Button>
            ) : null}
            {plan.abilities.return ? (
              <Button danger onClick={() => setReturnOpen(true)} data-testid="ap-return">
                {t('ap.return')}
              </Button>
            ) : null}
            {plan.abilities.approve ? (
              <Button type="primary" onClick={() => approve.mutate()} loading={approve.isPending} data-testid="ap-approve">
                {t('ap.approve')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="ap-due">
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('portal.host')}>{td.host.name}</Descriptions.Item>
          <Descriptions.Item label={t('ap.dueDate')}>
            <DueTag dueDate={plan.dueDate} status={plan.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('ap.submittedAt')}>{fmtDateTime(plan.submittedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {plan.status === 'returned' && plan.returnReason ? (
        <Alert type="warning" showIcon title={t('ap.returnedBanner')} description={plan.returnReason} style={{ marginBottom: 16 }} />
      ) : null}
      {banner ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setBanner(null) }}
          title={banner.title}
          description={
            banner.errors.length ? (
              <ul className="rt-issue-list">
                {banner.errors.map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
              </ul>
            ) : (
              banner.detail
            )
          }
          style={{ marginBottom: 16 }}
          data-testid="ap-server-error"
        />
      ) : null}
      {editable ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={17}>
            <Card>
              <Form<FormValues> form={form} layout="vertical" initialValues={initial} data-testid="ap-form">
                <Form.Item
                  name="title"
                  label={t('ap.planTitle')}
                  validateStatus={titleCheck.ok ? 'success' : 'error'}
                  hasFeedback
                  help={titleCheck.ok ? t('ap.titleOk') : titleCheck.issues.map((i) => i.message).join('；')}
                >
                  <Input data-testid="ap-title" maxLength={200} />
                </Form.Item>
                <Typography.Title level={2} className="rt-section-title">
                  {t('ap.agenda')}
                </Typography.Title>
                <AgendaEditor start={td.startDate} end={td.endDate} />
                <fieldset className="rt-fieldset" data-testid="ap-parts">
                  <legend className="rt-legend">{t('ap.parts')}</legend>
                  {areas.map((a, idx) => {
                    const on = !!values?.parts?.[a.key]?.on;
                    return (
                      <div key={a.key} className="rt-area">
                        <Form.Item name={['parts', a.key, 'on']} valuePropName="checked" style={{ marginBottom: 4 }}>
                          <Checkbox data-testid={`ap-part-${a.key}-check`}>
                            {idx + 1}. {a.name}
                          </Checkbox>
                        </Form.Item>
                        <Form.Item name={['parts', a.key, 'description']} label={t('plan.areaDescription', { name: a.name })} hidden={!on} className="rt-area-desc">
                          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} data-testid={`ap-part-${a.key}-description`} />
                        </Form.Item>
                      </div>
                    );
                  })}
                </fieldset>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name="partnerBaseIds" label={t('plan.partners')}>
                      <BaseSelect testId="ap-partners" known={plan.partners} excludeIds={[td.host.id]} ariaLabel={t('plan.partners')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="supportOrganisationIds" label={t('ap.supportOrgs')} extra={t('ap.supportOrgsHint')}>
                      <SupportOrgSelect known={plan.supportOrganisations} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="venue" label={t('ap.venue')}>
                      <Input data-testid="ap-venue" maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="headcountLimit" label={t('ap.headcount')} extra={t('ap.headcountHint')}>
                      <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="ap-headcount" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="onlineChannel" label={t('ap.online')}>
                  <Input data-testid="ap-online" maxLength={1000} placeholder={t('ap.onlinePlaceholder')} />
                </Form.Item>
                <Form.Item name="epidemicMeasures" label={t('plan.epidemic')}>
                  <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} data-testid="ap-epidemic" />
                </Form.Item>
                <Form.Item name="emergencyPlan" label={t('ap.emergency')}>
                  <Input.TextArea autoSize={{ minRows: 3 }} maxLength={10000} data-testid="ap-emergency" />
                </Form.Item>
                <Flex gap={8} wrap>
                  <Button onClick={() => save.mutate(toBody(form.getFieldsValue(true) as FormValues))} loading={save.isPending} data-testid="ap-save">
                    {t('plan.saveDraft')}
                  </Button>
                  {plan.abilities.submit || (plan.status === 'none' && !plan.overdue) ? (
                    <Button type="primary" onClick={() => submit.mutate(toBody(form.getFieldsValue(true) as FormValues))} loading={submit.isPending} data-testid="ap-submit">
                      {t('ap.submit')}
                    </Button>
                  ) : null}
                </Flex>
              </Form>
            </Card>
          </Col>
          <Col xs={24} xl={7}>
            <Card className="rt-sticky" size="small" title={<h2 className="rt-card-title">{t('ap.checks')}</h2>} data-testid="ap-issues">
              {plan.issues.length === 0 ? (
                <Alert type="success" showIcon title={t('ap.noIssues')} />
              ) : (
                <>
                  <Typography.Paragraph className="rt-text-secondary">{t('ap.issuesSaved')}</Typography.Paragraph>
                  <ul className="rt-issue-list">
                    {plan.issues.map((i, n) => (
                      <li key={n} data-code={i.code}>
                        {i.message}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Card>
          </Col>
        </Row>
      ) : (
        <ReadOnly plan={plan} />
      )}
      <Modal
        open={returnOpen}
        title={t('ap.returnTitle')}
        onCancel={() => setReturnOpen(false)}
        okText={t('ap.return')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: ret.isPending, 'data-testid': 'ap-return-confirm' } as ButtonProps}
        onOk={() => void reasonForm.validateFields().then((v) => ret.mutate(v.reason))}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item name="reason" label={t('plan.returnReason')} rules={[{ required: true, whitespace: true, message: t('plan.returnReasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 4 }} maxLength={2000} showCount data-testid="ap-return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The agenda as an editable table: one row per item (date within the theme day, time, item, place). */
function AgendaEditor({ start, end }: { start: string; end: string }) {
  const t = useT();
  return (
    <Form.List name="agenda">
      {(fields, { add, remove }) => (
        <div data-testid="ap-agenda" style={{ marginBottom: 24 }}>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            scroll={{ x: 760 }}
            locale={{ emptyText: t('ap.agendaEmpty') }}
            columns={[
              {
                title: t('portal.agenda.date'),
                width: 170,
                render: (_: unknown, f) => (
                  <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: t('ap.agendaDateRequired') }]} style={{ margin: 0 }}>
                    <DatePicker
                      aria-label={`${t('portal.agenda.date')} ${f.name + 1}`}
                      data-testid={`ap-agenda-${f.name}-date`}
                      defaultPickerValue={dayjs(start)}
                      disabledDate={(d) => d.isBefore(dayjs(start), 'day') || d.isAfter(dayjs(end), 'day')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('portal.agenda.time'),
                width: 130,
                render: (_: unknown, f) => (
                  <Form.Item name={[f.name, 'time']} rules={[{ required: true, whitespace: true, message: t('ap.agendaTimeRequired') }]} style={{ margin: 0 }}>
                    <Input placeholder="09:00-10:00" aria-label={`${t('portal.agenda.time')} ${f.name + 1}`} data-testid={`ap-agenda-${f.name}-time`} />
                  </Form.Item>
                ),
              },
              {
                title: t('portal.agenda.item'),
                render: (_: unknown, f) => (
                  <Form.Item name={[f.name, 'item']} rules={[{ required: true, whitespace: true, message: t('ap.agendaItemRequired') }]} style={{ margin: 0 }}>
                    <Input aria-label={`${t('portal.agenda.item')} ${f.name + 1}`} data-testid={`ap-agenda-${f.name}-item`} />
                  </Form.Item>
                ),
              },
              {
                title: t('portal.agenda.location'),
                width: 150,
                render: (_: unknown, f) => (
                  <Form.Item name={[f.name, 'location']} style={{ margin: 0 }}>
                    <Input aria-label={`${t('portal.agenda.location')} ${f.name + 1}`} data-testid={`ap-agenda-${f.name}-location`} />
                  </Form.Item>
                ),
              },
              {
                title: t('common.actions'),
                width: 70,
                render: (_: unknown, f) => (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('ap.agendaRemove', { n: f.name + 1 })} />
                ),
              },
            ]}
          />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ date: dayjs(start), time: '', item: '', location: '' })} style={{ marginTop: 8 }} block data-testid="ap-agenda-add">
            {t('ap.agendaAdd')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function SupportOrgSelect({ value, onChange, known, id }: { value?: string[]; onChange?: (v: string[]) => void; known: { id: string; name: string }[]; id?: string }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const orgs = useQuery({
    queryKey: ['organisations', 'support', q],
    queryFn: () => api.get<Page<Organisation>>('/organisations', { kind: 'support_org', q: q || undefined, pageSize: 50 }),
    staleTime: 60_000,
  });
  const map = new Map<string, string>(known.map((o) => [o.id, o.name]));
  for (const o of orgs.data?.items ?? []) map.set(o.id, o.name);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      data-testid="ap-support-orgs"
      aria-label={t('ap.supportOrgs')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={orgs.isFetching}
      options={[...map.entries()].map(([k, v]) => ({ value: k, label: v }))}
      placeholder={t('ap.supportOrgsPlaceholder')}
    />
  );
}

function ReadOnly({ plan }: { plan: ActivityPlan }) {
  const t = useT();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={<h2 className="rt-card-title">{t('ap.agenda')}</h2>}>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.date}-${r.time}-${r.item}`}
            dataSource={plan.agenda}
            locale={{ emptyText: t('ap.agendaEmpty') }}
            columns={[
              { title: t('portal.agenda.date'), dataIndex: 'date', render: (v: string) => fmtDate(v) },
              { title: t('portal.agenda.time'), dataIndex: 'time' },
              { title: t('portal.agenda.item'), dataIndex: 'item' },
              { title: t('portal.agenda.location'), dataIndex: 'location', render: (v?: string) => v || '—' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={<h2 className="rt-card-title">{t('ap.parts')}</h2>}>
          <List
            size="small"
            dataSource={plan.parts.filter((p) => p.description.trim())}
            locale={{ emptyText: '—' }}
            renderItem={(p) => (
              <List.Item>
                <div>
                  <strong>{p.name}</strong>
                  <div>{p.description}</div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card>
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 150 } }}>
            <Descriptions.Item label={t('plan.partners')}>{plan.partners.map((p) => p.name).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ap.supportOrgs')}>{plan.supportOrganisations.map((o) => o.name).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ap.venue')}>{plan.venue || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ap.headcount')}>{plan.headcountLimit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ap.online')}>{plan.onlineChannel || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('plan.epidemic')}>{plan.epidemicMeasures || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ap.emergency')}>{plan.emergencyPlan || '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}
