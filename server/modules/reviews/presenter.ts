/**
 * Reviews as API payloads. A reviewer sees the others' scores on a plan only after submitting their own,
 * so that no score anchors another; the owner sees every submitted score, drafts stay private.
 */
import type { ProgrammeRules } from '../../../common/programme-rules.ts';
import { pageSlice } from '../../../common/contracts/common.ts';
import type {
  AutoAssignResult,
  PlanRef,
  PlanReviews,
  PlanReviewsQuery,
  ReviewDto,
  ReviewerRef,
  Summary,
  SummaryItem,
  SummaryQuery,
} from '../../../common/contracts/reviews.ts';
import type { Actor } from '../../lib/context.ts';
import { isOwner } from '../../lib/policy.ts';
import type { ProgrammeRecord } from '../programmes/repository.ts';
import type { PlanRecord } from '../plans/repository.ts';
import type { ReviewerProfile, ReviewWithReviewer } from './repository.ts';
import { totalOf } from './service.ts';

export const planRef = (p: PlanRecord, programme: ProgrammeRecord): PlanRef => ({
  id: p.id,
  programmeId: p.programmeId,
  programmeYear: programme.year,
  title: p.title,
  theme: p.theme,
  status: p.status,
  version: p.version,
  base: { id: p.base.id, name: p.base.name, shortName: p.base.shortName },
});

const reviewerRef = (r: ReviewWithReviewer): ReviewerRef => ({
  id: r.reviewerUserId,
  name: r.reviewerName,
  organisationName: r.organisationName,
  department: r.department,
});

const criteriaOf = (rules: ProgrammeRules) =>
  rules.reviewCriteria.map((c) => ({ key: c.key, name: c.name, weight: c.weight }));

/** The reviewer's view of their own review (the owner reads it too, without abilities). */
export function presentReview(
  actor: Actor,
  r: ReviewWithReviewer,
  plan: PlanRecord,
  programme: ProgrammeRecord,
): ReviewDto {
  const own = r.reviewerUserId === actor.userId;
  const open = own && r.status === 'assigned' && plan.status === 'submitted';
  return {
    id: r.id,
    status: r.status,
    plan: planRef(plan, programme),
    reviewer: reviewerRef(r),
    criteria: criteriaOf(programme.rules),
    scoreMin: programme.rules.scoreMin,
    scoreMax: programme.rules.scoreMax,
    scores: r.scores,
    comment: r.comment,
    weightedTotal: totalOf(programme.rules, r.scores),
    assignedAt: r.assignedAt,
    submittedAt: r.submittedAt,
    abilities: { save: open, submit: open },
  };
}

/** A review in the reviewer's list: no criteria, scores or comment. */
export function presentReviewListItem(...args: Parameters<typeof presentReview>) {
  const { criteria: _c, scoreMin: _a, scoreMax: _b, comment: _d, scores: _s, ...item } = presentReview(...args);
  return item;
}

const collator = new Intl.Collator('zh-CN');

/** The reviews of a plan as the caller may see them (GET /plans/:id/reviews). */
export function presentPlanReviews(
  actor: Actor,
  rules: ProgrammeRules,
  all: ReviewWithReviewer[],
  q: PlanReviewsQuery,
): PlanReviews {
  let reviews = all;
  const mine = reviews.find((r) => r.reviewerUserId === actor.userId);
  const othersHidden = !isOwner(actor) && mine?.status !== 'submitted';
  if (othersHidden) reviews = reviews.filter((r) => r === mine);
  reviews = [...reviews].sort((a, b) => {
    const c =
      q.sort === 'reviewerName'
        ? collator.compare(a.reviewerName, b.reviewerName)
        : a.assignedAt.localeCompare(b.assignedAt);
    return (q.order === 'desc' ? -c : c) || a.id.localeCompare(b.id);
  });
  const items = reviews.map((r) => {
    const own = r === mine;
    const shown = own || r.status === 'submitted';
    return {
      id: r.id,
      reviewer: reviewerRef(r),
      status: r.status,
      scores: shown ? r.scores : null,
      comment: shown ? r.comment : null,
      weightedTotal: shown ? totalOf(rules, r.scores) : null,
      assignedAt: r.assignedAt,
      submittedAt: r.submittedAt,
      mine: own,
    };
  });
  return { items: pageSlice(items, q), total: items.length, page: q.page, pageSize: q.pageSize, othersHidden };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The owner's side-by-side comparison: each plan with every reviewer's scores (once submitted), the
 * weighted totals' mean and spread, and the rank by mean (ties by base name), then sorted and paged.
 */
export function presentSummary(
  programme: ProgrammeRecord,
  plans: PlanRecord[],
  reviews: ReviewWithReviewer[],
  q: SummaryQuery,
): Summary {
  const rules = programme.rules;
  const rows: SummaryItem[] = plans.map((plan) => {
    const mine = reviews.filter((r) => r.planId === plan.id);
    const totals = mine
      .filter((r) => r.status === 'submitted')
      .map((r) => totalOf(rules, r.scores))
      .filter((t): t is number => t !== null);
    return {
      plan: planRef(plan, programme),
      reviews: mine.map((r) => ({
        reviewId: r.id,
        reviewer: reviewerRef(r),
        status: r.status,
        scores: r.status === 'submitted' ? r.scores : null,
        weightedTotal: r.status === 'submitted' ? totalOf(rules, r.scores) : null,
      })),
      assigned: mine.length,
      submitted: mine.filter((r) => r.status === 'submitted').length,
      mean: totals.length ? round2(totals.reduce((s, t) => s + t, 0) / totals.length) : null,
      spread: totals.length ? round2(Math.max(...totals) - Math.min(...totals)) : null,
      rank: null,
    };
  });
  const byName = (a: SummaryItem, b: SummaryItem) =>
    collator.compare(a.plan.base.name, b.plan.base.name) || a.plan.id.localeCompare(b.plan.id);
  rows.sort((a, b) => {
    if (a.mean === null || b.mean === null) return a.mean === b.mean ? byName(a, b) : a.mean === null ? 1 : -1;
    return b.mean - a.mean || byName(a, b);
  });
  rows.forEach((r, i) => {
    if (r.mean !== null) r.rank = i + 1;
  });
  const nullsLast = (x: number | null, y: number | null, dir: number) =>
    x === null ? (y === null ? 0 : 1) : y === null ? -1 : (x - y) * dir;
  const dir = q.order === 'desc' ? -1 : 1;
  const sorted = [...rows].sort((a, b) => {
    if (q.sort === 'mean') return nullsLast(a.mean, b.mean, dir) || byName(a, b);
    if (q.sort === 'spread') return nullsLast(a.spread, b.spread, dir) || byName(a, b);
    if (q.sort === 'baseName') return byName(a, b) * dir;
    return nullsLast(a.rank, b.rank, dir) || byName(a, b);
  });
  return {
    criteria: criteriaOf(rules),
    items: pageSlice(sorted, q),
    total: sorted.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The result of an automatic assignment run. */
export function presentAutoAssign(r: {
  created: number;
  assignments: { planId: string; reviewer: ReviewerProfile }[];
  understaffed: AutoAssignResult['understaffed'];
}): AutoAssignResult {
  return {
    created: r.created,
    assignments: r.assignments.map((a) => ({
      planId: a.planId,
      reviewer: {
        id: a.reviewer.id,
        name: a.reviewer.name,
        organisationName: a.reviewer.organisationName,
        department: a.reviewer.department,
      },
    })),
    understaffed: r.understaffed,
  };
}
