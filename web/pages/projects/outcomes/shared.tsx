/**
 * Pieces shared by the theme-day results page and the programme overview: the stats query, number
 * formats (whole yuan with thousands separators, 万元, n/d with a percentage), the headline figures with
 * their definitions next to them (the testids a browser test compares to GET /api/projects/stats), and the
 * list of overdue follow-ups.
 */
import { ScrollTable } from '../../../components/ScrollTable.tsx';
import { useState } from 'react';
import { Card, Col, Flex, Progress, Row, Segmented, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { links } from '../../../../common/links.ts';
import { api } from '../../../api/client.ts';
import type {
  FollowUpList,
  FollowUpListItem,
  Ratio,
  StatsGroup,
  StatsGroupView,
  StatsView,
} from '../../../api/projects.ts';
import { errorMessage } from '../../../components/errors.ts';
import { fmtDate } from '../../../components/format.ts';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { useT, type TFunction } from '../../../i18n/index.tsx';

export interface StatsFilters {
  themeDayId?: string;
  programmeId?: string;
  year?: number;
}

/** GET /api/projects/stats for one grouping; the same key everywhere so pages share the cache. */
export function useStats(groupBy: StatsGroup, filters: StatsFilters, enabled = true) {
  return useQuery({
    queryKey: ['projects', 'stats', groupBy, filters.themeDayId ?? '', filters.programmeId ?? '', filters.year ?? ''],
    queryFn: () => api.get<StatsView>('/projects/stats', { groupBy, ...filters }),
    enabled,
  });
}

/** 1234567 → "1,234,567". */
export const thousands = (n: number): string => n.toLocaleString('zh-CN');

/** Yuan as 万元 with at most two decimals: 1234567 → "123.46". */
export const wan = (yuan: number): string =>
  (yuan / 10_000).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** A rate as a percentage with one decimal at most: 2/3 → "66.7%". */
export const pct = (rate: number | null): string =>
  rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toLocaleString('zh-CN')}%`;

/** "n/d（xx%）", or "n/d（暂无）" when nothing is due yet. */
export const ratioText = (t: TFunction, r: Ratio): string =>
  r.rate === null
    ? t('outcomes.ratioNone', { n: r.numerator, d: r.denominator })
    : t('outcomes.ratio', { n: r.numerator, d: r.denominator, pct: pct(r.rate) });

const figureValue = { fontSize: 26, fontWeight: 600, lineHeight: 1.3, color: '#1f1f1f' } as const;
const figureSmall = { fontSize: 20, fontWeight: 600, lineHeight: 1.3, color: '#1f1f1f' } as const;

function Definition({ text }: { text: string }) {
  return (
    <Typography.Paragraph className="rt-text-secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
      {text}
    </Typography.Paragraph>
  );
}

function Money({ label, yuan, testId }: { label: string; yuan: number; testId: string }) {
  const t = useT();
  return (
    <div style={{ marginBottom: 6 }}>
      <span className="rt-text-secondary">{label}</span>
      <div data-testid={testId} data-yuan={yuan}>
        <span style={figureSmall}>{t('outcomes.wan', { v: wan(yuan) })}</span>
        <span className="rt-text-secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          {t('outcomes.yuan', { v: thousands(yuan) })}
        </span>
      </div>
    </div>
  );
}

/**
 * The headline figures of a StatsGroupView: projects, amounts, jobs, overdue follow-ups; stability at
 * each point, repeat cooperation and SME share, each with its definition (from the API) next to it.
 */
export function Figures({ g, definitions }: { g: StatsGroupView; definitions: StatsView['definitions'] }) {
  const t = useT();
  return (
    <section aria-label={t('outcomes.projects')} data-testid="outcome-figures">
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <span className="rt-text-secondary">{t('outcomes.projects')}</span>
            <div style={figureValue} data-testid="figure-projects">
              {g.projects}
            </div>
            <div className="rt-text-secondary" style={{ fontSize: 12 }} data-testid="figure-candidates">
              {g.candidates ? t('outcomes.candidates', { n: g.candidates }) : t('outcomes.noCandidates')}
            </div>
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Money label={t('outcomes.intended')} yuan={g.amounts.intended} testId="figure-intended" />
            <Money label={t('outcomes.contracted')} yuan={g.amounts.contracted} testId="figure-contracted" />
            <Money label={t('outcomes.received')} yuan={g.amounts.received} testId="figure-received" />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <span className="rt-text-secondary">{t('outcomes.jobs')}</span>
            <div style={figureValue} data-testid="figure-jobs">
              {t('outcomes.jobsUnit', { n: thousands(g.jobsCreated) })}
            </div>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <span className="rt-text-secondary">{t('outcomes.overdueCount')}</span>
            <div
              style={{ ...figureValue, color: g.overdueFollowUps ? '#a8071a' : '#1f1f1f' }}
              data-testid="figure-overdue"
            >
              {t('outcomes.overdueUnit', { n: g.overdueFollowUps })}
            </div>
            <div className="rt-text-secondary" style={{ fontSize: 12 }}>
              {t('outcomes.overdueNote')}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            style={{ height: '100%' }}
            title={<h2 className="rt-card-title">{t('outcomes.stability')}</h2>}
          >
            <Row gutter={[12, 12]}>
              {g.stability.map((s) => (
                <Col key={s.months} xs={24} sm={8}>
                  <span className="rt-text-secondary">{t('outcomes.stabilityAt', { n: s.months })}</span>
                  <div style={figureSmall} data-testid={`figure-stability-${s.months}`}>
                    {ratioText(t, s)}
                  </div>
                  <Progress
                    percent={s.rate === null ? 0 : Math.round(s.rate * 100)}
                    showInfo={false}
                    size="small"
                    aria-label={`${t('outcomes.stabilityAt', { n: s.months })} ${pct(s.rate)}`}
                  />
                </Col>
              ))}
            </Row>
            <Definition text={definitions.stability} />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card
            size="small"
            style={{ height: '100%' }}
            title={<h2 className="rt-card-title">{t('outcomes.repeat')}</h2>}
          >
            <div style={figureSmall} data-testid="figure-repeat">
              {ratioText(t, g.repeatCooperation)}
            </div>
            <Definition text={definitions.repeatCooperation} />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card
            size="small"
            style={{ height: '100%' }}
            title={<h2 className="rt-card-title">{t('outcomes.smeShare')}</h2>}
          >
            <div style={figureSmall} data-testid="figure-sme-share">
              {ratioText(t, g.smeShare)}
            </div>
            <Definition text={definitions.smeShare} />
          </Card>
        </Col>
      </Row>
    </section>
  );
}

/** One breakdown (by stage, type or area): label, count and a bar relative to the total. */
export function Breakdown({
  title,
  rows,
  total,
  testId,
}: {
  title: string;
  rows: { key: string; label: string; n: number }[];
  total: number;
  testId: string;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      title={<h2 className="rt-card-title">{title}</h2>}
      data-testid={testId}
    >
      {rows.length === 0 ? (
        <span className="rt-text-secondary">{t('outcomes.breakdownEmpty')}</span>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {rows.map((r) => (
            <li key={r.key} style={{ marginBottom: 6 }} data-testid={`${testId}-${r.key}`}>
              <Flex justify="space-between" gap={8}>
                <span>{r.label}</span>
                <span style={{ fontWeight: 600 }}>{t('outcomes.count', { n: r.n })}</span>
              </Flex>
              <Progress
                percent={total ? Math.round((r.n / total) * 100) : 0}
                showInfo={false}
                size="small"
                aria-label={`${r.label} ${t('outcomes.count', { n: r.n })}`}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

type FollowUpState = 'overdue' | 'missed';

/**
 * Unanswered follow-ups past their due date, paged by the server: still answerable (overdue) or with the
 * window closed (missed). Both together are the "overdue" figure.
 */
export function OverdueFollowUps({ filters, showThemeDay }: { filters: StatsFilters; showThemeDay: boolean }) {
  const t = useT();
  const [state, setState] = useState<FollowUpState>('overdue');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const q = useQuery({
    queryKey: ['projects', 'follow-ups', state, filters.themeDayId ?? '', filters.programmeId ?? '', page, pageSize],
    queryFn: () =>
      api.get<FollowUpList>('/project-follow-ups', {
        state,
        themeDayId: filters.themeDayId,
        programmeId: filters.programmeId,
        page,
        pageSize,
      }),
  });
  return (
    <Card size="small" title={<h2 className="rt-card-title">{t('outcomes.followUps')}</h2>} style={{ marginTop: 16 }}>
      <div style={{ marginBottom: 12 }}>
        <Segmented<FollowUpState>
          size="small"
          aria-label={t('outcomes.followUps')}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={[
            { value: 'overdue', label: t('outcomes.followUps.overdue') },
            { value: 'missed', label: t('outcomes.followUps.missed') },
          ]}
        />
      </div>
      <ScrollTable label={t('outcomes.followUps')} minWidth={640}>
        <Table<FollowUpListItem>
          size="small"
          rowKey={(r) => `${r.project.id}-${r.organisation.id}-${r.point}`}
          data-testid="overdue-follow-ups"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: q.error ? errorMessage(q.error) : t('outcomes.followUps.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showTotal: (n) => t('common.total', { n }),
            hideOnSinglePage: true,
            onChange: (p, ps) => {
              setPage(p);
              setPageSize(ps);
            },
          }}
          columns={[
            {
              title: t('outcomes.col.project'),
              key: 'project',
              render: (_: unknown, r) => <Link to={links.project(r.project.id)}>{r.project.title}</Link>,
            },
            ...(showThemeDay
              ? [
                  {
                    title: t('outcomes.col.themeDay'),
                    key: 'td',
                    render: (_: unknown, r: FollowUpListItem) =>
                      r.themeDay ? (
                        <Link to={links.themeDayResults(r.themeDay.id)}>{r.themeDay.title}</Link>
                      ) : (
                        t('outcomes.noThemeDay')
                      ),
                  },
                ]
              : []),
            { title: t('outcomes.col.party'), key: 'org', render: (_: unknown, r) => r.organisation.name },
            {
              title: t('outcomes.col.point'),
              key: 'point',
              render: (_: unknown, r) => t('outcomes.point', { n: r.point }),
            },
            {
              title: t('outcomes.col.due'),
              key: 'due',
              render: (_: unknown, r) => (
                <ToneTag tone={r.state === 'missed' ? 'grey' : 'red'}>{fmtDate(r.dueDate)}</ToneTag>
              ),
            },
            { title: t('outcomes.col.closes'), key: 'closes', render: (_: unknown, r) => fmtDate(r.closesOn) },
          ]}
        />
      </ScrollTable>
    </Card>
  );
}
