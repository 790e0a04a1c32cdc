/** Zod schemas of the roadshow API (创新团队对接路演): projects, screening, lineup, judges, scores, ranking. */
import { z } from 'zod';
import { LocalDateTime, listOf, pagingQuery } from './common.ts';

/** collecting (projects apply) → scoring (judges score) → closed (results published). */
export const ROADSHOW_STATUSES = ['collecting', 'scoring', 'closed'] as const;
export type RoadshowStatus = (typeof ROADSHOW_STATUSES)[number];
export const PROJECT_STATUSES = ['submitted', 'accepted', 'rejected'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
/** A judge is invited as an expert or as an investor (the roles that may judge). */
export const JUDGE_KINDS = ['expert', 'investor'] as const;
export type JudgeKind = (typeof JUDGE_KINDS)[number];

export const SCORE_MIN = 1;
export const SCORE_MAX = 10;

export const Criterion = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '评分项标识只能包含字母、数字和下划线，且以字母开头'),
  name: z.string().trim().min(1).max(100),
  weight: z.number().positive().max(100),
});
export type Criterion = z.infer<typeof Criterion>;

export const Criteria = z
  .array(Criterion)
  .min(1, '至少设置一个评分项')
  .max(20)
  .superRefine((cs, ctx) => {
    const seen = new Set<string>();
    cs.forEach((c, i) => {
      if (seen.has(c.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `评分项标识「${c.key}」重复` });
      seen.add(c.key);
    });
  });
export type Criteria = z.infer<typeof Criteria>;

/** Default weighted criteria; the host may change them until scoring opens. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'innovation', name: '技术创新性', weight: 30 },
  { key: 'market', name: '市场前景', weight: 25 },
  { key: 'team', name: '团队能力', weight: 20 },
  { key: 'business', name: '商业模式', weight: 15 },
  { key: 'synergy', name: '融通协同价值', weight: 10 },
];

export const STAGES = ['idea', 'prototype', 'startup', 'growth', 'expansion'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  idea: '创意阶段',
  prototype: '研发/样机阶段',
  startup: '初创期',
  growth: '成长期',
  expansion: '扩张期',
};

export const RoadshowCreateBody = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  criteria: Criteria.optional(),
  applicationsCloseAt: LocalDateTime.optional(),
});
export type RoadshowCreateBody = z.infer<typeof RoadshowCreateBody>;
export const RoadshowUpdateBody = RoadshowCreateBody;
export type RoadshowUpdateBody = z.infer<typeof RoadshowUpdateBody>;

export const RoadshowAbilities = z.object({
  edit: z.boolean(),
  apply: z.boolean(),
  screen: z.boolean(),
  setLineup: z.boolean(),
  inviteJudges: z.boolean(),
  openScoring: z.boolean(),
  score: z.boolean(),
  viewRanking: z.boolean(),
  close: z.boolean(),
  export: z.boolean(),
});
export type RoadshowAbilities = z.infer<typeof RoadshowAbilities>;

export const RoadshowView = z.object({
  id: z.string(),
  sessionId: z.string(),
  title: z.string(),
  status: z.enum(ROADSHOW_STATUSES),
  criteria: z.array(Criterion),
  scoreMin: z.number().int(),
  scoreMax: z.number().int(),
  applicationsCloseAt: z.string().nullable(),
  scoringOpenedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  counts: z.object({
    submitted: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    judges: z.number().int(),
  }),
  /** The caller's judge invitation, if any. */
  myJudge: z.object({ id: z.string(), kind: z.enum(JUDGE_KINDS), guidanceFund: z.boolean() }).nullable(),
  abilities: RoadshowAbilities,
});
export type RoadshowView = z.infer<typeof RoadshowView>;

/** The text fields of a project application (sent as multipart form fields beside the PDF). */
export const ProjectFields = z.object({
  name: z.string().trim().min(1, '请填写项目名称').max(200),
  team: z.string().trim().min(1, '请介绍项目团队').max(2000),
  organisationName: z.string().trim().min(1, '请填写申报单位').max(200),
  field: z.string().trim().min(1, '请填写所属领域').max(100),
  stage: z.enum(STAGES, { message: '请选择项目阶段' }),
  financingNeedWan: z.coerce
    .number({ message: '融资需求须为数字（万元）' })
    .min(0, '融资需求不能为负数')
    .max(10_000_000),
  summary: z.string().trim().max(5000).optional(),
});
export type ProjectFields = z.infer<typeof ProjectFields>;

export const MyScore = z.object({
  scores: z.record(z.string(), z.number()).nullable(),
  weighted: z.number().nullable(),
  conflictOfInterest: z.boolean(),
  conflictReason: z.string().nullable(),
  intent: z
    .object({ minWan: z.number().nullable(), maxWan: z.number().nullable(), intentToSign: z.boolean() })
    .nullable(),
  comment: z.string().nullable(),
  updatedAt: z.string(),
});
export type MyScore = z.infer<typeof MyScore>;

export const ProjectView = z.object({
  id: z.string(),
  roadshowId: z.string(),
  name: z.string(),
  team: z.string(),
  organisationName: z.string(),
  field: z.string(),
  stage: z.enum(STAGES),
  stageLabel: z.string(),
  financingNeedWan: z.number(),
  summary: z.string().nullable(),
  businessPlan: z.object({ name: z.string(), size: z.number().int(), url: z.string() }),
  status: z.enum(PROJECT_STATUSES),
  /** The host's screening note — for the staff and the applicant. */
  screeningNote: z.string().nullable(),
  lineupOrder: z.number().int().nullable(),
  applicant: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  /** The caller's own score when they are a judge. */
  myScore: MyScore.nullable(),
  abilities: z.object({ screen: z.boolean(), score: z.boolean(), downloadBusinessPlan: z.boolean() }),
});
export type ProjectView = z.infer<typeof ProjectView>;

export const ProjectListQuery = z.object({
  status: z.enum(PROJECT_STATUSES).optional(),
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(['lineupOrder', 'createdAt', 'name', 'financingNeedWan']).default('lineupOrder'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;
export const ProjectList = listOf(ProjectView);
export type ProjectList = z.infer<typeof ProjectList>;

export const ScreenBody = z.object({
  decision: z.enum(['accept', 'reject']),
  note: z.string().trim().max(2000).optional(),
});
export type ScreenBody = z.infer<typeof ScreenBody>;
export const LineupBody = z.object({ projectIds: z.array(z.string().min(1).max(100)).max(200) });
export type LineupBody = z.infer<typeof LineupBody>;

export const InviteJudgeBody = z.object({
  userId: z.string().min(1).max(100),
  guidanceFund: z.boolean().default(false),
});
export type InviteJudgeBody = z.infer<typeof InviteJudgeBody>;
export const JudgeView = z.object({
  id: z.string(),
  user: z.object({ id: z.string(), name: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  kind: z.enum(JUDGE_KINDS),
  guidanceFund: z.boolean(),
  invitedAt: z.string(),
  scored: z.number().int(),
});
export type JudgeView = z.infer<typeof JudgeView>;
export const JudgeList = listOf(JudgeView);
export type JudgeList = z.infer<typeof JudgeList>;

export const ScoreBody = z.object({
  conflictOfInterest: z.boolean().default(false),
  conflictReason: z.string().trim().max(500).optional(),
  scores: z.record(z.string(), z.number()).optional(),
  intent: z
    .object({
      minWan: z.number().min(0).max(10_000_000).nullable().default(null),
      maxWan: z.number().min(0).max(10_000_000).nullable().default(null),
      intentToSign: z.boolean().default(false),
    })
    .optional(),
  comment: z.string().trim().max(2000).optional(),
});
export type ScoreBody = z.infer<typeof ScoreBody>;
export type ScoreInput = z.input<typeof ScoreBody>;

export const RankingItem = z.object({
  rank: z.number().int(),
  projectId: z.string(),
  name: z.string(),
  organisationName: z.string(),
  lineupOrder: z.number().int().nullable(),
  /** Mean weighted score (1..10) over judges without a conflict of interest; null before any score. */
  average: z.number().nullable(),
  perCriterion: z.record(z.string(), z.number()),
  judgesCounted: z.number().int(),
  conflicts: z.number().int(),
  intents: z.object({
    count: z.number().int(),
    intentToSign: z.number().int(),
    guidanceFund: z.number().int(),
    minWan: z.number(),
    maxWan: z.number(),
  }),
});
export type RankingItem = z.infer<typeof RankingItem>;
export const Ranking = z.object({
  roadshowId: z.string(),
  status: z.enum(ROADSHOW_STATUSES),
  published: z.boolean(),
  judges: z.number().int(),
  items: z.array(RankingItem),
});
export type Ranking = z.infer<typeof Ranking>;

// ----- the roadshow pages: workspace lists, judge candidates, the applicant's projects, the public portal -----

/** The session a roadshow runs in, as the lists show it. */
export const SessionRef = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string().nullable(),
  mode: z.string(),
});
export type SessionRef = z.infer<typeof SessionRef>;

export const RoadshowSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(ROADSHOW_STATUSES),
  themeDay: z.object({ id: z.string(), title: z.string(), startDate: z.string() }),
  session: SessionRef,
  counts: z.object({ submitted: z.number().int(), accepted: z.number().int(), judges: z.number().int() }),
  /** The caller's part: staff of the host, invited judge, applicant of a project. */
  my: z.object({ staff: z.boolean(), judge: z.boolean(), applied: z.number().int() }),
});
export type RoadshowSummary = z.infer<typeof RoadshowSummary>;
export const RoadshowListQuery = z.object({
  themeDayId: z.string().max(100).optional(),
  role: z.enum(['all', 'staff', 'judge', 'applicant']).default('all'),
  status: z.enum(ROADSHOW_STATUSES).optional(),
  ...pagingQuery({ order: 'desc' }),
  sort: z.enum(['startsAt', 'title']).default('startsAt'),
});
export type RoadshowListQuery = z.infer<typeof RoadshowListQuery>;
export const RoadshowList = listOf(RoadshowSummary);
export type RoadshowList = z.infer<typeof RoadshowList>;

/** A theme day the caller runs as host staff, with its roadshow sessions (and their roadshow, once set up). */
export const StaffThemeDay = z.object({
  id: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  sessions: z.array(SessionRef.extend({ roadshowId: z.string().nullable() })),
});
export type StaffThemeDay = z.infer<typeof StaffThemeDay>;
export const StaffThemeDayList = z.object({ items: z.array(StaffThemeDay) });
export type StaffThemeDayList = z.infer<typeof StaffThemeDayList>;

export const JudgeCandidateQuery = z.object({ q: z.string().trim().max(50).optional() });
export type JudgeCandidateQuery = z.infer<typeof JudgeCandidateQuery>;
export const JudgeCandidate = z.object({
  userId: z.string(),
  name: z.string(),
  organisationName: z.string(),
  role: z.enum(JUDGE_KINDS),
  invited: z.boolean(),
});
export type JudgeCandidate = z.infer<typeof JudgeCandidate>;
export const JudgeCandidateList = z.object({ items: z.array(JudgeCandidate) });
export type JudgeCandidateList = z.infer<typeof JudgeCandidateList>;

/** One of the caller's own project applications, as "我的路演项目" lists it. */
export const MyProject = z.object({
  id: z.string(),
  name: z.string(),
  organisationName: z.string(),
  status: z.enum(PROJECT_STATUSES),
  screeningNote: z.string().nullable(),
  lineupOrder: z.number().int().nullable(),
  businessPlan: z.object({ name: z.string(), url: z.string() }),
  roadshow: z.object({ id: z.string(), title: z.string(), status: z.enum(ROADSHOW_STATUSES) }),
  createdAt: z.string(),
});
export type MyProject = z.infer<typeof MyProject>;
export const MyProjectListQuery = z.object({
  ...pagingQuery({ order: 'desc' }),
  sort: z.enum(['createdAt']).default('createdAt'),
});
export type MyProjectListQuery = z.infer<typeof MyProjectListQuery>;
export const MyProjectList = listOf(MyProject);
export type MyProjectList = z.infer<typeof MyProjectList>;

export const PublicLineupItem = z.object({
  order: z.number().int().nullable(),
  name: z.string(),
  organisationName: z.string(),
  field: z.string(),
  stageLabel: z.string(),
});
export type PublicLineupItem = z.infer<typeof PublicLineupItem>;
export const PublicResult = z.object({
  rank: z.number().int(),
  name: z.string(),
  organisationName: z.string(),
  average: z.number().nullable(),
  judgesCounted: z.number().int(),
  intents: z.number().int(),
  intentToSign: z.number().int(),
});
export type PublicResult = z.infer<typeof PublicResult>;
/** A roadshow on the portal (no login): time, lineup once set, results once scoring closes. */
export const PublicRoadshow = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(ROADSHOW_STATUSES),
  themeDay: z.object({ id: z.string(), title: z.string() }),
  session: SessionRef,
  criteria: z.array(Criterion),
  judges: z.number().int(),
  lineup: z.array(PublicLineupItem),
  /** Published once scoring closes; null before. */
  results: z.array(PublicResult).nullable(),
});
export type PublicRoadshow = z.infer<typeof PublicRoadshow>;
export const PublicRoadshowList = z.object({ items: z.array(PublicRoadshow) });
export type PublicRoadshowList = z.infer<typeof PublicRoadshowList>;
