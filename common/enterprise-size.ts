/**
 * 大/中/小/微 enterprise size classes by 统计上大中小微型企业划分办法（2017）(国统字〔2017〕213号).
 *
 * The programme is about large firms working with SMEs and startups, so every enterprise carries a size
 * class (MISSION). Thresholds come from data/enterprise_size_2017.json (see data/SOURCES.md); the rule,
 * quoted from the 办法: "大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标
 * 中的一项即可". Equivalently: place each listed indicator in its tier and take the SMALLEST tier. Lower
 * bounds are inclusive (X≥1000 is 大型).
 *
 * Indicators: X 从业人员 (persons), Y 营业收入 (万元), Z 资产总额 (万元). An indicator the row does not list is
 * ignored. When a listed indicator is missing the class can still be decided if a given indicator is
 * already 微型 (micro needs only one); otherwise the result is undetermined (`size: null`).
 */
import table from './data/enterprise_size_2017.json' with { type: 'json' };
import { parseIndustryCode } from './industry.ts';

export type EnterpriseSize = 'large' | 'medium' | 'small' | 'micro';
export type EnterpriseSizeLabel = '大型' | '中型' | '小型' | '微型';

/** Chinese label of each size class. */
export const ENTERPRISE_SIZE_LABELS: Record<EnterpriseSize, EnterpriseSizeLabel> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};

const SIZE_ORDER: readonly EnterpriseSize[] = ['micro', 'small', 'medium', 'large'];

type IndicatorKey = 'X' | 'Y' | 'Z';

interface Indicator {
  key: IndicatorKey;
  name: string;
  unit: string;
  large_min: number;
  medium_min: number;
  small_min: number;
}

/** One row of the 2017 table, with a stable English key. */
export interface SizeTableRow {
  key: string;
  /** Row name as in the table, without the '*' that marks combined groups, e.g. "工业". */
  name: string;
  /** GB/T 4754-2017 scope as written in the table, e.g. "B,C,D". */
  scope: string;
  indicators: readonly Indicator[];
}

/** Stable keys of the table rows, in table order. */
const ROW_KEYS = [
  'agriculture',
  'industry',
  'construction',
  'wholesale',
  'retail',
  'transport',
  'warehousing',
  'postal',
  'accommodation',
  'catering',
  'information_transmission',
  'software_it',
  'real_estate_development',
  'property_management',
  'leasing_business',
  'other',
] as const;
export type SizeIndustryKey = (typeof ROW_KEYS)[number];

/** The rows of the 2017 table (16 industries / industry groups). */
export const SIZE_TABLE: readonly SizeTableRow[] = table.table.map((row, i) => ({
  key: ROW_KEYS[i] as string,
  name: row.industry.replace(/\*$/, ''),
  scope: row.gbt4754_2017,
  indicators: row.indicators as Indicator[],
}));

if (SIZE_TABLE.length !== ROW_KEYS.length) throw new Error('enterprise_size_2017.json: unexpected number of rows');

const rowByKey = new Map(SIZE_TABLE.map((r) => [r.key, r]));

/** Where a GB/T 4754 code falls in the size table. */
export type SizeRowLookup =
  | { kind: 'row'; row: SizeTableRow }
  /** Financial industry, railways, education, health, public administration…: no thresholds in this table. */
  | { kind: 'not_covered' }
  /** A section or division split across rows (e.g. F → 批发/零售, 59 → 装卸搬运/仓储): give a finer code. */
  | { kind: 'ambiguous'; candidates: SizeTableRow[] }
  | { kind: 'unknown' };

const row = (key: SizeIndustryKey): SizeRowLookup => ({ kind: 'row', row: rowByKey.get(key) as SizeTableRow });
const ambiguous = (...keys: SizeIndustryKey[]): SizeRowLookup => ({
  kind: 'ambiguous',
  candidates: keys.map((k) => rowByKey.get(k) as SizeTableRow),
});
const NOT_COVERED: SizeRowLookup = { kind: 'not_covered' };

/** Division (2-digit) → row, per the table's scope column and its "includes" notes. */
function divisionRow(division: number, digits: string): SizeRowLookup {
  if (division >= 1 && division <= 5) return row('agriculture'); // A
  if (division >= 6 && division <= 46) return row('industry'); // B, C, D
  if (division >= 47 && division <= 50) return row('construction'); // E
  if (division === 51) return row('wholesale');
  if (division === 52) return row('retail');
  if (division === 53) return NOT_COVERED; // 铁路运输业 excluded from 交通运输业
  if (division >= 54 && division <= 58) return row('transport');
  if (division === 59) {
    // 59 装卸搬运和仓储业: 591 装卸搬运 belongs to 交通运输业, 592–599 (仓储) to 仓储业.
    if (digits.length < 3) return ambiguous('transport', 'warehousing');
    return digits[2] === '1' ? row('transport') : row('warehousing');
  }
  if (division === 60) return row('postal');
  if (division === 61) return row('accommodation');
  if (division === 62) return row('catering');
  if (division === 63 || division === 64) return row('information_transmission');
  if (division === 65) return row('software_it');
  if (division >= 66 && division <= 69) return NOT_COVERED; // J 金融业: 银发〔2015〕309号
  if (division === 70) {
    // 701 房地产开发经营, 702 物业管理, 703 房地产中介服务 and 709 其他房地产业 (→ 其他未列明行业);
    // 704 房地产租赁经营 (自有房地产经营活动) is excluded.
    if (digits.length < 3) {
      return ambiguous('real_estate_development', 'property_management', 'other');
    }
    const group = digits[2];
    if (group === '1') return row('real_estate_development');
    if (group === '2') return row('property_management');
    if (group === '3' || group === '9') return row('other');
    return NOT_COVERED;
  }
  if (division === 71 || division === 72) return row('leasing_business'); // L
  if (division >= 73 && division <= 82) return row('other'); // M, N, O
  if (division === 83 || division === 84) return NOT_COVERED; // P 教育, Q84 卫生
  if (division === 85) return row('other'); // Q85 社会工作
  if (division >= 86 && division <= 90) return row('other'); // R
  return NOT_COVERED; // S, T
}

const SECTION_ROWS: Record<string, SizeRowLookup> = {
  A: row('agriculture'),
  B: row('industry'),
  C: row('industry'),
  D: row('industry'),
  E: row('construction'),
  F: ambiguous('wholesale', 'retail'),
  G: ambiguous('transport', 'warehousing', 'postal'),
  H: ambiguous('accommodation', 'catering'),
  I: ambiguous('information_transmission', 'software_it'),
  J: NOT_COVERED,
  K: ambiguous('real_estate_development', 'property_management', 'other'),
  L: row('leasing_business'),
  M: row('other'),
  N: row('other'),
  O: row('other'),
  P: NOT_COVERED,
  Q: ambiguous('other'), // Q84 卫生 is not covered, Q85 社会工作 is
  R: row('other'),
  S: NOT_COVERED,
  T: NOT_COVERED,
};

/**
 * Finds the size-table row for an industry: a GB/T 4754-2017 code ('C', '65', 'I65', '591', 'K7010') or a
 * row key ('software_it') or row name ('软件和信息技术服务业', '工业' / '工业*').
 */
export function sizeRowForIndustry(industry: string): SizeRowLookup {
  const s = (industry ?? '').trim();
  const byKey = rowByKey.get(s) ?? SIZE_TABLE.find((r) => r.name === s.replace(/\*$/, ''));
  if (byKey) return { kind: 'row', row: byKey };
  const p = parseIndustryCode(s);
  if (!p) return { kind: 'unknown' };
  if (p.digits === undefined) return SECTION_ROWS[p.section] ?? { kind: 'unknown' };
  return divisionRow(Number(p.digits.slice(0, 2)), p.digits);
}

/** Input of a classification. Money in 万元 (CNY 10 000). */
export interface EnterpriseSizeInput {
  /** GB/T 4754-2017 code (section, division or deeper) or a size-table row key/name. */
  industry: string;
  /** 从业人员 (X), persons. */
  employees?: number;
  /** 营业收入 (Y), 万元. */
  revenueWan?: number;
  /** 资产总额 (Z), 万元. */
  assetsWan?: number;
}

/** How one indicator placed the enterprise. */
export interface IndicatorTier {
  key: IndicatorKey;
  name: string;
  unit: string;
  value: number | undefined;
  /** Tier of this indicator alone; undefined when the value is missing. */
  size: EnterpriseSize | undefined;
}

export type EnterpriseSizeResult =
  | {
      size: EnterpriseSize;
      label: EnterpriseSizeLabel;
      /** Chinese explanation, e.g. "软件和信息技术服务业：从业人员103人（中型），营业收入15735.28万元（大型），取较小档为中型". */
      basis: string;
      industryKey: string;
      indicators: IndicatorTier[];
    }
  | {
      size: null;
      label: null;
      basis: string;
      reasonCode:
        'industry_unknown' | 'industry_ambiguous' | 'industry_not_covered' | 'indicator_missing' | 'indicator_invalid';
      industryKey?: string;
      indicators: IndicatorTier[];
    };

function tierOf(ind: Indicator, value: number): EnterpriseSize {
  if (value >= ind.large_min) return 'large';
  if (value >= ind.medium_min) return 'medium';
  if (value >= ind.small_min) return 'small';
  return 'micro';
}

const fmt = (n: number) => String(Number(n.toFixed(4)));

/**
 * Classifies an enterprise as 大型/中型/小型/微型 under the 2017 办法 (see the module comment for the rule).
 * `size` is null when the industry is unknown, split across rows, not covered by the table (e.g. 金融业), or
 * a needed indicator is missing or negative.
 */
export function classifyEnterpriseSize(input: EnterpriseSizeInput): EnterpriseSizeResult {
  const lookup = sizeRowForIndustry(input.industry);
  if (lookup.kind === 'unknown') {
    return fail('industry_unknown', `无法识别的行业：「${input.industry}」`);
  }
  if (lookup.kind === 'not_covered') {
    return fail(
      'industry_not_covered',
      `该行业（${input.industry}）不在《统计上大中小微型企业划分办法（2017）》划分范围内（如金融业另按银发〔2015〕309号划型）`,
    );
  }
  if (lookup.kind === 'ambiguous') {
    return fail(
      'industry_ambiguous',
      `行业「${input.industry}」下各类适用不同的划型标准（涉及${lookup.candidates.map((r) => r.name).join('、')}），请选择更具体的行业`,
    );
  }
  const r = lookup.row;
  const values: Record<IndicatorKey, number | undefined> = {
    X: input.employees,
    Y: input.revenueWan,
    Z: input.assetsWan,
  };
  const indicators: IndicatorTier[] = r.indicators.map((ind) => {
    const value = values[ind.key];
    const usable = value !== undefined && value !== null && Number.isFinite(value) && value >= 0;
    return { key: ind.key, name: ind.name, unit: ind.unit, value, size: usable ? tierOf(ind, value) : undefined };
  });

  const bad = indicators.filter((i) => i.value !== undefined && i.value !== null && i.size === undefined);
  if (bad.length > 0) {
    return fail('indicator_invalid', `${bad.map((i) => i.name).join('、')}须为不小于0的数值`, r.key, indicators);
  }
  const describe = (i: IndicatorTier) =>
    i.value === undefined
      ? `${i.name}未填写`
      : `${i.name}${fmt(i.value)}${i.unit}（${ENTERPRISE_SIZE_LABELS[i.size as EnterpriseSize]}）`;
  const given = indicators.filter((i) => i.size !== undefined);
  const missing = indicators.filter((i) => i.size === undefined);

  if (missing.length > 0 && !given.some((i) => i.size === 'micro')) {
    return fail(
      'indicator_missing',
      `${r.name}按${indicators.map((i) => i.name).join('和')}划型，请填写${missing.map((i) => i.name).join('、')}`,
      r.key,
      indicators,
    );
  }
  let size: EnterpriseSize = 'large';
  for (const i of given) {
    if (SIZE_ORDER.indexOf(i.size as EnterpriseSize) < SIZE_ORDER.indexOf(size)) size = i.size as EnterpriseSize;
  }
  const label = ENTERPRISE_SIZE_LABELS[size];
  const parts = indicators.map(describe).join('，');
  const basis =
    size === 'micro' && missing.length > 0
      ? `${r.name}：${parts}；微型企业只须满足一项指标，为微型`
      : indicators.length > 1
        ? `${r.name}：${parts}，须同时满足各项指标下限，取较小档为${label}`
        : `${r.name}：${parts}，为${label}`;
  return { size, label, basis, industryKey: r.key, indicators };

  function fail(
    reasonCode: Extract<EnterpriseSizeResult, { size: null }>['reasonCode'],
    basis: string,
    industryKey?: string,
    indicators: IndicatorTier[] = [],
  ): EnterpriseSizeResult {
    return industryKey === undefined
      ? { size: null, label: null, basis, reasonCode, indicators }
      : { size: null, label: null, basis, reasonCode, industryKey, indicators };
  }
}
