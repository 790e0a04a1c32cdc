/**
 * 评估工作台 (/workspace/evaluations/:id): the theme days in scope side by side with the figures the platform
 * computed (one column per theme day plus the total), the same per programme year (Views.tsx), every activity
 * session's head counts against its limits, per theme day the scoring form (0–100 per indicator with
 * a comment, weighted total shown), the conclusions, submission (confirmed, then locked) and the report as
 * .docx / .xlsx. Typed scores and comments are kept until saved (leaving asks first); buttons are disabled
 * while their request runs; every error is shown in Chinese.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Radio,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError, api, download } from '../../api/client.ts';
import {
  SCORE_MAX,
  type EvaluationView,
  type Indicator,
  type IndicatorsView,
  type ScoresInput,
  type ThemeDayIndicators,
} from '../../api/evaluation.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/index.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useUnsavedChangesGuard } from '../../hooks/useUnsavedChangesGuard.ts';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';
import { EvaluationStatusTag, pct, wan } from './shared.tsx';
import { HeadcountsView, YearsView, headcountText } from './Views.tsx';

interface Draft {
  score: number | null;
  comment: string;
}
const k = (themeDayId: string, key: string) => `${themeDayId}|${key}`;

export function EvaluationPage() {
  const t = useT();
  const { id = '' } = useParams();
  const ev = useQuery({ queryKey: ['evaluations', id], queryFn: () => api.get<EvaluationView>(`/evaluations/${id}`) });
  const ind = useQuery({
    queryKey: ['evaluations', id, 'indicators'],
    queryFn: () => api.get<IndicatorsView>(`/evaluations/${id}/indicators`),
  });
  return (
    <>
      <PageHeader
        title={ev.data?.title ?? t('evaluation.page.title')}
        docTitle={ev.data?.title ?? t('evaluation.page.title')}
        subtitle={
          ev.data ? (
            <Space size={8} wrap>
              <EvaluationStatusTag status={ev.data.status} testId="evaluation-status" />
              <span>{t('evaluation.evaluatorOf', { name: ev.data.evaluator.name })}</span>
              <span>
                {t('evaluation.periodOf', { start: fmtDate(ev.data.periodStart), end: fmtDate(ev.data.periodEnd) })}
              </span>
            </Space>
          ) : undefined
        }
        extra={ev.data ? <ReportButtons id={id} /> : null}
      />
      <QueryState isLoading={ev.isLoading} error={ev.error} refetch={() => void ev.refetch()}>
        {ev.data ? <Workbench view={ev.data} indicators={ind} /> : null}
      </QueryState>
    </>
  );
}

function ReportButtons({ id }: { id: string }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<'docx' | 'xlsx' | null>(null);
  const get = async (ext: 'docx' | 'xlsx') => {
    setBusy(ext);
    try {
      await download(`/evaluations/${id}/report.${ext}`, `${t('evaluation.report.fileName')}.${ext}`);
    } catch (err) {
      void message.error(t('evaluation.report.failed', { reason: errorMessage(err) }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap>
      <Button
        icon={<DownloadOutlined />}
        type="primary"
        loading={busy === 'docx'}
        disabled={busy !== null}
        onClick={() => void get('docx')}
        data-testid="evaluation-report-docx"
      >
        {t('evaluation.report.docx')}
      </Button>
      <Button
        icon={<DownloadOutlined />}
        loading={busy === 'xlsx'}
        disabled={busy !== null}
        onClick={() => void get('xlsx')}
        data-testid="evaluation-report-xlsx"
      >
        {t('evaluation.report.xlsx')}
      </Button>
    </Space>
  );
}

function Workbench({
  view,
  indicators,
}: {
  view: EvaluationView;
  indicators: ReturnType<typeof useQuery<IndicatorsView>>;
}) {
  const t = useT();
  const locked = !view.abilities.score;
  return (
    <Flex vertical gap={16}>
      {view.status === 'submitted' || view.status === 'accepted' ? (
        <Alert
          type="info"
          showIcon
          data-testid="evaluation-locked"
          title={
            view.status === 'accepted'
              ? t('evaluation.lockedAccepted', { at: fmtDateTime(view.acceptedAt) })
              : t('evaluation.lockedSubmitted', { at: fmtDateTime(view.submittedAt) })
          }
        />
      ) : null}
      <Card size="small" title={<h2 className="rt-card-title">{t('evaluation.figures.title')}</h2>}>
        <QueryState isLoading={indicators.isLoading} error={indicators.error} refetch={() => void indicators.refetch()}>
          {indicators.data ? <Figures data={indicators.data} /> : null}
        </QueryState>
      </Card>
      <ScoringCard view={view} locked={locked} />
      {view.abilities.accept ? <AcceptCard view={view} /> : null}
    </Flex>
  );
}

// ----- side-by-side comparison --------------------------------------------------------------------------------

function Figures({ data }: { data: IndicatorsView }) {
  const t = useT();
  const [tab, setTab] = useState('days');
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      data-testid="evaluation-figure-tabs"
      items={[
        { key: 'days', label: t('evaluation.compare.title'), children: <Comparison data={data} /> },
        {
          key: 'years',
          label: <span data-testid="evaluation-tab-years">{t('evaluation.years.title')}</span>,
          children: <YearsView data={data} />,
        },
        {
          key: 'headcounts',
          label: <span data-testid="evaluation-tab-headcounts">{t('evaluation.head.title')}</span>,
          children: <HeadcountsView data={data} />,
        },
      ]}
    />
  );
}

interface FigureRow {
  key: string;
  label: string;
  group?: boolean;
  cell: (d: ThemeDayIndicators) => string;
}

const ratio = (r: { numerator: number; denominator: number; rate: number | null }) =>
  r.denominator ? `${pct(r.rate)}（${r.numerator}/${r.denominator}）` : '—';

function Comparison({ data }: { data: IndicatorsView }) {
  const t = useT();
  const cols = [...data.themeDays, data.total];
  const est = (e: { value: number; low: number; high: number } | null | undefined) =>
    e ? `${pct(e.value)} [${pct(e.low)}, ${pct(e.high)}]` : '—';
  const sat = (d: ThemeDayIndicators, f: (s: NonNullable<ThemeDayIndicators['satisfaction']>) => string) =>
    !d.satisfaction
      ? t('evaluation.fig.noSurvey')
      : d.satisfaction.suppressed
        ? t('evaluation.fig.tooFew')
        : f(d.satisfaction);
  const rows: FigureRow[] = [
    { key: 'g-projects', label: t('evaluation.fig.groupProjects'), group: true, cell: () => '' },
    { key: 'projects', label: t('evaluation.fig.projects'), cell: (d) => String(d.projects.projects) },
    {
      key: 'contracted',
      label: t('evaluation.fig.contracted'),
      cell: (d) => wan(d.projects.amounts.contracted),
    },
    { key: 'smeShare', label: t('evaluation.fig.smeShare'), cell: (d) => ratio(d.projects.smeShare) },
    { key: 'g-stability', label: t('evaluation.fig.groupStability'), group: true, cell: () => '' },
    ...data.followUpMonths.map((m) => ({
      key: `stability-${m}`,
      label: t('evaluation.fig.stability', { m }),
      cell: (d: ThemeDayIndicators) => {
        const s = d.projects.stability.find((x) => x.months === m);
        return s ? ratio(s) : '—';
      },
    })),
    { key: 'repeat', label: t('evaluation.fig.repeat'), cell: (d) => ratio(d.projects.repeatCooperation) },
    { key: 'g-satisfaction', label: t('evaluation.fig.groupSatisfaction'), group: true, cell: () => '' },
    {
      key: 'responseRate',
      label: t('evaluation.fig.responseRate'),
      cell: (d) =>
        d.satisfaction
          ? `${pct(d.satisfaction.responseRate?.value)}（${d.satisfaction.answers}/${d.satisfaction.invitations}）`
          : t('evaluation.fig.noSurvey'),
    },
    { key: 'csat', label: t('evaluation.fig.csat'), cell: (d) => sat(d, (s) => est(s.csat)) },
    {
      key: 'nps',
      label: t('evaluation.fig.nps'),
      cell: (d) =>
        sat(d, (s) =>
          s.nps ? `${Math.round(s.nps.value * 10) / 10} [${Math.round(s.nps.low)}, ${Math.round(s.nps.high)}]` : '—',
        ),
    },
    {
      key: 'smeCsat',
      label: t('evaluation.fig.smeCsat'),
      cell: (d) =>
        !d.satisfaction
          ? t('evaluation.fig.noSurvey')
          : d.satisfaction.sme.suppressed
            ? t('evaluation.fig.tooFew')
            : est(d.satisfaction.sme.csat),
    },
    { key: 'g-participation', label: t('evaluation.fig.groupParticipation'), group: true, cell: () => '' },
    {
      key: 'participation',
      label: t('evaluation.fig.participation'),
      cell: (d) =>
        t('evaluation.fig.participationOf', { r: d.participation.registrations, c: d.participation.checkIns }),
    },
    { key: 'g-headcounts', label: t('evaluation.head.group'), group: true, cell: () => '' },
    {
      key: 'sessions',
      label: t('evaluation.head.sessions'),
      cell: (d) => t('evaluation.head.sessionsOf', { n: d.headcounts.sessions, m: d.headcounts.onSiteSessions }),
    },
    { key: 'headFill', label: t('evaluation.head.fill'), cell: (d) => headcountText(t, d.headcounts) },
    {
      key: 'peakFill',
      label: t('evaluation.head.peak'),
      cell: (d) => pct(d.headcounts.peakFillRate),
    },
    {
      key: 'overLimit',
      label: t('evaluation.head.over'),
      cell: (d) => t('evaluation.head.overOf', { n: d.headcounts.overLimit, of: d.headcounts.onSiteSessions }),
    },
    {
      key: 'onlineRegistered',
      label: t('evaluation.head.onlineRow'),
      cell: (d) =>
        d.headcounts.onlineOverLimit
          ? t('evaluation.head.onlineOverOf', { n: d.headcounts.onlineRegistered, over: d.headcounts.onlineOverLimit })
          : String(d.headcounts.onlineRegistered),
    },
    { key: 'g-other', label: t('evaluation.fig.groupOther'), group: true, cell: () => '' },
    {
      key: 'meetings',
      label: t('evaluation.fig.meetings'),
      cell: (d) => t('evaluation.fig.meetingsOf', { held: d.meetings.held, scheduled: d.meetings.scheduled }),
    },
    {
      key: 'roadshows',
      label: t('evaluation.fig.roadshows'),
      cell: (d) =>
        !d.roadshows.projects
          ? t('evaluation.fig.noRoadshow')
          : t('evaluation.fig.roadshowsOf', {
              intents: d.roadshows.intents,
              projects: d.roadshows.projects,
              min: d.roadshows.intentMinWan,
              max: d.roadshows.intentMaxWan,
            }),
    },
    {
      key: 'content',
      label: t('evaluation.fig.content'),
      cell: (d) => (d.content.planned ? `${pct(d.content.rate)}（${d.content.delivered}/${d.content.planned}）` : '—'),
    },
  ];
  return (
    <>
      <ScrollTable label={t('evaluation.compare.title')} minWidth={180 + cols.length * 150}>
        <Table<FigureRow>
          size="small"
          rowKey="key"
          data-testid="evaluation-compare"
          dataSource={rows}
          pagination={false}
          bordered
          rowClassName={(r) => (r.group ? 'rt-eval-group' : '')}
          onRow={(r) => ({ 'data-testid': `fig-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('evaluation.fig.indicator'),
              key: 'label',
              width: 220,
              onCell: (r) => (r.group ? { colSpan: cols.length + 1 } : {}),
              render: (_: unknown, r) => (r.group ? <strong>{r.label}</strong> : r.label),
            },
            ...cols.map((d, i) => ({
              title: (
                <Space direction="vertical" size={2}>
                  <span>{d.themeDayId ? d.label : t('evaluation.fig.total')}</span>
                  {d.year ? <Tag>{t('evaluation.yearOf', { year: d.year })}</Tag> : null}
                </Space>
              ),
              key: d.themeDayId ?? 'total',
              width: 170,
              onCell: (r: FigureRow) => (r.group ? { colSpan: 0 } : {}),
              render: (_: unknown, r: FigureRow) => (
                <span data-testid={`fig-${r.key}-${i === cols.length - 1 ? 'total' : i}`}>{r.cell(d)}</span>
              ),
            })),
          ]}
        />
      </ScrollTable>
      <Typography.Paragraph className="rt-text-secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
        {t('evaluation.fig.asOf', { date: fmtDate(data.asOf) })}
      </Typography.Paragraph>
    </>
  );
}

// ----- scoring ------------------------------------------------------------------------------------------------

function initialDrafts(view: EvaluationView): Record<string, Draft> {
  const out: Record<string, Draft> = {};
  for (const s of view.scores) out[k(s.themeDayId, s.indicatorKey)] = { score: s.score, comment: s.comment };
  return out;
}

function ScoringCard({ view, locked }: { view: EvaluationView; locked: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const server = useMemo(() => initialDrafts(view), [view]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>(server);
  const [conclusions, setConclusions] = useState(view.conclusions);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [tab, setTab] = useState(view.themeDays[0]?.id ?? '');

  const changed = Object.entries(drafts).filter(([key, d]) => {
    const s = server[key];
    return d.score !== (s?.score ?? null) || d.comment.trim() !== (s?.comment ?? '');
  });
  const conclusionsDirty = conclusions.trim() !== view.conclusions;
  const dirty = changed.length > 0 || conclusionsDirty;
  useUnsavedChangesGuard(dirty && !locked);

  const put = (next: EvaluationView) => qc.setQueryData(['evaluations', view.id], next);

  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.errors.length) {
      const f: Record<string, string> = {};
      for (const e of err.errors) f[e.field] = e.message;
      setErrors(f);
    }
    setBanner(errorMessage(err));
  };

  const saveScores = useMutation({
    mutationFn: (body: ScoresInput) => api.put<EvaluationView>(`/evaluations/${view.id}/scores`, body),
    onSuccess: (next) => {
      put(next);
      setErrors({});
      setBanner(null);
      void qc.invalidateQueries({ queryKey: ['evaluations', 'list'] });
      void message.success(t('evaluation.score.saved'));
    },
    onError,
  });
  // One key per submission: a double click or a retry with the same text saves the conclusions once.
  const conclusionsSubmission = useSubmissionKey();
  const saveConclusions = useMutation({
    mutationFn: () =>
      api.put<EvaluationView>(
        `/evaluations/${view.id}/conclusions`,
        { conclusions },
        { idempotencyKey: conclusionsSubmission.keyFor({ conclusions }) },
      ),
    onSuccess: (next) => {
      conclusionsSubmission.done();
      put(next);
      setConclusions(next.conclusions);
      setBanner(null);
      void message.success(t('evaluation.conclusions.saved'));
    },
    onError,
  });
  const submit = useMutation({
    mutationFn: () => api.post<EvaluationView>(`/evaluations/${view.id}/submit`),
    onSuccess: (next) => {
      put(next);
      setErrors({});
      setBanner(null);
      void qc.invalidateQueries({ queryKey: ['evaluations', 'list'] });
      void message.success(t('evaluation.submit.done'));
    },
    onError,
  });
  const busy = saveScores.isPending || saveConclusions.isPending || submit.isPending;

  const onSaveScores = () => {
    setBanner(null);
    const f: Record<string, string> = {};
    const scores: ScoresInput['scores'] = [];
    for (const [key, d] of changed) {
      const [themeDayId, indicatorKey] = key.split('|') as [string, string];
      if (d.score === null) f[`score.${key}`] = t('evaluation.score.required');
      else scores.push({ themeDayId, indicatorKey, score: d.score, comment: d.comment.trim() });
    }
    setErrors(f);
    if (Object.keys(f).length) {
      setBanner(t('evaluation.score.fix'));
      return;
    }
    if (scores.length) saveScores.mutate({ scores });
  };

  const onSubmit = () => {
    if (dirty) {
      setBanner(t('evaluation.submit.saveFirst'));
      return;
    }
    modal.confirm({
      title: t('evaluation.submit.confirmTitle'),
      content: t('evaluation.submit.confirmText'),
      okText: t('evaluation.submit.action'),
      cancelText: t('common.cancel'),
      onOk: () => submit.mutateAsync().catch(() => undefined),
    });
  };

  const set = (key: string, patch: Partial<Draft>) =>
    setDrafts((prev) => ({ ...prev, [key]: { score: null, comment: '', ...prev[key], ...patch } }));

  const totalOf = (themeDayId: string): number | null => {
    let sum = 0;
    for (const i of view.indicators) {
      const s = drafts[k(themeDayId, i.key)]?.score;
      if (s == null) return null;
      sum += (s * i.weight) / 100;
    }
    return Math.round(sum * 10) / 10;
  };
  const scoredCount = (themeDayId: string) =>
    view.indicators.filter((i) => drafts[k(themeDayId, i.key)]?.score != null).length;

  const submitErrors = Object.entries(errors).filter(([f]) => f.startsWith('scores.') || f === 'conclusions');

  return (
    <>
      <Card
        size="small"
        title={<h2 className="rt-card-title">{t('evaluation.score.title')}</h2>}
        extra={
          <span className="rt-text-secondary" style={{ fontSize: 13 }}>
            {t('evaluation.score.hint', { max: SCORE_MAX })}
          </span>
        }
      >
        <Radio.Group
          value={tab}
          onChange={(e) => setTab(e.target.value as string)}
          optionType="button"
          aria-label={t('evaluation.score.pick')}
          data-testid="evaluation-score-tabs"
          style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', gap: 4 }}
        >
          {view.themeDays.map((td) => {
            const total = totalOf(td.id);
            return (
              <Radio.Button key={td.id} value={td.id}>
                <span data-testid={`score-tab-${td.id}`}>
                  {td.title}
                  <span style={{ marginInlineStart: 6, opacity: 0.85 }}>
                    {total === null
                      ? t('evaluation.score.progress', { n: scoredCount(td.id), total: view.indicators.length })
                      : t('evaluation.score.totalShort', { total })}
                  </span>
                </span>
              </Radio.Button>
            );
          })}
        </Radio.Group>
        {view.themeDays
          .filter((td) => td.id === tab)
          .map((td) => (
            <ScoreTable
              key={td.id}
              themeDayId={td.id}
              title={td.title}
              indicators={view.indicators}
              drafts={drafts}
              errors={errors}
              locked={locked}
              onChange={set}
              total={totalOf(td.id)}
            />
          ))}
        {!locked ? (
          <Flex gap={8} align="center" wrap>
            <Button
              type="primary"
              onClick={onSaveScores}
              loading={saveScores.isPending}
              disabled={busy || changed.length === 0}
              data-testid="evaluation-save-scores"
            >
              {t('evaluation.score.save')}
            </Button>
            <span className="rt-text-secondary" role="status">
              {changed.length ? t('evaluation.score.unsaved', { n: changed.length }) : t('evaluation.score.allSaved')}
            </span>
          </Flex>
        ) : null}
      </Card>
      <Card size="small" title={<h2 className="rt-card-title">{t('evaluation.conclusions.title')}</h2>}>
        <label htmlFor="evaluation-conclusions" className="rt-sr-only">
          {t('evaluation.conclusions.title')}
        </label>
        <Input.TextArea
          id="evaluation-conclusions"
          value={conclusions}
          onChange={(e) => setConclusions(e.target.value)}
          autoSize={{ minRows: 5, maxRows: 16 }}
          maxLength={20000}
          readOnly={locked}
          status={errors.conclusions ? 'error' : undefined}
          placeholder={t('evaluation.conclusions.placeholder')}
          data-testid="evaluation-conclusions"
        />
        {!locked ? (
          <Flex gap={8} style={{ marginTop: 12 }} wrap>
            <Button
              onClick={() => saveConclusions.mutate()}
              loading={saveConclusions.isPending}
              disabled={busy || !conclusionsDirty}
              data-testid="evaluation-save-conclusions"
            >
              {t('evaluation.conclusions.save')}
            </Button>
            <Button
              type="primary"
              onClick={onSubmit}
              loading={submit.isPending}
              disabled={busy || !view.abilities.submit}
              data-testid="evaluation-submit"
            >
              {t('evaluation.submit.action')}
            </Button>
          </Flex>
        ) : null}
        {banner ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="evaluation-error"
            title={banner}
            description={
              submitErrors.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {submitErrors.slice(0, 10).map(([f, m]) => (
                    <li key={f}>{m}</li>
                  ))}
                  {submitErrors.length > 10 ? (
                    <li>{t('evaluation.submit.more', { n: submitErrors.length - 10 })}</li>
                  ) : null}
                </ul>
              ) : undefined
            }
          />
        ) : null}
      </Card>
    </>
  );
}

function ScoreTable({
  themeDayId,
  title,
  indicators,
  drafts,
  errors,
  locked,
  onChange,
  total,
}: {
  themeDayId: string;
  title: string;
  indicators: Indicator[];
  drafts: Record<string, Draft>;
  errors: Record<string, string>;
  locked: boolean;
  onChange: (key: string, patch: Partial<Draft>) => void;
  total: number | null;
}) {
  const t = useT();
  return (
    <ScrollTable label={t('evaluation.score.tableOf', { title })} minWidth={760}>
      <Table<Indicator>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={indicators}
        data-testid={`score-table-${themeDayId}`}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <strong>{t('evaluation.score.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} colSpan={2}>
              <strong data-testid={`score-total-${themeDayId}`}>
                {total === null ? t('evaluation.score.totalPending') : t('evaluation.score.totalOf', { total })}
              </strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
        columns={[
          {
            title: t('evaluation.ind.name'),
            key: 'name',
            width: 220,
            render: (_: unknown, i) => (
              <>
                <div>{i.name}</div>
                {i.description ? <div className="rt-text-secondary">{i.description}</div> : null}
              </>
            ),
          },
          { title: t('evaluation.ind.weight'), key: 'weight', width: 80, render: (_: unknown, i) => `${i.weight}%` },
          {
            title: t('evaluation.score.score'),
            key: 'score',
            width: 130,
            render: (_: unknown, i) => {
              const key = k(themeDayId, i.key);
              const err = errors[`score.${key}`] ?? errors[`scores.${themeDayId}.${i.key}`];
              return (
                <>
                  <InputNumber
                    min={0}
                    max={SCORE_MAX}
                    precision={0}
                    value={drafts[key]?.score ?? null}
                    onChange={(v) => onChange(key, { score: typeof v === 'number' ? v : null })}
                    disabled={locked}
                    status={err ? 'error' : undefined}
                    aria-label={t('evaluation.score.scoreOf', { name: i.name })}
                    data-testid={`score-${themeDayId}-${i.key}`}
                    style={{ width: 100 }}
                  />
                  {err ? (
                    <Typography.Text type="danger" role="alert" style={{ display: 'block', fontSize: 12 }}>
                      {err}
                    </Typography.Text>
                  ) : null}
                </>
              );
            },
          },
          {
            title: t('evaluation.score.comment'),
            key: 'comment',
            render: (_: unknown, i) => {
              const key = k(themeDayId, i.key);
              return (
                <Input.TextArea
                  value={drafts[key]?.comment ?? ''}
                  onChange={(e) => onChange(key, { comment: e.target.value })}
                  autoSize={{ minRows: 1, maxRows: 6 }}
                  maxLength={2000}
                  readOnly={locked}
                  aria-label={t('evaluation.score.commentOf', { name: i.name })}
                  placeholder={locked ? undefined : t('evaluation.score.commentPlaceholder')}
                  data-testid={`comment-${themeDayId}-${i.key}`}
                />
              );
            },
          },
        ]}
      />
    </ScrollTable>
  );
}

// ----- NDRC's acceptance --------------------------------------------------------------------------------------

function AcceptCard({ view }: { view: EvaluationView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const accept = useMutation({
    mutationFn: () => api.post<EvaluationView>(`/evaluations/${view.id}/accept`),
    onSuccess: (next) => {
      qc.setQueryData(['evaluations', view.id], next);
      void qc.invalidateQueries({ queryKey: ['evaluations', 'list'] });
      void message.success(t('evaluation.accept.done'));
    },
    onError: (err) => void message.error(t('evaluation.accept.failed', { reason: errorMessage(err) })),
  });
  return (
    <Card size="small" title={<h2 className="rt-card-title">{t('evaluation.accept.title')}</h2>}>
      <Descriptions
        size="small"
        column={1}
        items={[{ key: 'submitted', label: t('evaluation.submittedAt'), children: fmtDateTime(view.submittedAt) }]}
      />
      <Button
        type="primary"
        loading={accept.isPending}
        disabled={accept.isPending}
        data-testid="evaluation-accept"
        onClick={() =>
          modal.confirm({
            title: t('evaluation.accept.confirmTitle'),
            content: t('evaluation.accept.confirmText'),
            okText: t('evaluation.accept.action'),
            cancelText: t('common.cancel'),
            onOk: () => accept.mutateAsync().catch(() => undefined),
          })
        }
      >
        {t('evaluation.accept.action')}
      </Button>
    </Card>
  );
}
