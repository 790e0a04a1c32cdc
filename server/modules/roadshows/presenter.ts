/**
 * Roadshow rows → API payloads with explicit fields and the caller's abilities; the live ranking; the score
 * exports (.csv and .xlsx sheets).
 */
import { formatShanghai } from '../../../common/time.ts';
import { json, type Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import type { CellValue, SheetSpec } from '../../lib/xlsx.ts';
import type { SessionContext } from '../events/repository.ts';
import {
  acceptedProjects,
  judgeCount,
  parseCriteria,
  publicLineup,
  roadshowCounts,
  scoresOfJudge,
  scoresWithFund,
  type JudgeCandidateRow,
  type JudgeListRow,
  type JudgeRow,
  type MyProjectRow,
  type ProjectWithApplicant,
  type RoadshowRow,
  type RoadshowWithSession,
  type ScoreExportRow,
  type ScoreRow,
  type SummaryCounts,
} from './repository.ts';
import { isApplicant, projectAbilities, roadshowAbilities } from './policy.ts';
import {
  SCORE_MAX,
  SCORE_MIN,
  STAGE_LABELS,
  type Criterion,
  type JudgeCandidate,
  type JudgeView,
  type MyProject,
  type MyScore,
  type ProjectStatus,
  type ProjectView,
  type PublicRoadshow,
  type Ranking,
  type RoadshowSummary,
  type RoadshowView,
} from '../../../common/contracts/roadshows.ts';

/** A roadshow with its session and the caller's part in it: staff of the session, invited judge. */
export interface LoadedRoadshow {
  sc: SessionContext;
  roadshow: RoadshowRow;
  staff: boolean;
  judge: JudgeRow | undefined;
}

/** Weighted mean of one judge's scores on the criteria (1..10 scale), rounded to two decimals. */
export function weighted(criteria: Criterion[], scores: Record<string, number>): number {
  let sum = 0;
  let w = 0;
  for (const c of criteria) {
    sum += c.weight * (scores[c.key] ?? 0);
    w += c.weight;
  }
  return Math.round((sum / w) * 100) / 100;
}

export async function presentRoadshow(db: Executor, l: LoadedRoadshow): Promise<RoadshowView> {
  const r = l.roadshow;
  const counts = await roadshowCounts(db, r.id);
  return {
    id: r.id,
    sessionId: r.session_id,
    title: r.title,
    status: r.status,
    criteria: parseCriteria(r),
    scoreMin: SCORE_MIN,
    scoreMax: SCORE_MAX,
    applicationsCloseAt: r.applications_close_at,
    scoringOpenedAt: r.scoring_opened_at,
    closedAt: r.closed_at,
    counts: { ...counts.projects, judges: counts.judges },
    myJudge: l.judge ? { id: l.judge.id, kind: l.judge.kind, guidanceFund: !!Number(l.judge.guidance_fund) } : null,
    abilities: roadshowAbilities(l.staff, l.judge, r),
  };
}

export function presentProject(
  actor: Actor | null,
  l: LoadedRoadshow,
  p: ProjectWithApplicant,
  myScore: ProjectView['myScore'],
): ProjectView {
  return {
    id: p.id,
    roadshowId: p.roadshow_id,
    name: p.name,
    team: p.team,
    organisationName: p.organisation_name,
    field: p.field,
    stage: p.stage,
    stageLabel: STAGE_LABELS[p.stage] ?? p.stage,
    financingNeedWan: Number(p.financing_need_wan),
    summary: p.summary,
    businessPlan: { name: p.bp_name, size: Number(p.bp_size), url: `/api/roadshow-projects/${p.id}/business-plan` },
    status: p.status,
    screeningNote: l.staff || isApplicant(actor, p) ? p.screening_note : null,
    lineupOrder: p.status === 'accepted' ? p.lineup_order : null,
    applicant: { id: p.applicant_user_id, name: p.applicant_name },
    createdAt: p.created_at,
    myScore,
    abilities: projectAbilities(actor, l.staff, l.judge, l.roadshow, p),
  };
}

function presentMyScore(criteria: Criterion[], s: ScoreRow): MyScore {
  const scores = s.scores ? json.parse<Record<string, number>>(s.scores, {}) : null;
  return {
    scores,
    weighted: scores ? weighted(criteria, scores) : null,
    conflictOfInterest: !!Number(s.conflict),
    conflictReason: s.conflict_reason,
    intent:
      s.intent_min_wan != null || s.intent_max_wan != null || Number(s.intent_to_sign)
        ? { minWan: s.intent_min_wan, maxWan: s.intent_max_wan, intentToSign: !!Number(s.intent_to_sign) }
        : null,
    comment: s.comment,
    updatedAt: s.updated_at,
  };
}

/** The caller's own scores by project id, when they are a judge of the roadshow. */
export async function myScores(db: Executor, l: LoadedRoadshow): Promise<Map<string, MyScore>> {
  if (!l.judge) return new Map();
  const criteria = parseCriteria(l.roadshow);
  const rows = await scoresOfJudge(db, l.judge.id);
  return new Map(rows.map((s) => [s.project_id, presentMyScore(criteria, s)]));
}

/** An expert or investor the staff may invite, and whether they already are a judge. */
export function presentJudgeCandidate(r: JudgeCandidateRow, invited: boolean): JudgeCandidate {
  // judgeCandidates() selects expert and investor memberships only.
  return {
    userId: r.id,
    name: r.name,
    organisationName: r.org_name,
    role: r.role === 'investor' ? 'investor' : 'expert',
    invited,
  };
}

export function presentJudge(r: JudgeListRow): JudgeView {
  return {
    id: r.id,
    user: { id: r.user_id, name: r.name },
    organisation: r.organisation_id ? { id: r.organisation_id, name: r.org_name ?? '' } : null,
    kind: r.kind,
    guidanceFund: !!Number(r.guidance_fund),
    invitedAt: r.invited_at,
    scored: Number(r.scored ?? 0),
  };
}

/**
 * The ranking: per accepted project the mean over judges without a conflict of each judge's weighted score;
 * ties keep the lineup order. Investment intents are summed (count, 意向签约, guidance fund, amount range).
 */
export async function ranking(
  db: Executor,
  roadshow: Pick<RoadshowRow, 'id' | 'criteria' | 'status'>,
): Promise<Ranking> {
  const criteria = parseCriteria(roadshow);
  const projects = await acceptedProjects(db, roadshow.id);
  const scores = await scoresWithFund(db, roadshow.id);
  const judges = await judgeCount(db, roadshow.id);
  const items = projects.map((pr) => {
    const mine = scores.filter((s) => s.project_id === pr.id);
    const counted = mine.filter((s) => !Number(s.conflict) && s.scores);
    const parsed = counted.map((s) => json.parse<Record<string, number>>(s.scores, {}));
    const perCriterion: Record<string, number> = {};
    if (parsed.length)
      for (const c of criteria)
        perCriterion[c.key] = Math.round((parsed.reduce((a, s) => a + (s[c.key] ?? 0), 0) / parsed.length) * 100) / 100;
    const withIntent = mine.filter(
      (s) => s.intent_min_wan != null || s.intent_max_wan != null || Number(s.intent_to_sign),
    );
    return {
      rank: 0,
      projectId: pr.id,
      name: pr.name,
      organisationName: pr.organisation_name,
      lineupOrder: pr.lineup_order,
      average: parsed.length
        ? Math.round((parsed.reduce((a, s) => a + weighted(criteria, s), 0) / parsed.length) * 100) / 100
        : null,
      perCriterion,
      judgesCounted: parsed.length,
      conflicts: mine.filter((s) => Number(s.conflict)).length,
      intents: {
        count: withIntent.length,
        intentToSign: mine.filter((s) => Number(s.intent_to_sign)).length,
        guidanceFund: withIntent.filter((s) => Number(s.guidance_fund)).length,
        minWan: withIntent.reduce((a, s) => a + Number(s.intent_min_wan ?? 0), 0),
        maxWan: withIntent.reduce((a, s) => a + Number(s.intent_max_wan ?? s.intent_min_wan ?? 0), 0),
      },
    };
  });
  items.sort((a, b) => (b.average ?? -1) - (a.average ?? -1) || (a.lineupOrder ?? 1e9) - (b.lineupOrder ?? 1e9));
  items.forEach((it, i) => (it.rank = i + 1));
  return { roadshowId: roadshow.id, status: roadshow.status, published: roadshow.status === 'closed', judges, items };
}

const sessionRef = (r: RoadshowWithSession) => ({
  id: r.s_id,
  title: r.s_title,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  venue: r.venue,
  mode: r.mode,
});

/** One roadshow of the list with the caller's part in it. */
export function presentSummary(r: RoadshowWithSession, c: SummaryCounts, my: RoadshowSummary['my']): RoadshowSummary {
  const n = (status: ProjectStatus) =>
    Number(c.projects.find((x) => x.roadshow_id === r.id && x.status === status)?.n ?? 0);
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    themeDay: { id: r.td_id, title: r.td_title, startDate: r.start_date },
    session: sessionRef(r),
    counts: {
      submitted: n('submitted') + n('accepted') + n('rejected'),
      accepted: n('accepted'),
      judges: Number(c.judges.find((j) => j.roadshow_id === r.id)?.n ?? 0),
    },
    my,
  };
}

export function presentMyProject(p: MyProjectRow): MyProject {
  return {
    id: p.id,
    name: p.name,
    organisationName: p.organisation_name,
    status: p.status,
    screeningNote: p.screening_note,
    lineupOrder: p.status === 'accepted' ? p.lineup_order : null,
    businessPlan: { name: p.bp_name, url: `/api/roadshow-projects/${p.id}/business-plan` },
    roadshow: { id: p.roadshow_id, title: p.roadshow_title, status: p.roadshow_status },
    createdAt: p.created_at,
  };
}

/** A roadshow on the portal: time, criteria, lineup; the results once scoring closes. */
export async function presentPublic(db: Executor, r: RoadshowWithSession): Promise<PublicRoadshow> {
  const lineup = await publicLineup(db, r.id);
  const judges = await judgeCount(db, r.id);
  const closed = r.status === 'closed';
  const rank = closed ? await ranking(db, r) : null;
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    themeDay: { id: r.td_id, title: r.td_title },
    session: sessionRef(r),
    criteria: parseCriteria(r),
    judges,
    lineup: lineup.map((p) => ({
      order: p.lineup_order,
      name: p.name,
      organisationName: p.organisation_name,
      field: p.field,
      stageLabel: STAGE_LABELS[p.stage] ?? p.stage,
    })),
    results: rank
      ? rank.items.map((i) => ({
          rank: i.rank,
          name: i.name,
          organisationName: i.organisationName,
          average: i.average,
          judgesCounted: i.judgesCounted,
          intents: i.intents.count,
          intentToSign: i.intents.intentToSign,
        }))
      : null,
  };
}

// ----- score exports ----------------------------------------------------------------------------------------

const scoreHeader = (criteria: Criterion[]) => [
  '路演顺序',
  '项目',
  '评委',
  '评委类型',
  '引导基金',
  ...criteria.map((c) => `${c.name}（权重${c.weight}）`),
  '加权得分',
  '利益冲突',
  '冲突说明',
  '意向投资下限（万元）',
  '意向投资上限（万元）',
  '意向签约',
  '评语',
  '评分时间',
];

/** One row per score: per-criterion scores, the weighted score (不计分 with a conflict of interest), intent, comment. */
function scoreRow(criteria: Criterion[], r: ScoreExportRow): CellValue[] {
  const s = r.scores ? json.parse<Record<string, number>>(r.scores, {}) : null;
  return [
    r.lineup_order ?? '',
    r.project,
    r.judge,
    r.kind === 'investor' ? '投资机构' : '专家',
    !!Number(r.guidance_fund),
    ...criteria.map((c) => (s ? (s[c.key] ?? '') : '')),
    s ? weighted(criteria, s) : '不计分',
    !!Number(r.conflict),
    r.conflict_reason ?? '',
    r.intent_min_wan ?? '',
    r.intent_max_wan ?? '',
    !!Number(r.intent_to_sign),
    r.comment ?? '',
    formatShanghai(r.updated_at),
  ];
}

/** The two sheets of scores.xlsx: the ranking (live or published) and the score details. */
export function scoresWorkbook(
  roadshow: RoadshowRow,
  criteria: Criterion[],
  rank: Ranking,
  rows: ScoreExportRow[],
  now: Date,
): SheetSpec[] {
  const at = formatShanghai(now.toISOString());
  return [
    {
      name: '排名',
      caption: `${roadshow.title} 排名（${roadshow.status === 'closed' ? '已公布' : '评分中，实时'}；利益冲突评分不计入）导出时间 ${at}`,
      header: [
        '名次',
        '项目',
        '申报单位',
        '路演顺序',
        '加权平均分',
        '有效评分数',
        '利益冲突数',
        ...criteria.map((c) => `${c.name}（权重${c.weight}）平均`),
        '投资意向数',
        '意向签约数',
        '引导基金意向数',
        '意向金额下限合计（万元）',
        '意向金额上限合计（万元）',
      ],
      rows: rank.items.map((i) => [
        i.rank,
        i.name,
        i.organisationName,
        i.lineupOrder ?? '',
        i.average ?? '',
        i.judgesCounted,
        i.conflicts,
        ...criteria.map((c) => i.perCriterion[c.key] ?? ''),
        i.intents.count,
        i.intents.intentToSign,
        i.intents.guidanceFund,
        i.intents.minWan,
        i.intents.maxWan,
      ]),
    },
    {
      name: '评分明细',
      caption: `${roadshow.title} 评分明细 导出时间 ${at}`,
      header: scoreHeader(criteria),
      rows: rows.map((r) => scoreRow(criteria, r)),
    },
  ];
}
