/** Zod schemas of the review (评审) API. */
import { z } from 'zod';
import { pagingQuery } from './common.ts';
import { BaseRef, PlanStatus } from './plans.ts';

export const ReviewStatus = z.enum(['assigned', 'submitted']);

export const ReviewerRef = z.object({
  id: z.string(),
  name: z.string(),
  organisationName: z.string().nullable(),
  department: z.string().nullable(),
});

export const ReviewAbilities = z.object({ save: z.boolean(), submit: z.boolean() });

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

export const Criterion = z.object({ key: z.string(), name: z.string(), weight: z.number() });

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

export const ReviewListItem = Review.omit({ criteria: true, scoreMin: true, scoreMax: true, comment: true, scores: true });

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

export const PlanReviews = z.object({
  items: z.array(PlanReview),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** True when the caller is a reviewer who has not yet submitted: others' reviews are withheld. */
  othersHidden: z.boolean(),
});

export const AssignBody = z.object({ userIds: z.array(z.string().min(1).max(100)).min(1).max(10) });
export const AutoAssignBody = z.object({ perPlan: z.number().int().min(2).max(5) });
export const AutoAssignResult = z.object({
  created: z.number(),
  assignments: z.array(z.object({ planId: z.string(), reviewer: ReviewerRef })),
  understaffed: z.array(z.object({ planId: z.string(), baseName: z.string(), assigned: z.number(), needed: z.number() })),
});

const Scores = z.record(z.string().max(64), z.number().nullable());
export const SaveReviewBody = z.object({ scores: Scores.optional(), comment: z.string().max(4000).nullable().optional() }).strict();
export const SubmitReviewBody = SaveReviewBody;

export const MyReviewsQuery = z.object({
  ...pagingQuery({ order: 'desc' }),
  sort: z.enum(['assignedAt', 'submittedAt', 'status']).default('assignedAt'),
  status: ReviewStatus.optional(),
  programmeId: z.string().max(100).optional(),
});

export const PlanReviewsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['assignedAt', 'reviewerName']).default('assignedAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const SummaryQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  sort: z.enum(['rank', 'mean', 'spread', 'baseName']).default('rank'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const SummaryItem = z.object({
  plan: PlanRef,
  reviews: z.array(z.object({
    reviewId: z.string(),
    reviewer: ReviewerRef,
    status: ReviewStatus,
    scores: z.record(z.string(), z.number()).nullable(),
    weightedTotal: z.number().nullable(),
  })),
  assigned: z.number(),
  submitted: z.number(),
  /** Mean of the submitted reviewers' weighted totals (2 decimals), null before any is submitted. */
  mean: z.number().nullable(),
  /** max − min of the submitted reviewers' weighted totals. */
  spread: z.number().nullable(),
  /** 1-based position by mean (descending; ties by base name); null without a submitted review. */
  rank: z.number().nullable(),
});

export const Summary = z.object({
  criteria: z.array(Criterion),
  items: z.array(SummaryItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
