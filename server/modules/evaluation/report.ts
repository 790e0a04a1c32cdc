/**
 * The evaluation report: an official document (.docx, GB/T 9704 via lib/official-doc.ts) with the indicator
 * tables, the charts as PNG images and the evaluator's scores and conclusions, and an .xlsx with every number
 * behind it. Both are built from the IndicatorsView the indicators endpoint returns, so the files and the API
 * agree; `indicatorRows` flattens that view into the rows of the .xlsx sheet 指标数据 (a test reads them back).
 */
import {
  INDICATOR_EXPORT_HEADER,
  type EvaluationView,
  type HeadcountFigures,
  type IndicatorsView,
  type ThemeDayIndicators,
} from '../../../common/contracts/evaluation.ts';
import {
  PROJECT_STAGE_LABELS,
  PROJECT_TYPE_LABELS,
  type ProjectStage,
  type ProjectType,
} from '../../../common/contracts/projects.ts';
import { ENTERPRISE_SIZE_LABELS, type EnterpriseSize } from '../../../common/enterprise-size.ts';
import { defaultRules2020 } from '../../../common/programme-rules.ts';
import { ORG_KIND_LABELS, type OrgKind } from '../../../common/roles.ts';
import { formatShanghai } from '../../../common/time.ts';
import { NOTICE_CITATION } from '../../../common/notice.ts';
import { officialDocx, type OfficialBlock } from '../../lib/official-doc.ts';
import { toWorkbook, type CellValue } from '../../lib/xlsx.ts';
import { projectsChart, stabilityChart, yearsChart } from './charts.ts';

export interface IndicatorRow {
  themeDay: string;
  name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

const AREA_NAMES = new Map(defaultRules2020.contentAreas.map((a) => [a.key, a.name]));
const round4 = (x: number) => Math.round(x * 10000) / 10000;
const sizeLabel = (k: string) =>
  k === 'unknown' ? '规模不详' : `${ENTERPRISE_SIZE_LABELS[k as EnterpriseSize] ?? k}企业`;
const kindLabel = (k: string) => (k === 'unknown' ? '未知' : (ORG_KIND_LABELS[k as OrgKind]?.zh ?? k));

/** Every figure of one theme day (or the total) as name / value / numerator / denominator. */
export function figureRows(d: ThemeDayIndicators): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  const add = (
    name: string,
    value: number | null,
    numerator: number | null = null,
    denominator: number | null = null,
  ) => out.push({ themeDay: d.label, name, value, numerator, denominator });
  const p = d.projects;
  add('合作项目数', p.projects);
  add('待确认项目数', p.candidates);
  for (const [k, n] of Object.entries(p.byStage)) add(`阶段：${PROJECT_STAGE_LABELS[k as ProjectStage] ?? k}`, n);
  for (const [k, n] of Object.entries(p.byType)) add(`类型：${PROJECT_TYPE_LABELS[k as ProjectType] ?? k}`, n);
  for (const [k, n] of Object.entries(p.byArea)) add(`板块：${AREA_NAMES.get(k) ?? k}`, n);
  add('意向金额（元）', p.amounts.intended);
  add('合同金额（元）', p.amounts.contracted);
  add('到位金额（元）', p.amounts.received);
  add('带动就业（人）', p.jobsCreated);
  for (const s of p.stability)
    add(`合作机制稳定程度（${s.months}个月）`, s.rate === null ? null : round4(s.rate), s.numerator, s.denominator);
  const r = p.repeatCooperation;
  add('再次合作率', r.rate === null ? null : round4(r.rate), r.numerator, r.denominator);
  const m = p.smeShare;
  add('中小企业参与率', m.rate === null ? null : round4(m.rate), m.numerator, m.denominator);
  add('逾期未回访（次）', p.overdueFollowUps);
  const s = d.satisfaction;
  if (s) {
    add('满意度调查回收率', s.responseRate?.value ?? null, s.answers, s.invitations);
    add('满意率（CSAT）', s.csat?.value ?? null);
    add('满意率95%置信区间下限', s.csat?.low ?? null);
    add('满意率95%置信区间上限', s.csat?.high ?? null);
    add('净推荐值（NPS）', s.nps?.value ?? null);
    add('净推荐值95%置信区间下限', s.nps?.low ?? null);
    add('净推荐值95%置信区间上限', s.nps?.high ?? null);
    add('中小企业答卷数', s.sme.answers);
    add('中小企业满意率（CSAT）', s.sme.csat?.value ?? null);
    add('中小企业满意率95%置信区间下限', s.sme.csat?.low ?? null);
    add('中小企业满意率95%置信区间上限', s.sme.csat?.high ?? null);
    add('中小企业净推荐值（NPS）', s.sme.nps?.value ?? null);
  }
  const pa = d.participation;
  add('报名人次', pa.registrations);
  add('签到人次', pa.checkIns);
  for (const [k, c] of Object.entries(pa.bySize)) {
    add(`报名人次（${sizeLabel(k)}）`, c.registrations);
    add(`签到人次（${sizeLabel(k)}）`, c.checkIns);
  }
  for (const [k, c] of Object.entries(pa.byKind)) {
    add(`报名人次（${kindLabel(k)}）`, c.registrations);
    add(`签到人次（${kindLabel(k)}）`, c.checkIns);
  }
  const h = d.headcounts;
  add('活动场次', h.sessions);
  add('设线下限额的场次', h.onSiteSessions);
  add('线下限额合计（人）', h.onSiteLimit);
  add('线下报名人次', h.registered);
  add('现场签到人次', h.checkedIn);
  add('候补人次', h.waitlisted);
  add('线上报名人次', h.onlineRegistered);
  add(
    '现场签到占限额比例',
    h.fillRate === null ? null : round4(h.fillRate),
    h.fillRate === null ? null : h.checkedIn,
    h.onSiteLimit || null,
  );
  add('单场最高签到占限额比例', h.peakFillRate === null ? null : round4(h.peakFillRate));
  add('签到超出线下限额的场次', h.overLimit, h.overLimit, h.onSiteSessions);
  add('线上报名超出线上限额的场次', h.onlineOverLimit);
  for (const x of h.list) {
    add(`场次：${x.title}（线下报名/限额）`, x.registered, x.registered, x.onSiteLimit);
    add(
      `场次：${x.title}（现场签到/限额）`,
      x.fillRate === null ? null : round4(x.fillRate),
      x.checkedIn,
      x.onSiteLimit,
    );
    if (x.mode !== 'offline')
      add(`场次：${x.title}（线上报名/限额）`, x.onlineRegistered, x.onlineRegistered, x.onlineLimit);
  }
  const c = d.content;
  add('内容板块完成度', c.rate === null ? null : round4(c.rate), c.delivered, c.planned);
  for (const a of c.areas) if (a.planned) add(`方案板块：${a.name}（合作项目数）`, a.projects);
  add('一对一洽谈场次', d.meetings.scheduled);
  add('已举行洽谈场次', d.meetings.held);
  add('路演项目数', d.roadshows.projects);
  add('评委签约意向（次）', d.roadshows.intents);
  add('签约意向金额下限（万元）', d.roadshows.intentMinWan);
  add('签约意向金额上限（万元）', d.roadshows.intentMaxWan);
  return out;
}

/** The rows of the sheet 指标数据: each theme day in scope, then the total. */
export const indicatorRows = (v: IndicatorsView): IndicatorRow[] => [...v.themeDays, v.total].flatMap(figureRows);

/** The rows of the sheet 年度对比: the same figures per programme year (first column the year, e.g. "2020年"). */
export const yearRows = (v: IndicatorsView): IndicatorRow[] => v.years.flatMap(figureRows);

// ----- formatting for the document ----------------------------------------------------------------------------

const pct = (rate: number | null | undefined) => (rate == null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);
const ratioText = (r: { numerator: number; denominator: number; rate: number | null }) =>
  r.denominator ? `${pct(r.rate)}（${r.numerator}/${r.denominator}）` : '—（暂无应回访项目）';
const wan = (yuan: number) => `${Math.round(yuan / 100) / 100}`;

const MODE_TEXT: Record<string, string> = { offline: '线下', online: '线上', hybrid: '线上线下结合' };
const headcountText = (h: HeadcountFigures) =>
  h.onSiteLimit ? `${h.checkedIn} / ${h.onSiteLimit}（${pct(h.fillRate)}）` : '—（无线下限额）';
const limitText = (n: number | null) => (n === null ? '不限' : String(n));

/** The first follow-up point (3 months in the notice's rules) that the stability columns show. */
const firstMonths = (v: IndicatorsView): number => v.total.projects.stability[0]?.months ?? 3;

/** Each activity session of a theme day: offline registrations and check-ins against its limit, online too. */
function sessionsTable(d: ThemeDayIndicators): OfficialBlock | null {
  if (!d.headcounts.list.length) return null;
  return {
    kind: 'table',
    header: ['活动场次', '形式', '线下限额', '线下报名', '现场签到', '线上报名/限额', '是否超限'],
    rows: d.headcounts.list.map((x) => [
      x.title,
      MODE_TEXT[x.mode] ?? x.mode,
      x.mode === 'online' ? '—' : limitText(x.onSiteLimit),
      x.mode === 'online' ? '—' : x.registered,
      x.mode === 'online' ? '—' : `${x.checkedIn}（${pct(x.fillRate)}）`,
      x.mode === 'offline' ? '—' : `${x.onlineRegistered} / ${limitText(x.onlineLimit)}`,
      x.overLimit ? '线下超限' : x.onlineOverLimit ? '线上超限' : '否',
    ]),
    widths: [2000, 1000, 900, 900, 1700, 1600, 900],
  };
}

/** The years side by side (跨年度对比): the main figure of each indicator per programme year. */
function yearsTable(v: IndicatorsView): OfficialBlock {
  return {
    kind: 'table',
    header: ['年度', '主题日', '合作项目', `${firstMonths(v)}个月稳定率`, '满意率', '签到/线下限额', '超限场次'],
    rows: v.years.map((y) => {
      const first = y.projects.stability[0];
      return [
        y.label,
        v.themeDays.filter((d) => d.year === y.year).length,
        y.projects.projects,
        first ? ratioText(first) : '—',
        y.satisfaction ? (y.satisfaction.suppressed ? '样本不足' : pct(y.satisfaction.csat?.value)) : '未调查',
        headcountText(y.headcounts),
        y.headcounts.overLimit,
      ];
    }),
    widths: [900, 800, 900, 1800, 1000, 2300, 900],
  };
}

function dayTable(d: ThemeDayIndicators): OfficialBlock {
  const p = d.projects;
  const rows: (string | number)[][] = [
    ['合作项目数（各方已确认）', p.projects],
    ['其中已签约', p.smeShare.denominator],
    [
      '意向/合同/到位金额（万元）',
      `${wan(p.amounts.intended)} / ${wan(p.amounts.contracted)} / ${wan(p.amounts.received)}`,
    ],
    ...p.stability.map((s) => [`合作机制稳定程度（${s.months}个月）`, ratioText(s)] as (string | number)[]),
    ['再次合作率', ratioText(p.repeatCooperation)],
    ['中小企业参与率', ratioText(p.smeShare)],
  ];
  const s = d.satisfaction;
  if (!s) rows.push(['满意度调查', '未开展']);
  else {
    rows.push(['问卷回收率', `${pct(s.responseRate?.value)}（${s.answers}/${s.invitations}）`]);
    if (s.suppressed) rows.push(['满意率（CSAT）/ 净推荐值（NPS）', '样本不足']);
    else {
      rows.push([
        '满意率（CSAT）',
        s.csat ? `${pct(s.csat.value)}（95%置信区间 ${pct(s.csat.low)}–${pct(s.csat.high)}）` : '—',
      ]);
      rows.push(['净推荐值（NPS）', s.nps ? `${s.nps.value}（95%置信区间 ${s.nps.low}至${s.nps.high}）` : '—']);
    }
    rows.push([
      '其中中小企业满意率（CSAT）',
      s.sme.suppressed || !s.sme.csat
        ? '样本不足'
        : `${pct(s.sme.csat.value)}（95%置信区间 ${pct(s.sme.csat.low)}–${pct(s.sme.csat.high)}，${s.sme.answers}份）`,
    ]);
  }
  rows.push(
    ['报名人次 / 签到人次', `${d.participation.registrations} / ${d.participation.checkIns}`],
    ['活动场次（其中设线下限额）', `${d.headcounts.sessions}（${d.headcounts.onSiteSessions}）`],
    ['现场签到 / 线下限额合计', headcountText(d.headcounts)],
    ['签到超出线下限额的场次', d.headcounts.onSiteSessions ? `${d.headcounts.overLimit}场` : '—'],
    [
      '内容板块完成度',
      d.content.planned
        ? ratioText({ numerator: d.content.delivered, denominator: d.content.planned, rate: d.content.rate })
        : '—（无活动方案板块）',
    ],
    ['一对一洽谈（已举行 / 安排）', `${d.meetings.held} / ${d.meetings.scheduled}`],
    ['路演项目 / 签约意向', `${d.roadshows.projects} / ${d.roadshows.intents}`],
  );
  return { kind: 'table', header: ['指标', '数值'], rows, widths: [4200, 4900] };
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number) => (n <= 10 ? NUMERALS[n - 1]! : n < 20 ? `十${NUMERALS[n - 11] ?? ''}` : String(n));

/** What an indicator measures, for the table 指标体系 (the platform's definitions for the indicators it computes). */
function scopeText(key: string, v: IndicatorsView): string {
  if (key === 'projects') return '合作项目数（各方已确认）、签约数、金额及内容板块分布';
  const d = v.definitions[key];
  if (d) return d;
  return '评估机构依据调查取证评定';
}

export function reportTitle(e: EvaluationView): string {
  const years = [...new Set(e.themeDays.map((t) => t.year))].sort();
  const y = years.length === 0 ? '' : years.length === 1 ? `${years[0]}年` : `${years[0]}—${years[years.length - 1]}年`;
  return `${y}大中小企业融通创新主题日活动第三方评估报告`;
}

export async function reportDocx(e: EvaluationView, v: IndicatorsView, now: Date): Promise<Buffer> {
  const period = `${formatShanghai(e.periodStart, 'date')}至${formatShanghai(e.periodEnd, 'date')}`;
  const blocks: OfficialBlock[] = [
    { kind: 'heading', level: 1, text: '一、评估概况' },
    {
      kind: 'paragraph',
      text:
        `根据${NOTICE_CITATION}有关要求，受国家发展改革委委托，${e.evaluator.name}于${period}` +
        `对${e.themeDays.length}个主题日活动（${e.themeDays.map((t) => t.title).join('、')}）开展第三方评估。` +
        `评估以合作项目数量与质量、合作机制稳定程度和产业链上中小企业、初创企业满意程度为重点，数据取自融通创新主题日平台，` +
        `统计截至${formatShanghai(v.asOf, 'date')}。`,
    },
    { kind: 'heading', level: 1, text: '二、指标体系' },
    {
      kind: 'table',
      header: ['序号', '指标', '权重（%）', '口径'],
      rows: e.indicators.map((i, n) => [n + 1, i.name, i.weight, i.description ?? scopeText(i.key, v)]),
      widths: [800, 2600, 1300, 4400],
    },
    {
      kind: 'paragraph',
      text: `各指标按百分制评分，主题日综合得分为各指标得分按权重加权之和（满分100分）。`,
    },
    { kind: 'heading', level: 1, text: '三、各主题日评估结果' },
    { kind: 'heading', level: 2, text: '（一）总体比较' },
    {
      kind: 'table',
      header: ['主题日', '合作项目', `${firstMonths(v)}个月稳定率`, '中小企业参与率', '满意率', '综合得分'],
      rows: [...v.themeDays, v.total].map((d) => {
        const first = d.projects.stability[0];
        const total = d.themeDayId ? e.totals.find((t) => t.themeDayId === d.themeDayId)?.total : null;
        return [
          d.label,
          d.projects.projects,
          first ? ratioText(first) : '—',
          ratioText(d.projects.smeShare),
          d.satisfaction ? (d.satisfaction.suppressed ? '样本不足' : pct(d.satisfaction.csat?.value)) : '未调查',
          total == null ? '—' : total,
        ];
      }),
      widths: [2000, 900, 1900, 1900, 1100, 1000],
    },
  ];
  const bar = projectsChart(
    v.themeDays.map((d) => ({
      label: d.label,
      projects: d.projects.projects,
      signed: d.projects.smeShare.denominator,
    })),
  );
  blocks.push({ kind: 'image', ...bar, caption: '图1  各主题日合作项目数' });
  const curve = stabilityChart(
    v.followUpMonths,
    [...v.themeDays, v.total].map((d) => ({
      label: d.label,
      rates: v.followUpMonths.map((m) => d.projects.stability.find((s) => s.months === m)?.rate ?? null),
    })),
  );
  blocks.push({ kind: 'image', ...curve, caption: '图2  合作机制稳定程度' });

  blocks.push(
    { kind: 'heading', level: 2, text: '（二）年度比较' },
    {
      kind: 'paragraph',
      text:
        v.years.length > 1
          ? `评估范围内的主题日按举办年度汇总比较如下（${v.years.map((y) => y.label).join('、')}）。`
          : `评估范围内的主题日均为${v.years[0]?.label ?? ''}举办，年度汇总如下。`,
    },
    yearsTable(v),
  );
  if (v.years.length > 1) {
    const yc = yearsChart(
      v.years.map((y) => ({
        label: y.label,
        projects: y.projects.projects,
        checkedIn: y.headcounts.checkedIn,
      })),
    );
    blocks.push({ kind: 'image', ...yc, caption: '图3  各年度合作项目数与现场签到人次' });
  }

  v.themeDays.forEach((d, i) => {
    blocks.push({ kind: 'heading', level: 2, text: `（${cn(i + 3)}）${d.label}` }, dayTable(d));
    const st = sessionsTable(d);
    if (st) blocks.push({ kind: 'paragraph', text: '各场活动参加人数与限额：' }, st);
    const scores = e.indicators.map((ind) => {
      const s = e.scores.find((x) => x.themeDayId === d.themeDayId && x.indicatorKey === ind.key);
      return [ind.name, ind.weight, s ? s.score : '未评分', s?.comment || '—'];
    });
    const total = e.totals.find((t) => t.themeDayId === d.themeDayId)?.total;
    scores.push(['综合得分', 100, total == null ? '—' : total, '']);
    blocks.push({
      kind: 'table',
      header: ['评估指标', '权重（%）', '得分', '评语'],
      rows: scores,
      widths: [2600, 1200, 1000, 4300],
    });
  });

  blocks.push({ kind: 'heading', level: 1, text: '四、结论与建议' });
  const paras = e.conclusions
    .split(/\n+/)
    .map((x) => x.trim())
    .filter(Boolean);
  if (!paras.length) blocks.push({ kind: 'paragraph', text: '（评估结论尚未填写。）' });
  for (const t of paras) blocks.push({ kind: 'paragraph', text: t });

  return officialDocx({ title: reportTitle(e), blocks, issuer: e.evaluator.name, date: e.submittedAt ?? now });
}

export async function reportXlsx(e: EvaluationView, v: IndicatorsView): Promise<Buffer> {
  const rows = indicatorRows(v).map((r): CellValue[] => [r.themeDay, r.name, r.value, r.numerator, r.denominator]);
  const label = new Map(e.themeDays.map((t) => [t.id, t.title]));
  return toWorkbook([
    { name: '指标数据', header: [...INDICATOR_EXPORT_HEADER], rows, widths: [30, 34, 14, 10, 10] },
    {
      name: '年度对比',
      header: ['年度', ...INDICATOR_EXPORT_HEADER.slice(1)],
      rows: yearRows(v).map((r): CellValue[] => [r.themeDay, r.name, r.value, r.numerator, r.denominator]),
      widths: [12, 34, 14, 10, 10],
    },
    {
      name: '评分',
      header: ['主题日', '指标', '权重（%）', '得分', '评语'],
      rows: e.themeDays.flatMap((t) =>
        e.indicators.map((i) => {
          const s = e.scores.find((x) => x.themeDayId === t.id && x.indicatorKey === i.key);
          return [label.get(t.id) ?? '', i.name, i.weight, s?.score ?? null, s?.comment ?? ''];
        }),
      ),
      widths: [30, 24, 10, 8, 60],
    },
    {
      name: '口径',
      header: ['项目', '说明'],
      rows: [
        ['评估', e.title],
        ['评估机构', e.evaluator.name],
        ['评估期', `${e.periodStart} 至 ${e.periodEnd}`],
        ['统计截至', v.asOf],
        ['比例', '数值为小数（0.5 即 50%），净推荐值为分值（−100至100）；空白表示无数据或样本不足'],
        ...Object.entries(v.definitions).map(([k, t]) => [k, t]),
      ],
      widths: [16, 100],
    },
  ]);
}
