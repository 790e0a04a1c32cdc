/**
 * Review (评审) of preliminary plans: the owner assigns department reviewers (by hand or automatically),
 * reviewers score each criterion, and the owner compares all plans side by side. A reviewer sees the
 * others' scores only after submitting their own, so that no score anchors another.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, Ctx } from '../../lib/context.ts';
import { ensure } from '../../lib/errors.ts';
import { authorize, ensureVisible, isOwner, requireActor } from '../../lib/policy.ts';
import { canSeeProgramme } from '../programmes/policy.ts';
import { findProgramme, type ProgrammeRecord } from '../programmes/repository.ts';
import { IdParams, listOf } from '../../../common/contracts/common.ts';
import { canSeePlan } from '../plans/policy.ts';
import { findPlan, findPlans, isAssignedReviewer, plansOfProgramme } from '../plans/repository.ts';
import { findReview, listMyReviews, reviewsOfPlans } from './repository.ts';
import {
  AssignBody,
  AutoAssignBody,
  AutoAssignResult,
  MyReviewsQuery,
  PlanReviews,
  PlanReviewsQuery,
  Review,
  ReviewerParams,
  ReviewListItem,
  SaveReviewBody,
  SubmitReviewBody,
  Summary,
  SummaryQuery,
} from '../../../common/contracts/reviews.ts';
import {
  presentAutoAssign,
  presentPlanReviews,
  presentReview,
  presentReviewListItem,
  presentSummary,
} from './presenter.ts';
import { assignReviewers, autoAssignReviewers, saveReview, submitReview, unassignReviewer } from './service.ts';

/** A review exists for its reviewer and for the owner; for everyone else it is 404. */
async function loadReview(ctx: Ctx, actor: Actor, id: string) {
  const review = ensureVisible(
    await findReview(ctx.db, id),
    (r) => r.reviewerUserId === actor.userId || isOwner(actor),
  );
  const full = ensure((await reviewsOfPlans(ctx.db, [review.planId])).find((r) => r.id === id));
  const plan = ensure(await findPlan(ctx.db, full.planId));
  const programme = ensure(await findProgramme(ctx.db, plan.programmeId));
  return { review: full, plan, programme };
}

/** The plan, visible to the caller, or 404. */
async function visiblePlan(ctx: Ctx, actor: Actor, planId: string) {
  const plan = await findPlan(ctx.db, planId);
  const assigned = plan ? await isAssignedReviewer(ctx.db, plan.id, actor.userId) : false;
  return { plan: ensureVisible(plan, (p) => canSeePlan(actor, p, assigned)), assigned };
}

/** The reviews of a plan as the caller may see them (see GET /plans/:id/reviews). */
async function planReviews(ctx: Ctx, actor: Actor, planId: string, q: PlanReviewsQuery) {
  const plan = ensure(await findPlan(ctx.db, planId));
  const programme = ensure(await findProgramme(ctx.db, plan.programmeId));
  return presentPlanReviews(actor, programme.rules, await reviewsOfPlans(ctx.db, [planId]), q);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['reviews'];

  app.post(
    '/plans/:id/reviewers',
    {
      schema: {
        tags,
        summary: '为计划指定评审人（须为指导部门评审人，且与承办/参与基地无关联）',
        params: IdParams,
        body: AssignBody,
        response: { 200: PlanReviews },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { plan } = await visiblePlan(ctx, actor, req.params.id);
      authorize(isOwner(actor), '仅方案管理者可分配评审人');
      await assignReviewers(ctx, { planId: plan.id, userIds: req.body.userIds });
      return planReviews(ctx, actor, plan.id, { page: 1, pageSize: 100, sort: 'assignedAt', order: 'asc' });
    },
  );

  app.delete(
    '/plans/:id/reviewers/:userId',
    {
      schema: {
        tags,
        summary: '取消评审人分配（评审人尚未提交评分时）',
        params: ReviewerParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { plan } = await visiblePlan(ctx, actor, req.params.id);
      authorize(isOwner(actor), '仅方案管理者可取消评审人分配');
      await unassignReviewer(ctx, { planId: plan.id, userId: req.params.userId });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/programmes/:id/review-assignments/auto',
    {
      schema: {
        tags,
        summary: '自动分配评审人（负载均衡、回避利益关联、尽量分散部门），报告未能配足的计划',
        params: IdParams,
        body: AutoAssignBody,
        response: { 200: AutoAssignResult },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      ensureVisible(await findProgramme(ctx.db, req.params.id), (p) => canSeeProgramme(actor, p));
      authorize(isOwner(actor), '仅方案管理者可分配评审人');
      return presentAutoAssign(
        await autoAssignReviewers(ctx, { programmeId: req.params.id, perPlan: req.body.perPlan }),
      );
    },
  );

  app.get(
    '/reviews/mine',
    {
      schema: { tags, summary: '我的评审任务', querystring: MyReviewsQuery, response: { 200: listOf(ReviewListItem) } },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { items: rows, total } = await listMyReviews(ctx.db, actor.userId, req.query);
      const planIds = [...new Set(rows.map((r) => r.plan_id))];
      const reviews = await reviewsOfPlans(ctx.db, planIds);
      const plans = await findPlans(ctx.db, planIds);
      const programmes = new Map<string, ProgrammeRecord>();
      for (const p of plans)
        if (!programmes.has(p.programmeId))
          programmes.set(p.programmeId, ensure(await findProgramme(ctx.db, p.programmeId)));
      return {
        items: rows.map((row) => {
          const r = ensure(reviews.find((x) => x.id === row.id));
          const plan = ensure(plans.find((p) => p.id === row.plan_id));
          return presentReviewListItem(actor, r, plan, ensure(programmes.get(plan.programmeId)));
        }),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.get(
    '/reviews/:id',
    { schema: { tags, summary: '评审详情（仅评审人本人与方案管理者）', params: IdParams, response: { 200: Review } } },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { review, plan, programme } = await loadReview(ctx, actor, req.params.id);
      return presentReview(actor, review, plan, programme);
    },
  );

  for (const [method, url, summary, body] of [
    ['put', '/reviews/:id', '保存评分草稿', SaveReviewBody],
    ['post', '/reviews/:id/submit', '提交评分（每项1–10分并填写评审意见；提交后不可修改）', SubmitReviewBody],
  ] as const) {
    app[method](
      url,
      { schema: { tags, summary, params: IdParams, body: body.nullish(), response: { 200: Review } } },
      async (req) => {
        const ctx = req.ctx;
        const actor = requireActor(ctx);
        const { review } = await loadReview(ctx, actor, req.params.id);
        authorize(review.reviewerUserId === actor.userId, '只能填写本人的评分');
        const input = { reviewId: review.id, scores: req.body?.scores, comment: req.body?.comment };
        if (method === 'put') await saveReview(ctx, input);
        else await submitReview(ctx, input);
        const fresh = await loadReview(ctx, actor, review.id);
        return presentReview(actor, fresh.review, fresh.plan, fresh.programme);
      },
    );
  }

  app.get(
    '/plans/:id/reviews',
    {
      schema: {
        tags,
        summary: '计划的评审意见（评审人提交本人评分后才能看到他人评分）',
        params: IdParams,
        querystring: PlanReviewsQuery,
        response: { 200: PlanReviews },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { plan, assigned } = await visiblePlan(ctx, actor, req.params.id);
      authorize(isOwner(actor) || assigned, '仅方案管理者和该计划的评审人可查看评审意见');
      return planReviews(ctx, actor, plan.id, req.query);
    },
  );

  app.get(
    '/programmes/:id/review-summary',
    {
      schema: {
        tags,
        summary: '评审汇总：各计划并列显示各评审人评分、加权总分、平均分、分差与排名',
        params: IdParams,
        querystring: SummaryQuery,
        response: { 200: Summary },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const programme = ensureVisible(await findProgramme(ctx.db, req.params.id), (p) => canSeeProgramme(actor, p));
      authorize(isOwner(actor), '仅方案管理者可查看评审汇总');
      const plans = await plansOfProgramme(ctx.db, programme.id, ['submitted', 'selected']);
      const reviews = await reviewsOfPlans(
        ctx.db,
        plans.map((p) => p.id),
      );
      return presentSummary(programme, plans, reviews, req.query);
    },
  );
};
export default routes;
