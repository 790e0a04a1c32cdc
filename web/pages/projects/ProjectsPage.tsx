/**
 * 合作项目: the cooperation projects I may see, in three boxes — 全部, 我单位的, 待我确认 (candidates my
 * organisation has to confirm, linked from the to-do) — with filters (theme day, stage, type), paging, and the
 * handshake right in the list. Hosts, NDRC, departments, local DRCs and evaluators also get the results pages.
 */
import { Alert, Empty, Flex, Form, Segmented, Select, Space, Table, Typography } from 'antd';
import { BarChartOutlined, FundOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  PARTY_ROLE_LABELS,
  PROJECT_STAGES,
  PROJECT_STAGE_LABELS,
  PROJECT_TYPES,
  PROJECT_TYPE_LABELS,
  type ProjectBox,
  type ProjectList,
  type ProjectSummary,
} from '../../api/projects.ts';
import { FilterBar } from '../../components/FilterBar.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { fmtDate } from '../../components/format.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useTableState } from '../../hooks/useTableState.ts';
import { useT } from '../../i18n/index.tsx';
import { ThemeDaySelect } from '../supply/shared.tsx';
import { HandshakeActions } from './parts/Handshake.tsx';
import { ConfirmationTag, StageTag, projectPath, useYuan } from './parts/shared.tsx';

const BOXES: ProjectBox[] = ['all', 'mine', 'awaiting_me'];
const RESULTS_ROLES = ['base_admin', 'programme_owner', 'department_reviewer', 'local_drc', 'evaluator'];

export function ProjectsPage() {
  const t = useT();
  const me = useMe();
  const table = useTableState({ pageSize: 20 });
  const [, setParams] = useSearchParams();
  const box: ProjectBox = BOXES.includes(table.filters.box as ProjectBox) ? (table.filters.box as ProjectBox) : 'all';
  const list = useQuery({
    queryKey: ['projects', 'list', table.query],
    queryFn: () => api.get<ProjectList>('/projects', { ...table.query, box }),
  });
  const awaiting = useQuery({
    queryKey: ['projects', 'list', 'awaiting-count'],
    queryFn: () => api.get<ProjectList>('/projects', { box: 'awaiting_me', pageSize: 1 }),
  });
  const yuan = useYuan();
  const roles = me.data?.roles ?? [];
  const seesResults = roles.some((r) => RESULTS_ROLES.includes(r));
  const seesOverview = roles.some((r) => r !== 'base_admin' && RESULTS_ROLES.includes(r));
  const awaitingN = awaiting.data?.total ?? 0;
  const setBox = (b: ProjectBox) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (b === 'all') next.delete('box');
      else next.set('box', b);
      next.delete('page');
      return next;
    });

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        subtitle={t('projects.listSubtitle')}
        extra={
          <>
            {seesResults ? (
              <LinkButton icon={<BarChartOutlined />} to="/workspace/projects/results" data-testid="projects-results">
                {t('outcomes.results')}
              </LinkButton>
            ) : null}
            {seesOverview ? (
              <LinkButton icon={<FundOutlined />} to="/workspace/projects/overview" data-testid="projects-overview">
                {t('outcomes.overview')}
              </LinkButton>
            ) : null}
            <LinkButton type="primary" icon={<PlusOutlined />} to="/workspace/projects/new" data-testid="projects-new">
              {t('projects.new')}
            </LinkButton>
          </>
        }
      />
      {awaitingN > 0 && box !== 'awaiting_me' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('projects.awaitingBanner', { n: awaitingN })}
          action={
            <LinkButton
              size="small"
              type="primary"
              to="/workspace/projects?box=awaiting_me"
              data-testid="awaiting-open"
            >
              {t('projects.awaitingGo')}
            </LinkButton>
          }
          data-testid="awaiting-banner"
        />
      ) : null}
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<ProjectBox>
          aria-label={t('projects.box')}
          value={box}
          onChange={setBox}
          data-testid="projects-box"
          options={[
            { value: 'all', label: t('projects.box.all') },
            { value: 'mine', label: t('projects.box.mine') },
            {
              value: 'awaiting_me',
              label: awaitingN ? `${t('projects.box.awaiting_me')}（${awaitingN}）` : t('projects.box.awaiting_me'),
            },
          ]}
        />
      </Space>
      {box === 'awaiting_me' ? (
        <Typography.Paragraph className="rt-muted">{t('projects.awaitingHelp')}</Typography.Paragraph>
      ) : null}
      <FilterBar
        table={table}
        fromForm={(v) => ({
          box: box === 'all' ? undefined : box,
          themeDayId: (v.themeDayId as string | null) ?? undefined,
          stage: (v.stage as string | undefined) ?? undefined,
          type: (v.type as string | undefined) ?? undefined,
        })}
        toForm={(f) => ({ themeDayId: f.themeDayId ?? null, stage: f.stage, type: f.type })}
      >
        <Form.Item name="themeDayId" label={t('projects.themeDay')}>
          <ThemeDaySelect ariaLabel={t('projects.themeDay')} placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="stage" label={t('projects.stage')}>
          <Select
            allowClear
            aria-label={t('projects.stage')}
            placeholder={t('common.all')}
            style={{ minWidth: 120 }}
            options={PROJECT_STAGES.map((s) => ({ value: s, label: PROJECT_STAGE_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item name="type" label={t('projects.type')}>
          <Select
            allowClear
            aria-label={t('projects.type')}
            placeholder={t('common.all')}
            style={{ minWidth: 150 }}
            options={PROJECT_TYPES.map((s) => ({ value: s, label: PROJECT_TYPE_LABELS[s] }))}
          />
        </Form.Item>
      </FilterBar>
      <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()}>
        <Table<ProjectSummary>
          rowKey="id"
          data-testid="projects-table"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1100 }}
          pagination={table.pagination(list.data?.total)}
          onChange={table.onTableChange}
          rowClassName={(r) => (r.abilities.confirm ? 'rt-project-awaiting' : '')}
          locale={{
            emptyText: (
              <Empty
                description={
                  box === 'awaiting_me'
                    ? t('projects.emptyAwaiting')
                    : Object.keys(table.filters).some((k) => k !== 'box')
                      ? t('projects.emptyFiltered')
                      : box === 'mine'
                        ? t('projects.emptyMine')
                        : t('projects.empty')
                }
              >
                {box !== 'awaiting_me' ? (
                  <LinkButton to="/workspace/projects/new">{t('projects.new')}</LinkButton>
                ) : null}
              </Empty>
            ),
          }}
          columns={[
            {
              title: t('projects.projectTitle'),
              key: 'title',
              render: (_: unknown, r) => (
                <Space direction="vertical" size={2}>
                  <Link to={projectPath(r.id)} data-testid={`project-link-${r.id}`}>
                    {r.title}
                  </Link>
                  <span className="rt-muted">{r.themeDay?.title ?? t('projects.noThemeDay')}</span>
                </Space>
              ),
            },
            {
              title: t('projects.type'),
              key: 'type',
              width: 120,
              render: (_: unknown, r) => <span className="rt-nowrap">{PROJECT_TYPE_LABELS[r.type]}</span>,
            },
            {
              title: t('projects.stage'),
              key: 'stage',
              width: 100,
              render: (_: unknown, r) => <StageTag stage={r.stage} declined={r.declined} />,
            },
            {
              title: t('projects.parties'),
              key: 'parties',
              render: (_: unknown, r) => (
                <Flex vertical gap={4}>
                  {r.parties.map((p) => (
                    <Flex key={p.organisation.id} gap={6} align="center" wrap>
                      <span>
                        {p.organisation.name}
                        <span className="rt-muted">（{PARTY_ROLE_LABELS[p.role]}）</span>
                      </span>
                      {r.stage === 'candidate' ? <ConfirmationTag party={p} /> : null}
                    </Flex>
                  ))}
                </Flex>
              ),
            },
            {
              title: t('projects.amount'),
              key: 'amount',
              width: 140,
              align: 'right',
              render: (_: unknown, r) => (
                <span className="rt-nowrap">{yuan(r.contractedAmount ?? r.intendedAmount)}</span>
              ),
            },
            {
              title: t('projects.dates'),
              key: 'dates',
              width: 180,
              render: (_: unknown, r) => (
                <span className="rt-nowrap">
                  {r.dates.signedOn
                    ? t('projects.signedOnShort', { d: fmtDate(r.dates.signedOn) })
                    : r.dates.intentOn
                      ? t('projects.intentOnShort', { d: fmtDate(r.dates.intentOn) })
                      : t('projects.proposedOnShort', { d: fmtDate(r.createdAt) })}
                </span>
              ),
            },
            {
              title: t('common.actions'),
              key: 'a',
              width: 190,
              render: (_: unknown, r) =>
                r.abilities.confirm || r.abilities.decline ? (
                  <HandshakeActions project={r} size="small" />
                ) : (
                  <Link to={projectPath(r.id)} aria-label={`${t('common.view')} ${r.title}`}>
                    {t('common.view')}
                  </Link>
                ),
            },
          ]}
        />
      </QueryState>
      <style>{`.rt-project-awaiting > td { background: #fffbe6; }`}</style>
    </>
  );
}
