/**
 * 调查结果 (/workspace/surveys/:id/results): response rate, CSAT and NPS with their 95% intervals and their
 * definitions next to them, each question's distribution, and the same headline figures split by the
 * respondent organisation's size class and kind — groups under 5 answers show "样本不足" only.
 */
import { Alert, Card, Col, Empty, Flex, Progress, Row, Table, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { links } from '../../../common/links.ts';
import { api } from '../../api/client.ts';
import {
  RESULTS_DEFINITIONS,
  SUPPRESSED_LABEL,
  type Estimate,
  type GroupFigures,
  type NpsEstimate,
  type QuestionDistribution,
  type SplitGroup,
  type SurveyResults,
} from '../../api/surveys.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/index.tsx';
import { SurveyStatusTag, pct, points } from './shared.tsx';
import './survey.css';

export function SurveyResultsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: ['surveys', 'results', id],
    queryFn: () => api.get<SurveyResults>(`/surveys/${id}/results`),
  });
  const r = q.data;
  return (
    <>
      <PageHeader
        title={r ? t('surveys.results.titleOf', { title: r.survey.themeDay?.title ?? '' }) : t('surveys.results.title')}
        docTitle={t('surveys.results.title')}
        subtitle={
          r ? (
            <Flex gap={8} align="center" wrap>
              <SurveyStatusTag status={r.survey.status} />
              <span>{r.survey.anonymous ? t('surveys.anonymous') : t('surveys.named')}</span>
              <span>{t('surveys.page.versionN', { n: r.survey.coreVersion })}</span>
            </Flex>
          ) : undefined
        }
        extra={
          r ? (
            <LinkButton to={links.survey(r.survey.id)} data-testid="results-to-survey">
              {t('surveys.results.toSurvey')}
            </LinkButton>
          ) : undefined
        }
      />
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
        {r ? <Results r={r} /> : null}
      </QueryState>
    </>
  );
}

const big = { fontSize: 28, fontWeight: 600, lineHeight: 1.25, color: '#1f1f1f' } as const;

function Definition({ text }: { text: string }) {
  return (
    <Typography.Paragraph className="rt-text-secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
      {text}
    </Typography.Paragraph>
  );
}

function def(r: SurveyResults, key: keyof typeof RESULTS_DEFINITIONS): string {
  return r.definitions[key] ?? RESULTS_DEFINITIONS[key];
}

function Results({ r }: { r: SurveyResults }) {
  const t = useT();
  const o = r.overall;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]} data-testid="survey-figures">
        <Col xs={24} md={8}>
          <Card size="small" style={{ height: '100%' }}>
            <span className="rt-text-secondary">{t('surveys.results.responseRate')}</span>
            <div style={big} data-testid="figure-response-rate">
              {pct(r.responseRate?.value)}
            </div>
            <div className="rt-text-secondary" data-testid="figure-response-n">
              {t('surveys.results.answersOf', { a: r.answers, i: r.invitations })}
            </div>
            {r.responseRate ? <Interval e={r.responseRate} /> : null}
            <Definition text={def(r, 'responseRate')} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" style={{ height: '100%' }}>
            <span className="rt-text-secondary">{t('surveys.results.csat')}</span>
            {o.suppressed ? (
              <Suppressed />
            ) : (
              <>
                <div style={big} data-testid="figure-csat">
                  {pct(o.csat?.value)}
                </div>
                {o.csat ? <Interval e={o.csat} /> : null}
              </>
            )}
            <Definition text={def(r, 'csat')} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" style={{ height: '100%' }}>
            <span className="rt-text-secondary">{t('surveys.results.nps')}</span>
            {o.suppressed ? (
              <Suppressed />
            ) : (
              <>
                <div style={big} data-testid="figure-nps">
                  {o.nps ? points(o.nps.value) : '—'}
                </div>
                {o.nps ? <NpsDetail e={o.nps} /> : null}
              </>
            )}
            <Definition text={def(r, 'nps')} />
          </Card>
        </Col>
      </Row>
      {o.suppressed ? (
        <Alert type="info" showIcon title={SUPPRESSED_LABEL} description={def(r, 'suppression')} />
      ) : (
        <>
          <Card
            size="small"
            title={<h2 className="rt-card-title">{t('surveys.results.splits')}</h2>}
            data-testid="survey-splits"
          >
            <Tabs
              items={[
                {
                  key: 'size',
                  label: t('surveys.results.bySize'),
                  children: <SplitTable groups={r.bySize} testId="split-size" />,
                },
                {
                  key: 'kind',
                  label: t('surveys.results.byKind'),
                  children: <SplitTable groups={r.byKind} testId="split-kind" />,
                },
              ]}
            />
            <Definition text={def(r, 'split')} />
            <Definition text={def(r, 'suppression')} />
          </Card>
          <Card size="small" title={<h2 className="rt-card-title">{t('surveys.results.questions')}</h2>}>
            <Row gutter={[16, 16]}>
              {o.questions.map((d, i) => (
                <Col xs={24} lg={12} key={d.key}>
                  <Distribution n={i + 1} d={d} />
                </Col>
              ))}
            </Row>
          </Card>
        </>
      )}
    </Flex>
  );
}

function Suppressed() {
  return (
    <div style={{ ...big, fontSize: 22, color: '#595959' }} data-testid="figure-suppressed">
      {SUPPRESSED_LABEL}
    </div>
  );
}

function Interval({ e }: { e: Estimate }) {
  const t = useT();
  return (
    <div className="rt-text-secondary" data-testid="figure-interval">
      {t('surveys.results.ci', { low: pct(e.low), high: pct(e.high), n: e.n })}
    </div>
  );
}

function NpsDetail({ e }: { e: NpsEstimate }) {
  const t = useT();
  return (
    <>
      <div className="rt-text-secondary" data-testid="figure-nps-interval">
        {t('surveys.results.ciPoints', { low: points(e.low), high: points(e.high), n: e.n })}
      </div>
      <div className="rt-text-secondary" style={{ fontSize: 13 }}>
        {t('surveys.results.npsParts', { p: e.promoters, m: e.passives, d: e.detractors })}
      </div>
    </>
  );
}

function figureCells(t: ReturnType<typeof useT>, f: GroupFigures) {
  if (f.suppressed) return { answers: SUPPRESSED_LABEL, csat: SUPPRESSED_LABEL, nps: SUPPRESSED_LABEL, mean: '' };
  const overall = f.questions.find((q) => q.key === 'overall');
  return {
    answers: String(f.answers),
    csat: f.csat ? `${pct(f.csat.value)}（${pct(f.csat.low)}—${pct(f.csat.high)}）` : '—',
    nps: f.nps ? `${points(f.nps.value)}（${points(f.nps.low)}—${points(f.nps.high)}）` : '—',
    mean: overall?.mean != null ? t('surveys.results.meanN', { v: overall.mean.toFixed(2) }) : '—',
  };
}

function SplitTable({ groups, testId }: { groups: SplitGroup[]; testId: string }) {
  const t = useT();
  if (!groups.length) return <Empty description={t('surveys.results.noGroups')} />;
  return (
    <Table<SplitGroup>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={groups}
      data-testid={testId}
      scroll={{ x: 640 }}
      columns={[
        { title: t('surveys.results.group'), key: 'label', render: (_: unknown, g) => g.label },
        {
          title: t('surveys.results.answers'),
          key: 'answers',
          align: 'right',
          render: (_: unknown, g) => (
            <span data-testid={`${testId}-${g.key}`}>{figureCells(t, g.figures).answers}</span>
          ),
        },
        { title: t('surveys.results.csatCi'), key: 'csat', render: (_: unknown, g) => figureCells(t, g.figures).csat },
        { title: t('surveys.results.npsCi'), key: 'nps', render: (_: unknown, g) => figureCells(t, g.figures).nps },
        {
          title: t('surveys.results.overallMean'),
          key: 'mean',
          render: (_: unknown, g) => figureCells(t, g.figures).mean,
        },
      ]}
    />
  );
}

function Distribution({ n, d }: { n: number; d: QuestionDistribution }) {
  const t = useT();
  const total = d.type === 'multiple' ? d.answered : (d.counts ?? []).reduce((a, c) => a + c.count, 0);
  return (
    <section aria-label={d.text} data-testid={`dist-${d.key}`} style={{ height: '100%' }}>
      <Typography.Title level={3} style={{ fontSize: 14, marginBottom: 4 }}>
        {n}. {d.text}
      </Typography.Title>
      <div className="rt-text-secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('surveys.results.answered', { n: d.answered })}
        {d.mean != null ? ` · ${t('surveys.results.meanN', { v: d.mean.toFixed(2) })}` : ''}
        {d.core ? '' : ` · ${t('surveys.results.hostQuestion')}`}
      </div>
      {d.counts ? (
        d.counts.map((c) => (
          <div className="sv-bar-row" key={c.value}>
            <span>{d.type === 'rating' ? `${c.value}分 ${c.label}` : c.label}</span>
            <Progress
              percent={total ? (c.count / total) * 100 : 0}
              showInfo={false}
              status="normal"
              size="small"
              aria-label={c.label}
            />
            <span style={{ textAlign: 'right' }}>
              {c.count}（{pct(total ? c.count / total : null)}）
            </span>
          </div>
        ))
      ) : d.texts?.length ? (
        <ul style={{ paddingInlineStart: 18, margin: 0 }}>
          {d.texts.map((x, i) => (
            <li key={i} style={{ marginBottom: 4 }}>
              {x}
            </li>
          ))}
        </ul>
      ) : (
        <span className="rt-text-secondary">{t('surveys.results.noTexts')}</span>
      )}
      {d.type === 'multiple' ? <Definition text={t('surveys.results.multipleNote')} /> : null}
    </section>
  );
}
