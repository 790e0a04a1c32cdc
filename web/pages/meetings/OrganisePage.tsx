/**
 * A meeting session for its organisers (host base admins, named support organisations): overview and slot grid,
 * every accepted meeting (fix to a slot, cancel), every request, and — in organiser mode — the scheduler: run it
 * in the background and watch the best total of breaks, the lower bound and the time; stop keeping the best;
 * preview every agenda with breaks and unscheduled meetings with reasons; move meetings by hand; publish;
 * after publishing, schedule late requests incrementally (optionally allowing published meetings to move).
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Flex, Form, InputNumber, Modal, Popconfirm, Progress, Row, Select, Space, Statistic, Switch, Table, Tabs, Typography } from 'antd';
import { EditOutlined, PrinterOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Meeting, MeetingRequest, MeetingSession, Overview, Participant, Party, Preview, PublishResult, ScheduleRun } from '../../api/meetings.ts';
import type { Page } from '../../api/types.ts';
import { ErrorPage } from '../../components/ErrorPage.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { useT } from '../../i18n/index.tsx';
import { CitedItemLabel, Countdown, MeetingStatusTag, RequestStatusTag, SessionStateTags, hm, sessionPath, sessionWhen, slotLabel, useSession } from './shared.tsx';

const pair = (ps: Party[]) => ps.map((p) => p.organisationName).join(' × ');

export function OrganisePage() {
  const t = useT();
  const { sessionId } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useSession(sessionId);
  const s = session.data;
  // The default tab is chosen once: publishing must not switch the organiser away from the scheduler.
  const [firstTab, setFirstTab] = useState<string | null>(null);
  useEffect(() => {
    if (s && firstTab === null) setFirstTab(s.mode === 'organiser' && !s.publishedAt ? 'schedule' : 'overview');
  }, [s, firstTab]);
  const tab = params.get('tab') ?? firstTab ?? 'overview';
  if (s && !s.abilities.manage) return <ErrorPage status={403} inWorkspace />;
  return (
    <QueryState isLoading={session.isLoading} error={session.error} refetch={() => void session.refetch()}>
      {s ? (
        <>
          <PageHeader
            title={t('meetings.organiseTitle', { title: s.title })}
            docTitle={s.title}
            subtitle={
              <Space wrap size={4}>
                <span>{s.themeDayTitle}</span>
                <span>·</span>
                <span>{sessionWhen(s)}</span>
                <SessionStateTags s={s} />
              </Space>
            }
            extra={
              <>
                <LinkButton icon={<EditOutlined />} to={`${sessionPath(s.id)}/edit`} data-testid="session-edit">
                  {t('meetings.editSession')}
                </LinkButton>
                <LinkButton icon={<PrinterOutlined />} to={`${sessionPath(s.id)}/print/tables`}>
                  {t('meetings.printTables')}
                </LinkButton>
                <LinkButton icon={<PrinterOutlined />} to={`${sessionPath(s.id)}/print/overview`}>
                  {t('meetings.printOverview')}
                </LinkButton>
                <LinkButton icon={<TeamOutlined />} to={sessionPath(s.id)}>
                  {t('meetings.participantView')}
                </LinkButton>
              </>
            }
          />
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams({ tab: k })}
            items={[
              { key: 'overview', label: t('meetings.tab.overview'), children: <OverviewTab s={s} /> },
              ...(s.mode === 'organiser' ? [{ key: 'schedule', label: t('meetings.tab.schedule'), children: <ScheduleTab s={s} /> }] : []),
              { key: 'meetings', label: t('meetings.tab.meetings'), children: <MeetingsTab s={s} /> },
              { key: 'requests', label: t('meetings.tab.allRequests'), children: <AllRequestsTab s={s} /> },
              { key: 'participants', label: t('meetings.tab.directory'), children: <ParticipantsTab s={s} /> },
            ]}
          />
        </>
      ) : null}
    </QueryState>
  );
}

export function useOverview(id: string) {
  return useQuery({ queryKey: ['meetings', 'overview', id], queryFn: () => api.get<Overview>(`/meeting-sessions/${id}/overview`) });
}

function OverviewTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const ov = useOverview(s.id);
  const o = ov.data;
  return (
    <QueryState isLoading={ov.isLoading} error={ov.error} refetch={() => void ov.refetch()}>
      {o ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            {(
              [
                ['participants', o.counts.participants],
                ['pendingRequests', o.counts.pendingRequests],
                ['accepted', o.counts.accepted],
                ['scheduled', o.counts.scheduled],
                ['unscheduled', o.counts.unscheduled],
              ] as const
            ).map(([k, v]) => (
              <Col xs={12} md={8} lg={4} key={k}>
                <Card size="small">
                  <Statistic title={t(`meetings.count.${k}`)} value={v} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} lg={4}>
              <Card size="small">
                <Statistic title={t('meetings.totalBreaks')} value={o.totalBreaks} />
              </Card>
            </Col>
          </Row>
          <SlotGrid o={o} />
        </Space>
      ) : null}
    </QueryState>
  );
}

export function SlotGrid({ o }: { o: Overview }) {
  const t = useT();
  return (
    <Table
      rowKey={(r) => r.slot.index}
      size="small"
      pagination={false}
      dataSource={o.grid}
      scroll={{ x: 640 }}
      data-testid="overview-grid"
      columns={[
        { title: t('meetings.slot'), key: 'slot', width: 130, render: (_: unknown, r) => <Typography.Text strong>{slotLabel(r.slot)}</Typography.Text> },
        {
          title: t('meetings.meetingsInSlot'),
          key: 'm',
          render: (_: unknown, r) =>
            r.meetings.length ? (
              <Flex gap={6} wrap>
                {r.meetings.map((m) => (
                  <ToneTag key={m.meetingId} tone="blue">
                    {m.location?.label ?? '—'}：{pair(m.participants)}
                  </ToneTag>
                ))}
              </Flex>
            ) : (
              <span className="rt-muted">—</span>
            ),
        },
      ]}
    />
  );
}

// ---------------------------------------------------------------------------------------------------------
// Scheduler
// ---------------------------------------------------------------------------------------------------------

function ScheduleTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [seconds, setSeconds] = useState(5);
  const [allowMoves, setAllowMoves] = useState(false);
  const runs = useQuery({
    queryKey: ['meetings', 'runs', s.id],
    queryFn: () => api.get<Page<ScheduleRun>>(`/meeting-sessions/${s.id}/schedule-runs`, { pageSize: 1 }),
  });
  const latest = runs.data?.items[0];
  const [runId, setRunId] = useState<string | null>(null);
  const id = runId ?? latest?.id ?? null;
  const run = useQuery({
    queryKey: ['meetings', 'run', id],
    queryFn: () => api.get<ScheduleRun>(`/schedule-runs/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 400 : false),
  });
  const r = run.data;
  useEffect(() => {
    if (r && r.status !== 'running') void qc.invalidateQueries({ queryKey: ['meetings', 'preview', r.id] });
  }, [r?.status, r?.id, qc, r]);
  const start = useMutation({
    mutationFn: () => api.post<ScheduleRun>(`/meeting-sessions/${s.id}/schedule-runs`, { timeLimitSeconds: seconds, allowMoves }),
    onSuccess: (x) => {
      setRunId(x.id);
      qc.setQueryData(['meetings', 'run', x.id], x);
      void runs.refetch();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const stop = useMutation({
    mutationFn: () => api.post<ScheduleRun>(`/schedule-runs/${id}/stop`),
    onSuccess: (x) => qc.setQueryData(['meetings', 'run', x.id], x),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const running = r?.status === 'running';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<h2 className="rt-card-title">{s.publishedAt ? t('meetings.incrementalTitle') : t('meetings.runTitle')}</h2>}>
        <Typography.Paragraph className="rt-muted">{s.publishedAt ? t('meetings.incrementalHelp') : t('meetings.runHelp')}</Typography.Paragraph>
        <Flex gap={16} align="center" wrap>
          <label htmlFor="run-seconds">{t('meetings.timeLimit')}</label>
          <InputNumber id="run-seconds" min={1} max={120} value={seconds} onChange={(v) => setSeconds(v ?? 5)} suffix={t('meetings.seconds')} style={{ width: 120 }} />
          {s.publishedAt ? (
            <Space>
              <Switch checked={allowMoves} onChange={setAllowMoves} id="allow-moves" data-testid="allow-moves" />
              <label htmlFor="allow-moves">{t('meetings.allowMoves')}</label>
            </Space>
          ) : null}
          <Button type="primary" loading={start.isPending} disabled={running} onClick={() => start.mutate()} data-testid="run-start">
            {latest ? t('meetings.runAgain') : t('meetings.runStart')}
          </Button>
        </Flex>
      </Card>
      {r ? (
        <Card title={<h2 className="rt-card-title">{t('meetings.progress')}</h2>} data-testid="run-progress">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('meetings.bestBreaks')} value={r.bestBreaks ?? '—'} valueStyle={{ color: '#135200' }} />
              <span data-testid="run-best" data-value={r.bestBreaks ?? ''} hidden />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('meetings.lowerBound')} value={r.lowerBound ?? '—'} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('meetings.elapsed')} value={(r.elapsedMs / 1000).toFixed(1)} suffix={t('meetings.seconds')} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('meetings.meetingsCount')} value={r.meetings} />
            </Col>
          </Row>
          <Progress
            percent={running ? Math.min(99, Math.round((r.elapsedMs / r.timeLimitMs) * 100)) : 100}
            status={r.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
            aria-label={t('meetings.progress')}
          />
          <Flex gap={12} align="center" wrap>
            <span data-testid="run-status">
              {running ? (
                <ToneTag tone="blue">{r.stopRequested ? t('meetings.run.stopping') : t('meetings.run.running')}</ToneTag>
              ) : r.status === 'failed' ? (
                <ToneTag tone="red">{t('meetings.run.failed')}</ToneTag>
              ) : r.status === 'published' ? (
                <ToneTag tone="green">{t('meetings.run.published')}</ToneTag>
              ) : (
                <ToneTag tone="green">{t('meetings.run.finished')}</ToneTag>
              )}
            </span>
            {r.provedOptimal ? <ToneTag tone="green">{t('meetings.provedOptimal')}</ToneTag> : null}
            {r.feasible === false ? <ToneTag tone="orange">{t('meetings.notFeasible')}</ToneTag> : null}
            {r.abilities.stop ? (
              <Button danger onClick={() => stop.mutate()} loading={stop.isPending} disabled={r.stopRequested} data-testid="run-stop">
                {t('meetings.stopKeepBest')}
              </Button>
            ) : null}
            <span className="rt-muted">{t('meetings.startedAt', { at: fmtDateTime(r.startedAt) })}</span>
          </Flex>
          {r.error ? <Alert type="error" showIcon title={r.error} style={{ marginTop: 12 }} /> : null}
        </Card>
      ) : runs.isSuccess ? (
        <Empty description={t('meetings.noRunYet')} />
      ) : null}
      {r && (r.status === 'finished' || r.status === 'published') ? <PreviewPanel s={s} run={r} onPublished={() => void runs.refetch()} /> : null}
    </Space>
  );
}

function PreviewPanel({ s, run, onPublished }: { s: MeetingSession; run: ScheduleRun; onPublished: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [adjusting, setAdjusting] = useState<{ meetingId: string; label: string; slotIndex: number | null } | null>(null);
  const [acceptUnscheduled, setAcceptUnscheduled] = useState(false);
  const [acceptUnfair, setAcceptUnfair] = useState(false);
  const preview = useQuery({ queryKey: ['meetings', 'preview', run.id], queryFn: () => api.get<Preview>(`/schedule-runs/${run.id}/preview`), enabled: run.status === 'finished' });
  const publish = useMutation({
    mutationFn: () => api.post<PublishResult>(`/schedule-runs/${run.id}/publish`, { acceptUnscheduled, acceptUnfair }),
    onSuccess: async (x) => {
      void message.success(t('meetings.publishedMsg', { placed: x.placed, changed: x.changed }));
      qc.setQueryData(['meetings', 'run', run.id], x.run);
      await qc.invalidateQueries({ queryKey: ['meetings'] });
      onPublished();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (run.status === 'published') return <Alert type="success" showIcon title={t('meetings.runPublished')} data-testid="run-published" />;
  const p = preview.data;
  const unfair = p?.violations.some((v) => v.code === 'fairness') ?? false;
  return (
    <QueryState isLoading={preview.isLoading} error={preview.error} refetch={() => void preview.refetch()}>
      {p ? (
        <Card title={<h2 className="rt-card-title">{t('meetings.preview')}</h2>} data-testid="run-preview">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'b', label: t('meetings.totalBreaks'), children: <span data-testid="preview-breaks">{p.totalBreaks}</span> },
              { key: 'l', label: t('meetings.lowerBound'), children: p.lowerBound ?? '—' },
              { key: 'u', label: t('meetings.count.unscheduled'), children: p.unscheduled.length },
            ]}
          />
          {p.violations.length ? (
            <Alert
              type={p.publishable ? 'warning' : 'error'}
              showIcon
              style={{ margin: '12px 0' }}
              title={p.publishable ? t('meetings.softViolations') : t('meetings.hardViolations')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {p.violations.map((v, i) => (
                    <li key={i}>
                      {v.message}
                      {v.detail ? `（${v.detail}）` : ''}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : (
            <Alert type="success" showIcon style={{ margin: '12px 0' }} title={t('meetings.noViolations')} />
          )}
          {p.unscheduled.length ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 16 }}>
                {t('meetings.unscheduledTitle')}
              </Typography.Title>
              <Table
                rowKey="meetingId"
                size="small"
                pagination={false}
                dataSource={p.unscheduled}
                scroll={{ x: 600 }}
                data-testid="preview-unscheduled"
                columns={[
                  { title: t('meetings.parties'), key: 'p', render: (_: unknown, u) => pair(u.participants) },
                  { title: t('common.reason'), key: 'r', render: (_: unknown, u) => u.reason.message },
                  {
                    title: t('common.actions'),
                    key: 'a',
                    render: (_: unknown, u) => (
                      <Button size="small" onClick={() => setAdjusting({ meetingId: u.meetingId, label: pair(u.participants), slotIndex: null })} aria-label={`${t('meetings.adjust')} ${pair(u.participants)}`}>
                        {t('meetings.placeByHand')}
                      </Button>
                    ),
                  },
                ]}
              />
            </>
          ) : null}
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {t('meetings.agendas')}
          </Typography.Title>
          <Table
            rowKey={(a) => a.participant.participantId}
            size="small"
            dataSource={p.agendas}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 700 }}
            data-testid="preview-agendas"
            columns={[
              {
                title: t('meetings.participant'),
                key: 'p',
                width: 220,
                render: (_: unknown, a) => (
                  <div>
                    <Typography.Text strong>{a.participant.organisationName}</Typography.Text>
                    <div className="rt-muted">{a.participant.name}</div>
                  </div>
                ),
              },
              { title: t('meetings.breaks'), dataIndex: 'breaks', key: 'b', width: 80, align: 'right', render: (v: number) => (v > 0 ? <ToneTag tone="orange">{v}</ToneTag> : v) },
              {
                title: t('meetings.tab.agenda'),
                key: 'i',
                render: (_: unknown, a) => (
                  <Flex gap={6} wrap>
                    {a.items.map((it) => (
                      <Button
                        key={it.meetingId}
                        size="small"
                        onClick={() => setAdjusting({ meetingId: it.meetingId, label: `${a.participant.organisationName} × ${it.counterpart.organisationName}`, slotIndex: it.slotIndex })}
                        aria-label={`${t('meetings.adjust')} ${hm(it.startsAt)} ${it.counterpart.organisationName}`}
                      >
                        {hm(it.startsAt)} {it.location?.label ?? ''} · {it.counterpart.organisationName}
                      </Button>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
          <Flex gap={16} align="center" wrap style={{ marginTop: 16 }}>
            {p.unscheduled.length ? (
              <Checkbox checked={acceptUnscheduled} onChange={(e) => setAcceptUnscheduled(e.target.checked)} data-testid="accept-unscheduled">
                {t('meetings.acceptUnscheduled', { n: p.unscheduled.length })}
              </Checkbox>
            ) : null}
            {unfair ? (
              <Checkbox checked={acceptUnfair} onChange={(e) => setAcceptUnfair(e.target.checked)}>
                {t('meetings.acceptUnfair')}
              </Checkbox>
            ) : null}
            <Popconfirm title={s.publishedAt ? t('meetings.republishConfirm') : t('meetings.publishConfirm')} onConfirm={() => publish.mutate()} okButtonProps={{ 'data-testid': 'publish-confirm' } as never}>
              <Button
                type="primary"
                disabled={!run.abilities.publish || !p.publishable || (p.unscheduled.length > 0 && !acceptUnscheduled) || (unfair && !acceptUnfair)}
                loading={publish.isPending}
                data-testid="run-publish"
              >
                {t('meetings.publish')}
              </Button>
            </Popconfirm>
          </Flex>
          {adjusting ? <AdjustModal s={s} runId={run.id} target={adjusting} onClose={() => setAdjusting(null)} /> : null}
        </Card>
      ) : null}
    </QueryState>
  );
}

function AdjustModal({ s, runId, target, onClose }: { s: MeetingSession; runId: string; target: { meetingId: string; label: string; slotIndex: number | null }; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ slotIndex: number | -1; location?: number }>();
  const capacity = s.tables + s.onlineRooms;
  const adjust = useMutation({
    mutationFn: (v: { slotIndex: number | -1; location?: number }) =>
      api.post<Preview>(`/schedule-runs/${runId}/adjustments`, { meetingId: target.meetingId, slotIndex: v.slotIndex === -1 ? null : v.slotIndex, ...(v.location ? { location: v.location } : {}) }),
    onSuccess: (p) => {
      qc.setQueryData(['meetings', 'preview', runId], p);
      void message.success(t('meetings.adjusted'));
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const locLabel = (l: number) => (l <= s.tables ? t('meetings.tableN', { n: l }) : t('meetings.roomN', { n: l - s.tables }));
  return (
    <Modal open title={t('meetings.adjustTitle', { label: target.label })} onOk={() => form.submit()} okButtonProps={{ loading: adjust.isPending }} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ slotIndex: target.slotIndex ?? -1 }} onFinish={(v) => adjust.mutate(v)}>
        <Form.Item name="slotIndex" label={t('meetings.slot')} rules={[{ required: true }]}>
          <Select options={[{ value: -1, label: t('meetings.unplace') }, ...s.slots.map((x) => ({ value: x.index, label: slotLabel(x) }))]} />
        </Form.Item>
        <Form.Item name="location" label={t('meetings.location')} extra={t('meetings.locationAuto')}>
          <Select allowClear options={Array.from({ length: capacity }, (_, i) => ({ value: i + 1, label: locLabel(i + 1) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Meetings and requests
// ---------------------------------------------------------------------------------------------------------

function MeetingsTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const list = useQuery({
    queryKey: ['meetings', 'all-meetings', s.id, page, status],
    queryFn: () => api.get<Page<Meeting>>(`/meeting-sessions/${s.id}/meetings`, { page, pageSize: 50, status }),
  });
  const fix = useMutation({
    mutationFn: ({ id, slotIndex }: { id: string; slotIndex: number | null }) => api.post<Meeting>(`/meetings/${id}/fix`, { slotIndex }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => api.post<Meeting>(`/meetings/${id}/cancel`, {}),
    onSuccess: async () => {
      void message.success(t('meetings.cancelled'));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <label htmlFor="meeting-status">{t('common.status')}</label>
        <Select
          id="meeting-status"
          allowClear
          style={{ width: 160 }}
          placeholder={t('common.all')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['accepted', 'scheduled', 'cancelled'] as const).map((x) => ({ value: x, label: t(`meetings.meeting.${x}`) }))}
        />
      </Space>
      <QueryState isLoading={list.isLoading} error={list.error}>
        <Table<Meeting>
          rowKey="id"
          size="middle"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          data-testid="all-meetings"
          pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
          locale={{ emptyText: <Empty description={t('meetings.noMeetings')} /> }}
          columns={[
            { title: t('meetings.parties'), key: 'p', render: (_: unknown, m) => pair(m.participants) },
            { title: t('common.status'), key: 's', render: (_: unknown, m) => <MeetingStatusTag status={m.status} /> },
            { title: t('meetings.slot'), key: 'slot', render: (_: unknown, m) => (m.slot ? `${slotLabel(m.slot)} ${m.location?.label ?? ''}` : '—') },
            { title: t('meetings.cite'), key: 'c', render: (_: unknown, m) => (m.citedItem ? <CitedItemLabel item={m.citedItem} /> : '—') },
            {
              title: t('meetings.fixedSlot'),
              key: 'fix',
              render: (_: unknown, m) =>
                m.abilities.fix ? (
                  <Select
                    size="small"
                    style={{ width: 150 }}
                    aria-label={`${t('meetings.fixedSlot')} ${pair(m.participants)}`}
                    value={m.fixedSlot ?? -1}
                    onChange={(v: number) => fix.mutate({ id: m.id, slotIndex: v === -1 ? null : v })}
                    options={[{ value: -1, label: t('meetings.notFixed') }, ...s.slots.map((x) => ({ value: x.index, label: slotLabel(x) }))]}
                  />
                ) : m.fixedSlot !== null ? (
                  slotLabel(s.slots[m.fixedSlot]!)
                ) : (
                  '—'
                ),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, m) =>
                m.abilities.cancel ? (
                  <Popconfirm title={t('meetings.cancelConfirm')} onConfirm={() => cancel.mutate(m.id)}>
                    <Button size="small" danger aria-label={`${t('meetings.cancelMeeting')} ${pair(m.participants)}`}>
                      {t('meetings.cancelMeeting')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </QueryState>
    </>
  );
}

function AllRequestsTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['meetings', 'requests', s.id, 'organiser', page],
    queryFn: () => api.get<Page<MeetingRequest>>(`/meeting-sessions/${s.id}/requests`, { box: 'all', page, pageSize: 20 }),
  });
  return (
    <QueryState isLoading={list.isLoading} error={list.error}>
      <Table<MeetingRequest>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: <Empty description={t('meetings.noRequests')} /> }}
        columns={[
          { title: t('meetings.from'), key: 'f', render: (_: unknown, r) => `${r.requester.organisationName}（${r.requester.name}）` },
          { title: t('meetings.to'), key: 't', render: (_: unknown, r) => `${r.recipient.organisationName}（${r.recipient.name}）` },
          { title: t('meetings.message'), dataIndex: 'message', key: 'm', render: (v: string | null) => v ?? '—' },
          { title: t('common.createdAt'), key: 'c', render: (_: unknown, r) => fmtDateTime(r.createdAt) },
          {
            title: t('common.status'),
            key: 's',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={2}>
                <RequestStatusTag status={r.status} />
                {r.status === 'pending' ? <Countdown until={r.expiresAt} /> : null}
              </Space>
            ),
          },
        ]}
      />
    </QueryState>
  );
}

function ParticipantsTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['meetings', 'participants', s.id, 'organiser', page],
    queryFn: () => api.get<Page<Participant>>(`/meeting-sessions/${s.id}/participants`, { page, pageSize: 50, sort: 'joinedAt' }),
  });
  const limit = useMutation({
    mutationFn: ({ id, requestLimit }: { id: string; requestLimit: number | null }) => api.patch<Participant>(`/meeting-participants/${id}`, { requestLimit }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['meetings', 'participants', s.id] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <QueryState isLoading={list.isLoading} error={list.error}>
      <Table<Participant>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: <Empty description={t('meetings.noParticipants')} /> }}
        columns={[
          {
            title: t('meetings.organisation'),
            key: 'o',
            render: (_: unknown, p) => (
              <div>
                <Typography.Text strong>{p.organisation.name}</Typography.Text>
                <div className="rt-muted">{p.name}</div>
              </div>
            ),
          },
          { title: t('meetings.offer'), dataIndex: 'offer', key: 'offer', render: (v: string | null) => v ?? '—' },
          { title: t('meetings.seek'), dataIndex: 'seek', key: 'seek', render: (v: string | null) => v ?? '—' },
          {
            title: t('meetings.unavailableTitle'),
            key: 'u',
            render: (_: unknown, p) => (p.unavailableSlots?.length ? p.unavailableSlots.map((i) => (s.slots[i] ? hm(s.slots[i].startsAt) : '')).join('、') : '—'),
          },
          {
            title: t('meetings.requestLimit'),
            key: 'l',
            render: (_: unknown, p) => (
              <InputNumber
                size="small"
                min={1}
                max={200}
                placeholder={String(s.requestLimit)}
                defaultValue={p.requestLimit ?? undefined}
                aria-label={`${t('meetings.requestLimit')} ${p.organisation.name}`}
                onBlur={(e) => {
                  const raw = e.target.value.trim();
                  const v = raw === '' ? null : Number(raw);
                  if (v !== p.requestLimit && (v === null || (Number.isInteger(v) && v >= 1 && v <= 200))) limit.mutate({ id: p.id, requestLimit: v });
                }}
              />
            ),
          },
        ]}
      />
      <div className="rt-muted">{t('meetings.limitHelp', { n: s.requestLimit })}</div>
    </QueryState>
  );
}
