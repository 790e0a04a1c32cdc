/**
 * 洽谈会: the 1:1 meeting sessions I can join or organise, across theme days, with the way into each
 * (participant page, organiser page) and — for hosts and named support organisations — a new session.
 */
import { Empty, Segmented, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { MeetingSession, OrganisableThemeDay } from '../../api/meetings.ts';
import type { Page } from '../../api/types.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { sessionPath, sessionWhen } from '../../components/meetings/SessionParts.tsx';
import { SessionStateTags } from './shared.tsx';

type Filter = 'all' | 'joined' | 'organising';

export function MeetingsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filter = (
    ['all', 'joined', 'organising'].includes(params.get('filter') ?? '') ? params.get('filter') : 'all'
  ) as Filter;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const list = useQuery({
    queryKey: ['meetings', 'sessions', filter, page, pageSize],
    queryFn: () => api.get<Page<MeetingSession>>('/meeting-sessions', { filter, page, pageSize }),
  });
  const organisable = useQuery({
    queryKey: ['meetings', 'organisable'],
    queryFn: () => api.get<{ items: OrganisableThemeDay[] }>('/meeting-sessions/organisable-theme-days'),
  });
  const canCreate = (organisable.data?.items.length ?? 0) > 0;

  return (
    <>
      <PageHeader
        title={t('meetings.title')}
        subtitle={t('meetings.listSubtitle')}
        extra={
          canCreate ? (
            <LinkButton
              type="primary"
              icon={<PlusOutlined />}
              to="/workspace/meetings/new"
              data-testid="meetings-create"
            >
              {t('meetings.create')}
            </LinkButton>
          ) : undefined
        }
      />
      <Space style={{ marginBottom: 16 }} wrap>
        <Segmented<Filter>
          aria-label={t('meetings.filter')}
          value={filter}
          onChange={(v) => setParams({ filter: v })}
          options={[
            { value: 'all', label: t('meetings.filter.all') },
            { value: 'joined', label: t('meetings.filter.joined') },
            { value: 'organising', label: t('meetings.filter.organising') },
          ]}
        />
      </Space>
      <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()}>
        <Table<MeetingSession>
          rowKey="id"
          data-testid="meetings-table"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, ps) => setParams({ filter, page: String(p), pageSize: String(ps) }),
          }}
          locale={{
            emptyText: (
              <Empty
                description={
                  filter === 'joined'
                    ? t('meetings.emptyJoined')
                    : filter === 'organising'
                      ? t('meetings.emptyOrganising')
                      : t('meetings.empty')
                }
              >
                {canCreate ? (
                  <LinkButton to="/workspace/meetings/new">{t('meetings.create')}</LinkButton>
                ) : (
                  <Link to="/">{t('meetings.browseThemeDays')}</Link>
                )}
              </Empty>
            ),
          }}
          columns={[
            {
              title: t('meetings.session'),
              key: 'title',
              render: (_: unknown, r) => (
                <Space direction="vertical" size={2}>
                  <Link
                    to={r.abilities.manage && !r.myParticipantId ? `${sessionPath(r.id)}/organise` : sessionPath(r.id)}
                    data-testid={`session-link-${r.id}`}
                  >
                    {r.title}
                  </Link>
                  <span className="rt-muted">{r.themeDayTitle}</span>
                </Space>
              ),
            },
            { title: t('meetings.when'), key: 'when', render: (_: unknown, r) => sessionWhen(r) },
            { title: t('common.status'), key: 'status', render: (_: unknown, r) => <SessionStateTags s={r} /> },
            { title: t('meetings.participants'), dataIndex: 'participantCount', key: 'n', align: 'right' },
            {
              title: t('meetings.myRole'),
              key: 'mine',
              render: (_: unknown, r) => (
                <>
                  {r.abilities.manage ? <ToneTag tone="purple">{t('meetings.role.organiser')}</ToneTag> : null}
                  {r.myParticipantId ? <ToneTag tone="green">{t('meetings.role.joined')}</ToneTag> : null}
                  {!r.abilities.manage && !r.myParticipantId ? (
                    <ToneTag tone="grey">{t('meetings.role.none')}</ToneTag>
                  ) : null}
                </>
              ),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Space wrap>
                  <Link
                    to={sessionPath(r.id)}
                    aria-label={`${r.myParticipantId ? t('meetings.enter') : t('meetings.join')} ${r.title}`}
                  >
                    {r.myParticipantId ? t('meetings.enter') : r.abilities.join ? t('meetings.join') : t('common.view')}
                  </Link>
                  {r.abilities.manage ? (
                    <Link
                      to={`${sessionPath(r.id)}/organise`}
                      aria-label={`${t('meetings.organise')} ${r.title}`}
                      data-testid={`session-organise-${r.id}`}
                    >
                      {t('meetings.organise')}
                    </Link>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
    </>
  );
}
