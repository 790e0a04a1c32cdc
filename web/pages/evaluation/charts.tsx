/**
 * The cross-year chart of the evaluation workbench, loaded lazily (only this module of the evaluation pages
 * imports echarts): per programme year, the cooperation projects (left axis) and on-site check-ins (right
 * axis) as bars. A <figure> with an aria-label and a visually hidden table with the same numbers.
 */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
// The ESM build: the CommonJS lib/core reaches the bundle as { default } (React error #130).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { ThemeDayIndicators } from '../../api/evaluation.ts';
import { useT } from '../../i18n/index.tsx';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

export default function YearsChart({ years }: { years: ThemeDayIndicators[] }) {
  const t = useT();
  const projects = t('evaluation.years.chartProjects');
  const checkedIn = t('evaluation.years.chartCheckedIn');
  return (
    <figure style={{ margin: 0 }} data-testid="evaluation-years-chart">
      <div role="img" aria-label={t('evaluation.years.chartAria')}>
        <ReactEChartsCore
          echarts={echarts}
          opts={{ renderer: 'svg' }}
          notMerge
          style={{ height: 300, width: '100%' }}
          option={{
            textStyle: { fontFamily: FONT },
            animationDuration: 600,
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { top: 0 },
            grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
            xAxis: { type: 'category', data: years.map((y) => y.label) },
            yAxis: [
              { type: 'value', name: t('evaluation.years.axisProjects'), minInterval: 1 },
              {
                type: 'value',
                name: t('evaluation.years.axisCheckedIn'),
                minInterval: 1,
                splitLine: { show: false },
              },
            ],
            series: [
              {
                type: 'bar',
                name: projects,
                barMaxWidth: 48,
                itemStyle: { color: '#1677ff' },
                label: { show: true, position: 'top' },
                data: years.map((y) => y.projects.projects),
              },
              {
                type: 'bar',
                name: checkedIn,
                yAxisIndex: 1,
                barMaxWidth: 48,
                itemStyle: { color: '#fa8c16' },
                label: { show: true, position: 'top' },
                data: years.map((y) => y.headcounts.checkedIn),
              },
            ],
          }}
        />
      </div>
      <figcaption className="rt-text-secondary" style={{ fontSize: 12 }}>
        {t('evaluation.years.chartNote')}
      </figcaption>
      <table className="rt-sr-only">
        <caption>{t('evaluation.years.chartAria')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluation.years.year')}</th>
            <th scope="col">{projects}</th>
            <th scope="col">{checkedIn}</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.label}>
              <td>{y.label}</td>
              <td>{y.projects.projects}</td>
              <td>{y.headcounts.checkedIn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
