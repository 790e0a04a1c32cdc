/**
 * The overview's ECharts charts, loaded lazily (this module is the only one importing echarts, so other
 * pages do not pay for it): projects per theme day stacked by stage, the stability curve at the follow-up
 * points, and projects by the parties' size class. SVG renderer, only the charts and components used.
 * Each chart is a <figure> with an aria-label and a visually hidden data table, so screen readers (and
 * axe) get the same numbers as the picture.
 */
import type { ReactNode } from 'react';
import { Card, Col, Empty, Row } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
// The ESM build: the CommonJS lib/core reaches the bundle as { default } (React error #130).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { PROJECT_STAGE_LABELS, type ProjectStage, type StatsView } from '../../../api/projects.ts';
import { useT } from '../../../i18n/index.tsx';
import { pct, ratioText } from './shared.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';
const STAGES: ProjectStage[] = ['intent', 'signed', 'in_progress', 'completed', 'terminated'];
const STAGE_COLOURS: Record<string, string> = {
  intent: '#91caff',
  signed: '#1677ff',
  in_progress: '#fa8c16',
  completed: '#52c41a',
  terminated: '#bfbfbf',
};

function Chart({ option, height }: { option: echarts.EChartsCoreOption; height: number }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={{ textStyle: { fontFamily: FONT }, animationDuration: 600, ...option }}
      opts={{ renderer: 'svg' }}
      notMerge
      style={{ height, width: '100%' }}
    />
  );
}

function ChartCard({
  title,
  aria,
  testId,
  empty,
  note,
  table,
  children,
}: {
  title: string;
  aria: string;
  testId: string;
  empty: boolean;
  note?: string;
  table: { head: string[]; rows: (string | number)[][] };
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Card size="small" style={{ height: '100%' }} title={<h2 className="rt-card-title">{title}</h2>}>
      <figure style={{ margin: 0 }} data-testid={testId}>
        {empty ? (
          <Empty description={t('outcomes.chart.empty')} />
        ) : (
          <div role="img" aria-label={aria}>
            {children}
          </div>
        )}
        {note ? (
          <figcaption className="rt-text-secondary" style={{ fontSize: 12 }}>
            {note}
          </figcaption>
        ) : null}
        <table className="rt-sr-only">
          <caption>{t('outcomes.chart.caption', { title })}</caption>
          <thead>
            <tr>
              {table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    </Card>
  );
}

/** The three overview charts from the stats grouped by theme day and by size class (same filters). */
export default function OverviewCharts({ byThemeDay, bySize }: { byThemeDay: StatsView; bySize: StatsView }) {
  const t = useT();
  const days = byThemeDay.groups.filter((g) => g.projects > 0);
  // Horizontal bars: theme-day titles are long; the first theme day on top.
  const dayLabels = days.map((g) => g.label).reverse();
  const stages = STAGES.filter((s) => days.some((g) => g.byStage[s]));
  const barHeight = Math.max(220, days.length * 34 + 90);
  const stab = byThemeDay.total.stability;
  const sizes = bySize.groups.filter((g) => g.projects > 0);

  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col xs={24}>
        <ChartCard
          title={t('outcomes.chart.byThemeDay')}
          aria={t('outcomes.chart.ariaByThemeDay')}
          testId="chart-by-theme-day"
          empty={days.length === 0}
          table={{
            head: [
              t('outcomes.col.themeDay'),
              ...stages.map((s) => PROJECT_STAGE_LABELS[s]),
              t('outcomes.col.projects'),
            ],
            rows: days.map((g) => [g.label, ...stages.map((s) => g.byStage[s] ?? 0), g.projects]),
          }}
        >
          <Chart
            height={barHeight}
            option={{
              tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
              legend: { top: 0 },
              grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
              xAxis: {
                type: 'value',
                minInterval: 1,
                name: t('outcomes.chart.projects'),
                nameLocation: 'middle',
                nameGap: 26,
              },
              yAxis: {
                type: 'category',
                data: dayLabels,
                axisLabel: { width: 200, overflow: 'truncate' },
              },
              series: stages.map((s) => ({
                type: 'bar',
                name: PROJECT_STAGE_LABELS[s],
                stack: 'stage',
                barMaxWidth: 22,
                itemStyle: { color: STAGE_COLOURS[s] },
                data: days.map((g) => g.byStage[s] ?? 0).reverse(),
              })),
            }}
          />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard
          title={t('outcomes.chart.stability')}
          aria={t('outcomes.chart.ariaStability')}
          testId="chart-stability"
          empty={stab.every((s) => s.denominator === 0)}
          table={{
            head: [t('outcomes.col.point'), t('outcomes.stability')],
            rows: stab.map((s) => [t('outcomes.point', { n: s.months }), ratioText(t, s)]),
          }}
        >
          <Chart
            height={280}
            option={{
              tooltip: {
                trigger: 'axis',
                formatter: (p: { dataIndex: number }[]) => {
                  const s = stab[p[0]?.dataIndex ?? 0];
                  return s ? `${t('outcomes.point', { n: s.months })}<br/>${ratioText(t, s)}` : '';
                },
              },
              grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
              xAxis: { type: 'category', data: stab.map((s) => t('outcomes.chart.months', { n: s.months })) },
              yAxis: {
                type: 'value',
                min: 0,
                max: 100,
                name: t('outcomes.chart.rate'),
                axisLabel: { formatter: '{value}%' },
              },
              series: [
                {
                  type: 'line',
                  name: t('outcomes.chart.rate'),
                  symbolSize: 9,
                  itemStyle: { color: '#1677ff' },
                  areaStyle: { color: 'rgba(22,119,255,0.08)' },
                  label: {
                    show: true,
                    formatter: (p: { dataIndex: number }) => pct(stab[p.dataIndex]?.rate ?? null),
                  },
                  data: stab.map((s) => (s.rate === null ? null : Math.round(s.rate * 1000) / 10)),
                },
              ],
            }}
          />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard
          title={t('outcomes.chart.sizeClass')}
          aria={t('outcomes.chart.ariaSizeClass')}
          testId="chart-size-class"
          empty={sizes.length === 0}
          note={t('outcomes.chart.sizeClassNote')}
          table={{
            head: [t('outcomes.chart.sizeClass'), t('outcomes.col.projects')],
            rows: sizes.map((g) => [g.label, g.projects]),
          }}
        >
          <Chart
            height={280}
            option={{
              tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
              grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
              xAxis: { type: 'category', data: sizes.map((g) => g.label), axisLabel: { interval: 0 } },
              yAxis: { type: 'value', minInterval: 1, name: t('outcomes.chart.projects') },
              series: [
                {
                  type: 'bar',
                  name: t('outcomes.chart.projects'),
                  barMaxWidth: 40,
                  itemStyle: { color: '#13a8a8' },
                  label: { show: true, position: 'top' },
                  data: sizes.map((g) => g.projects),
                },
              ],
            }}
          />
        </ChartCard>
      </Col>
    </Row>
  );
}
