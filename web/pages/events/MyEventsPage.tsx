/**
 * 活动报名 in the workspace: 我的报名 (status, waitlist place, cancel, pass) and, for the host's staff,
 * 活动管理 (each theme day they run with its sessions, live numbers and the way to create one).
 */
import { Alert, Card, Empty, Flex, Grid, List, Select, Space, Table, Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { EventSession, ManagedThemeDay, MyRegistration } from '../../api/events.ts';
import { useT } from '../../i18n/index.tsx';
import { useTableState } from '../../hooks/useTableState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtDateRange } from '../../components/format.ts';
import { CancelButton, fmtSessionTime, KindTag, ModeTag, RegStatusTag } from '../../components/events/SessionParts.tsx';

function MyRegistrations() {
  const t = useT();
  const ts = useTableState({ pageSize: 20 });
  const status = ts.filters.status;
  const q = useQuery({
    queryKey: ['events', 'mine', ts.query],
    queryFn: () => api.get<Page<MyRegistration>>('/my/event-registrations', { ...ts.query, tab: undefined }),
  });
  const phone = Grid.useBreakpoint().md === false;
  const empty = (
    <Empty description={t('events.myEmpty')}>
      <div className="rt-muted" style={{ marginBottom: 8 }}>
        {t('events.myEmptyHint')}
      </div>
      <LinkButton to="/" type="primary">
        {t('events.browse')}
      </LinkButton>
    </Empty>
  );
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('events.filterStatus')}
          placeholder={t('events.filterStatus')}
          style={{ width: 180 }}
          value={status}
          onChange={(v?: string) => ts.setFilters({ status: v })}
          options={(['registered', 'waitlisted', 'cancelled'] as const).map((s) => ({
            value: s,
            label: t(`events.status.${s}`),
          }))}
          data-testid="mine-status-filter"
        />
      </Flex>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        {phone ? (
          <List<MyRegistration>
            loading={q.isLoading}
            dataSource={q.data?.items ?? []}
            pagination={
              q.data && q.data.total > ts.pageSize
                ? {
                    current: ts.page,
                    pageSize: ts.pageSize,
                    total: q.data.total,
                    onChange: (p) => ts.onTableChange({ current: p, pageSize: ts.pageSize }, null, null),
                    size: 'small',
                  }
                : false
            }
            locale={{ emptyText: empty }}
            data-testid="my-registrations"
            renderItem={(r) => (
              <List.Item key={r.id}>
                <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                  <Link to={`/sessions/${r.session.id}`} style={{ fontSize: 16 }}>
                    {r.session.title}
                  </Link>
                  <Space size={4} wrap>
                    <KindTag kind={r.session.kind} />
                    <RegStatusTag
                      status={r.status}
                      position={r.waitlistPosition}
                      checkedIn={!!r.checkedInAt}
                      testId={`my-status-${r.session.id}`}
                    />
                    <span className="rt-muted">{t(`events.attendance.${r.attendance}`)}</span>
                  </Space>
                  <span className="rt-muted">{fmtSessionTime(r.session.startsAt, r.session.endsAt)}</span>
                  <Space wrap>
                    {r.status === 'registered' ? (
                      <LinkButton
                        type="primary"
                        to={`/workspace/events/passes/${r.id}`}
                        aria-label={`${t('events.pass')}：${r.session.title}`}
                      >
                        {t('events.pass')}
                      </LinkButton>
                    ) : null}
                    {r.abilities.cancel ? <CancelButton registrationId={r.id} title={r.session.title} /> : null}
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<MyRegistration>
            rowKey="id"
            loading={q.isLoading}
            dataSource={q.data?.items ?? []}
            pagination={ts.pagination(q.data?.total)}
            onChange={ts.onTableChange}
            scroll={{ x: 880 }}
            data-testid="my-registrations"
            locale={{ emptyText: empty }}
            columns={[
              {
                title: t('events.session'),
                key: 'session',
                render: (_: unknown, r) => (
                  <Space orientation="vertical" size={2}>
                    <Link to={`/sessions/${r.session.id}`}>{r.session.title}</Link>
                    <Space size={4} wrap>
                      <KindTag kind={r.session.kind} />
                      <span className="rt-muted">{r.session.themeDay.title}</span>
                    </Space>
                  </Space>
                ),
              },
              {
                title: t('events.time'),
                key: 'startsAt',
                sorter: true,
                sortOrder: ts.sortOrderOf('startsAt'),
                render: (_: unknown, r) => fmtSessionTime(r.session.startsAt, r.session.endsAt),
              },
              {
                title: t('events.attendance'),
                key: 'attendance',
                render: (_: unknown, r) => t(`events.attendance.${r.attendance}`),
              },
              {
                title: t('common.status'),
                key: 'status',
                render: (_: unknown, r) => (
                  <RegStatusTag
                    status={r.status}
                    position={r.waitlistPosition}
                    checkedIn={!!r.checkedInAt}
                    testId={`my-status-${r.session.id}`}
                  />
                ),
              },
              {
                title: t('common.actions'),
                key: 'a',
                render: (_: unknown, r) => (
                  <Space wrap>
                    {r.status === 'registered' ? (
                      <LinkButton
                        size="small"
                        to={`/workspace/events/passes/${r.id}`}
                        aria-label={`${t('events.pass')}：${r.session.title}`}
                        data-testid={`pass-${r.session.id}`}
                      >
                        {t('events.pass')}
                      </LinkButton>
                    ) : null}
                    {r.abilities.cancel ? (
                      <CancelButton size="small" registrationId={r.id} title={r.session.title} />
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

function ThemeDaySessionsAdmin({ day }: { day: ManagedThemeDay }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['events', 'theme-day', day.id],
    queryFn: () => api.get<Page<EventSession>>(`/theme-days/${day.id}/sessions`, { pageSize: 200 }),
  });
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={<h2 className="rt-card-title">{t('events.manageSessions', { title: day.title })}</h2>}
      extra={
        <Space wrap>
          <LinkButton to={`/workspace/events/theme-days/${day.id}/invitations`} data-testid={`invite-${day.id}`}>
            {t('invite.action')}
          </LinkButton>
          {day.abilities.createSession ? (
            <LinkButton
              type="primary"
              to={`/workspace/events/theme-days/${day.id}/sessions/new`}
              data-testid={`new-session-${day.id}`}
            >
              {t('events.newSession')}
            </LinkButton>
          ) : null}
        </Space>
      }
      data-testid={`managed-${day.id}`}
    >
      <div className="rt-muted" style={{ marginBottom: 8 }}>
        {fmtDateRange(day.startDate, day.endDate)} · {day.theme}
      </div>
      {day.activityPlanStatus !== 'approved' ? (
        <Alert type="info" showIcon title={t('events.planNotApproved')} style={{ marginBottom: 8 }} />
      ) : null}
      <Table<EventSession>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{
          emptyText: (
            <Empty description={day.abilities.createSession ? t('events.noSessionsStaff') : t('events.noSessions')} />
          ),
        }}
        columns={[
          {
            title: t('events.session'),
            key: 'title',
            render: (_: unknown, s) => (
              <Space orientation="vertical" size={2}>
                <Link to={`/workspace/events/sessions/${s.id}`} data-testid={`staff-session-${s.title}`}>
                  {s.title}
                </Link>
                <Space size={4} wrap>
                  <KindTag kind={s.kind} />
                  <ModeTag mode={s.mode} />
                </Space>
              </Space>
            ),
          },
          { title: t('events.time'), key: 'time', render: (_: unknown, s) => fmtSessionTime(s.startsAt, s.endsAt) },
          {
            title: t('events.registeredCol'),
            key: 'reg',
            render: (_: unknown, s) =>
              s.mode === 'online'
                ? `${s.online.registered}/${s.onlineLimit ?? '∞'}`
                : `${s.offline.registered}/${s.capacity ?? '—'}`,
          },
          {
            title: t('events.waitlistCol'),
            key: 'wl',
            render: (_: unknown, s) => s.offline.waitlisted + s.online.waitlisted,
          },
          { title: t('events.checkedInCol'), key: 'in', render: (_: unknown, s) => s.offline.checkedIn },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_: unknown, s) => (
              <Space wrap>
                <Link to={`/workspace/events/sessions/${s.id}`} aria-label={`${t('events.manage')}：${s.title}`}>
                  {t('events.manage')}
                </Link>
                {s.abilities.checkIn ? (
                  <Link to={`/workspace/events/check-in/${s.id}`} aria-label={`${t('events.checkInPage')}：${s.title}`}>
                    {t('events.checkInPage')}
                  </Link>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function Manage({ days }: { days: ManagedThemeDay[] }) {
  const t = useT();
  if (!days.length) return <Empty description={t('events.manageEmpty')} />;
  return (
    <>
      {days.map((d) => (
        <ThemeDaySessionsAdmin key={d.id} day={d} />
      ))}
    </>
  );
}

export function MyEventsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const managed = useQuery({
    queryKey: ['events', 'managed'],
    queryFn: () => api.get<Page<ManagedThemeDay>>('/event-theme-days', { pageSize: 100 }),
  });
  const days = managed.data?.items ?? [];
  const tab = params.get('tab') === 'manage' && days.length ? 'manage' : 'mine';
  return (
    <>
      <PageHeader title={t('events.myTitle')} subtitle={t('events.mySubtitle')} />
      {days.length ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'manage' ? { tab: 'manage' } : {})}
          items={[
            { key: 'mine', label: t('events.tab.mine'), children: <MyRegistrations /> },
            {
              key: 'manage',
              label: <span data-testid="tab-manage">{t('events.tab.manage')}</span>,
              children: <Manage days={days} />,
            },
          ]}
        />
      ) : (
        <MyRegistrations />
      )}
    </>
  );
}
