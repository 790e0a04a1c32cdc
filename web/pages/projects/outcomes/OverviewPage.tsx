/**
 * 全国总览: the programme's cooperation projects across theme days and years for NDRC, the departments,
 * local DRCs and evaluators (the server scopes the numbers to what the caller may see): headline figures
 * with their definitions, ECharts charts (loaded lazily), a table grouped by theme day / host / region /
 * year / type, and the overdue follow-ups across theme days.
 */
import { lazy, Suspense } from 'react';
import { Card, Flex, Segmented, Select, Spin, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { links } from '../../../../common/links.ts';
import type { StatsGroupView } from '../../../api/projects.ts';
import { fmtDate } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useProgrammes } from '../../../hooks/useProgrammes.ts';
import { useT } from '../../../i18n/index.tsx';
import { ScrollTable } from '../../../components/ScrollTable.tsx';
import { Figures, OverdueFollowUps, ratioText, thousands, useStats, wan, type StatsFilters } from './shared.tsx';

const OverviewCharts = lazy(() => import('./charts.tsx'));

const TABLE_GROUPS = ['themeDay', 'host', 'region', 'year', 'type'] as const;
type TableGroup = (typeof TABLE_GROUPS)[number];

export function OverviewPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const programmes = useProgrammes();
  const programmeId = params.get('programme') ?? undefined;
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 ? yearParam : undefined;
  const groupParam = params.get('groupBy') as TableGroup | null;
  const groupBy: TableGroup = groupParam && TABLE_GROUPS.includes(groupParam) ? groupParam : 'themeDay';
  const filters: StatsFilters = { programmeId, year };

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  const byThemeDay = useStats('themeDay', filters);
  const bySize = useStats('sizeClass', filters);
  const grouped = useStats(groupBy, filters);
  // The follow-up list filters by programme only: a year stands for its programme.
  const followUpFilters: StatsFilters = {
    programmeId: programmeId ?? (year ? programmes.data?.items.find((p) => p.year === year)?.id : undefined),
  };
  const years = [...new Set((programmes.data?.items ?? []).map((p) => p.year))].sort((a, b) => b - a);

  return (
    <>
      <PageHeader title={t('outcomes.overview')} subtitle={t('outcomes.overviewSubtitle')} />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} role="search" aria-label={t('outcomes.filters')}>
        <Flex gap={8} align="center">
          <label htmlFor="overview-programme">{t('outcomes.programme')}</label>
          <Select
            id="overview-programme"
            data-testid="overview-programme"
            style={{ minWidth: 260 }}
            value={programmeId ?? ''}
            onChange={(v: string) => set({ programme: v || undefined })}
            options={[
              { value: '', label: t('outcomes.allProgrammes') },
              ...(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
        </Flex>
        <Flex gap={8} align="center">
          <label htmlFor="overview-year">{t('outcomes.year')}</label>
          <Select
            id="overview-year"
            data-testid="overview-year"
            style={{ minWidth: 140 }}
            value={year ? String(year) : ''}
            onChange={(v: string) => set({ year: v || undefined })}
            options={[
              { value: '', label: t('outcomes.allYears') },
              ...years.map((y) => ({ value: String(y), label: t('outcomes.yearN', { year: y }) })),
            ]}
          />
        </Flex>
      </Flex>
      <QueryState isLoading={byThemeDay.isLoading} error={byThemeDay.error} refetch={() => void byThemeDay.refetch()}>
        {byThemeDay.data ? (
          <>
            <Typography.Paragraph className="rt-text-secondary" style={{ marginTop: -8 }}>
              {t('outcomes.asOf', { date: fmtDate(byThemeDay.data.asOf) })}
            </Typography.Paragraph>
            <Figures g={byThemeDay.data.total} definitions={byThemeDay.data.definitions} />
            <Suspense
              fallback={
                <Flex justify="center" style={{ padding: 32 }}>
                  <Spin description={t('outcomes.chart.loading')}>
                    <div style={{ width: 120, height: 60 }} />
                  </Spin>
                </Flex>
              }
            >
              {bySize.data ? <OverviewCharts byThemeDay={byThemeDay.data} bySize={bySize.data} /> : null}
            </Suspense>
            <Card
              size="small"
              style={{ marginTop: 16 }}
              title={<h2 className="rt-card-title">{t('outcomes.groupTable')}</h2>}
              extra={
                <Segmented<TableGroup>
                  size="small"
                  aria-label={t('outcomes.groupBy')}
                  data-testid="overview-group-by"
                  value={groupBy}
                  onChange={(v) => set({ groupBy: v === 'themeDay' ? undefined : v })}
                  options={TABLE_GROUPS.map((g) => ({ value: g, label: t(`outcomes.groupBy.${g}`) }))}
                />
              }
            >
              <GroupTable
                groupBy={groupBy}
                rows={grouped.data?.groups ?? []}
                months={grouped.data?.followUpMonths ?? byThemeDay.data.followUpMonths}
                loading={grouped.isLoading}
              />
            </Card>
            <OverdueFollowUps filters={followUpFilters} showThemeDay />
          </>
        ) : null}
      </QueryState>
    </>
  );
}

/** Headers on one line: the region scrolls sideways instead of stacking header characters. */
const nowrapHeaders = <T extends object>(cols: T[]): T[] =>
  cols.map((c) => ({ ...c, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) }));

function GroupTable({
  groupBy,
  rows,
  months,
  loading,
}: {
  groupBy: TableGroup;
  rows: StatsGroupView[];
  months: number[];
  loading: boolean;
}) {
  const t = useT();
  return (
    <ScrollTable label={t('outcomes.groupTable')} minWidth={1240}>
      <Table<StatsGroupView>
        size="small"
        rowKey="key"
        data-testid="overview-groups"
        loading={loading}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: t('outcomes.groupEmpty') }}
        columns={nowrapHeaders([
          {
            title: t(`outcomes.groupBy.${groupBy}`),
            key: 'label',
            width: 220,
            render: (_: unknown, r) =>
              groupBy === 'themeDay' && r.key !== 'none' ? (
                <Link
                  to={links.themeDayResults(r.key)}
                  data-testid={`overview-group-${r.key}`}
                  style={{ display: 'inline-block', minWidth: 180 }}
                >
                  {r.label}
                </Link>
              ) : (
                <span data-testid={`overview-group-${r.key}`} style={{ display: 'inline-block', minWidth: 180 }}>
                  {r.label}
                </span>
              ),
          },
          { title: t('outcomes.col.projects'), key: 'n', align: 'right', render: (_: unknown, r) => r.projects },
          {
            title: t('outcomes.col.intended'),
            key: 'intended',
            align: 'right',
            render: (_: unknown, r) => wan(r.amounts.intended),
          },
          {
            title: t('outcomes.col.contracted'),
            key: 'contracted',
            align: 'right',
            render: (_: unknown, r) => wan(r.amounts.contracted),
          },
          {
            title: t('outcomes.col.received'),
            key: 'received',
            align: 'right',
            render: (_: unknown, r) => wan(r.amounts.received),
          },
          {
            title: t('outcomes.col.jobs'),
            key: 'jobs',
            align: 'right',
            render: (_: unknown, r) => thousands(r.jobsCreated),
          },
          ...months.map((m) => ({
            title: t('outcomes.stabilityCol', { n: m }),
            key: `s${m}`,
            render: (_: unknown, r: StatsGroupView) => {
              const s = r.stability.find((x) => x.months === m);
              return s ? <span className="rt-nowrap">{ratioText(t, s)}</span> : '—';
            },
          })),
          {
            title: t('outcomes.col.sme'),
            key: 'sme',
            render: (_: unknown, r) => <span className="rt-nowrap">{ratioText(t, r.smeShare)}</span>,
          },
          {
            title: t('outcomes.col.overdue'),
            key: 'overdue',
            align: 'right',
            render: (_: unknown, r) => r.overdueFollowUps,
          },
        ])}
      />
    </ScrollTable>
  );
}
