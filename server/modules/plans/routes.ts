/**
 * Preliminary plans (活动初步计划, 417号 三(二)): a base's application to host. Drafts save freely; the
 * server checks submissions against the year's rules with the same function the editor runs live.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { planDeadlineInstant, planLengthRange } from '../../../common/programme-rules.ts';
import { countZishu } from '../../../common/zishu.ts';
import type { Executor } from '../../db/index.ts';
import { hasRole } from '../../lib/context.ts';
import { notFound, validationFailed } from '../../lib/errors.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { canSeeProgramme } from '../programmes/policy.ts';
import { adminBasesOf, findProgramme, type ProgrammeRecord } from '../programmes/repository.ts';
import { IdParams, listOf } from '../../../common/contracts/common.ts';
import { canSeePlan, isAdminOf, loadViewer, planAbilities, type Viewer } from './policy.ts';
import { baseRefs, findPlan, isAssignedReviewer, plansQuery, selectPlan, toPlanRecord, type PlanRecord } from './repository.ts';
import {
  CheckResult,
  CreatePlanBody,
  ListPlansQuery,
  Plan,
  PlanContentPatch,
  PlanParams,
  PlanSummary,
  ReturnBody,
  Version,
  VersionContent,
  VersionParams,
  VersionSummary,
  type PlanDto,
} from '../../../common/contracts/plans.ts';
import { checkPlan, createPlan, returnPlan, savePlan, submitPlan, withdrawPlan } from './service.ts';

/** Explicit fields, the derived 字数 / areas covered, partner base names and the caller's abilities. */
export function presentPlan(
  v: Viewer,
  plan: PlanRecord,
  programme: ProgrammeRecord,
  partners: Map<string, { id: string; name: string; shortName: string }>,
  now: Date,
  assigned: boolean,
): PlanDto {
  const check = checkPlan(programme, plan, now);
  const areaNames = new Map(programme.rules.contentAreas.map((a) => [a.key, a.name]));
  return {
    id: plan.id,
    programmeId: plan.programmeId,
    programmeYear: programme.year,
    base: { id: plan.base.id, name: plan.base.name, shortName: plan.base.shortName, kind: plan.base.kind, regionCode: plan.base.regionCode },
    status: plan.status,
    theme: plan.theme,
    title: plan.title,
    body: plan.body,
    partnerBases: plan.partnerBaseIds.flatMap((id) => {
      const b = partners.get(id);
      return b ? [{ id: b.id, name: b.name, shortName: b.shortName }] : [];
    }),
    areas: plan.areas.map((a) => ({ key: a.key, name: areaNames.get(a.key) ?? null, description: a.description })),
    plannedMonths: plan.plannedMonths,
    epidemicMeasures: plan.epidemicMeasures,
    version: plan.version,
    submittedAt: plan.submittedAt,
    returnReason: plan.returnReason,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
    zishu: countZishu(plan.body ?? ''),
    areasCovered: check.areasCovered,
    minContentAreas: programme.rules.minContentAreas,
    abilities: planAbilities(v, plan, programme, now, assigned),
  };
}

async function partnerMap(db: Executor, plans: PlanRecord[]) {
  const refs = await baseRefs(db, plans.flatMap((p) => p.partnerBaseIds));
  return new Map(refs.map((r) => [r.id, r]));
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const tags = ['plans'];

  /** validate → load → authorise (404 when out of scope) for the /plans/:id routes. */
  async function loadVisible(req: FastifyRequest, id: string) {
    const actor = requireActor(req.ctx);
    const viewer = await loadViewer(db, actor);
    const plan = await findPlan(db, id);
    const assigned = plan ? await isAssignedReviewer(db, plan.id, actor.userId) : false;
    ensureVisible(plan, (p) => canSeePlan(viewer, p, assigned));
    const programme = (await findProgramme(db, plan!.programmeId))!;
    return { actor, viewer, plan: plan!, programme, assigned };
  }

  async function present(v: Viewer, planId: string, assigned: boolean) {
    const plan = (await findPlan(db, planId))!;
    const programme = (await findProgramme(db, plan.programmeId))!;
    return presentPlan(v, plan, programme, await partnerMap(db, [plan]), app.clock.now(), assigned);
  }

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
      const actor = requireActor(req.ctx);
      const programme = ensureVisible(await findProgramme(db, req.params.id), (p) => canSeeProgramme(actor, p));
      authorize(hasRole(actor, 'base_admin'), '仅示范基地管理员可填报活动初步计划');
      const bases = await adminBasesOf(db, actor);
      const { baseId, ...content } = req.body;
      let base = baseId ? bases.find((b) => b.id === baseId) : bases.length === 1 ? bases[0] : undefined;
      if (baseId && !base) authorize(false, '只能为本机构管理的示范基地填报');
      if (!base) {
        authorize(bases.length > 0, '本机构没有管理的示范基地');
        throw validationFailed([{ field: 'baseId', code: 'field_required', message: '您管理多个示范基地，请选择填报的基地' }]);
      }
      base = base!;
      const now = app.clock.now();
      const id = await createPlan(db, req, { programme, base, content, userId: actor.userId, now });
      const viewer = await loadViewer(db, actor);
      return reply.status(201).send(await present(viewer, id, false));
    },
  );

  app.get(
    '/programmes/:id/plans',
    {
      schema: {
        tags,
        summary: '活动初步计划列表（按角色：管理者全部已提交计划，基地本基地计划，评审人分配给本人的计划，地方发改委本省计划）',
        params: IdParams,
        querystring: ListPlansQuery,
        response: { 200: listOf(PlanSummary) },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const programme = ensureVisible(await findProgramme(db, req.params.id), (p) => canSeeProgramme(actor, p));
      authorize(hasRole(actor, 'programme_owner', 'base_admin', 'department_reviewer', 'local_drc'));
      const v = await loadViewer(db, actor);
      const { page, pageSize, sort, order, status, baseId, q: text } = req.query;
      let q = plansQuery(db).where('pp.programme_id', '=', programme.id);
      const adminIds = [...v.adminBaseIds];
      q = q.where((eb) => {
        const nonDraftScopes = [];
        if (v.owner) nonDraftScopes.push(eb.lit(true));
        nonDraftScopes.push(
          eb('pp.id', 'in', eb.selectFrom('review_assignments').select('plan_id').where('reviewer_user_id', '=', actor.userId)),
        );
        if (v.province) nonDraftScopes.push(eb('b.region_code', 'like', `${v.province}%`));
        const scopes = [];
        if (adminIds.length) scopes.push(eb('pp.base_id', 'in', adminIds));
        if (nonDraftScopes.length) scopes.push(eb.and([eb('pp.status', '!=', 'draft'), eb.or(nonDraftScopes)]));
        return scopes.length ? eb.or(scopes) : eb.lit(false);
      });
      if (status) q = q.where('pp.status', '=', status);
      if (baseId) q = q.where('pp.base_id', '=', baseId);
      if (text) {
        const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([eb('pp.title', 'like', like), eb('pp.theme', 'like', like), eb('b.name', 'like', like), eb('b.short_name', 'like', like)]));
      }
      const col = { updatedAt: 'pp.updated_at', submittedAt: 'pp.submitted_at', createdAt: 'pp.created_at', baseName: 'b.name', status: 'pp.status' } as const;
      const [rows, total] = await Promise.all([
        selectPlan(q).orderBy(col[sort], order).orderBy('pp.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const plans = rows.map(toPlanRecord);
      const assignedIds = new Set(
        plans.length
          ? (await db.selectFrom('review_assignments').select('plan_id').where('reviewer_user_id', '=', actor.userId)
              .where('plan_id', 'in', plans.map((p) => p.id)).execute()).map((r) => r.plan_id)
          : [],
      );
      const partners = await partnerMap(db, plans);
      const now = app.clock.now();
      return {
        items: plans.map((p) => {
          const { body: _b, epidemicMeasures: _e, ...summary } = presentPlan(v, p, programme, partners, now, assignedIds.has(p.id));
          return summary;
        }),
        total: Number(total.n),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/plans/:id',
    { schema: { tags, summary: '活动初步计划详情', params: PlanParams, response: { 200: Plan } } },
    async (req) => {
      const { viewer, plan, programme, assigned } = await loadVisible(req, req.params.id);
      return presentPlan(viewer, plan, programme, await partnerMap(db, [plan]), app.clock.now(), assigned);
    },
  );

  app.patch(
    '/plans/:id',
    { schema: { tags, summary: '保存草稿（可只提交部分字段，仅校验类型与长度）', params: PlanParams, body: PlanContentPatch, response: { 200: Plan } } },
    async (req) => {
      const { viewer, plan, assigned } = await loadVisible(req, req.params.id);
      authorize(isAdminOf(viewer, plan), '仅本基地管理员可修改计划');
      await savePlan(db, req, { planId: plan.id, content: req.body, now: app.clock.now() });
      return present(viewer, plan.id, assigned);
    },
  );

  app.post(
    '/plans/:id/check',
    {
      schema: {
        tags,
        summary: '按年度规则检查当前草稿（与编辑器实时检查为同一函数），不保存',
        params: PlanParams,
        body: PlanContentPatch.nullish(),
        response: { 200: CheckResult },
      },
    },
    async (req) => {
      const { viewer, plan, programme } = await loadVisible(req, req.params.id);
      authorize(isAdminOf(viewer, plan));
      const draft = { ...plan, ...(req.body ?? {}) };
      const result = checkPlan(programme, draft, app.clock.now());
      const range = planLengthRange(programme.rules);
      return {
        ...result,
        minContentAreas: programme.rules.minContentAreas,
        length: { target: programme.rules.planLengthTarget, min: range.min, max: range.max },
        planDeadlineAt: planDeadlineInstant(programme.rules).toISOString(),
      };
    },
  );

  app.post(
    '/plans/:id/submit',
    { schema: { tags, summary: '提交计划（按年度规则检查，逐项说明不符合之处；每次提交保存为一个版本）', params: PlanParams, response: { 200: Plan } } },
    async (req) => {
      const { actor, viewer, plan, assigned } = await loadVisible(req, req.params.id);
      authorize(isAdminOf(viewer, plan), '仅本基地管理员可提交计划');
      await submitPlan(db, req, { planId: plan.id, userId: actor.userId, now: app.clock.now() });
      return present(viewer, plan.id, assigned);
    },
  );

  app.post(
    '/plans/:id/withdraw',
    { schema: { tags, summary: '撤回已提交的计划（截止时间前，未入选）', params: PlanParams, response: { 200: Plan } } },
    async (req) => {
      const { viewer, plan, assigned } = await loadVisible(req, req.params.id);
      authorize(isAdminOf(viewer, plan), '仅本基地管理员可撤回计划');
      await withdrawPlan(db, req, { planId: plan.id, now: app.clock.now() });
      return present(viewer, plan.id, assigned);
    },
  );

  app.post(
    '/plans/:id/return',
    { schema: { tags, summary: '退回计划修改（方案管理者，申报开放期间，须说明原因）', params: PlanParams, body: ReturnBody, response: { 200: Plan } } },
    async (req) => {
      const { viewer, plan, assigned } = await loadVisible(req, req.params.id);
      authorize(viewer.owner, '仅方案管理者可退回计划');
      await returnPlan(db, req, { planId: plan.id, reason: req.body.reason, now: app.clock.now() });
      return present(viewer, plan.id, assigned);
    },
  );

  app.get(
    '/plans/:id/versions',
    {
      schema: {
        tags,
        summary: '计划的历次提交版本',
        params: PlanParams,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
          sort: z.enum(['version']).default('version'),
          order: z.enum(['asc', 'desc']).default('desc'),
        }),
        response: { 200: listOf(VersionSummary) },
      },
    },
    async (req) => {
      const { plan } = await loadVisible(req, req.params.id);
      const { page, pageSize, order } = req.query;
      const q = db.selectFrom('plan_versions as v').where('v.plan_id', '=', plan.id);
      const [rows, total] = await Promise.all([
        q.leftJoin('users as u', 'u.id', 'v.submitted_by')
          .select(['v.version', 'v.submitted_at', 'v.submitted_by', 'u.name'])
          .orderBy('v.version', order).limit(pageSize).offset((page - 1) * pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({ version: Number(r.version), submittedAt: r.submitted_at, submittedBy: { id: r.submitted_by, name: r.name } })),
        total: Number(total.n),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/plans/:id/versions/:v',
    { schema: { tags, summary: '某一提交版本的完整内容', params: VersionParams, response: { 200: Version } } },
    async (req) => {
      const { plan } = await loadVisible(req, req.params.id);
      const r = await db
        .selectFrom('plan_versions as v')
        .leftJoin('users as u', 'u.id', 'v.submitted_by')
        .select(['v.version', 'v.submitted_at', 'v.submitted_by', 'v.content', 'u.name'])
        .where('v.plan_id', '=', plan.id)
        .where('v.version', '=', req.params.v)
        .executeTakeFirst();
      if (!r) throw notFound();
      const raw = JSON.parse(r.content) as Partial<z.infer<typeof VersionContent>>;
      const content = {
        theme: raw.theme ?? null,
        title: raw.title ?? null,
        body: raw.body ?? null,
        partnerBaseIds: raw.partnerBaseIds ?? [],
        partnerBases: raw.partnerBases ?? [],
        areas: raw.areas ?? [],
        plannedMonths: raw.plannedMonths ?? [],
        epidemicMeasures: raw.epidemicMeasures ?? null,
        zishu: raw.zishu ?? countZishu(raw.body ?? ''),
        areasCovered: raw.areasCovered ?? 0,
      };
      return { planId: plan.id, version: Number(r.version), submittedAt: r.submitted_at, submittedBy: { id: r.submitted_by, name: r.name }, content };
    },
  );
};
export default routes;
