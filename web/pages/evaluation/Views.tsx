/**
 * Two views of the evaluation workbench next to the side-by-side comparison: the years side by side (跨年度对比:
 * the indicators aggregated per programme year over the theme days in scope, a table and a lazily loaded bar
 * chart), and every activity session's head counts against its limits (参加人数与限额), sessions over their
 * on-site limit marked.
 */
import { lazy, Suspense } from 'react';
import { Alert, Flex, Select, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import type { IndicatorsView, SessionHeadcount, ThemeDayIndicators } from '../../api/evaluation.ts';
import { fmtDateTime } from '../../components/format.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { useT, type TFunction } from '../../i18n/index.tsx';
import { pct, wan } from './shared.tsx';

const YearsChart = lazy(() => import('./charts.tsx'));

const ratio = (r: { numerator: number; denominator: number; rate: number | null }) =>
  r.denominator ? `${pct(r.rate)}（${r.numerator}/${r.denominator}）` : '—';

/** "checked in / limit (fill)" of a theme day, a year or the total. */
export const headcountText = (t: TFunction, h: ThemeDayIndicators['headcounts']) =>
  h.onSiteLimit
    ? t('evaluation.head.fillOf', { c: h.checkedIn, l: h.onSiteLimit, rate: pct(h.fillRate) })
    : t('evaluation.head.noLimit');

// ----- across years -------------------------------------------------------------------------------------------

interface YearRow {
  key: string;
  label: string;
  cell: (y: ThemeDayIndicators) => string;
}

export function YearsView({ data }: { data: IndicatorsView }) {
  const t = useT();
  const years = data.years;
  const days = (y: ThemeDayIndicators) => data.themeDays.filter((d) => d.year === y.year).length;
  const rows: YearRow[] = [
    { key: 'themeDays', label: t('evaluation.years.themeDays'), cell: (y) => String(days(y)) },
    { key: 'projects', label: t('evaluation.fig.projects'), cell: (y) => String(y.projects.projects) },
    { key: 'contracted', label: t('evaluation.fig.contracted'), cell: (y) => wan(y.projects.amounts.contracted) },
    { key: 'smeShare', label: t('evaluation.fig.smeShare'), cell: (y) => ratio(y.projects.smeShare) },
    ...data.followUpMonths.map((m) => ({
      key: `stability-${m}`,
      label: t('evaluation.fig.stability', { m }),
      cell: (y: ThemeDayIndicators) => {
        const s = y.projects.stability.find((x) => x.months === m);
        return s ? ratio(s) : '—';
      },
    })),
    {
      key: 'csat',
      label: t('evaluation.fig.csat'),
      cell: (y) =>
        !y.satisfaction
          ? t('evaluation.fig.noSurvey')
          : y.satisfaction.suppressed || !y.satisfaction.csat
            ? t('evaluation.fig.tooFew')
            : `${pct(y.satisfaction.csat.value)} [${pct(y.satisfaction.csat.low)}, ${pct(y.satisfaction.csat.high)}]`,
    },
    {
      key: 'participation',
      label: t('evaluation.fig.participation'),
      cell: (y) =>
        t('evaluation.fig.participationOf', { r: y.participation.registrations, c: y.participation.checkIns }),
    },
    { key: 'headFill', label: t('evaluation.head.fill'), cell: (y) => headcountText(t, y.headcounts) },
    {
      key: 'overLimit',
      label: t('evaluation.head.over'),
      cell: (y) => t('evaluation.head.overOf', { n: y.headcounts.overLimit, of: y.headcounts.onSiteSessions }),
    },
    {
      key: 'meetings',
      label: t('evaluation.fig.meetings'),
      cell: (y) => t('evaluation.fig.meetingsOf', { held: y.meetings.held, scheduled: y.meetings.scheduled }),
    },
    {
      key: 'intents',
      label: t('evaluation.years.intents'),
      cell: (y) => String(y.roadshows.intents),
    },
    {
      key: 'content',
      label: t('evaluation.fig.content'),
      cell: (y) => (y.content.planned ? `${pct(y.content.rate)}（${y.content.delivered}/${y.content.planned}）` : '—'),
    },
  ];
  return (
    <Flex vertical gap={12} data-testid="evaluation-years">
      <Typography.Paragraph className="rt-text-secondary" style={{ margin: 0, fontSize: 13 }}>
        {years.length > 1
          ? t('evaluation.years.hint', { years: years.map((y) => y.label).join('、') })
          : t('evaluation.years.single', { year: years[0]?.label ?? '' })}
      </Typography.Paragraph>
      <ScrollTable label={t('evaluation.years.title')} minWidth={200 + years.length * 170}>
        <Table<YearRow>
          size="small"
          rowKey="key"
          bordered
          pagination={false}
          dataSource={rows}
          data-testid="evaluation-years-table"
          columns={[
            { title: t('evaluation.fig.indicator'), key: 'label', width: 220, render: (_: unknown, r) => r.label },
            ...years.map((y) => ({
              title: y.label,
              key: String(y.year),
              width: 170,
              render: (_: unknown, r: YearRow) => <span data-testid={`year-${r.key}-${y.year}`}>{r.cell(y)}</span>,
            })),
          ]}
        />
      </ScrollTable>
      {years.length > 1 ? (
        <Suspense
          fallback={
            <Flex justify="center" style={{ padding: 24 }}>
              <Spin description={t('evaluation.years.chartLoading')}>
                <div style={{ width: 1, height: 1 }} />
              </Spin>
            </Flex>
          }
        >
          <YearsChart years={years} />
        </Suspense>
      ) : null}
    </Flex>
  );
}

// ----- head counts against limits ------------------------------------------------------------------------------

interface SessionRow extends SessionHeadcount {
  themeDayId: string;
  themeDay: string;
}

const limitTip = (t: TFunction, s: SessionHeadcount) =>
  t('evaluation.head.limitTip', {
    capacity: s.capacity ?? t('evaluation.head.none'),
    venue: s.venueCapacity ?? t('evaluation.head.none'),
    plan: s.planLimit ?? t('evaluation.head.none'),
  });

export function HeadcountsView({ data }: { data: IndicatorsView }) {
  const t = useT();
  const [day, setDay] = useState<string>('all');
  const all: SessionRow[] = data.themeDays.flatMap((d) =>
    d.headcounts.list.map((s) => ({ ...s, themeDayId: d.themeDayId!, themeDay: d.label })),
  );
  const rows = day === 'all' ? all : all.filter((s) => s.themeDayId === day);
  const over = all.filter((s) => s.overLimit || s.onlineOverLimit).length;
  return (
    <Flex vertical gap={12} data-testid="evaluation-headcounts">
      <Typography.Paragraph className="rt-text-secondary" style={{ margin: 0, fontSize: 13 }}>
        {t('evaluation.head.hint')}
      </Typography.Paragraph>
      {over ? (
        <Alert
          type="warning"
          showIcon
          title={t('evaluation.head.overAlert', { n: over })}
          data-testid="evaluation-over"
        />
      ) : null}
      <Flex gap={8} align="center" wrap>
        <label htmlFor="evaluation-head-day">{t('evaluation.head.pick')}</label>
        <Select
          id="evaluation-head-day"
          value={day}
          onChange={setDay}
          style={{ minWidth: 240 }}
          options={[
            { value: 'all', label: t('evaluation.head.allDays') },
            ...data.themeDays.map((d) => ({ value: d.themeDayId!, label: d.label })),
          ]}
        />
      </Flex>
      <ScrollTable label={t('evaluation.head.title')} minWidth={980}>
        <Table<SessionRow>
          size="small"
          rowKey="sessionId"
          dataSource={rows}
          data-testid="evaluation-sessions"
          pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          locale={{ emptyText: t('evaluation.head.empty') }}
          onRow={(s) => ({ 'data-testid': `head-${s.sessionId}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('evaluation.head.themeDay'), dataIndex: 'themeDay', key: 'themeDay', width: 170 },
            {
              title: t('evaluation.head.session'),
              key: 'title',
              width: 200,
              render: (_: unknown, s) => (
                <>
                  <div>{s.title}</div>
                  <div className="rt-text-secondary" style={{ fontSize: 12 }}>
                    {fmtDateTime(s.startsAt)} · {t(`events.mode.${s.mode}`)}
                  </div>
                </>
              ),
            },
            {
              title: t('evaluation.head.limit'),
              key: 'limit',
              width: 150,
              render: (_: unknown, s) =>
                s.onSiteLimit === null ? (
                  '—'
                ) : (
                  <>
                    <div>{s.onSiteLimit}</div>
                    <div className="rt-text-secondary" style={{ fontSize: 12 }}>
                      {limitTip(t, s)}
                    </div>
                  </>
                ),
            },
            {
              title: t('evaluation.head.registered'),
              key: 'registered',
              width: 90,
              render: (_: unknown, s) => (s.mode === 'online' ? '—' : s.registered),
            },
            {
              title: t('evaluation.head.checkedIn'),
              key: 'checkedIn',
              width: 130,
              render: (_: unknown, s) =>
                s.mode === 'online' ? (
                  '—'
                ) : (
                  <span data-testid={`head-checked-${s.sessionId}`}>{`${s.checkedIn}（${pct(s.fillRate)}）`}</span>
                ),
            },
            {
              title: t('evaluation.head.waitlisted'),
              key: 'waitlisted',
              width: 80,
              render: (_: unknown, s) => (s.mode === 'online' ? '—' : s.waitlisted),
            },
            {
              title: t('evaluation.head.online'),
              key: 'online',
              width: 130,
              render: (_: unknown, s) =>
                s.mode === 'offline'
                  ? '—'
                  : `${s.onlineRegistered} / ${s.onlineLimit ?? t('evaluation.head.unlimited')}`,
            },
            {
              title: t('evaluation.head.state'),
              key: 'state',
              width: 110,
              render: (_: unknown, s) =>
                s.overLimit ? (
                  <ToneTag tone="red">{t('evaluation.head.overOnSite')}</ToneTag>
                ) : s.onlineOverLimit ? (
                  <ToneTag tone="orange">{t('evaluation.head.overOnline')}</ToneTag>
                ) : (
                  <ToneTag tone="green">{t('evaluation.head.within')}</ToneTag>
                ),
            },
          ]}
        />
      </ScrollTable>
    </Flex>
  );
}
