/**
 * Review commands (417号 三(三): "国家发展改革委会同有关部门…充分考虑活动内容特色、示范带动作用、项目对接周期
 * 等因素"): assign department reviewers by hand or automatically, never one whose organisation runs the
 * host or a partner base; reviewers save and submit scores per criterion with a comment.
 */
import { checkScores, weightedTotal, type ProgrammeRules } from '../../../common/programme-rules.ts';
import { json, type Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, invalidState, notFound, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { notifyUsers, usersWithRoleAnywhere } from '../notifications/service.ts';
import { findProgramme } from '../programmes/repository.ts';
import { baseRefs, findPlan, plansOfProgramme, type PlanRecord } from '../plans/repository.ts';
import { autoAssign } from './auto-assign.ts';
import {
  allReviewsSubmitted,
  assignmentsInProgramme,
  findReview,
  findReviewOf,
  organisationIdsOf,
  reviewerProfiles,
  type ReviewerProfile,
} from './repository.ts';
import { links } from '../../../common/links.ts';

/** Organisations whose reviewers may not review the plan: those running its host and partner bases. */
export async function conflictOrgIds(db: Executor, plan: PlanRecord): Promise<string[]> {
  const partners = await baseRefs(db, plan.partnerBaseIds);
  return [plan.base.organisationId, ...partners.map((p) => p.organisationId)].filter((x): x is string => !!x);
}

/** The weighted total of complete, valid scores; null otherwise. */
export function totalOf(rules: ProgrammeRules, scores: Record<string, number>): number | null {
  return checkScores(rules, scores).length === 0 ? weightedTotal(rules, scores) : null;
}

async function insertAssignments(
  trx: Executor,
  ctx: Ctx,
  plan: PlanRecord,
  reviewers: ReviewerProfile[],
  now: Date,
  how: 'manual' | 'auto',
): Promise<ReviewerProfile[]> {
  const created: ReviewerProfile[] = [];
  for (const r of reviewers) {
    const id = newId();
    const res = await trx
      .insertInto('review_assignments')
      .values({
        id,
        plan_id: plan.id,
        reviewer_user_id: r.id,
        reviewer_organisation_id: r.organisationId,
        status: 'assigned',
        scores: null,
        comment: null,
        assigned_at: nowIso(now),
        submitted_at: null,
      })
      .onConflict((oc) => oc.columns(['plan_id', 'reviewer_user_id']).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) continue; // already assigned: idempotent
    created.push(r);
    await audit(trx, ctx, {
      entityType: 'review_assignment',
      entityId: id,
      action: 'assign',
      after: { planId: plan.id, reviewerUserId: r.id, how },
    });
    await notifyUsers(
      trx,
      [r.id],
      {
        kind: 'review_assigned',
        title: `请评审${plan.base.shortName}的活动初步计划`,
        body: plan.title ?? undefined,
        link: links.review(id),
      },
      now,
    );
  }
  return created;
}

/**
 * Assigns the given users to a submitted plan. Each must be a department reviewer and free of conflict
 * (none of their organisations runs the host or a partner base); otherwise nothing is assigned and the
 * 422 names every offending user, in the order the request lists them. Users already assigned are left
 * as they are.
 */
export async function assignReviewers(ctx: Ctx, props: { planId: string; userIds: string[] }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, props.planId, { dialect: ctx.dialect });
    if (!plan) throw notFound();
    if (plan.status !== 'submitted') throw invalidState('只能为已提交的计划分配评审人');
    const userIds = [...new Set(props.userIds)];
    const profiles = await reviewerProfiles(trx, userIds);
    const byId = new Map(profiles.map((p) => [p.id, p]));
    const notReviewers = userIds.filter((id) => !byId.has(id));
    if (notReviewers.length) {
      throw new AppError(
        422,
        'not_a_reviewer',
        '只能分配指导部门评审人',
        notReviewers.map((id) => ({
          field: `userIds.${userIds.indexOf(id)}`,
          code: 'not_a_reviewer',
          message: `用户${id}不是指导部门评审人`,
        })),
      );
    }
    const conflictOrgs = await conflictOrgIds(trx, plan);
    // In request order (the field names are the request's indexes), not in the order the database returns reviewers.
    const conflicted = userIds.map((id) => byId.get(id)!).filter((p) => p.orgIds.some((o) => conflictOrgs.includes(o)));
    if (conflicted.length) {
      const errors: FieldError[] = conflicted.map((p) => ({
        field: `userIds.${userIds.indexOf(p.id)}`,
        code: 'reviewer_conflict',
        message: `评审人${p.name}所在机构运营该计划的承办基地或参与基地，需回避`,
      }));
      throw new AppError(422, 'reviewer_conflict', errors.map((e) => e.message).join('；'), errors);
    }
    await insertAssignments(
      trx,
      ctx,
      plan,
      userIds.map((id) => byId.get(id)!),
      now,
      'manual',
    );
  });
}

/** Removes a reviewer from a plan while the review is not yet submitted. */
export async function unassignReviewer(ctx: Ctx, props: { planId: string; userId: string }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, props.planId, { dialect: ctx.dialect });
    if (!plan) throw notFound();
    const review = await findReviewOf(trx, plan.id, props.userId, { dialect: ctx.dialect });
    if (!review) throw notFound('该评审人未分配到此计划');
    if (review.status !== 'assigned') throw invalidState('评审人已提交评分，不能取消分配');
    await trx.deleteFrom('review_assignments').where('id', '=', review.id).execute();
    await audit(trx, ctx, {
      entityType: 'review_assignment',
      entityId: review.id,
      action: 'unassign',
      before: { planId: plan.id, reviewerUserId: props.userId, scores: review.scores },
    });
    await notifyUsers(
      trx,
      [props.userId],
      {
        kind: 'review_unassigned',
        title: `${plan.base.shortName}活动初步计划的评审任务已取消`,
        link: links.plan(plan.id),
      },
      now,
    );
  });
}

/**
 * Gives every submitted plan of the programme `perPlan` reviewers (see auto-assign.ts for the order),
 * under a lock on the programme so that two runs cannot both fill the same gap.
 */
export async function autoAssignReviewers(ctx: Ctx, props: { programmeId: string; perPlan: number }) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const programme = await findProgramme(trx, props.programmeId, { dialect: ctx.dialect });
    if (!programme) throw notFound();
    const plans = await plansOfProgramme(trx, programme.id, ['submitted']);
    const reviewers = await reviewerProfiles(trx);
    const existing = await assignmentsInProgramme(trx, programme.id);
    const load = new Map<string, number>();
    for (const e of existing) load.set(e.reviewer_user_id, (load.get(e.reviewer_user_id) ?? 0) + 1);
    const autoPlans = [];
    for (const p of plans) {
      autoPlans.push({
        id: p.id,
        conflictOrgIds: await conflictOrgIds(trx, p),
        assignedReviewerIds: existing.filter((e) => e.plan_id === p.id).map((e) => e.reviewer_user_id),
      });
    }
    const result = autoAssign({ plans: autoPlans, reviewers, load, perPlan: props.perPlan });
    const byId = new Map(reviewers.map((r) => [r.id, r]));
    const planById = new Map(plans.map((p) => [p.id, p]));
    const created: { planId: string; reviewer: ReviewerProfile }[] = [];
    for (const p of plans) {
      const picks = result.assignments.filter((a) => a.planId === p.id).map((a) => byId.get(a.reviewerId)!);
      for (const r of await insertAssignments(trx, ctx, p, picks, now, 'auto'))
        created.push({ planId: p.id, reviewer: r });
    }
    await audit(trx, ctx, {
      entityType: 'programme',
      entityId: programme.id,
      action: 'auto_assign_reviewers',
      after: { perPlan: props.perPlan, created: created.length, understaffed: result.understaffed },
    });
    return {
      created: created.length,
      assignments: created,
      understaffed: result.understaffed.map((u) => ({ ...u, baseName: planById.get(u.planId)?.base.name ?? '' })),
    };
  });
}

/**
 * Refuses a reviewer who has come into conflict since the assignment (joined the host's or a partner
 * base's organisation, in any role): the same rule as at assignment, checked again when scoring.
 */
async function assertNoConflict(trx: Executor, plan: PlanRecord, userId: string): Promise<void> {
  const conflictOrgs = await conflictOrgIds(trx, plan);
  const mine = await organisationIdsOf(trx, userId);
  if (mine.some((o) => conflictOrgs.includes(o)))
    throw new AppError(
      422,
      'reviewer_conflict',
      `您所在机构运营${plan.base.shortName}或该计划的参与基地，需回避评审；请联系项目管理人员重新分配`,
    );
}

/** A reviewer's own open review, locked, with the plan and programme it belongs to. */
async function loadOwnOpenReview(trx: Executor, ctx: Ctx, reviewId: string) {
  const userId = requireActor(ctx).userId;
  const review = await findReview(trx, reviewId, { dialect: ctx.dialect });
  if (!review || review.reviewerUserId !== userId) throw notFound();
  if (review.status !== 'assigned') throw invalidState('评分已提交，不能修改');
  const plan = (await findPlan(trx, review.planId))!;
  if (plan.status !== 'submitted') throw invalidState('该计划已退回或撤回，暂不能评审');
  await assertNoConflict(trx, plan, userId);
  const programme = (await findProgramme(trx, plan.programmeId))!;
  return { review, plan, programme };
}

const cleanScores = (s: Record<string, number | null>): Record<string, number> =>
  Object.fromEntries(Object.entries(s).filter((e): e is [string, number] => e[1] !== null));

/** Saves a draft of scores and comment (replacing what is given); nothing is checked but types. */
export async function saveReview(
  ctx: Ctx,
  props: { reviewId: string; scores?: Record<string, number | null> | undefined; comment?: string | null | undefined },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { review } = await loadOwnOpenReview(trx, ctx, props.reviewId);
    const scores = props.scores !== undefined ? cleanScores(props.scores) : review.scores;
    const comment = props.comment !== undefined ? props.comment : review.comment;
    await trx
      .updateTable('review_assignments')
      .set({ scores: json.stringify(scores), comment })
      .where('id', '=', review.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'review_assignment',
      entityId: review.id,
      action: 'save',
      before: { scores: review.scores, comment: review.comment },
      after: { scores, comment },
    });
  });
}

/**
 * Submits a review: every criterion scored on the scale and a comment, else 422 `review_incomplete`
 * with one field error per problem. Once submitted it is final. When the plan's last review arrives,
 * the programme owners are told.
 */
export async function submitReview(
  ctx: Ctx,
  props: { reviewId: string; scores?: Record<string, number | null> | undefined; comment?: string | null | undefined },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { review, plan, programme } = await loadOwnOpenReview(trx, ctx, props.reviewId);
    const scores = props.scores !== undefined ? cleanScores(props.scores) : review.scores;
    const comment = props.comment !== undefined ? props.comment : review.comment;
    const errors: FieldError[] = checkScores(programme.rules, scores).map((i) => ({
      field: `scores.${i.field ?? ''}`,
      code: i.code,
      message: i.message,
    }));
    if (!comment || !comment.trim())
      errors.push({ field: 'comment', code: 'field_required', message: '请填写评审意见' });
    if (errors.length) throw new AppError(422, 'review_incomplete', errors.map((e) => e.message).join('；'), errors);
    const ts = nowIso(now);
    await trx
      .updateTable('review_assignments')
      .set({ scores: json.stringify(scores), comment, status: 'submitted', submitted_at: ts })
      .where('id', '=', review.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'review_assignment',
      entityId: review.id,
      action: 'submit',
      before: { status: review.status },
      after: {
        status: 'submitted',
        scores,
        comment,
        weightedTotal: weightedTotal(programme.rules, scores),
        planVersion: plan.version,
      },
    });
    if (await allReviewsSubmitted(trx, plan.id)) {
      await notifyUsers(
        trx,
        await usersWithRoleAnywhere(trx, ['programme_owner']),
        {
          kind: 'plan_reviews_completed',
          title: `${plan.base.shortName}活动初步计划的评审已全部完成`,
          link: links.reviewSummary(programme.id),
        },
        now,
      );
    }
  });
}
