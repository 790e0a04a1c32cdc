/**
 * The numbers of 417号 三(四): how many projects, how stable the cooperation is, how many involve SMEs and
 * startups — computed in code from the same rows for every grouping, so SQLite and PostgreSQL (and every page
 * showing them) give identical figures. Definitions are in the contract (STATS_DEFINITIONS) and shown next to
 * the numbers.
 *
 * - Counted projects: every party confirmed (stage not `candidate`), not merged away.
 * - Stability at point N: denominator = counted projects signed at least N calendar months ago (due date of
 *   point N on or before today, Shanghai); numerator = those of them whose every party answered point N with
 *   进展顺利 or 已完成 (a silent party, or 延期/暂停/已终止, leaves the project out of the numerator).
 * - Repeat cooperation: pairs of organisations that are parties together in a counted project of the group;
 *   numerator = pairs that started another counted project together later (by intent date, then creation).
 * - SME share: signed projects (a signing date) with at least one party that was medium, small or micro at
 *   signing (the size class copied then).
 * - Region: the province of the lead party's organisation. Year: the theme day's programme year, else the
 *   year the project was confirmed.
 *
 * The rows come from `statsFacts` (repository.ts): one narrow row per project in scope, its own columns and its
 * facts — party count, size classes, lead region, follow-up rows and stable answers per point, the due dates of
 * unanswered follow-ups, the party organisations — kept on the project row by database triggers (migration
 * 2026-12-11T10-project-facts) and refreshed before reading; plus the pairs of organisations that cooperate more
 * than once, found from those facts. A pair that occurs once is in its group's denominator and never in a
 * numerator, so only the repeated pairs are listed one by one.
 */
import { defaultRules2020 } from '../../../common/programme-rules.ts';
import {
  PROJECT_TYPE_LABELS,
  STATS_DEFINITIONS,
  type Ratio,
  type StatsGroup,
  type StatsGroupView,
  type StatsView,
} from '../../../common/contracts/projects.ts';
import { provinceOf } from '../../../common/region.ts';
import { ENTERPRISE_SIZE_LABELS } from '../../../common/enterprise-size.ts';
import { addCalendarMonths, addDays } from '../../../common/time.ts';
import { SIZE_CLASSES, type SizeClass } from '../../../common/contracts/organisations.ts';
import { json } from '../../db/index.ts';
import { SIZE_BITS, type StatsFact, type StatsFacts, type ThemeDayFacts } from './repository.ts';
import { rulesOf } from './rules.ts';

const SME_BITS = SIZE_BITS.medium | SIZE_BITS.small | SIZE_BITS.micro;

const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  rate: denominator ? numerator / denominator : null,
});

/** Start of a project for the repeat rule: the day all parties confirmed it, ties broken by creation. */
const startKey = (r: StatsFact) => `${r.intent_on ?? ''}|${r.created_at}|${r.id}`;

/**
 * The last signing date from which point `n` is due by `today`: addCalendarMonths(signed, n) ≤ today exactly when
 * signed ≤ this date (adding months never moves a later date before an earlier one), so SQL-free and exact at
 * month ends (2026-08-29, -30 and -31 + 6 months are all 2027-02-28).
 */
export function signedByForPoint(today: string, n: number): string {
  let d = addCalendarMonths(today, -n);
  while (addCalendarMonths(d, n) > today) d = addDays(d, -1);
  while (addCalendarMonths(addDays(d, 1), n) <= today) d = addDays(d, 1);
  return d;
}

const areasCache = new Map<string, string[]>();
function areasOf(text: string): string[] {
  let a = areasCache.get(text);
  if (!a) {
    a = json.parse<string[]>(text, []);
    if (areasCache.size > 10_000) areasCache.clear();
    areasCache.set(text, a);
  }
  return a;
}

const classesOf = (mask: number): (SizeClass | null)[] => [
  ...SIZE_CLASSES.filter((c) => mask & SIZE_BITS[c]),
  ...(mask & SIZE_BITS.none ? [null] : []),
];

function groupKeys(
  r: StatsFact,
  themeDays: Map<string, ThemeDayFacts>,
  by: StatsGroup,
): { key: string; label: string }[] {
  const td = r.theme_day_id ? themeDays.get(r.theme_day_id) : undefined;
  switch (by) {
    case 'none':
      return [{ key: 'all', label: '全部' }];
    case 'themeDay':
      return [td ? { key: td.id, label: td.title } : { key: 'none', label: '未关联主题日' }];
    case 'host':
      return [td ? { key: td.hostBaseId, label: td.hostName } : { key: 'none', label: '未关联主题日' }];
    case 'type':
      return [{ key: r.type, label: PROJECT_TYPE_LABELS[r.type] }];
    case 'area': {
      const names = new Map(rulesOf(td?.rules).contentAreas.map((a) => [a.key, a.name]));
      const areas = areasOf(r.content_areas);
      return areas.length
        ? areas.map((a) => ({ key: a, label: names.get(a) ?? a }))
        : [{ key: 'none', label: '未标注板块' }];
    }
    case 'region': {
      const p = r.leadRegion ? provinceOf(r.leadRegion) : undefined;
      return [p ? { key: p.code, label: p.name } : { key: 'none', label: '地区不详' }];
    }
    case 'sizeClass': {
      // Signed: the class copied at signing; not signed yet: the organisation's class today.
      const classes = classesOf(r.signed_on ? r.signedClasses : r.currentClasses);
      return classes.map((c) =>
        c ? { key: c, label: `${ENTERPRISE_SIZE_LABELS[c]}企业` } : { key: 'none', label: '非企业或规模不详' },
      );
    }
    case 'year': {
      const y = td?.year ?? (r.intent_on ? Number(r.intent_on.slice(0, 4)) : null);
      return [y ? { key: String(y), label: `${y}年` } : { key: 'none', label: '年份不详' }];
    }
  }
}

/** Repeated pairs by project, and the latest start of each pair among all counted projects in scope. */
interface Pairs {
  byProject: Map<string, string[]>;
  latest: Map<string, string>;
}

function figures(
  key: string,
  label: string,
  rows: StatsFact[],
  pairs: Pairs,
  months: { n: number; index: number; signedBy: string }[],
): StatsGroupView {
  const inc = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  const byStage: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const byArea: Record<string, number> = {};
  const amounts = { intended: 0, contracted: 0, received: 0 };
  let jobs = 0;
  let overdue = 0;
  let counted = 0;
  let signed = 0;
  let sme = 0;
  let pairSlots = 0;
  const due = months.map(() => 0);
  const stable = months.map(() => 0);
  const firstInGroup = new Map<string, string>();
  const seenInGroup = new Map<string, number>();
  for (const r of rows) {
    if (r.stage === 'candidate') continue;
    counted++;
    inc(byStage, r.stage);
    inc(byType, r.type);
    for (const a of areasOf(r.content_areas)) inc(byArea, a);
    amounts.intended += r.intended_amount ?? 0;
    amounts.contracted += r.contracted_amount ?? 0;
    amounts.received += r.received_amount ?? 0;
    jobs += r.jobs_created ?? 0;
    overdue += r.overdue;
    if (r.signed_on) {
      signed++;
      if (r.signedClasses & SME_BITS) sme++;
      months.forEach((m, i) => {
        if (r.signed_on! <= m.signedBy) {
          due[i]!++;
          if (r.parties > 0 && r.stableAt[m.index] === r.parties) stable[i]!++;
        }
      });
    }
    pairSlots += (r.parties * (r.parties - 1)) / 2;
    for (const pair of pairs.byProject.get(r.id) ?? []) {
      const k = startKey(r);
      const cur = firstInGroup.get(pair);
      if (!cur || k < cur) firstInGroup.set(pair, k);
      seenInGroup.set(pair, (seenInGroup.get(pair) ?? 0) + 1);
    }
  }
  // Distinct pairs: every pair slot, less the second and later occurrences of a repeated pair in this group.
  let distinctPairs = pairSlots;
  for (const times of seenInGroup.values()) distinctPairs -= times - 1;
  let repeated = 0;
  for (const [pair, first] of firstInGroup) if ((pairs.latest.get(pair) ?? '') > first) repeated++;

  return {
    key,
    label,
    projects: counted,
    candidates: rows.length - counted,
    byStage,
    byType,
    byArea,
    amounts,
    jobsCreated: jobs,
    stability: months.map((m, i) => ({ months: m.n, ...ratio(stable[i]!, due[i]!) })),
    repeatCooperation: ratio(repeated, distinctPairs),
    smeShare: ratio(sme, signed),
    overdueFollowUps: overdue,
  };
}

/** The last figures per facts object (statsFacts returns the same object while nothing changed) and grouping. */
const memo = new WeakMap<StatsFacts, Map<string, { themeDays: string; view: StatsView }>>();

/**
 * `computeStats`, remembered for the same facts object, grouping, day and theme days (titles, hosts, rules):
 * the figures are a pure function of those.
 */
export function computeStatsMemo(
  facts: StatsFacts,
  themeDays: Map<string, ThemeDayFacts>,
  by: StatsGroup,
  today: string,
): StatsView {
  let m = memo.get(facts);
  if (!m) memo.set(facts, (m = new Map<string, { themeDays: string; view: StatsView }>()));
  const key = `${by}|${today}`;
  const tdKey = JSON.stringify([...themeDays.values()]);
  const hit = m.get(key);
  if (hit && hit.themeDays === tdKey) return hit.view;
  const view = computeStats(facts, themeDays, by, today);
  m.set(key, { themeDays: tdKey, view });
  return view;
}

/** The figures for the projects in `facts` (what the caller may see, merged ones excluded), in total and per group. */
export function computeStats(
  facts: StatsFacts,
  themeDays: Map<string, ThemeDayFacts>,
  by: StatsGroup,
  today: string,
): StatsView {
  const { rows, points } = facts;
  const present = points.filter((_m, i) => rows.some((r) => r.rowsAt[i]! > 0));
  const months = [...new Set([...defaultRules2020.followUpMonths, ...present])].sort((a, b) => a - b);
  // Points nobody uses (no programme in scope has them, no follow-up exists) are left out, except the defaults with no data at all.
  const used = present.length ? months.filter((m) => present.includes(m)) : months;
  const monthFacts = used.map((n) => ({ n, index: points.indexOf(n), signedBy: signedByForPoint(today, n) }));

  const byId = new Map(rows.map((r) => [r.id, r]));
  const pairs: Pairs = { byProject: new Map(), latest: new Map() };
  for (const p of facts.repeatedPairs) {
    const r = byId.get(p.project_id);
    if (!r) continue;
    const pair = `${p.a}|${p.b}`;
    pairs.byProject.set(p.project_id, [...(pairs.byProject.get(p.project_id) ?? []), pair]);
    const k = startKey(r);
    const cur = pairs.latest.get(pair);
    if (!cur || k > cur) pairs.latest.set(pair, k);
  }

  const groups = new Map<string, { label: string; rows: StatsFact[] }>();
  for (const r of rows) {
    for (const g of groupKeys(r, themeDays, by)) {
      let cur = groups.get(g.key);
      if (!cur) groups.set(g.key, (cur = { label: g.label, rows: [] }));
      cur.rows.push(r);
    }
  }
  return {
    groupBy: by,
    asOf: today,
    followUpMonths: used,
    definitions: { ...STATS_DEFINITIONS },
    total: figures('all', '全部', rows, pairs, monthFacts),
    groups: [...groups.entries()]
      .map(([key, g]) => figures(key, g.label, g.rows, pairs, monthFacts))
      .sort((a, b) => b.projects - a.projects || a.label.localeCompare(b.label, 'zh-CN')),
  };
}
