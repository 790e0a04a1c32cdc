/**
 * The report's charts: ECharts options rendered on the server (SSR SVG, no DOM), turned into PNG by resvg.
 * Chinese labels need a CJK font: the Noto CJK fonts of the machine when present (fonts-noto-cjk, also in CI),
 * else whatever the system has (the glyphs may then be missing, the chart still renders).
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

const FONT_DIR = '/usr/share/fonts/opentype/noto';
const FONT_FILES = ['NotoSansCJK-Regular.ttc'].map((f) => `${FONT_DIR}/${f}`).filter((f) => existsSync(f));
const FONT_FAMILY = 'Noto Sans CJK SC';

export interface Png {
  png: Buffer;
  /** Size to show it at in the document (pixels at 96 dpi). */
  width: number;
  height: number;
}

/** Renders one ECharts option (animation off) as a PNG at twice the display size. */
export function renderChart(option: echarts.EChartsCoreOption, width = 560, height = 300): Png {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT_FAMILY }, ...option });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      fitTo: { mode: 'width', value: width * 2 },
      background: '#ffffff',
      font: { fontFiles: FONT_FILES, loadSystemFonts: FONT_FILES.length === 0, defaultFontFamily: FONT_FAMILY },
    })
      .render()
      .asPng();
    return { png: Buffer.from(png), width, height };
  } finally {
    chart.dispose();
  }
}

/** Bar chart: counted cooperation projects (and signed ones) per theme day. */
export function projectsChart(rows: { label: string; projects: number; signed: number }[]): Png {
  return renderChart({
    title: { text: '各主题日合作项目数', left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 84 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      // Each name wraps within its own column (names of six theme days overlapped at a fixed width).
      axisLabel: {
        interval: 0,
        width: Math.max(48, Math.floor(496 / Math.max(1, rows.length)) - 8),
        overflow: 'break',
      },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '合作项目', type: 'bar', data: rows.map((r) => r.projects), label: { show: true, position: 'top' } },
      { name: '其中已签约', type: 'bar', data: rows.map((r) => r.signed), label: { show: true, position: 'top' } },
    ],
  });
}

/** Line chart: stability (%) at each follow-up point, one line per theme day. */
export function stabilityChart(months: number[], rows: { label: string; rates: (number | null)[] }[]): Png {
  return renderChart({
    title: { text: '合作机制稳定程度（签约后各回访节点）', left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 48, right: 24, top: 56, bottom: 64 },
    xAxis: { type: 'category', data: months.map((m) => `${m}个月`) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: rows.map((r) => ({
      name: r.label,
      type: 'line',
      connectNulls: false,
      data: r.rates.map((x) => (x === null ? null : Math.round(x * 1000) / 10)),
      // Point labels only while they cannot pile up; the exact values are in the tables next to the chart.
      label: { show: rows.length <= 2, formatter: '{c}%' },
    })),
  });
}

/** Bar chart across years (跨年度对比): cooperation projects (left axis) and on-site check-ins (right axis). */
export function yearsChart(rows: { label: string; projects: number; checkedIn: number }[]): Png {
  return renderChart({
    title: { text: '各年度合作项目数与现场签到人次', left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 48, right: 56, top: 48, bottom: 56 },
    xAxis: { type: 'category', data: rows.map((r) => r.label) },
    yAxis: [
      { type: 'value', name: '项目（个）', minInterval: 1 },
      { type: 'value', name: '签到（人次）', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: '合作项目',
        type: 'bar',
        data: rows.map((r) => r.projects),
        label: { show: true, position: 'top' },
      },
      {
        name: '现场签到人次',
        type: 'bar',
        yAxisIndex: 1,
        data: rows.map((r) => r.checkedIn),
        label: { show: true, position: 'top' },
      },
    ],
  });
}
