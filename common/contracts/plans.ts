/** Zod schemas of the preliminary-plan (活动初步计划) API. */
import { z } from 'zod';
import { IdParams, pagingQuery } from './common.ts';

/** A preliminary plan: drafted by its base, submitted, returned/withdrawn for revision, selected as host. */
export const PLAN_STATUSES = ['draft', 'submitted', 'returned', 'withdrawn', 'selected'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const AreaEntry = z.object({
  key: z.string().trim().min(1).max(64),
  description: z.string().max(2000),
});
export type AreaEntry = z.infer<typeof AreaEntry>;

/**
 * The editable content of a plan. Saving a draft checks types and lengths only; the rules of the
 * year (areas, 字数, required fields) are checked on submission and by POST /plans/:id/check.
 */
export const PlanContentPatch = z
  .object({
    theme: z.string().max(100).nullable(),
    title: z.string().max(200).nullable(),
    body: z.string().max(20_000).nullable(),
    partnerBaseIds: z.array(z.string().min(1).max(100)).max(30),
    areas: z.array(AreaEntry).max(20),
    plannedMonths: z.array(z.number().int().min(1).max(12)).max(12),
    epidemicMeasures: z.string().max(4000).nullable(),
  })
  .partial()
  .strict();
export type PlanContentPatch = z.infer<typeof PlanContentPatch>;

export const CreatePlanBody = PlanContentPatch.extend({ baseId: z.string().min(1).max(100).optional() }).strict();
export type CreatePlanBody = z.infer<typeof CreatePlanBody>;

export const BaseRef = z.object({ id: z.string(), name: z.string(), shortName: z.string() });
export type BaseRef = z.infer<typeof BaseRef>;

export const PlanAbilities = z.object({
  edit: z.boolean(),
  check: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  return: z.boolean(),
  assignReviewers: z.boolean(),
  viewReviews: z.boolean(),
  viewVersions: z.boolean(),
  /** Comment on the plan (before submission: draft, returned or withdrawn; issue 12 §3). */
  comment: z.boolean(),
  /** Send the base a reminder (督促提醒): the local DRC and the supervising department. */
  remind: z.boolean(),
});
export type PlanAbilities = z.infer<typeof PlanAbilities>;

const PlanCommon = {
  id: z.string(),
  programmeId: z.string(),
  programmeYear: z.number(),
  base: BaseRef.extend({ kind: z.string(), regionCode: z.string() }),
  status: PlanStatus,
  theme: z.string().nullable(),
  title: z.string().nullable(),
  partnerBases: z.array(BaseRef),
  areas: z.array(z.object({ key: z.string(), name: z.string().nullable(), description: z.string() })),
  plannedMonths: z.array(z.number()),
  version: z.number(),
  submittedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** 字数 of the body (common/zishu.ts). */
  zishu: z.number(),
  /** Distinct known content areas with a non-empty description. */
  areasCovered: z.number(),
  minContentAreas: z.number(),
  abilities: PlanAbilities,
};

export const PlanSummary = z.object(PlanCommon);
export type PlanSummary = z.infer<typeof PlanSummary>;
export const Plan = z.object({
  ...PlanCommon,
  body: z.string().nullable(),
  epidemicMeasures: z.string().nullable(),
});
export type PlanDto = z.infer<typeof Plan>;

export const ListPlansQuery = z.object({
  ...pagingQuery({ order: 'desc' }),
  sort: z.enum(['updatedAt', 'submittedAt', 'createdAt', 'baseName', 'status']).default('updatedAt'),
  status: PlanStatus.optional(),
  baseId: z.string().max(100).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListPlansQuery = z.infer<typeof ListPlansQuery>;

export const PlanIssueSchema = z.object({ code: z.string(), field: z.string().optional(), message: z.string() });
export type PlanIssueView = z.infer<typeof PlanIssueSchema>;

export const CheckResult = z.object({
  ok: z.boolean(),
  zishu: z.number(),
  areasCovered: z.number(),
  minContentAreas: z.number(),
  length: z.object({ target: z.number(), min: z.number(), max: z.number() }),
  planDeadlineAt: z.string(),
  issues: z.array(PlanIssueSchema),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const VersionContent = z.object({
  theme: z.string().nullable(),
  title: z.string().nullable(),
  body: z.string().nullable(),
  partnerBaseIds: z.array(z.string()),
  partnerBases: z.array(BaseRef),
  areas: z.array(z.object({ key: z.string(), description: z.string() })),
  plannedMonths: z.array(z.number()),
  epidemicMeasures: z.string().nullable(),
  zishu: z.number(),
  areasCovered: z.number(),
});
export type VersionContent = z.infer<typeof VersionContent>;

export const VersionSummary = z.object({
  version: z.number(),
  submittedAt: z.string(),
  submittedBy: z.object({ id: z.string(), name: z.string().nullable() }),
});
export type VersionSummary = z.infer<typeof VersionSummary>;
export const Version = VersionSummary.extend({ planId: z.string(), content: VersionContent });
export type Version = z.infer<typeof Version>;

/** The submitted versions of a plan, newest first by default. */
export const VersionsQuery = z.object({
  ...pagingQuery({ order: 'desc' }),
  sort: z.enum(['version']).default('version'),
});
export type VersionsQuery = z.infer<typeof VersionsQuery>;

export const VersionParams = IdParams.extend({ v: z.coerce.number().int().min(1) });
export type VersionParams = z.infer<typeof VersionParams>;
export const ReturnBody = z.object({ reason: z.string().trim().min(1).max(2000) });
export type ReturnBody = z.infer<typeof ReturnBody>;

/** Who wrote a comment on a plan, as the thread shows it (issue 12 §3). */
export const PLAN_COMMENT_ROLES = ['local_drc', 'base_supervisor', 'programme_owner', 'base_admin'] as const;
export type PlanCommentRole = (typeof PLAN_COMMENT_ROLES)[number];

export const PlanCommentBody = z.object({
  body: z.string().trim().min(1, '请填写意见').max(2000, '意见不超过2000字'),
});
export type PlanCommentBody = z.infer<typeof PlanCommentBody>;

/** A remark on a plan before submission by the local DRC or the supervising department, or the base's answer. */
export const PlanComment = z.object({
  id: z.string(),
  planId: z.string(),
  body: z.string(),
  authorRole: z.enum(PLAN_COMMENT_ROLES),
  author: z.object({ id: z.string(), name: z.string().nullable() }),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The last submitted version when the comment was made (0: never submitted). */
  planVersion: z.number().int(),
  createdAt: z.string(),
});
export type PlanComment = z.infer<typeof PlanComment>;

export const PlanCommentList = z.object({ items: z.array(PlanComment), canComment: z.boolean() });
export type PlanCommentList = z.infer<typeof PlanCommentList>;
