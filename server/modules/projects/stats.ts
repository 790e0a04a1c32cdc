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
 */
import { defaultRules2020 } from '../../../common/programme-rules.ts';
import {
  PROJECT_TYPE_LABELS,
  STABLE_STATUSES,
  STATS_DEFINITIONS,
  type Ratio,
  type StatsGroup,
  type StatsGroupView,
  type StatsView,
} from '../../../common/contracts/projects.ts';
import { provinceOf } from '../../../common/region.ts';
import { ENTERPRISE_SIZE_LABELS } from '../../../common/enterprise-size.ts';
import { addCalendarMonths } from '../../../common/time.ts';
import type { Loaded } from './presenter.ts';
import { contentAreasOf, type FollowUpRow, type PartyRow, type ProjectRow } from './repository.ts';
import type { SizeClass } from '../../../common/contracts/organisations.ts';
import { rulesOf } from './rules.ts';

const SME = new Set(['medium', 'small', 'micro']);

const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  rate: denominator ? numerator / denominator : null,
});

/** Start of a project for the repeat rule: the day all parties confirmed it, ties broken by creation. */
const startKey = (r: ProjectRow) => `${r.intent_on ?? ''}|${r.created_at}|${r.id}`;

function groupKeys(r: ProjectRow, l: Loaded, by: StatsGroup): { key: string; label: string }[] {
  const td = r.theme_day_id ? l.themeDays.get(r.theme_day_id) : undefined;
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
      const areas = contentAreasOf(r);
      return areas.length
        ? areas.map((a) => ({ key: a, label: names.get(a) ?? a }))
        : [{ key: 'none', label: '未标注板块' }];
    }
    case 'region': {
      const parties = l.parties.get(r.id) ?? [];
      const lead = parties.find((p) => p.role === 'lead') ?? parties[0];
      const code = lead ? l.orgs.get(lead.organisation_id)?.region_code : null;
      const p = code ? provinceOf(code) : undefined;
      return [p ? { key: p.code, label: p.name } : { key: 'none', label: '地区不详' }];
    }
    case 'sizeClass': {
      // Signed: the class copied at signing; not signed yet: the organisation's class today.
      const classOf = (p: PartyRow): SizeClass | null =>
        r.signed_on ? p.size_class : (l.orgs.get(p.organisation_id)?.size_class ?? null);
      const classes = [...new Set((l.parties.get(r.id) ?? []).map(classOf))].sort();
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

function figures(
  key: string,
  label: string,
  rows: ProjectRow[],
  all: ProjectRow[],
  l: Loaded,
  followUps: Map<string, FollowUpRow[]>,
  months: number[],
  today: string,
): StatsGroupView {
  const counted = rows.filter((r) => r.stage !== 'candidate');
  const inc = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  const byStage: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const byArea: Record<string, number> = {};
  const amounts = { intended: 0, contracted: 0, received: 0 };
  let jobs = 0;
  let overdue = 0;
  for (const r of counted) {
    inc(byStage, r.stage);
    inc(byType, r.type);
    for (const a of contentAreasOf(r)) inc(byArea, a);
    amounts.intended += r.intended_amount ?? 0;
    amounts.contracted += r.contracted_amount ?? 0;
    amounts.received += r.received_amount ?? 0;
    jobs += r.jobs_created ?? 0;
    overdue += (followUps.get(r.id) ?? []).filter((f) => !f.status && f.due_date < today).length;
  }

  const stability = months.map((n) => {
    const due = counted.filter((r) => r.signed_on && addCalendarMonths(r.signed_on, n) <= today);
    const stable = due.filter((r) => {
      const parties = l.parties.get(r.id) ?? [];
      const answers = (followUps.get(r.id) ?? []).filter((f) => f.point_months === n);
      return (
        parties.length > 0 &&
        parties.every((p) =>
          answers.some(
            (f) => f.organisation_id === p.organisation_id && !!f.status && STABLE_STATUSES.includes(f.status),
          ),
        )
      );
    });
    return { months: n, ...ratio(stable.length, due.length) };
  });

  // Repeat cooperation: pairs in this group; later projects of the same pair may lie anywhere in `all`.
  const pairsOf = (r: ProjectRow) => {
    const orgs = [...new Set((l.parties.get(r.id) ?? []).map((p) => p.organisation_id))].sort();
    const out: string[] = [];
    for (let i = 0; i < orgs.length; i++) for (let j = i + 1; j < orgs.length; j++) out.push(`${orgs[i]}|${orgs[j]}`);
    return out;
  };
  const firstInGroup = new Map<string, string>();
  for (const r of counted)
    for (const pair of pairsOf(r)) {
      const k = startKey(r);
      const cur = firstInGroup.get(pair);
      if (!cur || k < cur) firstInGroup.set(pair, k);
    }
  const latestAnywhere = new Map<string, string>();
  for (const r of all)
    if (r.stage !== 'candidate')
      for (const pair of pairsOf(r)) {
        const k = startKey(r);
        const cur = latestAnywhere.get(pair);
        if (!cur || k > cur) latestAnywhere.set(pair, k);
      }
  let repeated = 0;
  for (const [pair, first] of firstInGroup) if ((latestAnywhere.get(pair) ?? '') > first) repeated++;

  const signed = counted.filter((r) => r.signed_on);
  const sme = signed.filter((r) => (l.parties.get(r.id) ?? []).some((p) => p.size_class && SME.has(p.size_class)));

  return {
    key,
    label,
    projects: counted.length,
    candidates: rows.length - counted.length,
    byStage,
    byType,
    byArea,
    amounts,
    jobsCreated: jobs,
    stability,
    repeatCooperation: ratio(repeated, firstInGroup.size),
    smeShare: ratio(sme.length, signed.length),
    overdueFollowUps: overdue,
  };
}

/** The figures for `rows` (the projects the caller may see, merged ones excluded), in total and per group. */
export function computeStats(
  rows: ProjectRow[],
  l: Loaded,
  followUpRows: FollowUpRow[],
  by: StatsGroup,
  today: string,
): StatsView {
  const followUps = new Map<string, FollowUpRow[]>();
  for (const f of followUpRows) followUps.set(f.project_id, [...(followUps.get(f.project_id) ?? []), f]);
  const months = [...new Set([...defaultRules2020.followUpMonths, ...followUpRows.map((f) => f.point_months)])].sort(
    (a, b) => a - b,
  );
  // Points nobody uses (no programme in scope has them, no follow-up exists) are left out, except the defaults with no data at all.
  const used = followUpRows.length ? months.filter((m) => followUpRows.some((f) => f.point_months === m)) : months;
  const groups = new Map<string, { label: string; rows: ProjectRow[] }>();
  for (const r of rows) {
    for (const g of groupKeys(r, l, by)) {
      const cur = groups.get(g.key) ?? { label: g.label, rows: [] };
      cur.rows.push(r);
      groups.set(g.key, cur);
    }
  }
  return {
    groupBy: by,
    asOf: today,
    followUpMonths: used,
    definitions: { ...STATS_DEFINITIONS },
    total: figures('all', '全部', rows, rows, l, followUps, used, today),
    groups: [...groups.entries()]
      .map(([key, g]) => figures(key, g.label, g.rows, rows, l, followUps, used, today))
      .sort((a, b) => b.projects - a.projects || a.label.localeCompare(b.label, 'zh-CN')),
  };
}
