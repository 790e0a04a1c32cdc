/**
 * 主题日成果: one theme day's cooperation projects as numbers — counts by stage, type and content area,
 * amounts, jobs, stability at each follow-up point, repeat cooperation and SME share (with their
 * definitions), the overdue follow-ups, the project list and its .xlsx export. The theme days offered are
 * those with projects the caller may see (stats grouped by theme day), plus the one in the link.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Empty, Flex, Row, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { links } from '../../../../common/links.ts';
import { api, download } from '../../../api/client.ts';
import {
  PROJECT_STAGES,
  PROJECT_STAGE_LABELS,
  PROJECT_TYPES,
  PROJECT_TYPE_LABELS,
  type ProjectList,
  type ProjectSummary,
} from '../../../api/projects.ts';
import type { PublicThemeDayDetail } from '../../../api/types.ts';
import { errorMessage } from '../../../components/errors.ts';
import { fmtDate } from '../../../components/format.ts';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { useMe } from '../../../hooks/useMe.ts';
import { useT } from '../../../i18n/index.tsx';
import { ScrollTable } from '../../../components/ScrollTable.tsx';
import { Breakdown, Figures, OverdueFollowUps, useStats, wan } from './shared.tsx';
import { STAGE_TONE } from './stage.ts';

/** Roles whose work is the programme across theme days (the overview); hosts stay on their results. */
const OVERVIEW_ROLES: readonly string[] = ['programme_owner', 'department_reviewer', 'local_drc', 'evaluator'];

export function ResultsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('themeDay') ?? undefined;
  const days = useStats('themeDay', {});
  const known = (days.data?.groups ?? []).filter((g) => g.key !== 'none');
  const themeDayId = wanted ?? known[0]?.key;
  // A theme day in the link that has no counted project yet still gets its title (from the portal).
  const linked = useQuery({
    queryKey: ['public', 'theme-day', wanted],
    queryFn: () => api.get<PublicThemeDayDetail>(`/public/theme-days/${wanted}`),
    enabled: !!wanted && !!days.data && !known.some((g) => g.key === wanted),
  });
  const options = [
    ...known.map((g) => ({ value: g.key, label: g.label })),
    ...(linked.data ? [{ value: linked.data.id, label: linked.data.title }] : []),
  ];
  const title = options.find((o) => o.value === themeDayId)?.label;

  return (
    <>
      <PageHeader
        title={title ? t('outcomes.resultsOf', { title }) : t('outcomes.results')}
        docTitle={t('outcomes.results')}
        subtitle={t('outcomes.resultsSubtitle')}
        extra={<ResultsActions themeDayId={themeDayId} />}
      />
      <QueryState isLoading={days.isLoading} error={days.error} refetch={() => void days.refetch()}>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
          <label htmlFor="results-theme-day">{t('outcomes.themeDay')}</label>
          <Select
            id="results-theme-day"
            data-testid="results-theme-day"
            style={{ minWidth: 280, maxWidth: '100%' }}
            placeholder={t('outcomes.pickThemeDay')}
            value={themeDayId}
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(v: string) => setParams({ themeDay: v })}
          />
        </Flex>
        {themeDayId ? (
          <ThemeDayResults themeDayId={themeDayId} />
        ) : (
          <Card>
            <Empty description={t('outcomes.noThemeDays')} />
          </Card>
        )}
      </QueryState>
    </>
  );
}

function ResultsActions({ themeDayId }: { themeDayId: string | undefined }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [exporting, setExporting] = useState(false);
  const me = useMe();
  const canOverview = (me.data?.roles ?? []).some((r) => OVERVIEW_ROLES.includes(r));
  if (!themeDayId) return null;
  return (
    <Space wrap>
      <Button
        icon={<DownloadOutlined />}
        loading={exporting}
        data-testid="results-export"
        onClick={() => {
          setExporting(true);
          download('/projects.xlsx', '合作项目.xlsx', { themeDayId })
            .then(() => void message.success(t('outcomes.exported')))
            .catch((err: unknown) => void message.error(t('outcomes.exportFailed', { reason: errorMessage(err) })))
            .finally(() => setExporting(false));
        }}
      >
        {t('outcomes.export')}
      </Button>
      <LinkButton to={links.themeDay(themeDayId)}>{t('outcomes.portalPage')}</LinkButton>
      {canOverview ? <LinkButton to={links.projectsOverview()}>{t('outcomes.toOverview')}</LinkButton> : null}
    </Space>
  );
}

function ThemeDayResults({ themeDayId }: { themeDayId: string }) {
  const t = useT();
  // Grouped by content area: the total is the theme day's figures, the groups name its areas.
  const stats = useStats('area', { themeDayId });
  const s = stats.data;
  return (
    <QueryState isLoading={stats.isLoading} error={stats.error} refetch={() => void stats.refetch()}>
      {s ? (
        <>
          <Typography.Paragraph className="rt-text-secondary" style={{ marginTop: -8 }}>
            {t('outcomes.asOf', { date: fmtDate(s.asOf) })}
          </Typography.Paragraph>
          <Figures g={s.total} definitions={s.definitions} />
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} md={8}>
              <Breakdown
                title={t('outcomes.byStage')}
                testId="by-stage"
                total={s.total.projects}
                rows={PROJECT_STAGES.filter((k) => k !== 'candidate' && s.total.byStage[k]).map((k) => ({
                  key: k,
                  label: PROJECT_STAGE_LABELS[k],
                  n: s.total.byStage[k] ?? 0,
                }))}
              />
            </Col>
            <Col xs={24} md={8}>
              <Breakdown
                title={t('outcomes.byType')}
                testId="by-type"
                total={s.total.projects}
                rows={PROJECT_TYPES.filter((k) => s.total.byType[k]).map((k) => ({
                  key: k,
                  label: PROJECT_TYPE_LABELS[k],
                  n: s.total.byType[k] ?? 0,
                }))}
              />
            </Col>
            <Col xs={24} md={8}>
              <Breakdown
                title={t('outcomes.byArea')}
                testId="by-area"
                total={s.total.projects}
                rows={s.groups
                  .filter((g) => g.projects > 0)
                  .map((g) => ({ key: g.key, label: g.label, n: g.projects }))}
              />
            </Col>
          </Row>
          <OverdueFollowUps filters={{ themeDayId }} showThemeDay={false} />
          <ProjectTable themeDayId={themeDayId} />
        </>
      ) : null}
    </QueryState>
  );
}

function ProjectTable({ themeDayId }: { themeDayId: string }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({
    queryKey: ['projects', 'list', 'theme-day', themeDayId, page, pageSize],
    queryFn: () => api.get<ProjectList>('/projects', { themeDayId, page, pageSize }),
  });
  return (
    <Card size="small" title={<h2 className="rt-card-title">{t('outcomes.projectList')}</h2>} style={{ marginTop: 16 }}>
      <ScrollTable label={t('outcomes.projectList')} minWidth={860}>
        <Table<ProjectSummary>
          size="small"
          rowKey="id"
          data-testid="results-projects"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: q.error ? errorMessage(q.error) : t('outcomes.projectsEmpty') }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showTotal: (n) => t('outcomes.total', { n }),
            onChange: (p, ps) => {
              setPage(p);
              setPageSize(ps);
            },
          }}
          columns={[
            {
              title: t('outcomes.col.title'),
              key: 'title',
              render: (_: unknown, r) => (
                <Link to={links.project(r.id)} data-testid={`results-project-${r.id}`}>
                  {r.title}
                </Link>
              ),
            },
            { title: t('outcomes.col.type'), key: 'type', render: (_: unknown, r) => PROJECT_TYPE_LABELS[r.type] },
            {
              title: t('outcomes.col.stage'),
              key: 'stage',
              render: (_: unknown, r) => <ToneTag tone={STAGE_TONE[r.stage]}>{PROJECT_STAGE_LABELS[r.stage]}</ToneTag>,
            },
            {
              title: t('outcomes.col.parties'),
              key: 'parties',
              render: (_: unknown, r) => r.parties.map((p) => p.organisation.name).join('、'),
            },
            {
              title: t('outcomes.col.contracted'),
              key: 'contracted',
              align: 'right',
              render: (_: unknown, r) => (r.contractedAmount === null ? '—' : wan(r.contractedAmount)),
            },
            {
              title: t('outcomes.col.signedOn'),
              key: 'signed',
              render: (_: unknown, r) => fmtDate(r.dates.signedOn),
            },
          ]}
        />
      </ScrollTable>
    </Card>
  );
}
