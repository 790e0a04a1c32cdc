/** Zod schemas of the review (评审) API. */
import { z } from 'zod';
import { IdParams, pagingQuery } from './common.ts';
import { BaseRef, PlanStatus } from './plans.ts';

/** A review assignment: assigned to the reviewer (scores may be drafted), then submitted (final). */
export const REVIEW_STATUSES = ['assigned', 'submitted'] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const ReviewerRef = z.object({
  id: z.string(),
  name: z.string(),
  organisationName: z.string().nullable(),
  department: z.string().nullable(),
});
export type ReviewerRef = z.infer<typeof ReviewerRef>;

export const ReviewAbilities = z.object({ save: z.boolean(), submit: z.boolean() });
export type ReviewAbilities = z.infer<typeof ReviewAbilities>;

export const PlanRef = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeYear: z.number(),
  title: z.string().nullable(),
  theme: z.string().nullable(),
  status: PlanStatus,
  version: z.number(),
  base: BaseRef,
});
export type PlanRef = z.infer<typeof PlanRef>;

export const Criterion = z.object({ key: z.string(), name: z.string(), weight: z.number() });
export type Criterion = z.infer<typeof Criterion>;

export const Review = z.object({
  id: z.string(),
  status: ReviewStatus,
  plan: PlanRef,
  reviewer: ReviewerRef,
  criteria: z.array(Criterion),
  scoreMin: z.number(),
  scoreMax: z.number(),
  scores: z.record(z.string(), z.number()),
  comment: z.string().nullable(),
  /** Weighted total on the score scale, once every criterion is scored validly. */
  weightedTotal: z.number().nullable(),
  assignedAt: z.string(),
  submittedAt: z.string().nullable(),
  abilities: ReviewAbilities,
});
export type ReviewDto = z.infer<typeof Review>;

export const ReviewListItem = Review.omit({
  criteria: true,
  scoreMin: true,
  scoreMax: true,
  comment: true,
  scores: true,
});
export type ReviewListItem = z.infer<typeof ReviewListItem>;

/** One review as seen on a plan: scores only once submitted (or when it is the caller's own). */
export const PlanReview = z.object({
  id: z.string(),
  reviewer: ReviewerRef,
  status: ReviewStatus,
  scores: z.record(z.string(), z.number()).nullable(),
  comment: z.string().nullable(),
  weightedTotal: z.number().nullable(),
  assignedAt: z.string(),
  submittedAt: z.string().nullable(),
  mine: z.boolean(),
});
export type PlanReview = z.infer<typeof PlanReview>;

export const PlanReviews = z.object({
  items: z.array(PlanReview),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** True when the caller is a reviewer who has not yet submitted: others' reviews are withheld. */
  othersHidden: z.boolean(),
});
export type PlanReviews = z.infer<typeof PlanReviews>;

/** DELETE /plans/:id/reviewers/:userId */
export const ReviewerParams = IdParams.extend({ userId: z.string().min(1).max(100) });
export type ReviewerParams = z.infer<typeof ReviewerParams>;

export const AssignBody = z.object({ userIds: z.array(z.string().min(1).max(100)).min(1).max(10) });
export type AssignBody = z.infer<typeof AssignBody>;
export const AutoAssignBody = z.object({ perPlan: z.number().int().min(2).max(5) });
export type AutoAssignBody = z.infer<typeof AutoAssignBody>;
export const AutoAssignResult = z.object({
  created: z.number(),
  assignments: z.array(z.object({ planId: z.string(), reviewer: ReviewerRef })),
  understaffed: z.array(
    z.object({ planId: z.string(), baseName: z.string(), assigned: z.number(), needed: z.number() }),
  ),
});
export type AutoAssignResult = z.infer<typeof AutoAssignResult>;

const Scores = z.record(z.string().max(64), z.number().nullable());
export const SaveReviewBody = z
  .object({ scores: Scores.optional(), comment: z.string().max(4000).nullable().optional() })
  .strict();
export type SaveReviewBody = z.infer<typeof SaveReviewBody>;
export const SubmitReviewBody = SaveReviewBody;

export const MyReviewsQuery = z.object({
  ...pagingQuery({ order: 'desc' }),
  sort: z.enum(['assignedAt', 'submittedAt', 'status']).default('assignedAt'),
  status: ReviewStatus.optional(),
  programmeId: z.string().max(100).optional(),
});
export type MyReviewsQuery = z.infer<typeof MyReviewsQuery>;

export const PlanReviewsQuery = z.object({
  ...pagingQuery(),
  sort: z.enum(['assignedAt', 'reviewerName']).default('assignedAt'),
});
export type PlanReviewsQuery = z.infer<typeof PlanReviewsQuery>;

/** Pages of 50: the summary compares the whole year's plans side by side. */
export const SummaryQuery = z.object({
  ...pagingQuery(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  sort: z.enum(['rank', 'mean', 'spread', 'baseName']).default('rank'),
});
export type SummaryQuery = z.infer<typeof SummaryQuery>;

export const SummaryItem = z.object({
  plan: PlanRef,
  reviews: z.array(
    z.object({
      reviewId: z.string(),
      reviewer: ReviewerRef,
      status: ReviewStatus,
      scores: z.record(z.string(), z.number()).nullable(),
      weightedTotal: z.number().nullable(),
    }),
  ),
  assigned: z.number(),
  submitted: z.number(),
  /** Mean of the submitted reviewers' weighted totals (2 decimals), null before any is submitted. */
  mean: z.number().nullable(),
  /** max − min of the submitted reviewers' weighted totals. */
  spread: z.number().nullable(),
  /** 1-based position by mean (descending; ties by base name); null without a submitted review. */
  rank: z.number().nullable(),
});
export type SummaryItem = z.infer<typeof SummaryItem>;

export const Summary = z.object({
  criteria: z.array(Criterion),
  items: z.array(SummaryItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type Summary = z.infer<typeof Summary>;
