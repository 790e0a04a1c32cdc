/**
 * The third-party evaluation (第三方评估, issue 11 §2; 417号 三(四)). NDRC commissions an evaluator organisation
 * to evaluate some theme days over a period against weighted indicators (data; the notice's three measures by
 * default). The platform computes the figures behind each indicator with the same code as the projects and
 * surveys pages; the evaluator scores every indicator per theme day on a 0–100 scale with a comment (the
 * weighted total is Σ score × weight / 100, also 0–100), writes conclusions and submits; NDRC accepts.
 */
import { z } from 'zod';
import { CalendarDate, OrgRef } from './common.ts';
import { SESSION_KINDS, SESSION_MODES } from './events.ts';
import { StatsGroupView } from './projects.ts';
import { Estimate, NpsEstimate } from './surveys.ts';

export const EVALUATION_STATUSES = ['commissioned', 'in_progress', 'submitted', 'accepted'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = {
  commissioned: '已委托',
  in_progress: '评估中',
  submitted: '已提交',
  accepted: '已验收',
};

/** The indicators the platform has figures for (an indicator with another key is scored on the evaluator's own evidence). */
export const KNOWN_INDICATORS = [
  'projects',
  'stability',
  'satisfaction',
  'participation',
  'headcounts',
  'content',
] as const;
export type KnownIndicator = (typeof KNOWN_INDICATORS)[number];
export const KNOWN_INDICATOR_LABELS: Record<KnownIndicator, string> = {
  projects: '合作项目数量与质量',
  stability: '合作机制稳定程度',
  satisfaction: '中小企业和初创企业满意度',
  participation: '参与规模',
  headcounts: '参加人数控制',
  content: '内容板块完成度',
};

/** Scores are whole numbers on this scale for every indicator. */
export const SCORE_MAX = 100;

export const Indicator = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, '指标代码为小写字母开头的字母、数字或下划线'),
  name: z.string().trim().min(1, '请填写指标名称').max(60),
  /** Share of the total score, in percent; the weights of an evaluation sum to 100. */
  weight: z.number().int('权重为整数').min(1, '权重至少为1').max(100, '权重不超过100'),
  description: z.string().trim().max(500).optional(),
});
export type Indicator = z.infer<typeof Indicator>;

/** The notice's three measures (通知 三(四)). */
export const DEFAULT_INDICATORS: Indicator[] = [
  { key: 'projects', name: KNOWN_INDICATOR_LABELS.projects, weight: 40 },
  { key: 'stability', name: KNOWN_INDICATOR_LABELS.stability, weight: 30 },
  { key: 'satisfaction', name: KNOWN_INDICATOR_LABELS.satisfaction, weight: 30 },
];

export const CommissionBody = z.object({
  title: z.string().trim().min(1).max(120).optional(),
  evaluatorOrganisationId: z.string().min(1, '请选择评估机构').max(100),
  themeDayIds: z.array(z.string().min(1).max(100)).min(1, '请至少选择一个主题日').max(100),
  periodStart: CalendarDate,
  periodEnd: CalendarDate,
  indicators: z.array(Indicator).min(1, '请至少设置一个指标').max(20).optional(),
});
export type CommissionBody = z.infer<typeof CommissionBody>;
export type CommissionInput = z.input<typeof CommissionBody>;

export const ScoresBody = z.object({
  scores: z
    .array(
      z.object({
        themeDayId: z.string().min(1).max(100),
        indicatorKey: z.string().min(1).max(40),
        score: z.number().int('评分为整数').min(0, '评分不低于0').max(SCORE_MAX, `评分不超过${SCORE_MAX}`),
        comment: z.string().trim().max(2000).default(''),
      }),
    )
    .min(1)
    .max(2000),
});
export type ScoresBody = z.infer<typeof ScoresBody>;
export type ScoresInput = z.input<typeof ScoresBody>;

export const ConclusionsBody = z.object({ conclusions: z.string().trim().max(20000) });
export type ConclusionsBody = z.infer<typeof ConclusionsBody>;

export const ScoreView = z.object({
  themeDayId: z.string(),
  indicatorKey: z.string(),
  score: z.number().int(),
  comment: z.string(),
  updatedAt: z.string(),
});
export type ScoreView = z.infer<typeof ScoreView>;

export const EvaluationAbilities = z.object({
  score: z.boolean(),
  submit: z.boolean(),
  accept: z.boolean(),
});
export type EvaluationAbilities = z.infer<typeof EvaluationAbilities>;

export const EvaluationView = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(EVALUATION_STATUSES),
  evaluator: OrgRef,
  themeDays: z.array(z.object({ id: z.string(), title: z.string(), year: z.number().int() })),
  periodStart: z.string(),
  periodEnd: z.string(),
  indicators: z.array(Indicator),
  conclusions: z.string(),
  scores: z.array(ScoreView),
  /** Per theme day: Σ score × weight / 100 over the scored indicators (null until every indicator is scored). */
  totals: z.array(z.object({ themeDayId: z.string(), total: z.number().nullable() })),
  commissionedAt: z.string(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  abilities: EvaluationAbilities,
});
export type EvaluationView = z.infer<typeof EvaluationView>;

export const EvaluationList = z.object({ items: z.array(EvaluationView.omit({ scores: true })) });
export type EvaluationList = z.infer<typeof EvaluationList>;

// ----- indicators --------------------------------------------------------------------------------------------

export const SatisfactionFigures = z.object({
  surveys: z.number().int(),
  invitations: z.number().int(),
  answers: z.number().int(),
  responseRate: Estimate.nullable(),
  /** Fewer than 5 answers: CSAT and NPS are not shown (样本不足). */
  suppressed: z.boolean(),
  csat: Estimate.nullable(),
  nps: NpsEstimate.nullable(),
  /**
   * The same among respondents from medium, small and micro enterprises (what the notice asks about). Withheld
   * (suppressed) below 5 answers, and also when the other respondents number 1–4 (they could be recovered by
   * subtraction from the whole).
   */
  sme: z.object({
    answers: z.number().int(),
    suppressed: z.boolean(),
    csat: Estimate.nullable(),
    nps: NpsEstimate.nullable(),
  }),
});
export type SatisfactionFigures = z.infer<typeof SatisfactionFigures>;

const Counts = z.object({ registrations: z.number().int(), checkIns: z.number().int() });
export const ParticipationFigures = Counts.extend({
  /** Registrations and check-ins by the organisation's size class (key 'unknown' for none). */
  bySize: z.record(z.string(), Counts),
  /** By organisation kind ('unknown' for none). */
  byKind: z.record(z.string(), Counts),
});
export type ParticipationFigures = z.infer<typeof ParticipationFigures>;

/**
 * Content areas (内容板块) delivered against the activity plan: the areas the plan describes, and those among
 * them with at least one counted cooperation project tagged with the area. The total sums the theme days.
 */
export const ContentFigures = z.object({
  planned: z.number().int(),
  delivered: z.number().int(),
  rate: z.number().nullable(),
  areas: z.array(z.object({ key: z.string(), name: z.string(), planned: z.boolean(), projects: z.number().int() })),
});
export type ContentFigures = z.infer<typeof ContentFigures>;

/**
 * One activity session's head counts against its limits (限额). The on-site limit is the strictest of the
 * session's offline places (capacity), the venue's capacity and the activity plan's approved head-count limit;
 * null for an online-only session. Registered: offline registrations holding a place or checked in; the
 * session is over its limit when more people checked in on site than the on-site limit allows (the notice:
 * 严格控制活动规模和参加人数). Online registrations are held against the online limit (null: no limit).
 */
export const SessionHeadcount = z.object({
  sessionId: z.string(),
  title: z.string(),
  kind: z.enum(SESSION_KINDS),
  mode: z.enum(SESSION_MODES),
  startsAt: z.string(),
  capacity: z.number().int().nullable(),
  venueCapacity: z.number().int().nullable(),
  planLimit: z.number().int().nullable(),
  onSiteLimit: z.number().int().nullable(),
  registered: z.number().int(),
  checkedIn: z.number().int(),
  waitlisted: z.number().int(),
  onlineRegistered: z.number().int(),
  onlineLimit: z.number().int().nullable(),
  /** Check-ins / on-site limit (null without an on-site limit). */
  fillRate: z.number().nullable(),
  overLimit: z.boolean(),
  onlineOverLimit: z.boolean(),
});
export type SessionHeadcount = z.infer<typeof SessionHeadcount>;

/** Head counts against limits over the sessions of a theme day (the list is empty in the totals). */
export const HeadcountFigures = z.object({
  sessions: z.number().int(),
  /** Sessions with an on-site limit (offline or hybrid). */
  onSiteSessions: z.number().int(),
  /** Σ on-site limits of those sessions. */
  onSiteLimit: z.number().int(),
  registered: z.number().int(),
  checkedIn: z.number().int(),
  waitlisted: z.number().int(),
  onlineRegistered: z.number().int(),
  /** Σ check-ins / Σ on-site limits over the sessions with an on-site limit. */
  fillRate: z.number().nullable(),
  /** The highest check-ins / on-site limit of one session. */
  peakFillRate: z.number().nullable(),
  /** Sessions whose on-site check-ins exceeded their on-site limit. */
  overLimit: z.number().int(),
  /** Sessions whose online registrations exceeded their online limit. */
  onlineOverLimit: z.number().int(),
  list: z.array(SessionHeadcount),
});
export type HeadcountFigures = z.infer<typeof HeadcountFigures>;

export const ThemeDayIndicators = z.object({
  /** null for the total over every theme day in scope. */
  themeDayId: z.string().nullable(),
  label: z.string(),
  year: z.number().int().nullable(),
  projects: StatsGroupView,
  /** null when no survey was run. */
  satisfaction: SatisfactionFigures.nullable(),
  participation: ParticipationFigures,
  headcounts: HeadcountFigures,
  content: ContentFigures,
  /** 1:1 meetings not cancelled, and those with an outcome recorded by a participant. */
  meetings: z.object({ scheduled: z.number().int(), held: z.number().int() }),
  /** Roadshow projects accepted to pitch, judges' intents to sign and their ranges (万元). */
  roadshows: z.object({
    projects: z.number().int(),
    intents: z.number().int(),
    intentMinWan: z.number(),
    intentMaxWan: z.number(),
  }),
});
export type ThemeDayIndicators = z.infer<typeof ThemeDayIndicators>;

export const IndicatorsView = z.object({
  asOf: z.string(),
  followUpMonths: z.array(z.number().int()),
  definitions: z.record(z.string(), z.string()),
  themeDays: z.array(ThemeDayIndicators),
  total: ThemeDayIndicators,
  /**
   * The same figures per programme year (跨年度对比), over the theme days in scope only, oldest year first;
   * label "2020年", themeDayId null. Project figures are projects/stats.ts grouped by year; satisfaction pools
   * the year's answers; the rest sum the year's theme days.
   */
  years: z.array(ThemeDayIndicators),
});
export type IndicatorsView = z.infer<typeof IndicatorsView>;

/** Header of the .xlsx sheet 指标数据 (one row per theme day and figure). */
export const INDICATOR_EXPORT_HEADER = ['主题日', '指标', '数值', '分子', '分母'] as const;
