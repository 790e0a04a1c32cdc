/**
 * A session as its staff see it (/workspace/events/sessions/:id): the live head count (refreshed every
 * 5 s), the emergency plan, the registrants with their answers and .xlsx exports, and the epidemic
 * controls — lowering the on-site places (the dialog says how many move to the waitlist) and switching
 * to online-only.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { DownloadOutlined, MobileOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, download, isApiError } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { AnswerValue, EventSession, HeadCount, Registration } from '../../api/events.ts';
import { useT } from '../../i18n/index.tsx';
import { useTableState } from '../../hooks/useTableState.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { KindTag, RegStatusTag } from '../../components/events/SessionParts.tsx';
import { SessionFacts } from './SessionFacts.tsx';
import { GuardedModal } from '../../components/GuardedModal.tsx';

function answerText(v: AnswerValue | undefined, yes: string, no: string): string {
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return v ? yes : no;
  return v == null ? '' : String(v);
}

function LiveCount({ s }: { s: EventSession }) {
  const t = useT();
  const hc = useQuery({
    queryKey: ['events', 'head-count', s.id],
    queryFn: () => api.get<HeadCount>(`/event-sessions/${s.id}/head-count`),
    refetchInterval: 5000,
  });
  const d = hc.data;
  return (
    <Card
      title={<h2 className="rt-card-title">{t('events.liveCount')}</h2>}
      extra={
        <span className="rt-muted">
          {d ? t('events.updatedAt', { time: fmtDateTime(d.at).replace(/^.*日 /, '') }) : t('events.liveCountHint')}
        </span>
      }
      style={{ marginBottom: 16 }}
      data-testid="live-count"
    >
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('events.checkedIn')} value={d?.checkedIn ?? '—'} valueStyle={{ color: '#135200' }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('events.registered')} value={d ? d.offline.registered + d.online.registered : '—'} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('events.waitlisted')} value={d ? d.offline.waitlisted + d.online.waitlisted : '—'} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('events.capacity')}
            value={s.capacity ?? '—'}
            suffix={
              s.headcountLimit ? (
                <span className="rt-muted" style={{ fontSize: 13 }}>
                  / {t('events.headcountLimit')} {s.headcountLimit}
                </span>
              ) : null
            }
          />
        </Col>
      </Row>
    </Card>
  );
}

function CapacityDialog({ s, open, onClose }: { s: EventSession; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ capacity: number; reason?: string }>();
  const capacity = Form.useWatch('capacity', form);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { capacity: number; reason?: string }) =>
      api.post<EventSession>(`/event-sessions/${s.id}/capacity`, v),
    onSuccess: async () => {
      void message.success(t('events.capacityChanged'));
      await qc.invalidateQueries({ queryKey: ['events'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) setError(errorMessage(e));
    },
  });
  // The server keeps checked-in people in the room and moves the latest registrations out first.
  const registered = s.offline.registered;
  const checkedIn = s.offline.checkedIn;
  const c = typeof capacity === 'number' ? capacity : null;
  const moving = c == null ? 0 : Math.max(0, registered - Math.max(c, checkedIn));
  const promoting = c == null ? 0 : Math.min(s.offline.waitlisted, Math.max(0, c - registered));
  const preview =
    c == null
      ? null
      : moving > 0
        ? t('events.lowerPreview', { registered, checkedIn, capacity: c, n: moving })
        : promoting > 0
          ? t('events.raisePreview', { capacity: c, n: promoting })
          : t('events.lowerPreviewNone', { capacity: c });
  return (
    <GuardedModal
      form={form}
      open={open}
      title={t('events.lowerCapacity')}
      okText={t('events.lowerConfirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: moving > 0, loading: save.isPending, 'data-testid': 'capacity-ok' }}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ capacity: s.capacity ?? undefined }} preserve={false}>
        <Form.Item
          name="capacity"
          label={t('events.newCapacity')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber
            min={1}
            max={s.headcountLimit ?? undefined}
            style={{ width: '100%' }}
            data-testid="capacity-input"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('events.reason')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      {preview ? (
        <Alert type={moving > 0 ? 'warning' : 'info'} showIcon title={preview} data-testid="capacity-preview" />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} /> : null}
    </GuardedModal>
  );
}

function applyFieldErrors(
  form: ReturnType<typeof Form.useForm<{ capacity: number; reason?: string }>>[0],
  e: unknown,
): boolean {
  if (!isApiError(e) || !e.errors.length) return false;
  form.setFields(
    e.errors
      .filter((x) => x.field === 'capacity' || x.field === 'reason')
      .map((x) => ({ name: x.field as 'capacity', errors: [x.message] })),
  );
  return e.errors.some((x) => x.field === 'capacity' || x.field === 'reason');
}

function Registrants({ s }: { s: EventSession }) {
  const t = useT();
  const ts = useTableState({ pageSize: 20 });
  const [text, setText] = useState(ts.filters.q ?? '');
  const qText = useDebounced(text, 300);
  const query = { ...ts.query, q: qText || undefined };
  const list = useQuery({
    queryKey: ['events', 'registrations', s.id, query],
    queryFn: () => api.get<Page<Registration>>(`/event-sessions/${s.id}/registrations`, query),
    refetchInterval: 15000,
  });
  const { message } = App.useApp();
  const dl = (path: string, name: string) =>
    void download(path, name).catch((e: unknown) => message.error(errorMessage(e)));
  return (
    <Card
      title={<h2 className="rt-card-title">{t('events.registrants')}</h2>}
      extra={
        s.abilities.export ? (
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => dl(`/event-sessions/${s.id}/registrations.xlsx`, `${s.title}-报名名单.xlsx`)}
              data-testid="export-registrations"
            >
              {t('events.exportRegistrations')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => dl(`/event-sessions/${s.id}/check-ins.xlsx`, `${s.title}-签到名单.xlsx`)}
              data-testid="export-checkins"
            >
              {t('events.exportCheckIns')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('events.searchRegistrants')}
          aria-label={t('events.searchRegistrants')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          aria-label={t('events.filterStatus')}
          placeholder={t('events.filterStatus')}
          style={{ width: 160 }}
          value={ts.filters.status}
          onChange={(v?: string) => ts.setFilters({ ...ts.filters, status: v })}
          options={(['registered', 'waitlisted', 'cancelled'] as const).map((x) => ({
            value: x,
            label: t(`events.status.${x}`),
          }))}
        />
      </Flex>
      <Table<Registration>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={ts.pagination(list.data?.total)}
        onChange={ts.onTableChange}
        scroll={{ x: 900 }}
        data-testid="registrants-table"
        columns={[
          { title: t('events.name'), key: 'name', render: (_: unknown, r) => r.user.name },
          { title: t('events.organisation'), key: 'org', render: (_: unknown, r) => r.organisation?.name ?? '—' },
          {
            title: t('events.attendance'),
            key: 'att',
            width: 100,
            render: (_: unknown, r) => t(`events.attendance.${r.attendance}`),
          },
          {
            title: t('common.status'),
            key: 'status',
            width: 150,
            render: (_: unknown, r) => <RegStatusTag status={r.status} position={r.waitlistPosition} />,
          },
          {
            title: t('events.checkedInAt'),
            key: 'checkedInAt',
            sorter: true,
            sortOrder: ts.sortOrderOf('checkedInAt'),
            render: (_: unknown, r) =>
              r.checkedInAt ? fmtDateTime(r.checkedInAt) : <span className="rt-muted">{t('events.notCheckedIn')}</span>,
          },
          {
            title: t('events.answers'),
            key: 'answers',
            render: (_: unknown, r) =>
              s.questions.length ? (
                <div style={{ maxWidth: 320 }}>
                  {s.questions
                    .filter((q) => r.answers[q.key] !== undefined)
                    .map((q) => (
                      <div key={q.key}>
                        <span className="rt-muted">{q.label}：</span>
                        {answerText(r.answers[q.key], t('events.yes'), t('events.no'))}
                      </div>
                    ))}
                </div>
              ) : (
                '—'
              ),
          },
          {
            title: t('events.registeredAt'),
            key: 'createdAt',
            sorter: true,
            sortOrder: ts.sortOrderOf('createdAt'),
            render: (_: unknown, r) => fmtDateTime(r.createdAt),
          },
        ]}
      />
    </Card>
  );
}

export function StaffSessionPage() {
  const { id } = useParams();
  const t = useT();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const [capOpen, setCapOpen] = useState(false);
  const q = useQuery({
    queryKey: ['events', 'session', id],
    queryFn: () => api.get<EventSession>(`/event-sessions/${id}`),
  });
  const s = q.data;
  const online = useMutation({
    mutationFn: () => api.post<EventSession>(`/event-sessions/${id}/online-only`, {}),
    onSuccess: async () => {
      void message.success(t('events.switchedOnline'));
      await qc.invalidateQueries({ queryKey: ['events'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
      {s ? (
        <>
          <PageHeader
            title={s.title}
            subtitle={
              <Space size={4} wrap>
                <KindTag kind={s.kind} />
                <span>{s.themeDay.title}</span>
              </Space>
            }
            extra={
              <>
                <LinkButton to="/workspace/events?tab=manage">{t('common.back')}</LinkButton>
                {s.abilities.edit ? (
                  <LinkButton to={`/workspace/events/sessions/${s.id}/edit`}>{t('events.edit')}</LinkButton>
                ) : null}
                {s.abilities.checkIn ? (
                  <LinkButton
                    type="primary"
                    icon={<MobileOutlined />}
                    to={`/workspace/events/check-in/${s.id}`}
                    data-testid="open-check-in"
                  >
                    {t('events.openCheckIn')}
                  </LinkButton>
                ) : null}
              </>
            }
          />
          {s.emergencyPlan ? (
            <Alert
              type="warning"
              showIcon
              title={t('events.emergencyPlan')}
              description={s.emergencyPlan}
              style={{ marginBottom: 16 }}
              data-testid="emergency-plan"
            />
          ) : null}
          {s.abilities.viewRegistrations ? <LiveCount s={s} /> : null}
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={16}>
              <Card style={{ height: '100%' }}>
                <SessionFacts s={s} />
                {s.onlineChannel ? (
                  <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                    <span className="rt-muted">{t('events.onlineChannel')}：</span>
                    {s.onlineChannel}
                  </Typography.Paragraph>
                ) : null}
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card
                title={<h2 className="rt-card-title">{t('events.epidemicControls')}</h2>}
                style={{ height: '100%' }}
              >
                {s.mode === 'online' ? (
                  <Typography.Paragraph className="rt-muted">{t('events.onlineOnlyNote')}</Typography.Paragraph>
                ) : (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {s.abilities.changeCapacity ? (
                      <Button block onClick={() => setCapOpen(true)} data-testid="lower-capacity">
                        {t('events.lowerCapacity')}
                      </Button>
                    ) : null}
                    {s.abilities.switchOnline ? (
                      <Button
                        block
                        danger
                        loading={online.isPending}
                        data-testid="switch-online"
                        onClick={() =>
                          modal.confirm({
                            title: t('events.switchOnlineConfirm', { title: s.title }),
                            content: t('events.switchOnlineBody', {
                              n:
                                s.offline.registered + s.offline.waitlisted + s.online.registered + s.online.waitlisted,
                            }),
                            okText: t('events.switchOnline'),
                            okButtonProps: { danger: true },
                            cancelText: t('common.cancel'),
                            onOk: () => online.mutateAsync(),
                          })
                        }
                      >
                        {t('events.switchOnline')}
                      </Button>
                    ) : null}
                  </Space>
                )}
              </Card>
            </Col>
          </Row>
          {s.abilities.viewRegistrations ? <Registrants s={s} /> : null}
          {capOpen ? <CapacityDialog s={s} open={capOpen} onClose={() => setCapOpen(false)} /> : null}
        </>
      ) : null}
    </QueryState>
  );
}
