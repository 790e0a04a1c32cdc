/**
 * Review (评审) of preliminary plans: the owner assigns department reviewers (by hand or automatically),
 * reviewers score each criterion, and the owner compares all plans side by side. A reviewer sees the
 * others' scores only after submitting their own, so that no score anchors another.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../lib/context.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { isOwner, canSeeProgramme } from '../programmes/policy.ts';
import { findProgramme, type ProgrammeRecord } from '../programmes/repository.ts';
import { IdParams, listOf } from '../../../common/contracts/common.ts';
import { canSeePlan, loadViewer } from '../plans/policy.ts';
import { findPlan, isAssignedReviewer, plansQuery, selectPlan, toPlanRecord, type PlanRecord } from '../plans/repository.ts';
import { PlanParams } from '../../../common/contracts/plans.ts';
import { findReview, reviewsOfPlans, type ReviewRecord, type ReviewWithReviewer } from './repository.ts';
import {
  AssignBody,
  AutoAssignBody,
  AutoAssignResult,
  MyReviewsQuery,
  PlanReviews,
  PlanReviewsQuery,
  Review,
  ReviewListItem,
  SaveReviewBody,
  SubmitReviewBody,
  Summary,
  SummaryQuery,
  type ReviewDto,
} from '../../../common/contracts/reviews.ts';
import { assignReviewers, autoAssignReviewers, saveReview, submitReview, totalOf, unassignReviewer } from './service.ts';

const planRef = (p: PlanRecord, programme: ProgrammeRecord) => ({
  id: p.id,
  programmeId: p.programmeId,
  programmeYear: programme.year,
  title: p.title,
  theme: p.theme,
  status: p.status,
  version: p.version,
  base: { id: p.base.id, name: p.base.name, shortName: p.base.shortName },
});

const reviewerRef = (r: ReviewWithReviewer) => ({ id: r.reviewerUserId, name: r.reviewerName, organisationName: r.organisationName, department: r.department });

/** The reviewer's view of their own review (the owner reads it too, without abilities). */
function presentReview(a: Actor, r: ReviewWithReviewer, plan: PlanRecord, programme: ProgrammeRecord): ReviewDto {
  const own = r.reviewerUserId === a.userId;
  const open = own && r.status === 'assigned' && plan.status === 'submitted';
  return {
    id: r.id,
    status: r.status,
    plan: planRef(plan, programme),
    reviewer: reviewerRef(r),
    criteria: programme.rules.reviewCriteria.map((c) => ({ key: c.key, name: c.name, weight: c.weight })),
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

const round2 = (n: number) => Math.round(n * 100) / 100;
const collator = new Intl.Collator('zh-CN');

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const tags = ['reviews'];

  /** A review exists for its reviewer and for the owner; for everyone else it is 404. */
  async function loadReview(a: Actor, id: string) {
    const review = await findReview(db, id);
    ensureVisible(review, (r: ReviewRecord) => r.reviewerUserId === a.userId || isOwner(a));
    const full = (await reviewsOfPlans(db, [review!.planId])).find((r) => r.id === id)!;
    const plan = (await findPlan(db, full.planId))!;
    const programme = (await findProgramme(db, plan.programmeId))!;
    return { review: full, plan, programme };
  }

  /** The plan, visible to the caller, or 404. */
  async function visiblePlan(a: Actor, planId: string) {
    const viewer = await loadViewer(db, a);
    const plan = await findPlan(db, planId);
    const assigned = plan ? await isAssignedReviewer(db, plan.id, a.userId) : false;
    ensureVisible(plan, (p) => canSeePlan(viewer, p, assigned));
    return { plan: plan!, assigned };
  }

  app.post(
    '/plans/:id/reviewers',
    {
      schema: {
        tags,
        summary: '为计划指定评审人（须为指导部门评审人，且与承办/参与基地无关联）',
        params: PlanParams,
        body: AssignBody,
        response: { 200: PlanReviews },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const { plan } = await visiblePlan(actor, req.params.id);
      authorize(isOwner(actor), '仅方案管理者可分配评审人');
      await assignReviewers(db, req, { planId: plan.id, userIds: req.body.userIds, now: app.clock.now() });
      return planReviews(actor, plan.id, { page: 1, pageSize: 100, sort: 'assignedAt', order: 'asc' });
    },
  );

  app.delete(
    '/plans/:id/reviewers/:userId',
    {
      schema: {
        tags,
        summary: '取消评审人分配（评审人尚未提交评分时）',
        params: PlanParams.extend({ userId: z.string().min(1).max(100) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const { plan } = await visiblePlan(actor, req.params.id);
      authorize(isOwner(actor), '仅方案管理者可取消评审人分配');
      await unassignReviewer(db, req, { planId: plan.id, userId: req.params.userId, now: app.clock.now() });
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
      const actor = requireActor(req.ctx);
      ensureVisible(await findProgramme(db, req.params.id), (p) => canSeeProgramme(actor, p));
      authorize(isOwner(actor), '仅方案管理者可分配评审人');
      const r = await autoAssignReviewers(db, req, { programmeId: req.params.id, perPlan: req.body.perPlan, now: app.clock.now() });
      return {
        created: r.created,
        assignments: r.assignments.map((a) => ({
          planId: a.planId,
          reviewer: { id: a.reviewer.id, name: a.reviewer.name, organisationName: a.reviewer.organisationName, department: a.reviewer.department },
        })),
        understaffed: r.understaffed,
      };
    },
  );

  app.get(
    '/reviews/mine',
    { schema: { tags, summary: '我的评审任务', querystring: MyReviewsQuery, response: { 200: listOf(ReviewListItem) } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const { page, pageSize, sort, order, status, programmeId } = req.query;
      let q = db
        .selectFrom('review_assignments as r')
        .innerJoin('preliminary_plans as pp', 'pp.id', 'r.plan_id')
        .where('r.reviewer_user_id', '=', actor.userId);
      if (status) q = q.where('r.status', '=', status);
      if (programmeId) q = q.where('pp.programme_id', '=', programmeId);
      const col = { assignedAt: 'r.assigned_at', submittedAt: 'r.submitted_at', status: 'r.status' } as const;
      const [rows, total] = await Promise.all([
        q.select(['r.id', 'r.plan_id']).orderBy(col[sort], order).orderBy('r.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const reviews = await reviewsOfPlans(db, [...new Set(rows.map((r) => r.plan_id))]);
      const plans = rows.length
        ? (await selectPlan(plansQuery(db)).where('pp.id', 'in', rows.map((r) => r.plan_id)).execute()).map(toPlanRecord)
        : [];
      const programmes = new Map<string, ProgrammeRecord>();
      for (const p of plans) if (!programmes.has(p.programmeId)) programmes.set(p.programmeId, (await findProgramme(db, p.programmeId))!);
      return {
        items: rows.map((row) => {
          const r = reviews.find((x) => x.id === row.id)!;
          const plan = plans.find((p) => p.id === row.plan_id)!;
          const { criteria: _c, scoreMin: _a, scoreMax: _b, comment: _d, scores: _s, ...item } = presentReview(actor, r, plan, programmes.get(plan.programmeId)!);
          return item;
        }),
        total: Number(total.n),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/reviews/:id',
    { schema: { tags, summary: '评审详情（仅评审人本人与方案管理者）', params: IdParams, response: { 200: Review } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const { review, plan, programme } = await loadReview(actor, req.params.id);
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
        const actor = requireActor(req.ctx);
        const { review } = await loadReview(actor, req.params.id);
        authorize(review.reviewerUserId === actor.userId, '只能填写本人的评分');
        const input = { reviewId: review.id, userId: actor.userId, scores: req.body?.scores, comment: req.body?.comment };
        if (method === 'put') await saveReview(db, req, input);
        else await submitReview(db, req, { ...input, now: app.clock.now() });
        const fresh = await loadReview(actor, review.id);
        return presentReview(actor, fresh.review, fresh.plan, fresh.programme);
      },
    );
  }

  /** The reviews of a plan as the caller may see them (see GET /plans/:id/reviews). */
  async function planReviews(actor: Actor, planId: string, q: z.infer<typeof PlanReviewsQuery>) {
    const plan = (await findPlan(db, planId))!;
    const programme = (await findProgramme(db, plan.programmeId))!;
    let reviews = await reviewsOfPlans(db, [planId]);
    const mine = reviews.find((r) => r.reviewerUserId === actor.userId);
    const othersHidden = !isOwner(actor) && mine?.status !== 'submitted';
    if (othersHidden) reviews = reviews.filter((r) => r === mine);
    reviews.sort((a, b) => {
      const c = q.sort === 'reviewerName' ? collator.compare(a.reviewerName, b.reviewerName) : a.assignedAt.localeCompare(b.assignedAt);
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
        weightedTotal: shown ? totalOf(programme.rules, r.scores) : null,
        assignedAt: r.assignedAt,
        submittedAt: r.submittedAt,
        mine: own,
      };
    });
    return {
      items: items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
      total: items.length,
      page: q.page,
      pageSize: q.pageSize,
      othersHidden,
    };
  }

  app.get(
    '/plans/:id/reviews',
    {
      schema: {
        tags,
        summary: '计划的评审意见（评审人提交本人评分后才能看到他人评分）',
        params: PlanParams,
        querystring: PlanReviewsQuery,
        response: { 200: PlanReviews },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const { plan, assigned } = await visiblePlan(actor, req.params.id);
      authorize(isOwner(actor) || assigned, '仅方案管理者和该计划的评审人可查看评审意见');
      return planReviews(actor, plan.id, req.query);
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
      const actor = requireActor(req.ctx);
      const programme = ensureVisible(await findProgramme(db, req.params.id), (p) => canSeeProgramme(actor, p));
      authorize(isOwner(actor), '仅方案管理者可查看评审汇总');
      const rules = programme.rules;
      const plans = (await selectPlan(plansQuery(db)).where('pp.programme_id', '=', programme.id)
        .where('pp.status', 'in', ['submitted', 'selected']).execute()).map(toPlanRecord);
      const reviews = await reviewsOfPlans(db, plans.map((p) => p.id));
      const rows = plans.map((plan) => {
        const mine = reviews.filter((r) => r.planId === plan.id);
        const totals = mine.filter((r) => r.status === 'submitted').map((r) => totalOf(rules, r.scores)).filter((t): t is number => t !== null);
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
          rank: null as number | null,
        };
      });
      const byName = (a: (typeof rows)[number], b: (typeof rows)[number]) => collator.compare(a.plan.base.name, b.plan.base.name) || a.plan.id.localeCompare(b.plan.id);
      rows.sort((a, b) => {
        if (a.mean === null || b.mean === null) return a.mean === b.mean ? byName(a, b) : a.mean === null ? 1 : -1;
        return b.mean - a.mean || byName(a, b);
      });
      rows.forEach((r, i) => { if (r.mean !== null) r.rank = i + 1; });
      const { sort, order, page, pageSize } = req.query;
      const nullsLast = (x: number | null, y: number | null, dir: number) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : (x - y) * dir);
      const dir = order === 'desc' ? -1 : 1;
      const sorted = [...rows].sort((a, b) => {
        if (sort === 'mean') return nullsLast(a.mean, b.mean, dir) || byName(a, b);
        if (sort === 'spread') return nullsLast(a.spread, b.spread, dir) || byName(a, b);
        if (sort === 'baseName') return byName(a, b) * dir;
        return nullsLast(a.rank, b.rank, dir) || byName(a, b);
      });
      return {
        criteria: rules.reviewCriteria.map((c) => ({ key: c.key, name: c.name, weight: c.weight })),
        items: sorted.slice((page - 1) * pageSize, page * pageSize),
        total: sorted.length,
        page,
        pageSize,
      };
    },
  );
};
export default routes;
