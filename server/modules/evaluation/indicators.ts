/**
 * The figures behind the indicators, per theme day in scope and in total, computed by the code that computes
 * them elsewhere so every page shows the same numbers:
 *
 * - Cooperation projects, stability, repeat cooperation, SME share: projects/stats.ts `computeStats` grouped by
 *   theme day over the projects of the theme days in scope (the figures of GET /api/projects/stats?groupBy=themeDay
 *   for those theme days). The repeat rule looks at the projects of all the theme days in scope together.
 * - Satisfaction: the theme day's survey (surveys/rules.ts `csat`, `nps`, `wilson`); null without a survey; CSAT and
 *   NPS withheld below 5 answers (样本不足) as on the survey results page. The total pools the answers.
 * - Participation: registrations (registered or checked in) of the activity sessions, by size class and kind.
 * - Head counts against limits: each activity session's offline registrations and on-site check-ins against its
 *   on-site limit (the strictest of its places, the venue's capacity and the plan's head-count limit), online
 *   registrations against the online limit; sessions over their limit counted.
 * - Per year (跨年度对比): the same over the theme days in scope of each programme year.
 * - Meetings: 1:1 meetings not cancelled, and those a participant recorded an outcome for other than
 *   "did not take place"; roadshows: accepted projects and the judges' intents to sign.
 */
import { MIN_GROUP_SIZE, OVERALL_KEY, RECOMMEND_KEY } from '../../../common/contracts/surveys.ts';
import { STATS_DEFINITIONS } from '../../../common/contracts/projects.ts';
import type {
  ContentFigures,
  HeadcountFigures,
  IndicatorsView,
  SessionHeadcount,
  ParticipationFigures,
  SatisfactionFigures,
  ThemeDayIndicators,
} from '../../../common/contracts/evaluation.ts';
import { json, type Executor } from '../../db/index.ts';
import { statsFacts, themeDayFacts } from '../projects/repository.ts';
import { rulesOf } from '../projects/rules.ts';
import { computeStats } from '../projects/stats.ts';
import { answersOf, surveyCounts, surveyOfThemeDay } from '../surveys/repository.ts';
import { csat, nps, wilson, type Answers } from '../surveys/rules.ts';
import {
  meetingCounts,
  planFacts,
  registrationFacts,
  roadshowCounts,
  sessionCountFacts,
  type ScopedThemeDay,
  type SessionCountFact,
} from './repository.ts';

export const INDICATOR_DEFINITIONS: Record<string, string> = {
  ...STATS_DEFINITIONS,
  satisfaction:
    '满意度：主题日满意度调查中总体满意度评为4–5分的比例（CSAT）与净推荐值（NPS），附95%置信区间；答卷少于5份时不显示（样本不足）。',
  participation: '参与规模：主题日各场活动的报名（含已签到）人次与签到人次，按参与单位的企业规模和单位类型分列。',
  headcounts:
    '参加人数控制：主题日各场活动的线下报名人次、现场签到人次与该场线下限额（场次名额、场地容量和活动方案核定的线下参加人数上限中的最小值）的对比，签到人数超过限额的场次计为超限；线上报名人次与线上人数上限对比。',
  meetings: '对接洽谈：未取消的一对一洽谈场次，及参与方登记了洽谈结果（“未举行”除外）的场次。',
  content: '内容板块完成度：活动方案中填写了内容的板块里，已有至少一个（各方确认的）合作项目标注该板块的板块所占比例。',
  roadshows: '路演：入选路演的项目数，及评委表示有意向签约的次数与意向金额区间（万元）。',
};

interface Scored {
  overall: number | null;
  recommend: number | null;
  sme: boolean;
}

export interface SurveyPool {
  surveys: number;
  invitations: number;
  rows: Scored[];
}

const SME_CLASSES = new Set(['medium', 'small', 'micro']);
const nums = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);

export function satisfactionOf(p: SurveyPool): SatisfactionFigures | null {
  if (!p.surveys) return null;
  const answers = p.rows.length;
  const suppressed = answers < MIN_GROUP_SIZE;
  const sme = p.rows.filter((r) => r.sme);
  const others = answers - sme.length;
  const smeSuppressed = sme.length < MIN_GROUP_SIZE || (others > 0 && others < MIN_GROUP_SIZE);
  return {
    surveys: p.surveys,
    invitations: p.invitations,
    answers,
    responseRate: wilson(answers, p.invitations),
    suppressed,
    csat: suppressed ? null : csat(nums(p.rows.map((r) => r.overall))),
    nps: suppressed ? null : nps(nums(p.rows.map((r) => r.recommend))),
    sme: {
      answers: sme.length,
      suppressed: smeSuppressed,
      csat: smeSuppressed ? null : csat(nums(sme.map((r) => r.overall))),
      nps: smeSuppressed ? null : nps(nums(sme.map((r) => r.recommend))),
    },
  };
}

async function surveyPool(db: Executor, themeDayId: string): Promise<SurveyPool> {
  const s = await surveyOfThemeDay(db, themeDayId);
  if (!s) return { surveys: 0, invitations: 0, rows: [] };
  const counts = (await surveyCounts(db, [s.id])).get(s.id)!;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const rows = (await answersOf(db, s.id)).map((a) => {
    const answers = json.parse<Answers>(a.answers, {});
    return {
      overall: num(answers[OVERALL_KEY]),
      recommend: num(answers[RECOMMEND_KEY]),
      sme: !!a.size_class && SME_CLASSES.has(a.size_class),
    };
  });
  return { surveys: 1, invitations: counts.invitations, rows };
}

function participationOf(rows: { size_class: string | null; kind: string | null; checked_in: boolean }[]) {
  const out: ParticipationFigures = { registrations: 0, checkIns: 0, bySize: {}, byKind: {} };
  const add = (m: Record<string, { registrations: number; checkIns: number }>, k: string, checkedIn: boolean) => {
    const c = (m[k] ??= { registrations: 0, checkIns: 0 });
    c.registrations++;
    if (checkedIn) c.checkIns++;
  };
  for (const r of rows) {
    out.registrations++;
    if (r.checked_in) out.checkIns++;
    add(out.bySize, r.size_class ?? 'unknown', r.checked_in);
    add(out.byKind, r.kind ?? 'unknown', r.checked_in);
  }
  return out;
}

function contentOf(
  names: { key: string; name: string }[],
  planned: string[],
  byArea: Record<string, number>,
): ContentFigures {
  const keys = [...names.map((a) => a.key), ...Object.keys(byArea).filter((k) => !names.some((a) => a.key === k))];
  const label = new Map(names.map((a) => [a.key, a.name]));
  const areas = keys.map((key) => ({
    key,
    name: label.get(key) ?? key,
    planned: planned.includes(key),
    projects: byArea[key] ?? 0,
  }));
  const p = areas.filter((a) => a.planned);
  const delivered = p.filter((a) => a.projects > 0).length;
  return { planned: p.length, delivered, rate: p.length ? delivered / p.length : null, areas };
}

export function sessionHeadcount(f: SessionCountFact, planLimit: number | null): SessionHeadcount {
  const onSite = f.mode !== 'online';
  const limits = [f.capacity, f.venue_capacity, planLimit].filter((x): x is number => x !== null);
  const onSiteLimit = onSite && limits.length ? Math.min(...limits) : null;
  return {
    sessionId: f.id,
    title: f.title,
    kind: f.kind,
    mode: f.mode,
    startsAt: f.starts_at,
    capacity: f.capacity,
    venueCapacity: f.venue_capacity,
    planLimit: onSite ? planLimit : null,
    onSiteLimit,
    registered: f.registered,
    checkedIn: f.checkedIn,
    waitlisted: f.waitlisted,
    onlineRegistered: f.onlineRegistered,
    onlineLimit: f.mode === 'offline' ? null : f.online_limit,
    fillRate: onSiteLimit ? f.checkedIn / onSiteLimit : null,
    overLimit: onSiteLimit !== null && f.checkedIn > onSiteLimit,
    onlineOverLimit: f.mode !== 'offline' && f.online_limit !== null && f.onlineRegistered > f.online_limit,
  };
}

/** Sums session head counts; `list` keeps the sessions (per theme day) or is left empty (totals). */
export function headcountsOf(list: SessionHeadcount[], keepList: boolean): HeadcountFigures {
  const sum = (f: (s: SessionHeadcount) => number) => list.reduce((n, s) => n + f(s), 0);
  const limited = list.filter((s) => s.onSiteLimit !== null);
  const onSiteLimit = limited.reduce((n, s) => n + s.onSiteLimit!, 0);
  const checkedInLimited = limited.reduce((n, s) => n + s.checkedIn, 0);
  const fills = list.map((s) => s.fillRate).filter((x): x is number => x !== null);
  return {
    sessions: list.length,
    onSiteSessions: limited.length,
    onSiteLimit,
    registered: sum((s) => s.registered),
    checkedIn: sum((s) => s.checkedIn),
    waitlisted: sum((s) => s.waitlisted),
    onlineRegistered: sum((s) => s.onlineRegistered),
    fillRate: onSiteLimit ? checkedInLimited / onSiteLimit : null,
    peakFillRate: fills.length ? Math.max(...fills) : null,
    overLimit: list.filter((s) => s.overLimit).length,
    onlineOverLimit: list.filter((s) => s.onlineOverLimit).length,
    list: keepList ? list : [],
  };
}

export async function computeIndicators(
  db: Executor,
  themeDays: ScopedThemeDay[],
  today: string,
): Promise<IndicatorsView> {
  const ids = themeDays.map((t) => t.id);
  const facts = await statsFacts(
    db,
    {},
    { all: false, themeDayIds: ids, partyOrganisationId: null, partyProvince: null },
    today,
    false,
  );
  const tdFacts = await themeDayFacts(db, ids);
  const stats = computeStats(facts, tdFacts, 'themeDay', today);
  const empty = computeStats({ points: facts.points, rows: [], repeatedPairs: [] }, tdFacts, 'none', today).total;
  const byTd = new Map(stats.groups.map((g) => [g.key, g]));

  const [regs, meetings, roadshows, plans, sessions] = await Promise.all([
    registrationFacts(db, ids),
    meetingCounts(db, ids),
    roadshowCounts(db, ids),
    planFacts(db, ids),
    sessionCountFacts(db, ids),
  ]);
  const sessionsOf = new Map<string, SessionHeadcount[]>(ids.map((id) => [id, []]));
  for (const f of sessions)
    sessionsOf.get(f.theme_day_id)!.push(sessionHeadcount(f, plans.get(f.theme_day_id)?.headcountLimit ?? null));
  const pools = new Map<string, SurveyPool>();
  for (const id of ids) pools.set(id, await surveyPool(db, id));

  const perDay: ThemeDayIndicators[] = themeDays.map((t) => {
    const projects = { ...(byTd.get(t.id) ?? empty), key: t.id, label: t.title };
    return {
      themeDayId: t.id,
      label: t.title,
      year: t.year,
      projects,
      satisfaction: satisfactionOf(pools.get(t.id)!),
      participation: participationOf(regs.filter((r) => r.theme_day_id === t.id)),
      headcounts: headcountsOf(sessionsOf.get(t.id)!, true),
      content: contentOf(rulesOf(tdFacts.get(t.id)?.rules).contentAreas, plans.get(t.id)?.areas ?? [], projects.byArea),
      meetings: meetings.get(t.id)!,
      roadshows: roadshows.get(t.id)!,
    };
  });

  /** The figures over some of the theme days in scope (the total, or one year's). */
  const aggregate = (
    label: string,
    year: number | null,
    days: ThemeDayIndicators[],
    projects: ThemeDayIndicators['projects'],
  ): ThemeDayIndicators => {
    const keys = new Set(days.map((d) => d.themeDayId!));
    const ps = [...keys].map((id) => pools.get(id)!);
    const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);
    const planned = sum(days, (d) => d.content.planned);
    const delivered = sum(days, (d) => d.content.delivered);
    return {
      themeDayId: null,
      label,
      year,
      projects: { ...projects, label },
      satisfaction: satisfactionOf({
        surveys: sum(ps, (p) => p.surveys),
        invitations: sum(ps, (p) => p.invitations),
        rows: ps.flatMap((p) => p.rows),
      }),
      participation: participationOf(regs.filter((r) => keys.has(r.theme_day_id))),
      headcounts: headcountsOf(
        days.flatMap((d) => d.headcounts.list),
        false,
      ),
      content: { planned, delivered, rate: planned ? delivered / planned : null, areas: [] },
      meetings: {
        scheduled: sum(days, (d) => d.meetings.scheduled),
        held: sum(days, (d) => d.meetings.held),
      },
      roadshows: {
        projects: sum(days, (d) => d.roadshows.projects),
        intents: sum(days, (d) => d.roadshows.intents),
        intentMinWan: sum(days, (d) => d.roadshows.intentMinWan),
        intentMaxWan: sum(days, (d) => d.roadshows.intentMaxWan),
      },
    };
  };
  const total = aggregate('合计', null, perDay, stats.total);
  const byYear = computeStats(facts, tdFacts, 'year', today);
  const yearGroups = new Map(byYear.groups.map((g) => [g.key, g]));
  const years = [...new Set(themeDays.map((t) => t.year))]
    .sort((a, b) => a - b)
    .map((y) =>
      aggregate(
        `${y}年`,
        y,
        perDay.filter((d) => d.year === y),
        { ...(yearGroups.get(String(y)) ?? empty), key: String(y) },
      ),
    );
  return {
    asOf: stats.asOf,
    followUpMonths: stats.followUpMonths,
    definitions: { ...INDICATOR_DEFINITIONS },
    themeDays: perDay,
    total,
    years,
  };
}
