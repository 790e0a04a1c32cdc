/**
 * Cooperation projects (融通合作项目) and their follow-ups (跟踪回访): request and response shapes (issue 10).
 * 417号 三(四) judges every theme day by "促成合作项目的多少、搭建合作机制稳定程度、中小企业和初创企业的满意程度":
 * a project counts only when every party has confirmed it, and stability is measured from the parties'
 * answers at the follow-up points (programme rules `followUpMonths`, default 3/6/12 months after signing).
 */
import { z } from 'zod';
import { CalendarDate, OrgRef, ThemeDayRef, listOf, pagingQuery } from './common.ts';

export const PROJECT_TYPES = [
  'joint_rd',
  'transfer_licence',
  'investment',
  'procurement',
  'resource_use',
  'talent',
  'consortium',
  'other',
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];
export const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  joint_rd: '联合研发',
  transfer_licence: '技术转让/许可',
  investment: '投资/融资',
  procurement: '采购/供应链',
  resource_use: '资源开放使用',
  talent: '人才培养/校企行',
  consortium: '创新联合体',
  other: '其他',
};

export const PROJECT_CHAINS = ['industry', 'supply', 'innovation'] as const;
export type ProjectChain = (typeof PROJECT_CHAINS)[number];
export const PROJECT_CHAIN_LABELS: Record<ProjectChain, string> = {
  industry: '产业链',
  supply: '供应链',
  innovation: '创新链',
};

/** candidate: awaiting the parties' confirmation (not counted); then 意向 → 签约 → 实施中 → 已完成, or 已终止. */
export const PROJECT_STAGES = ['candidate', 'intent', 'signed', 'in_progress', 'completed', 'terminated'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_LABELS: Record<ProjectStage, string> = {
  candidate: '待确认',
  intent: '意向',
  signed: '签约',
  in_progress: '实施中',
  completed: '已完成',
  terminated: '已终止',
};
/** Stages a party may move a counted project to (the dates of each stage are kept). */
export const STAGE_TARGETS = ['signed', 'in_progress', 'completed', 'terminated'] as const;
export type StageTarget = (typeof STAGE_TARGETS)[number];

export const PARTY_ROLES = ['lead', 'participant'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const PARTY_ROLE_LABELS: Record<PartyRole, string> = { lead: '牵头', participant: '参与' };

export const CONFIRMATIONS = ['pending', 'confirmed', 'declined'] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];
export const CONFIRMATION_LABELS: Record<Confirmation, string> = {
  pending: '待确认',
  confirmed: '已确认',
  declined: '已拒绝',
};

/** Where a project came from: filed by hand, or one of the seven signals of the content-area modules. */
export const SOURCE_TYPES = [
  'manual',
  'meeting',
  'demand_response',
  'consortium',
  'result_application',
  'resource_request',
  'roadshow_interest',
  'booth_contact',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
export const SOURCE_TYPE_LABELS: Record<SourceType, string> = {
  manual: '手工填报',
  meeting: '一对一洽谈（有合作可能）',
  demand_response: '需求响应（已采纳）',
  consortium: '创新联合体（已签署）',
  result_application: '成果转化申请（已同意）',
  resource_request: '资源使用申请（已使用）',
  roadshow_interest: '路演意向签约',
  booth_contact: '展位联系请求（已接受）',
};
/** Signals that can be turned into a candidate through the API today (the others follow). */
export const PROPOSABLE_SOURCES = ['meeting'] as const;

export const FOLLOW_UP_STATUSES = ['on_track', 'delayed', 'paused', 'terminated', 'completed'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  on_track: '进展顺利',
  delayed: '延期',
  paused: '暂停',
  terminated: '已终止',
  completed: '已完成',
};
/** Answers that count as a stable cooperation mechanism ("active or completed"). */
export const STABLE_STATUSES: readonly FollowUpStatus[] = ['on_track', 'completed'];

export const HELP_SOURCES = ['host', 'local_drc', 'guidance_fund'] as const;
export type HelpSource = (typeof HELP_SOURCES)[number];
export const HELP_SOURCE_LABELS: Record<HelpSource, string> = {
  host: '承办基地',
  local_drc: '地方发展改革委',
  guidance_fund: '国家新兴产业创业投资引导基金',
};

export const REMINDER_KINDS = ['d14', 'd1', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * Where a follow-up stands for its party: not yet open, open for answers, answered, overdue (unanswered after
 * the due date, still answerable), or missed (unanswered and the window has closed: "silent").
 */
export const FOLLOW_UP_STATES = ['upcoming', 'open', 'answered', 'overdue', 'missed'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

/** Amounts are whole yuan: integers, never floats (a float is refused with a field error). */
export const Amount = z
  .number({ error: '金额须为数字（元）' })
  .int('金额须为整数（元），不能有小数')
  .min(0, '金额不能为负')
  .max(1e15, '金额过大');
const Jobs = z
  .number({ error: '就业人数须为数字' })
  .int('就业人数须为整数')
  .min(0, '就业人数不能为负')
  .max(10_000_000, '就业人数过大');

const PartyInput = z.object({ organisationId: z.string().min(1).max(100), role: z.enum(PARTY_ROLES) });

const ProjectFields = {
  title: z.string().trim().min(2, '请填写项目名称（至少2个字）').max(200, '项目名称不能超过200字'),
  description: z.string().trim().max(5000, '项目简介不能超过5000字').nullable().optional(),
  type: z.enum(PROJECT_TYPES, { error: '请选择合作类型' }),
  contentAreas: z
    .array(z.string().regex(/^[a-z][a-z0-9_]*$/, '内容板块键名无效'))
    .max(10)
    .default([]),
  chain: z.enum(PROJECT_CHAINS, { error: '请选择所强化的链条' }).nullable().optional(),
  intendedAmount: Amount.nullable().optional(),
  jobsCreated: Jobs.nullable().optional(),
};

/**
 * A project filed by hand: by a party (its own organisation must be among the parties and is taken as
 * confirmed), or by the host base's staff for its theme day (every party still confirms).
 */
export const ProjectBody = z.object({
  themeDayId: z.string().min(1).max(100).nullable().optional(),
  ...ProjectFields,
  parties: z.array(PartyInput).min(2, '合作项目至少需要两方').max(20, '合作方不能超过20家'),
});
export type ProjectBody = z.infer<typeof ProjectBody>;
export type ProjectInput = z.input<typeof ProjectBody>;

export const ProjectUpdateBody = z
  .object({
    title: ProjectFields.title.optional(),
    description: ProjectFields.description,
    type: ProjectFields.type.optional(),
    contentAreas: z
      .array(z.string().regex(/^[a-z][a-z0-9_]*$/, '内容板块键名无效'))
      .max(10)
      .optional(),
    chain: ProjectFields.chain,
    intendedAmount: Amount.nullable().optional(),
    contractedAmount: Amount.nullable().optional(),
    receivedAmount: Amount.nullable().optional(),
    jobsCreated: Jobs.nullable().optional(),
  })
  .strict();
export type ProjectUpdateBody = z.infer<typeof ProjectUpdateBody>;

/** Turns a signal into a candidate for both sides (idempotent per source). */
export const FromSourceBody = z.object({ sourceType: z.enum(SOURCE_TYPES), sourceId: z.string().min(1).max(100) });
export type FromSourceBody = z.infer<typeof FromSourceBody>;

export const ConfirmBody = z.object({
  publishConsent: z.boolean().default(false),
  amountsConsent: z.boolean().default(false),
});
export type ConfirmBody = z.infer<typeof ConfirmBody>;
export type ConfirmInput = z.input<typeof ConfirmBody>;

export const DeclineBody = z.object({
  reason: z.string().trim().min(2, '请说明拒绝的理由').max(1000, '理由不能超过1000字'),
});
export type DeclineBody = z.infer<typeof DeclineBody>;

export const ConsentBody = z.object({ publishConsent: z.boolean(), amountsConsent: z.boolean() });
export type ConsentBody = z.infer<typeof ConsentBody>;

/** Absorbs candidate `otherId` (same cooperation) into this candidate. */
export const MergeBody = z.object({ otherId: z.string().min(1).max(100) });
export type MergeBody = z.infer<typeof MergeBody>;

export const StageBody = z.object({
  stage: z.enum(STAGE_TARGETS, { error: '阶段无效' }),
  date: CalendarDate,
  reason: z.string().trim().max(1000, '理由不能超过1000字').optional(),
  contractedAmount: Amount.nullable().optional(),
});
export type StageBody = z.infer<typeof StageBody>;

export const FollowUpParams = z.object({
  id: z.string().min(1).max(100),
  point: z.coerce.number().int().min(1).max(120),
});
export type FollowUpParams = z.infer<typeof FollowUpParams>;

export const FollowUpBody = z.object({
  status: z.enum(FOLLOW_UP_STATUSES, { error: '请选择进展情况' }),
  receivedAmount: Amount.nullable().optional(),
  jobsCreated: Jobs.nullable().optional(),
  milestones: z.string().trim().max(2000, '里程碑不能超过2000字').nullable().optional(),
  problems: z.string().trim().max(2000, '问题不能超过2000字').nullable().optional(),
  helpNeeded: z.array(z.enum(HELP_SOURCES)).max(3).default([]),
  helpNote: z.string().trim().max(2000, '说明不能超过2000字').nullable().optional(),
});
export type FollowUpBody = z.infer<typeof FollowUpBody>;
export type FollowUpInput = z.input<typeof FollowUpBody>;

// ----- responses -------------------------------------------------------------------------------------------

export const PartyView = z.object({
  organisation: OrgRef,
  role: z.enum(PARTY_ROLES),
  /** Size class and kind as they were when the project was signed (null before signing). */
  sizeClass: z.string().nullable(),
  kind: z.string().nullable(),
  confirmation: z.enum(CONFIRMATIONS),
  declineReason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  publishConsent: z.boolean(),
  amountsConsent: z.boolean(),
});
export type PartyView = z.infer<typeof PartyView>;

export const FollowUpView = z.object({
  organisation: OrgRef,
  point: z.number().int(),
  dueDate: z.string(),
  /** First and last day on which the party may answer or correct (Shanghai dates, inclusive). */
  opensOn: z.string(),
  closesOn: z.string(),
  state: z.enum(FOLLOW_UP_STATES),
  status: z.enum(FOLLOW_UP_STATUSES).nullable(),
  receivedAmount: z.number().int().nullable(),
  jobsCreated: z.number().int().nullable(),
  milestones: z.string().nullable(),
  problems: z.string().nullable(),
  helpNeeded: z.array(z.enum(HELP_SOURCES)),
  helpNote: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type FollowUpView = z.infer<typeof FollowUpView>;

/** Evidence is a PDF or an image (sniffed from the content on the server). */
export const EVIDENCE_TYPES = ['pdf', 'png', 'jpeg'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const EvidenceView = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(EVIDENCE_TYPES),
  size: z.number().int(),
  organisation: OrgRef,
  /** The follow-up point it backs, or null for the project itself. */
  point: z.number().int().nullable(),
  uploadedAt: z.string(),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

export const EvidenceQuery = z.object({ point: z.coerce.number().int().min(1).max(120).optional() });
export type EvidenceQuery = z.infer<typeof EvidenceQuery>;
export const EvidenceParams = z.object({ id: z.string().min(1).max(100), evidenceId: z.string().min(1).max(100) });
export type EvidenceParams = z.infer<typeof EvidenceParams>;

export const ProjectAbilities = z.object({
  confirm: z.boolean(),
  decline: z.boolean(),
  edit: z.boolean(),
  changeStage: z.boolean(),
  merge: z.boolean(),
  consent: z.boolean(),
  answerFollowUp: z.boolean(),
});
export type ProjectAbilities = z.infer<typeof ProjectAbilities>;

export const ProjectView = z.object({
  id: z.string(),
  themeDay: ThemeDayRef,
  title: z.string(),
  description: z.string().nullable(),
  type: z.enum(PROJECT_TYPES),
  contentAreas: z.array(z.string()),
  chain: z.enum(PROJECT_CHAINS).nullable(),
  intendedAmount: z.number().int().nullable(),
  contractedAmount: z.number().int().nullable(),
  receivedAmount: z.number().int().nullable(),
  jobsCreated: z.number().int().nullable(),
  stage: z.enum(PROJECT_STAGES),
  /** True once every party confirmed: only then does the project count. */
  counted: z.boolean(),
  /** True when a party declined (the candidate stays uncounted). */
  declined: z.boolean(),
  dates: z.object({
    intentOn: z.string().nullable(),
    signedOn: z.string().nullable(),
    startedOn: z.string().nullable(),
    completedOn: z.string().nullable(),
    terminatedOn: z.string().nullable(),
  }),
  terminationReason: z.string().nullable(),
  source: z.object({ type: z.enum(SOURCE_TYPES), id: z.string().nullable() }),
  mergedIntoId: z.string().nullable(),
  parties: z.array(PartyView),
  followUps: z.array(FollowUpView),
  evidence: z.array(EvidenceView),
  abilities: ProjectAbilities,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProjectView = z.infer<typeof ProjectView>;

export const PROJECT_BOXES = ['all', 'mine', 'awaiting_me'] as const;
export type ProjectBox = (typeof PROJECT_BOXES)[number];

export const ProjectListQuery = z.object({
  ...pagingQuery({ maxPageSize: 200, order: 'desc' }),
  /** all: every project the caller may see; mine: my organisation's; awaiting_me: candidates my organisation has to confirm. */
  box: z.enum(PROJECT_BOXES).default('all'),
  themeDayId: z.string().max(100).optional(),
  programmeId: z.string().max(100).optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  type: z.enum(PROJECT_TYPES).optional(),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

export const ProjectSummary = ProjectView.omit({ followUps: true, evidence: true, description: true });
export type ProjectSummary = z.infer<typeof ProjectSummary>;
export const ProjectList = listOf(ProjectSummary);
export type ProjectList = z.infer<typeof ProjectList>;

// ----- numbers ---------------------------------------------------------------------------------------------

/** sizeClass: a project counts once in each size class among its parties at signing (so groups overlap). */
export const STATS_GROUPS = ['none', 'themeDay', 'host', 'type', 'area', 'region', 'year', 'sizeClass'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export const StatsQuery = z.object({
  groupBy: z.enum(STATS_GROUPS).default('none'),
  programmeId: z.string().max(100).optional(),
  themeDayId: z.string().max(100).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

/** A share with its parts: `rate` is numerator / denominator (null when the denominator is 0). */
export const Ratio = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().nullable(),
});
export type Ratio = z.infer<typeof Ratio>;

export const StatsGroupView = z.object({
  key: z.string(),
  label: z.string(),
  /** Projects every party confirmed (candidates and merged ones are not counted). */
  projects: z.number().int(),
  /** Candidates still awaiting confirmation (shown, never counted). */
  candidates: z.number().int(),
  byStage: z.record(z.string(), z.number().int()),
  byType: z.record(z.string(), z.number().int()),
  byArea: z.record(z.string(), z.number().int()),
  amounts: z.object({ intended: z.number().int(), contracted: z.number().int(), received: z.number().int() }),
  jobsCreated: z.number().int(),
  stability: z.array(Ratio.extend({ months: z.number().int() })),
  repeatCooperation: Ratio,
  smeShare: Ratio,
  /** Unanswered follow-ups past their due date (overdue or missed). */
  overdueFollowUps: z.number().int(),
});
export type StatsGroupView = z.infer<typeof StatsGroupView>;

export const StatsView = z.object({
  groupBy: z.enum(STATS_GROUPS),
  /** Today (Shanghai) as the figures were computed. */
  asOf: z.string(),
  followUpMonths: z.array(z.number().int()),
  definitions: z.object({ stability: z.string(), repeatCooperation: z.string(), smeShare: z.string() }),
  total: StatsGroupView,
  groups: z.array(StatsGroupView),
});
export type StatsView = z.infer<typeof StatsView>;

/** The definitions shown next to the numbers (the same text in the API and the UI). */
export const STATS_DEFINITIONS = {
  stability:
    '合作机制稳定程度：对每个回访节点（签约后N个月），在签约满N个月的项目中，所有合作方在该节点均回报“进展顺利”或“已完成”的项目所占比例（未回报、暂停、延期、终止均不计入分子）。',
  repeatCooperation: '再次合作率：在合作项目中出现过的合作单位对中，此后又共同开展了另一个合作项目的单位对所占比例。',
  smeShare: '中小企业参与率：已签约项目中，至少有一方在签约时为中型、小型或微型企业的项目所占比例。',
} as const;

// ----- public summary --------------------------------------------------------------------------------------

export const PublicProjectView = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(PROJECT_TYPES),
  stage: z.enum(PROJECT_STAGES),
  parties: z.array(z.object({ name: z.string(), role: z.enum(PARTY_ROLES) })),
  /** Only when every party agreed to publish the amounts. */
  amounts: z.object({ intended: z.number().int().nullable(), contracted: z.number().int().nullable() }).nullable(),
});
export type PublicProjectView = z.infer<typeof PublicProjectView>;
export const PublicProjectList = z.object({ items: z.array(PublicProjectView), total: z.number().int() });
export type PublicProjectList = z.infer<typeof PublicProjectList>;

/**
 * A past theme day's results on the portal: the same figures as the workspace (computed by the same code) but
 * without amounts, jobs and overdue follow-ups, and with only the projects whose parties agreed to publish.
 */
export const PublicResultsView = z.object({
  asOf: z.string(),
  followUpMonths: z.array(z.number().int()),
  definitions: StatsView.shape.definitions,
  figures: StatsGroupView.omit({ amounts: true, jobsCreated: true, overdueFollowUps: true, candidates: true }),
  projects: z.array(PublicProjectView),
});
export type PublicResultsView = z.infer<typeof PublicResultsView>;

// ----- follow-ups across projects (the overview of overdue follow-ups) ------------------------------------

export const FollowUpListQuery = z.object({
  ...pagingQuery({ maxPageSize: 200, order: 'asc' }),
  state: z.enum(FOLLOW_UP_STATES).optional(),
  themeDayId: z.string().max(100).optional(),
  programmeId: z.string().max(100).optional(),
});
export type FollowUpListQuery = z.infer<typeof FollowUpListQuery>;

export const FollowUpListItem = FollowUpView.extend({
  project: z.object({ id: z.string(), title: z.string() }),
  themeDay: ThemeDayRef,
});
export type FollowUpListItem = z.infer<typeof FollowUpListItem>;
export const FollowUpList = listOf(FollowUpListItem);
export type FollowUpList = z.infer<typeof FollowUpList>;

/** Column headers of the .xlsx export of projects (the theme-day results page). */
export const PROJECT_EXPORT_HEADER = [
  '项目名称',
  '主题日',
  '合作类型',
  '阶段',
  '牵头单位',
  '参与单位',
  '意向金额（元）',
  '合同金额（元）',
  '到位金额（元）',
  '带动就业（人）',
  '意向日期',
  '签约日期',
  '各方确认',
] as const;
