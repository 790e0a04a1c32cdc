/** Zod schemas of the results API (科技成果): results, the 不涉密 declaration, confidentiality review, applications. */
import { z } from 'zod';
import { isIndustryDivision, parseIndustryCode } from '../industry.ts';
import { OrgRef, Paging, ThemeDayRef, listOf } from './common.ts';

/** The fixed wording of the 不涉密 declaration; the author must tick it explicitly. */
export const DECLARATION_TEXT = '本成果不涉及国家秘密，或已按规定进行保密审查';

export const TRANSFER_MODES = ['transfer', 'licence', 'equity', 'joint_development'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];
export const TRANSFER_MODE_LABELS: Record<TransferMode, string> = {
  transfer: '转让',
  licence: '许可',
  equity: '作价入股',
  joint_development: '合作开发',
};
export const RESULT_STATUSES = ['draft', 'in_review', 'changes_requested', 'public', 'rejected'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];
/** 可以公开 / 修改后公开 / 不同意公开 */
export const REVIEW_OUTCOMES = ['public', 'revise', 'reject'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  public: '可以公开',
  revise: '修改后公开',
  reject: '不同意公开',
};
/** Applications to take part in a result's commercialisation (意向合作). */
export const APPLICATION_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A GB/T 4754 division, stored normalised as section letter + 2 digits ('39' → 'C39'). */
export const normaliseField = (c: string): string => {
  const p = parseIndustryCode(c);
  return p?.division ? `${p.section}${p.division}` : c.toUpperCase();
};
export const FieldCode = z
  .string()
  .refine(isIndustryDivision, '所属领域应为国民经济行业分类（GB/T 4754）门类下的大类代码，如 C39')
  .transform(normaliseField);
export type FieldCode = z.infer<typeof FieldCode>;

export const ResultBody = z.object({
  title: z.string().trim().min(2).max(200),
  fieldCode: FieldCode,
  description: z.string().trim().min(1).max(20_000),
  trl: z.number().int().min(1, '技术成熟度为1–9级').max(9, '技术成熟度为1–9级'),
  patents: z.array(z.string().trim().min(3).max(40)).max(100).default([]),
  transferMode: z.enum(TRANSFER_MODES),
  priceExpectation: z.string().trim().max(200).nullable().optional(),
  themeDayId: z.string().min(1).max(100).nullable().optional(),
});
export type ResultBody = z.infer<typeof ResultBody>;
export type ResultInput = z.input<typeof ResultBody>;
export const ResultUpdateBody = ResultBody.partial();
export type ResultUpdateBody = z.infer<typeof ResultUpdateBody>;

export const SubmitBody = z.object({
  /** Must be literally true: the author ticked the declaration. */
  declaration: z.boolean(),
  declarationText: z.string().optional(),
});
export type SubmitBody = z.infer<typeof SubmitBody>;

export const ReviewBody = z.object({
  outcome: z.enum(REVIEW_OUTCOMES),
  comment: z.string().trim().max(5000).optional(),
});
export type ReviewBody = z.infer<typeof ReviewBody>;

/** The fixed declaration wording and the 非涉密平台 notice, for the editor. */
export const DeclarationView = z.object({ declarationText: z.string(), notice: z.string() });
export type DeclarationView = z.infer<typeof DeclarationView>;

export const ResultView = z.object({
  id: z.string(),
  organisation: OrgRef,
  themeDay: ThemeDayRef,
  title: z.string(),
  fieldCode: z.string(),
  fieldName: z.string().nullable(),
  description: z.string(),
  trl: z.number().int(),
  patents: z.array(z.string()),
  transferMode: z.enum(TRANSFER_MODES),
  transferModeLabel: z.string(),
  priceExpectation: z.string().nullable(),
  status: z.enum(RESULT_STATUSES),
  declaration: z
    .object({ text: z.string(), userId: z.string(), organisationId: z.string(), at: z.string() })
    .nullable(),
  review: z
    .object({
      outcome: z.enum(REVIEW_OUTCOMES),
      outcomeLabel: z.string(),
      comment: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The 非涉密平台 notice, shown at every upload point. */
  notice: z.string(),
  declarationWording: z.string(),
  abilities: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    review: z.boolean(),
    apply: z.boolean(),
    viewApplications: z.boolean(),
  }),
});
export type ResultView = z.infer<typeof ResultView>;

export const ResultListQuery = z.object({
  /** Words in the title or description (case-insensitive contains). */
  q: z.string().trim().max(100).optional(),
  fieldCode: z.string().max(10).optional(),
  transferMode: z.enum(TRANSFER_MODES).optional(),
  trlMin: z.coerce.number().int().min(1).max(9).optional(),
  trlMax: z.coerce.number().int().min(1).max(9).optional(),
  themeDayId: z.string().max(100).optional(),
  organisationId: z.string().max(100).optional(),
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  /** mine: my organisation's results in every status; review: results waiting for my confidentiality review. */
  box: z.enum(['public', 'mine', 'review']).default('public'),
  status: z.enum(RESULT_STATUSES).optional(),
  sort: z.enum(['publishedAt', 'createdAt', 'title', 'trl']).default('publishedAt'),
  ...Paging,
});
export type ResultListQuery = z.infer<typeof ResultListQuery>;
export const ResultList = listOf(ResultView);
export type ResultList = z.infer<typeof ResultList>;

export const ReviewerBody = z.object({ userId: z.string().min(1).max(100) });
export type ReviewerBody = z.infer<typeof ReviewerBody>;
export const ReviewerView = z.object({
  id: z.string(),
  organisationId: z.string(),
  user: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
});
export type ReviewerView = z.infer<typeof ReviewerView>;
export const ReviewerList = z.object({
  items: z.array(ReviewerView),
  /** Whether the caller may designate and revoke reviewers of this organisation. */
  canManage: z.boolean(),
});
export type ReviewerList = z.infer<typeof ReviewerList>;
/** A person of the organisation a manager may designate (any role in the organisation). */
export const ReviewerCandidate = z.object({ id: z.string(), name: z.string(), role: z.string() });
export type ReviewerCandidate = z.infer<typeof ReviewerCandidate>;
export const ReviewerCandidates = z.object({ items: z.array(ReviewerCandidate) });
export type ReviewerCandidates = z.infer<typeof ReviewerCandidates>;

export const ApplicationBody = z.object({ message: z.string().trim().min(1).max(5000) });
export type ApplicationBody = z.infer<typeof ApplicationBody>;
export const DecisionBody = z.object({ note: z.string().trim().max(2000).optional() });
export type DecisionBody = z.infer<typeof DecisionBody>;
export const ApplicationView = z.object({
  id: z.string(),
  result: z.object({ id: z.string(), title: z.string(), organisation: OrgRef }),
  organisation: OrgRef,
  user: z.object({ id: z.string(), name: z.string() }),
  message: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ accept: z.boolean(), decline: z.boolean() }),
});
export type ApplicationView = z.infer<typeof ApplicationView>;
export const ApplicationListQuery = z.object({
  box: z.enum(['mine', 'received']).default('mine'),
  resultId: z.string().max(100).optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  sort: z.enum(['createdAt']).default('createdAt'),
  ...Paging,
});
export type ApplicationListQuery = z.infer<typeof ApplicationListQuery>;
export const ApplicationList = listOf(ApplicationView);
export type ApplicationList = z.infer<typeof ApplicationList>;
