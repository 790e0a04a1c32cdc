/**
 * One meeting session for a participant: join with the active organisation, the participant directory with
 * meeting requests (message, optional cited demand/resource/result), incoming and outgoing requests with
 * accept/decline and their expiry, unavailable slots, my agenda (.ics, print) and outcomes after the meetings.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Badge, Button, Card, Checkbox, Col, Descriptions, Empty, Flex, Form, Input, List, Modal, Popconfirm, Row, Segmented, Select, Space, Table, Tabs, Typography } from 'antd';
import { CalendarOutlined, PrinterOutlined, SettingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api, download } from '../../api/client.ts';
import type { Agenda, AgendaItem, MeetingRequest, MeetingSession, Outcome, Participant } from '../../api/meetings.ts';
import { OUTCOMES } from '../../api/meetings.ts';
import type { Page } from '../../api/types.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { CitedItemLabel, Countdown, RequestStatusTag, SessionStateTags, sessionPath, sessionWhen, slotLabel, useSession } from './shared.tsx';

type TabKey = 'agenda' | 'directory' | 'requests' | 'availability';

export function SessionPage() {
  const t = useT();
  const { sessionId } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useSession(sessionId);
  const s = session.data;
  const tab = (params.get('tab') ?? 'agenda') as TabKey;
  const incoming = useQuery({
    queryKey: ['meetings', 'requests', sessionId, 'incoming', 'pending-count'],
    queryFn: () => api.get<Page<MeetingRequest>>(`/meeting-sessions/${sessionId}/requests`, { box: 'incoming', status: 'pending', pageSize: 1 }),
    enabled: !!s?.myParticipantId,
  });

  return (
    <QueryState isLoading={session.isLoading} error={session.error} refetch={() => void session.refetch()}>
      {s ? (
        <>
          <PageHeader
            title={s.title}
            docTitle={s.title}
            subtitle={
              <Space wrap size={4}>
                <span>{s.themeDayTitle}</span>
                <span>·</span>
                <span>{sessionWhen(s)}</span>
                {s.venue ? (
                  <>
                    <span>·</span>
                    <span>{s.venue}</span>
                  </>
                ) : null}
                <SessionStateTags s={s} />
              </Space>
            }
            extra={
              <>
                {s.abilities.manage ? (
                  <LinkButton icon={<SettingOutlined />} to={`${sessionPath(s.id)}/organise`} data-testid="session-organise">
                    {t('meetings.organise')}
                  </LinkButton>
                ) : null}
                {s.myParticipantId && (s.mode === 'self_booking' || s.publishedAt) ? <AgendaButtons s={s} /> : null}
              </>
            }
          />
          {!s.myParticipantId ? (
            <JoinCard s={s} />
          ) : (
            <Tabs
              activeKey={tab}
              onChange={(k) => setParams({ tab: k })}
              items={[
                { key: 'agenda', label: t('meetings.tab.agenda'), children: <AgendaTab s={s} /> },
                { key: 'directory', label: t('meetings.tab.directory'), children: <DirectoryTab s={s} /> },
                {
                  key: 'requests',
                  label: (
                    <Badge count={incoming.data?.total ?? 0} size="small" offset={[8, -2]}>
                      <span data-testid="tab-requests">{t('meetings.tab.requests')}</span>
                    </Badge>
                  ),
                  children: <RequestsTab s={s} />,
                },
                { key: 'availability', label: t('meetings.tab.availability'), children: <AvailabilityTab s={s} /> },
              ]}
            />
          )}
        </>
      ) : null}
    </QueryState>
  );
}

function AgendaButtons({ s }: { s: MeetingSession }) {
  const t = useT();
  const { message } = AntApp.useApp();
  return (
    <>
      <Button
        icon={<CalendarOutlined />}
        data-testid="agenda-ics"
        onClick={() => download(`/meeting-sessions/${s.id}/agenda.ics`, `agenda-${s.date}.ics`).catch((e: unknown) => void message.error(errorMessage(e)))}
      >
        {t('meetings.downloadIcs')}
      </Button>
      <LinkButton icon={<PrinterOutlined />} to={`${sessionPath(s.id)}/print/agenda`} data-testid="agenda-print">
        {t('meetings.printAgenda')}
      </LinkButton>
    </>
  );
}

function JoinCard({ s }: { s: MeetingSession }) {
  const t = useT();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const org = me?.memberships.find((m) => m.organisationId === me.activeOrganisationId);
  const [form] = Form.useForm<{ offer?: string; seek?: string }>();
  const join = useMutation({
    mutationFn: () => {
      const v = form.getFieldsValue();
      return api.post<Participant>(`/meeting-sessions/${s.id}/participants`, { offer: v.offer?.trim() || null, seek: v.seek?.trim() || null });
    },
    onSuccess: async () => {
      void message.success(t('meetings.joined'));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card title={<h2 className="rt-card-title">{t('meetings.joinTitle')}</h2>} data-testid="join-card">
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'when', label: t('meetings.when'), children: sessionWhen(s) },
          { key: 'venue', label: t('meetings.venue'), children: s.venue ?? '—' },
          { key: 'mode', label: t('meetings.modeLabel'), children: t(`meetings.modeHelp.${s.mode}` as MessageKey) },
          { key: 'slots', label: t('meetings.slots'), children: t('meetings.slotsSummary', { n: s.slots.length, tables: s.tables, rooms: s.onlineRooms }) },
          { key: 'n', label: t('meetings.participants'), children: s.participantCount },
          { key: 'limit', label: t('meetings.requestLimit'), children: t('meetings.requestLimitHelp', { n: s.requestLimit, h: s.requestTtlHours }) },
        ]}
      />
      {s.abilities.join ? (
        <Form form={form} layout="vertical" style={{ marginTop: 16, maxWidth: 720 }}>
          <ProfileFields />
        </Form>
      ) : null}
      <Flex gap={12} align="center" wrap style={{ marginTop: 16 }}>
        {s.abilities.join ? (
          <>
            <Button type="primary" loading={join.isPending} onClick={() => join.mutate()} data-testid="session-join">
              {t('meetings.joinAs', { org: org?.organisationName ?? '' })}
            </Button>
            <span className="rt-muted">{t('meetings.joinHint')}</span>
          </>
        ) : (
          <Alert type="info" showIcon title={s.status === 'closed' ? t('meetings.closedHint') : t('meetings.cannotJoin')} />
        )}
      </Flex>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Agenda
// ---------------------------------------------------------------------------------------------------------

export function useAgenda(sessionId: string) {
  return useQuery({ queryKey: ['meetings', 'agenda', sessionId], queryFn: () => api.get<Agenda>(`/meeting-sessions/${sessionId}/agenda`) });
}

function AgendaTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const agenda = useAgenda(s.id);
  const a = agenda.data;
  return (
    <QueryState isLoading={agenda.isLoading} error={agenda.error} refetch={() => void agenda.refetch()}>
      {a ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {s.mode === 'organiser' && !s.publishedAt ? <Alert type="info" showIcon title={t('meetings.agendaNotPublished')} /> : null}
          <List
            data-testid="agenda-list"
            dataSource={a.items}
            locale={{ emptyText: <Empty description={a.unscheduled.length ? t('meetings.agendaEmptyWaiting') : t('meetings.agendaEmpty')} /> }}
            renderItem={(it) => <AgendaRow item={it} />}
          />
          {a.items.length ? <div className="rt-muted">{t('meetings.breaksMine', { n: a.breaks })}</div> : null}
          {a.unscheduled.length ? (
            <Card size="small" title={<h2 className="rt-card-title">{t('meetings.waitingForSlot')}</h2>} data-testid="agenda-unscheduled">
              <List
                size="small"
                dataSource={a.unscheduled}
                renderItem={(u) => (
                  <List.Item>
                    <span>
                      {u.counterpart.organisationName}（{u.counterpart.name}）
                    </span>
                    <ToneTag tone="blue">{t('meetings.meeting.accepted')}</ToneTag>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
        </Space>
      ) : null}
    </QueryState>
  );
}

function AgendaRow({ item }: { item: AgendaItem }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const record = useMutation({
    mutationFn: (outcome: Outcome) => api.put(`/meetings/${item.meetingId}/outcome`, { outcome }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['meetings', 'agenda'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <List.Item data-testid="agenda-item">
      <Flex gap={16} wrap style={{ width: '100%' }} align="flex-start">
        <div style={{ minWidth: 110 }}>
          <Typography.Text strong style={{ fontSize: 18 }} data-testid="agenda-time">
            {slotLabel(item.slot)}
          </Typography.Text>
          <div>
            {item.location ? (
              <ToneTag tone={item.location.kind === 'table' ? 'purple' : 'blue'} testId="agenda-location">
                {item.location.label}
              </ToneTag>
            ) : null}
          </div>
        </div>
        <div style={{ flex: '1 1 220px', minWidth: 0 }}>
          <Typography.Text strong data-testid="agenda-counterpart">
            {item.counterpart.organisationName}
          </Typography.Text>
          <div className="rt-muted">{item.counterpart.name}</div>
          {item.citedItem ? (
            <div>
              <CitedItemLabel item={item.citedItem} />
            </div>
          ) : null}
          {item.message ? <div className="rt-muted">“{item.message}”</div> : null}
          {item.onlineLink ? (
            <div>
              <a href={item.onlineLink} target="_blank" rel="noreferrer">
                {t('meetings.onlineLink')}
              </a>
            </div>
          ) : null}
        </div>
        {item.abilities.recordOutcome || item.myOutcome ? (
          <div style={{ minWidth: 220 }}>
            <label className="rt-muted" htmlFor={`outcome-${item.meetingId}`} style={{ display: 'block' }}>
              {t('meetings.outcome')}
            </label>
            <Select<Outcome>
              id={`outcome-${item.meetingId}`}
              style={{ width: 240 }}
              value={item.myOutcome ?? undefined}
              placeholder={t('meetings.outcomePlaceholder')}
              disabled={!item.abilities.recordOutcome}
              loading={record.isPending}
              onChange={(v) => record.mutate(v)}
              options={OUTCOMES.map((o) => ({ value: o, label: t(`meetings.outcome.${o}` as MessageKey) }))}
              data-testid="agenda-outcome"
            />
          </div>
        ) : null}
      </Flex>
    </List.Item>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Directory and request
// ---------------------------------------------------------------------------------------------------------

function DirectoryTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const { data: me } = useMe();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [target, setTarget] = useState<Participant | null>(null);
  const debounced = useDebounced(q, 300);
  const list = useQuery({
    queryKey: ['meetings', 'participants', s.id, debounced, page],
    queryFn: () => api.get<Page<Participant>>(`/meeting-sessions/${s.id}/participants`, { q: debounced, page, pageSize: 20, sort: 'name' }),
  });
  const outgoing = useQuery({
    queryKey: ['meetings', 'requests', s.id, 'all-mine'],
    queryFn: () => api.get<Page<MeetingRequest>>(`/meeting-sessions/${s.id}/requests`, { box: 'outgoing', pageSize: 100 }),
  });
  const incoming = useQuery({
    queryKey: ['meetings', 'requests', s.id, 'all-incoming'],
    queryFn: () => api.get<Page<MeetingRequest>>(`/meeting-sessions/${s.id}/requests`, { box: 'incoming', pageSize: 100 }),
  });
  const openWith = new Set(
    [...(outgoing.data?.items ?? []).map((r) => r.recipient.participantId), ...(incoming.data?.items ?? []).map((r) => r.requester.participantId)].filter(Boolean),
  );
  const openStatus = new Map<string, MeetingRequest>();
  for (const r of [...(outgoing.data?.items ?? []), ...(incoming.data?.items ?? [])]) {
    if (r.status !== 'pending' && r.status !== 'accepted') continue;
    const other = r.requester.participantId === s.myParticipantId ? r.recipient.participantId : r.requester.participantId;
    openStatus.set(other, r);
  }
  return (
    <>
      <Input.Search
        allowClear
        aria-label={t('meetings.searchParticipants')}
        placeholder={t('meetings.searchParticipants')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setPage(1);
        }}
        style={{ maxWidth: 360, marginBottom: 12 }}
        data-testid="participant-search"
      />
      <QueryState isLoading={list.isLoading} error={list.error}>
        <Table<Participant>
          rowKey="id"
          size="middle"
          data-testid="participants-table"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 640 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
          locale={{ emptyText: <Empty description={q ? t('meetings.noMatch') : t('meetings.noParticipants')} /> }}
          columns={[
            {
              title: t('meetings.organisation'),
              key: 'org',
              render: (_: unknown, p) => (
                <div style={{ maxWidth: 520 }}>
                  <Typography.Text strong>{p.organisation.name}</Typography.Text>
                  {p.offer ? (
                    <div>
                      <ToneTag tone="green">{t('meetings.offerShort')}</ToneTag>
                      {p.offer}
                    </div>
                  ) : null}
                  {p.seek ? (
                    <div>
                      <ToneTag tone="orange">{t('meetings.seekShort')}</ToneTag>
                      {p.seek}
                    </div>
                  ) : null}
                </div>
              ),
            },
            { title: t('meetings.contact'), dataIndex: 'name', key: 'name' },
            { title: t('meetings.orgKind'), key: 'kind', render: (_: unknown, p) => t(`meetings.orgKind.${p.organisation.kind}` as MessageKey) },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, p) => {
                if (p.id === s.myParticipantId) return <ToneTag tone="grey">{t('meetings.me')}</ToneTag>;
                if (p.organisation.id === me?.activeOrganisationId) return <span className="rt-muted">{t('meetings.sameOrg')}</span>;
                const open = openStatus.get(p.id);
                if (open) return <RequestStatusTag status={open.status} />;
                return (
                  <Button
                    size="small"
                    type="primary"
                    ghost
                    disabled={!s.abilities.request}
                    onClick={() => setTarget(p)}
                    aria-label={`${t('meetings.requestMeeting')} ${p.organisation.name}`}
                    data-testid={`request-${p.organisation.name}`}
                  >
                    {t('meetings.requestMeeting')}
                  </Button>
                );
              },
            },
          ]}
        />
      </QueryState>
      {target ? <RequestModal s={s} target={target} onClose={() => setTarget(null)} /> : null}
      {openWith.size === 0 && (list.data?.total ?? 0) > 1 ? <div className="rt-muted">{t('meetings.directoryHint')}</div> : null}
    </>
  );
}

interface Citable {
  type: 'demand' | 'resource' | 'result';
  id: string;
  title: string;
  own: boolean;
}

/** Published demands, resources and results of an organisation, to cite in a request. */
function useCitables(orgId: string | null | undefined, own: boolean) {
  return useQuery({
    queryKey: ['meetings', 'citables', orgId],
    enabled: !!orgId,
    queryFn: async (): Promise<Citable[]> => {
      const kinds = [
        ['demand', 'demands'],
        ['resource', 'resources'],
        ['result', 'results'],
      ] as const;
      const out: Citable[] = [];
      for (const [type, path] of kinds) {
        try {
          const r = await api.get<Page<{ id: string; title: string }>>(`/${path}`, { organisationId: orgId, pageSize: 50 });
          out.push(...r.items.map((x) => ({ type, id: x.id, title: x.title, own })));
        } catch {
          // A list that cannot be read simply offers nothing to cite.
        }
      }
      return out;
    },
  });
}

function RequestModal({ s, target, onClose }: { s: MeetingSession; target: Participant; onClose: () => void }) {
  const t = useT();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ message?: string; cite?: string }>();
  const theirs = useCitables(target.organisation.id, false);
  const mine = useCitables(me?.activeOrganisationId, true);
  const options = [...(theirs.data ?? []), ...(mine.data ?? [])];
  const send = useMutation({
    mutationFn: (v: { message?: string; cite?: string }) => {
      const c = options.find((o) => `${o.type}:${o.id}` === v.cite);
      return api.post<MeetingRequest>(`/meeting-sessions/${s.id}/requests`, {
        recipientParticipantId: target.id,
        ...(v.message?.trim() ? { message: v.message.trim() } : {}),
        ...(c ? { citedItem: { type: c.type, id: c.id } } : {}),
      });
    },
    onSuccess: async () => {
      void message.success(t('meetings.requestSent'));
      await qc.invalidateQueries({ queryKey: ['meetings', 'requests'] });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const group = (own: boolean) =>
    options
      .filter((o) => o.own === own)
      .map((o) => ({ value: `${o.type}:${o.id}`, label: `${t(`meetings.cite.${o.type}` as MessageKey)}：${o.title}` }));
  return (
    <Modal
      open
      title={t('meetings.requestTitle', { org: target.organisation.name })}
      okText={t('meetings.sendRequest')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: send.isPending, 'data-testid': 'request-submit' } as never}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Form.Item name="message" label={t('meetings.message')} extra={t('meetings.messageHelp')}>
          <Input.TextArea rows={4} maxLength={500} showCount data-testid="request-message" />
        </Form.Item>
        <Form.Item name="cite" label={t('meetings.cite')} extra={options.length ? t('meetings.citeHelp') : t('meetings.citeNone')}>
          <Select
            allowClear
            placeholder={t('meetings.citePlaceholder')}
            loading={theirs.isLoading || mine.isLoading}
            disabled={!options.length}
            options={[
              { label: t('meetings.citeTheirs', { org: target.organisation.name }), options: group(false) },
              { label: t('meetings.citeMine'), options: group(true) },
            ].filter((g) => g.options.length)}
            data-testid="request-cite"
          />
        </Form.Item>
        <div className="rt-muted">{t('meetings.requestLimitHelp', { n: s.requestLimit, h: s.requestTtlHours })}</div>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------

function RequestsTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [box, setBox] = useState<'incoming' | 'outgoing'>('incoming');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['meetings', 'requests', s.id, box, page],
    queryFn: () => api.get<Page<MeetingRequest>>(`/meeting-sessions/${s.id}/requests`, { box, page, pageSize: 20 }),
  });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'accept' | 'decline' | 'withdraw' }) => api.post<MeetingRequest>(`/meeting-requests/${id}/${action}`),
    onSuccess: async (_r, v) => {
      void message.success(t(`meetings.done.${v.action}` as MessageKey));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <Segmented<'incoming' | 'outgoing'>
        aria-label={t('meetings.tab.requests')}
        value={box}
        onChange={(v) => {
          setBox(v);
          setPage(1);
        }}
        options={[
          { value: 'incoming', label: t('meetings.incoming') },
          { value: 'outgoing', label: t('meetings.outgoing') },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="requests-box"
      />
      <QueryState isLoading={list.isLoading} error={list.error}>
        <Table<MeetingRequest>
          rowKey="id"
          data-testid="requests-table"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 820 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
          locale={{ emptyText: <Empty description={box === 'incoming' ? t('meetings.noIncoming') : t('meetings.noOutgoing')} /> }}
          columns={[
            {
              title: box === 'incoming' ? t('meetings.from') : t('meetings.to'),
              key: 'who',
              render: (_: unknown, r) => {
                const p = box === 'incoming' ? r.requester : r.recipient;
                return (
                  <div>
                    <Typography.Text strong>{p.organisationName}</Typography.Text>
                    <div className="rt-muted">{p.name}</div>
                  </div>
                );
              },
            },
            {
              title: t('meetings.message'),
              key: 'msg',
              render: (_: unknown, r) => (
                <div style={{ maxWidth: 360 }}>
                  {r.message ?? <span className="rt-muted">—</span>}
                  {r.citedItem ? (
                    <div>
                      <CitedItemLabel item={r.citedItem} />
                    </div>
                  ) : null}
                </div>
              ),
            },
            { title: t('common.createdAt'), key: 'at', render: (_: unknown, r) => fmtDateTime(r.createdAt) },
            {
              title: t('common.status'),
              key: 'st',
              render: (_: unknown, r) => (
                <Space direction="vertical" size={2}>
                  <RequestStatusTag status={r.status} />
                  {r.status === 'pending' ? <Countdown until={r.expiresAt} /> : null}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => {
                const who = box === 'incoming' ? r.requester.organisationName : r.recipient.organisationName;
                return (
                  <Space wrap>
                    {r.abilities.accept ? (
                      <Button size="small" type="primary" onClick={() => act.mutate({ id: r.id, action: 'accept' })} aria-label={`${t('meetings.accept')} ${who}`} data-testid={`accept-${r.requester.organisationName}`}>
                        {t('meetings.accept')}
                      </Button>
                    ) : null}
                    {r.abilities.decline ? (
                      <Popconfirm title={t('meetings.declineConfirm')} onConfirm={() => act.mutate({ id: r.id, action: 'decline' })}>
                        <Button size="small" danger aria-label={`${t('meetings.decline')} ${who}`}>
                          {t('meetings.decline')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                    {r.abilities.withdraw ? (
                      <Popconfirm title={t('meetings.withdrawConfirm')} onConfirm={() => act.mutate({ id: r.id, action: 'withdraw' })}>
                        <Button size="small" aria-label={`${t('meetings.withdraw')} ${who}`}>
                          {t('meetings.withdraw')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </Space>
                );
              },
            },
          ]}
        />
      </QueryState>
      {s.mode === 'organiser' ? <div className="rt-muted">{t('meetings.acceptHintOrganiser')}</div> : <div className="rt-muted">{t('meetings.acceptHintSelf')}</div>}
    </>
  );
}

function ProfileFields() {
  const t = useT();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="offer" label={t('meetings.offer')} extra={t('meetings.offerHelp')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="profile-offer" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="seek" label={t('meetings.seek')} extra={t('meetings.seekHelp')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="profile-seek" />
        </Form.Item>
      </Col>
    </Row>
  );
}

function ProfileCard({ s, me }: { s: MeetingSession; me: Participant }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ offer?: string; seek?: string }>();
  const save = useMutation({
    mutationFn: (v: { offer?: string; seek?: string }) => api.put<Participant>(`/meeting-sessions/${s.id}/participants/me/profile`, { offer: v.offer?.trim() || null, seek: v.seek?.trim() || null }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
    },
  });
  return (
    <Card title={<h2 className="rt-card-title">{t('meetings.profile')}</h2>} style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" initialValues={{ offer: me.offer ?? '', seek: me.seek ?? '' }} onFinish={(v) => save.mutate(v)}>
        <ProfileFields />
        <Button htmlType="submit" loading={save.isPending} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Availability
// ---------------------------------------------------------------------------------------------------------

function AvailabilityTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const me = useQuery({
    queryKey: ['meetings', 'me', s.id],
    queryFn: async () => {
      // The directory entry of the caller carries their unavailable slots.
      const r = await api.get<Page<Participant>>(`/meeting-sessions/${s.id}/participants`, { pageSize: 100 });
      return r.items.find((p) => p.id === s.myParticipantId) ?? null;
    },
  });
  const [draft, setDraft] = useState<number[] | null>(null);
  const value = draft ?? me.data?.unavailableSlots ?? [];
  const save = useMutation({
    mutationFn: () => api.put<Participant>(`/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: value }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      setDraft(null);
      await qc.invalidateQueries({ queryKey: ['meetings', 'me', s.id] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const parts = (['morning', 'afternoon'] as const).map((p) => ({ part: p, slots: s.slots.filter((x) => x.part === p) })).filter((g) => g.slots.length);
  return (
    <QueryState isLoading={me.isLoading} error={me.error}>
      {me.data ? <ProfileCard s={s} me={me.data} /> : null}
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('meetings.unavailableTitle')}
      </Typography.Title>
      <Typography.Paragraph className="rt-muted">{t('meetings.availabilityHelp')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {parts.map((g) => (
          <Col xs={24} md={12} key={g.part}>
            <Card size="small" title={<h2 className="rt-card-title">{t(`meetings.part.${g.part}` as MessageKey)}</h2>}>
              <div className="rt-meet-slotgrid" role="group" aria-label={t(`meetings.part.${g.part}` as MessageKey)}>
                {g.slots.map((x) => {
                  const off = value.includes(x.index);
                  return (
                    <Checkbox
                      key={x.index}
                      checked={!off}
                      onChange={(e) => setDraft(e.target.checked ? value.filter((v) => v !== x.index) : [...value, x.index].sort((a, b) => a - b))}
                      data-testid={`slot-${x.index}`}
                      className={off ? 'rt-meet-slot-off' : 'rt-meet-slot-on'}
                    >
                      {slotLabel(x)}
                    </Checkbox>
                  );
                })}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Flex gap={12} align="center" style={{ marginTop: 16 }} wrap>
        <Button type="primary" disabled={draft === null} loading={save.isPending} onClick={() => save.mutate()} data-testid="availability-save">
          {t('meetings.saveSlots')}
        </Button>
        <span className="rt-muted">{t('meetings.unavailableCount', { n: value.length, total: s.slots.length })}</span>
      </Flex>
      <style>{`.rt-meet-slotgrid { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 8px; }
.rt-meet-slotgrid .ant-checkbox-wrapper { margin: 0; padding: 6px 8px; border: 1px solid #d9d9d9; border-radius: 6px; }
.rt-meet-slot-off { background: #f5f5f5; text-decoration: line-through; color: rgba(0,0,0,.62); }
.rt-meet-slot-on { background: #f6ffed; }`}</style>
    </QueryState>
  );
}

