/**
 * Satisfaction surveys (满意度调查, issue 11 §1): request and response shapes. 417号 三(四) asks the third-party
 * evaluation to weigh "产业链上中小企业和初创企业的满意程度"; the platform measures it with one core instrument
 * (common/survey-instrument.ts, owned by NDRC and versioned, so scores compare across theme days and years),
 * sent after each theme day to the people who took part, each through a personal single-use link.
 */
import { z } from 'zod';
import { ORG_KINDS, type OrgKind } from '../roles.ts';
import { SIZE_CLASSES } from './organisations.ts';
import { ThemeDayRef, listOf } from './common.ts';

// ----- questions ----------------------------------------------------------------------------------------------

export const QUESTION_TYPES = ['rating', 'nps', 'single', 'multiple', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  rating: '满意度评分（1—5分）',
  nps: '推荐意愿（0—10分）',
  single: '单项选择',
  multiple: '多项选择',
  text: '文字填写',
};

/** Labels of the 1–5 rating scale (5 best), as the page shows them. */
export const RATING_LABELS: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: '非常不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '非常满意',
};
export const NPS_ENDS = { low: '完全不可能', high: '非常可能' } as const;

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const QuestionKey = z.string().regex(KEY, '题目标识须以小写字母开头，仅含小写字母、数字和下划线');

export const QuestionOption = z.object({
  key: QuestionKey,
  label: z.string().trim().min(1, '请填写选项文字').max(60, '选项文字不超过60字'),
});
export type QuestionOption = z.infer<typeof QuestionOption>;

/** One question. Keys are stable across versions: results of the same key compare across years. */
export const Question = z
  .object({
    key: QuestionKey,
    type: z.enum(QUESTION_TYPES),
    text: z.string().trim().min(2, '请填写题目').max(200, '题目不超过200字'),
    /** A short hint under the question (e.g. "未参加该环节可不填"). */
    hint: z.string().trim().max(200).optional(),
    required: z.boolean(),
    /** single / multiple only: 2–12 options. */
    options: z.array(QuestionOption).min(2).max(12).optional(),
    /** multiple only: at most this many choices. */
    maxChoices: z.number().int().min(1).max(12).optional(),
    /** text only (default 500). */
    maxLength: z.number().int().min(1).max(2000).optional(),
  })
  .superRefine((q, c) => {
    const choice = q.type === 'single' || q.type === 'multiple';
    if (choice && !q.options) c.addIssue({ code: 'custom', path: ['options'], message: '选择题须至少有两个选项' });
    if (!choice && q.options) c.addIssue({ code: 'custom', path: ['options'], message: '只有选择题可以设置选项' });
    if (q.options && new Set(q.options.map((o) => o.key)).size !== q.options.length)
      c.addIssue({ code: 'custom', path: ['options'], message: '选项标识不能重复' });
    if (q.maxChoices !== undefined && q.type !== 'multiple')
      c.addIssue({ code: 'custom', path: ['maxChoices'], message: '只有多选题可以限制选择数量' });
    if (q.maxLength !== undefined && q.type !== 'text')
      c.addIssue({ code: 'custom', path: ['maxLength'], message: '只有文字题可以限制字数' });
  });
export type Question = z.infer<typeof Question>;

/** Default and ceiling of a free-text answer. */
export const TEXT_MAX_LENGTH = 500;

/** Keys the core instrument must keep in every version: the headline figures are computed from them. */
export const OVERALL_KEY = 'overall';
export const RECOMMEND_KEY = 'recommend';

/** A new core version as NDRC publishes it (one per programme year, usually). */
/**
 * A new core version as NDRC publishes it (one per programme year, usually). The server also checks (with
 * Chinese field errors, common/survey-checks.ts): unique keys, no `host_` key, and the required `overall`
 * rating and `recommend` 0–10 questions the headline figures come from.
 */
export const InstrumentBody = z.object({
  questions: z.array(Question).min(2).max(40),
  note: z.string().trim().min(2, '请说明本版修订内容').max(500),
});
export type InstrumentBody = z.infer<typeof InstrumentBody>;

export const InstrumentView = z.object({
  version: z.number().int(),
  questions: z.array(Question),
  note: z.string(),
  publishedAt: z.string().nullable(),
  /** True for the version new surveys take. */
  current: z.boolean(),
});
export type InstrumentView = z.infer<typeof InstrumentView>;
export const InstrumentList = z.object({
  items: z.array(InstrumentView),
  abilities: z.object({ publish: z.boolean() }),
});
export type InstrumentList = z.infer<typeof InstrumentList>;

/** Host questions carry this prefix, so they can never take a core key, now or in a later core version. */
export const HOST_KEY_PREFIX = 'host_';
export const HOST_QUESTIONS_MAX = 10;
/** The host's own questions (keys start with `host_`; checked with Chinese field errors by common/survey-checks.ts). */
export const HostQuestions = z.array(Question).max(HOST_QUESTIONS_MAX);
export const HostQuestionsBody = z.object({ questions: HostQuestions });
export type HostQuestionsBody = z.infer<typeof HostQuestionsBody>;

// ----- surveys -----------------------------------------------------------------------------------------------

export const SURVEY_STATUSES = ['open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_STATUS_LABELS: Record<SurveyStatus, string> = { open: '进行中', closed: '已结束' };

/** Why a person was invited (any of these in the theme day). */
export const PARTICIPATION_KINDS = [
  'registration',
  'check_in',
  'meeting',
  'demand_response',
  'roadshow',
  'booth_visit',
] as const;
export type ParticipationKind = (typeof PARTICIPATION_KINDS)[number];
export const PARTICIPATION_LABELS: Record<ParticipationKind, string> = {
  registration: '报名参加活动',
  check_in: '现场签到',
  meeting: '一对一洽谈',
  demand_response: '响应创新需求',
  roadshow: '参加路演',
  booth_visit: '访问云展厅展位',
};

export const SURVEY_DAYS_DEFAULT = 14;
export const SURVEY_DAYS_MAX = 60;

export const OpenSurveyBody = z.object({
  /** Anonymous: answers cannot be traced to the person or the organisation (see ARCHITECTURE.md). */
  anonymous: z.boolean(),
  /** Days the links stay valid (Asia/Shanghai, until 23:59:59 of the last day). */
  days: z
    .number()
    .int()
    .min(1, '有效期至少1天')
    .max(SURVEY_DAYS_MAX, `有效期不超过${SURVEY_DAYS_MAX}天`)
    .default(SURVEY_DAYS_DEFAULT),
  hostQuestions: HostQuestions.default([]),
});
/** What the client sends (days and hostQuestions may be left out). */
export type OpenSurveyBody = z.input<typeof OpenSurveyBody>;
/** After parsing, with the defaults filled in. */
export type OpenSurveyInput = z.output<typeof OpenSurveyBody>;

export const ThemeDayParams = z.object({ themeDayId: z.string().min(1).max(100) });

export const SurveyAbilities = z.object({
  editQuestions: z.boolean(),
  inviteMore: z.boolean(),
  close: z.boolean(),
  seeResults: z.boolean(),
});
export type SurveyAbilities = z.infer<typeof SurveyAbilities>;

export const SurveyView = z.object({
  id: z.string(),
  themeDay: ThemeDayRef,
  status: z.enum(SURVEY_STATUSES),
  anonymous: z.boolean(),
  coreVersion: z.number().int(),
  /** Core questions of the survey's version, then the host's, in the order the respondent sees them. */
  coreQuestions: z.array(Question),
  hostQuestions: z.array(Question),
  opensAt: z.string(),
  /** Last instant the links work. */
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  invitations: z.number().int(),
  answers: z.number().int(),
  /** Invitations by why the person was invited (one person may count under several). */
  invitedBy: z.record(z.enum(PARTICIPATION_KINDS), z.number().int()),
  abilities: SurveyAbilities,
});
export type SurveyView = z.infer<typeof SurveyView>;
export const SurveyList = listOf(SurveyView);
export type SurveyList = z.infer<typeof SurveyList>;
export const SurveyListQuery = z.object({ themeDayId: z.string().max(100).optional() });

export const InviteResult = z.object({ invited: z.number().int(), survey: SurveyView });
export type InviteResult = z.infer<typeof InviteResult>;

// ----- answering by link (no sign-in) ----------------------------------------------------------------------

export const TokenParams = z.object({ token: z.string().min(1).max(200) });

/** What the answer page shows: no names of the person, only the theme day and the questions. */
export const PublicSurveyView = z.object({
  themeDayTitle: z.string(),
  hostName: z.string(),
  anonymous: z.boolean(),
  closesAt: z.string(),
  questions: z.array(Question),
  /** The number of core questions (the host's follow under their own heading). */
  coreCount: z.number().int(),
});
export type PublicSurveyView = z.infer<typeof PublicSurveyView>;

/** A rating / nps answer is a number, single a key, multiple a key list, text a string; omitted = not answered. */
export const AnswerValue = z.union([z.number(), z.string().max(4000), z.array(z.string().max(60)).max(12)]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export const AnswerBody = z.object({
  answers: z.record(z.string().max(40), AnswerValue.nullable()).refine((r) => Object.keys(r).length <= 60),
});
export type AnswerBody = z.infer<typeof AnswerBody>;
export const AnswerReceipt = z.object({ ok: z.literal(true), message: z.string() });

// ----- results -----------------------------------------------------------------------------------------------

/** Groups with fewer answers than this show no numbers, so no respondent can be singled out. */
export const MIN_GROUP_SIZE = 5;
export const SUPPRESSED_LABEL = '样本不足';

/** A proportion with its 95% interval (shares 0..1). */
export const Estimate = z.object({
  value: z.number(),
  low: z.number(),
  high: z.number(),
  n: z.number().int(),
});
export type Estimate = z.infer<typeof Estimate>;
/** NPS in points −100..100 with its 95% interval. */
export const NpsEstimate = z.object({
  value: z.number(),
  low: z.number(),
  high: z.number(),
  n: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
});
export type NpsEstimate = z.infer<typeof NpsEstimate>;

export const QuestionDistribution = z.object({
  key: z.string(),
  type: z.enum(QUESTION_TYPES),
  text: z.string(),
  core: z.boolean(),
  /** Respondents who answered the question. */
  answered: z.number().int(),
  /** rating 1..5, nps 0..10, choice option keys → counts (multiple: each choice counts). Absent for text. */
  counts: z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int() })).optional(),
  mean: z.number().nullable().optional(),
  /** Free-text answers (never in a split, never below the group threshold). */
  texts: z.array(z.string()).optional(),
});
export type QuestionDistribution = z.infer<typeof QuestionDistribution>;

export const GroupFigures = z.union([
  z.object({
    suppressed: z.literal(false),
    answers: z.number().int(),
    csat: Estimate.nullable(),
    nps: NpsEstimate.nullable(),
    questions: z.array(QuestionDistribution),
  }),
  z.object({ suppressed: z.literal(true), label: z.literal(SUPPRESSED_LABEL) }),
]);
export type GroupFigures = z.infer<typeof GroupFigures>;

export const SIZE_GROUPS = [...SIZE_CLASSES, 'unknown'] as const;
export const SIZE_GROUP_LABELS: Record<(typeof SIZE_GROUPS)[number], string> = {
  large: '大型企业',
  medium: '中型企业',
  small: '小型企业',
  micro: '微型企业',
  unknown: '未划型',
};
export const KIND_GROUPS = ORG_KINDS;
export type KindGroup = OrgKind;

export const SplitGroup = z.object({ key: z.string(), label: z.string(), figures: GroupFigures });
export type SplitGroup = z.infer<typeof SplitGroup>;

export const SurveyResults = z.object({
  survey: SurveyView,
  invitations: z.number().int(),
  answers: z.number().int(),
  /** answers / invitations with its Wilson interval. */
  responseRate: Estimate.nullable(),
  overall: GroupFigures,
  bySize: z.array(SplitGroup),
  byKind: z.array(SplitGroup),
  definitions: z.record(z.string(), z.string()),
});
export type SurveyResults = z.infer<typeof SurveyResults>;

export const RESULTS_DEFINITIONS = {
  responseRate: '回收率 = 有效答卷数 ÷ 发放邀请数；区间为95% Wilson 置信区间',
  csat: '满意率（CSAT）= “总体满意度”评4分或5分的答卷占比；区间为95% Wilson 置信区间',
  nps: '净推荐值（NPS）= 推荐者（9—10分）占比 − 贬损者（0—6分）占比，以百分制表示；区间为95%正态近似置信区间',
  suppression: `答卷少于${MIN_GROUP_SIZE}份的分组不显示数据（标注“${SUPPRESSED_LABEL}”），以免识别到具体单位`,
  split: '分组依据答卷时答题人所在单位的企业规模和单位类型',
} as const;

export { SIZE_CLASSES };
