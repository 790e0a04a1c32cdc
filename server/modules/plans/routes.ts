/**
 * Preliminary plans (活动初步计划, 417号 三(二)): a base's application to host. Drafts save freely; the
 * server checks submissions against the year's rules with the same function the editor runs live.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor, Ctx } from '../../lib/context.ts';
import { ensure, validationFailed } from '../../lib/errors.ts';
import { authorize, ensureVisible, hasRole, isOwner, requireActor } from '../../lib/policy.ts';
import { canSeeProgramme } from '../programmes/policy.ts';
import { adminBasesOf, findProgramme } from '../programmes/repository.ts';
import { IdParams, listOf } from '../../../common/contracts/common.ts';
import { EDITABLE, canCommentOnPlan, canSeePlan, isAdminOf, planListScope } from './policy.ts';
import { addPlanComment, canReadComments, listPlanComments } from './comments.ts';
import { assignedPlanIds, findPlan, findVersion, isAssignedReviewer, listPlans, listVersions } from './repository.ts';
import {
  CheckResult,
  CreatePlanBody,
  ListPlansQuery,
  Plan,
  PlanComment,
  PlanCommentBody,
  PlanCommentList,
  PlanContentPatch,
  PlanSummary,
  ReturnBody,
  Version,
  VersionParams,
  VersionSummary,
  VersionsQuery,
} from '../../../common/contracts/plans.ts';
import {
  partnerMap,
  presentCheck,
  presentPlan,
  presentPlanSummary,
  presentVersion,
  presentVersionSummary,
} from './presenter.ts';
import { checkPlan, createPlan, returnPlan, savePlan, submitPlan, withdrawPlan } from './service.ts';

/** validate → load → authorise (404 when out of scope) for the /plans/:id routes. */
async function loadVisible(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const plan = await findPlan(ctx.db, id);
  const assigned = plan ? await isAssignedReviewer(ctx.db, plan.id, actor.userId) : false;
  const visible = ensureVisible(plan, (p) => canSeePlan(actor, p, assigned));
  const programme = ensure(await findProgramme(ctx.db, visible.programmeId));
  return { actor, plan: visible, programme, assigned };
}

/** The plan as it is now (after a command), presented for the caller. */
async function present(ctx: Ctx, actor: Actor, planId: string, assigned: boolean) {
  const plan = ensure(await findPlan(ctx.db, planId));
  const programme = ensure(await findProgramme(ctx.db, plan.programmeId));
  return presentPlan(actor, plan, programme, await partnerMap(ctx.db, [plan]), ctx.clock.now(), assigned);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['plans'];

  app.post(
    '/programmes/:id/plans',
    {
      schema: {
        tags,
        summary: '创建本基地的活动初步计划草稿（管理多个基地时须指定 baseId）',
        params: IdParams,
        body: CreatePlanBody,
        response: { 201: Plan },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const programme = ensureVisible(await findProgramme(ctx.db, req.params.id), (p) => canSeeProgramme(actor, p));
      authorize(hasRole(actor, 'base_admin'), '仅示范基地管理员可填报活动初步计划');
      const bases = await adminBasesOf(ctx.db, actor);
      const { baseId, ...content } = req.body;
      const base = baseId ? bases.find((b) => b.id === baseId) : bases.length === 1 ? bases[0] : undefined;
      if (baseId && !base) authorize(false, '只能为本机构管理的示范基地填报');
      if (!base) {
        authorize(bases.length > 0, '本机构没有管理的示范基地');
        throw validationFailed([
          { field: 'baseId', code: 'field_required', message: '您管理多个示范基地，请选择填报的基地' },
        ]);
      }
      const id = await createPlan(ctx, { programme, base, content });
      return reply.status(201).send(await present(ctx, actor, id, false));
    },
  );

  app.get(
    '/programmes/:id/plans',
    {
      schema: {
        tags,
        summary:
          '活动初步计划列表（按角色：管理者全部已提交计划，基地本基地计划，评审人分配给本人的计划，地方发改委本省计划）',
        params: IdParams,
        querystring: ListPlansQuery,
        response: { 200: listOf(PlanSummary) },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const programme = ensureVisible(await findProgramme(ctx.db, req.params.id), (p) => canSeeProgramme(actor, p));
      authorize(hasRole(actor, 'programme_owner', 'base_admin', 'department_reviewer', 'local_drc', 'base_supervisor'));
      const { items: plans, total } = await listPlans(ctx.db, programme.id, planListScope(actor), req.query);
      const assigned = await assignedPlanIds(
        ctx.db,
        actor.userId,
        plans.map((p) => p.id),
      );
      const partners = await partnerMap(ctx.db, plans);
      const now = ctx.clock.now();
      return {
        items: plans.map((p) => presentPlanSummary(actor, p, programme, partners, now, assigned.has(p.id))),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.get(
    '/plans/:id',
    { schema: { tags, summary: '活动初步计划详情', params: IdParams, response: { 200: Plan } } },
    async (req) => {
      const ctx = req.ctx;
      const { actor, plan, programme, assigned } = await loadVisible(ctx, req.params.id);
      return presentPlan(actor, plan, programme, await partnerMap(ctx.db, [plan]), ctx.clock.now(), assigned);
    },
  );

  app.patch(
    '/plans/:id',
    {
      schema: {
        tags,
        summary: '保存草稿（可只提交部分字段，仅校验类型与长度）',
        params: IdParams,
        body: PlanContentPatch,
        response: { 200: Plan },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, plan, assigned } = await loadVisible(ctx, req.params.id);
      authorize(isAdminOf(actor, plan), '仅本基地管理员可修改计划');
      await savePlan(ctx, { planId: plan.id, content: req.body });
      return present(ctx, actor, plan.id, assigned);
    },
  );

  app.post(
    '/plans/:id/check',
    {
      schema: {
        tags,
        summary: '按年度规则检查当前草稿（与编辑器实时检查为同一函数），不保存',
        params: IdParams,
        body: PlanContentPatch.nullish(),
        response: { 200: CheckResult },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, plan, programme } = await loadVisible(ctx, req.params.id);
      authorize(isAdminOf(actor, plan));
      const draft = { ...plan, ...(req.body ?? {}) };
      return presentCheck(programme, checkPlan(programme, draft, ctx.clock.now()));
    },
  );

  app.post(
    '/plans/:id/submit',
    {
      schema: {
        tags,
        summary: '提交计划（按年度规则检查，逐项说明不符合之处；每次提交保存为一个版本）',
        params: IdParams,
        response: { 200: Plan },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, plan, assigned } = await loadVisible(ctx, req.params.id);
      authorize(isAdminOf(actor, plan), '仅本基地管理员可提交计划');
      await submitPlan(ctx, { planId: plan.id });
      return present(ctx, actor, plan.id, assigned);
    },
  );

  app.post(
    '/plans/:id/withdraw',
    { schema: { tags, summary: '撤回已提交的计划（截止时间前，未入选）', params: IdParams, response: { 200: Plan } } },
    async (req) => {
      const ctx = req.ctx;
      const { actor, plan, assigned } = await loadVisible(ctx, req.params.id);
      authorize(isAdminOf(actor, plan), '仅本基地管理员可撤回计划');
      await withdrawPlan(ctx, { planId: plan.id });
      return present(ctx, actor, plan.id, assigned);
    },
  );

  app.post(
    '/plans/:id/return',
    {
      schema: {
        tags,
        summary: '退回计划修改（方案管理者，申报开放期间，须说明原因）',
        params: IdParams,
        body: ReturnBody,
        response: { 200: Plan },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, plan, assigned } = await loadVisible(ctx, req.params.id);
      authorize(isOwner(actor), '仅方案管理者可退回计划');
      await returnPlan(ctx, { planId: plan.id, reason: req.body.reason });
      return present(ctx, actor, plan.id, assigned);
    },
  );

  app.get(
    '/plans/:id/versions',
    {
      schema: {
        tags,
        summary: '计划的历次提交版本',
        params: IdParams,
        querystring: VersionsQuery,
        response: { 200: listOf(VersionSummary) },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { plan } = await loadVisible(ctx, req.params.id);
      const { items, total } = await listVersions(ctx.db, plan.id, req.query);
      return { items: items.map(presentVersionSummary), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/plans/:id/comments',
    {
      schema: {
        tags,
        summary: '计划的修改意见（地方发展改革委、基地主管部门提交前提出，基地可回复）',
        params: IdParams,
        response: { 200: PlanCommentList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, plan } = await loadVisible(ctx, req.params.id);
      authorize(canReadComments(actor, plan));
      return {
        items: await listPlanComments(ctx.db, plan.id),
        canComment: canCommentOnPlan(actor, plan) && EDITABLE.includes(plan.status),
      };
    },
  );

  app.post(
    '/plans/:id/comments',
    {
      schema: {
        tags,
        summary: '对提交前的计划提出意见（已提交的计划不能再提，plan_not_editable）',
        params: IdParams,
        body: PlanCommentBody,
        response: { 201: PlanComment },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { actor, plan } = await loadVisible(ctx, req.params.id);
      authorize(canCommentOnPlan(actor, plan), '仅本省发展改革委、基地主管部门和本基地管理员可提出意见');
      const id = await addPlanComment(ctx, { planId: plan.id, body: req.body.body });
      const comment = ensure((await listPlanComments(ctx.db, plan.id)).find((c) => c.id === id));
      return reply.status(201).send(comment);
    },
  );

  app.get(
    '/plans/:id/versions/:v',
    { schema: { tags, summary: '某一提交版本的完整内容', params: VersionParams, response: { 200: Version } } },
    async (req) => {
      const ctx = req.ctx;
      const { plan } = await loadVisible(ctx, req.params.id);
      return presentVersion(plan.id, ensure(await findVersion(ctx.db, plan.id, req.params.v)));
    },
  );
};
export default routes;
