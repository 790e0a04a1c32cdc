/**
 * Activity plans (活动方案, 417号 三(三)): the host files the detailed plan of its theme day, due one
 * calendar month before the first day; NDRC approves or returns it; anyone who may read it can export
 * it as .docx.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { authorize, ensureVisible, isOwner, requireActor } from '../../lib/policy.ts';
import { getThemeDay } from '../themedays/repository.ts';
import { canReadActivityPlan, canSeeThemeDay, isHostAdmin } from '../themedays/policy.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import { ActivityPlanBody, ActivityPlanView, ReturnBody } from '../../../common/contracts/activity-plans.ts';
import { decideActivityPlan, parseContent, saveActivityPlan, submitActivityPlan } from './service.ts';
import { getActivityPlanRow, organisationName } from './repository.ts';
import { presentActivityPlan } from './presenter.ts';
import { activityPlanDocx, contentDisposition } from './docx.ts';

/** Loads the theme day and its plan; 404 unless the caller is one of the plan's readers. */
async function load(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const td = ensureVisible(await getThemeDay(ctx.db, id), (t) => canSeeThemeDay(actor, t));
  const row = await getActivityPlanRow(ctx.db, td.id);
  const supportIds = row ? parseContent(row.content).supportOrganisationIds : [];
  // Partner bases read the plan once it is approved (before that it is the host's draft).
  const partnerOrgs =
    row?.status === 'approved' && td.partnerBaseIds.length
      ? (await ctx.db.selectFrom('bases').select('organisation_id').where('id', 'in', td.partnerBaseIds).execute())
          .map((b) => b.organisation_id)
          .filter((o): o is string => !!o)
      : [];
  if (!canReadActivityPlan(actor, td, supportIds, partnerOrgs)) throw notFound();
  return { actor, td, row };
}

async function present(ctx: Ctx, id: string) {
  const { actor, td, row } = await load(ctx, id);
  return presentActivityPlan(ctx.db, actor, td, row, ctx.clock.now());
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/theme-days/:id/activity-plan',
    {
      schema: {
        tags: ['activity-plans'],
        summary: '主题日活动方案（未保存时返回预填草稿）',
        params: IdParams,
        response: { 200: ActivityPlanView },
      },
    },
    async (req) => present(req.ctx, req.params.id),
  );

  app.put(
    '/theme-days/:id/activity-plan',
    {
      schema: {
        tags: ['activity-plans'],
        summary: '保存活动方案草稿（承办基地）',
        params: IdParams,
        body: ActivityPlanBody,
        response: { 200: ActivityPlanView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, td } = await load(ctx, req.params.id);
      authorize(isHostAdmin(actor, td), '只有承办基地可以编制活动方案');
      await saveActivityPlan(ctx, { themeDay: td, body: req.body });
      return present(ctx, td.id);
    },
  );

  app.post(
    '/theme-days/:id/activity-plan/submit',
    {
      schema: {
        tags: ['activity-plans'],
        summary: '报送活动方案（须于活动开始1个月前）',
        params: IdParams,
        response: { 200: ActivityPlanView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, td } = await load(ctx, req.params.id);
      authorize(isHostAdmin(actor, td), '只有承办基地可以报送活动方案');
      await submitActivityPlan(ctx, { themeDay: td });
      return present(ctx, td.id);
    },
  );

  app.post(
    '/theme-days/:id/activity-plan/approve',
    {
      schema: {
        tags: ['activity-plans'],
        summary: '审核通过活动方案（国家发展改革委）',
        params: IdParams,
        response: { 200: ActivityPlanView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, td } = await load(ctx, req.params.id);
      authorize(isOwner(actor), '只有国家发展改革委可以审核活动方案');
      await decideActivityPlan(ctx, { themeDay: td, decision: 'approve' });
      return present(ctx, td.id);
    },
  );

  app.post(
    '/theme-days/:id/activity-plan/return',
    {
      schema: {
        tags: ['activity-plans'],
        summary: '退回活动方案并说明原因（国家发展改革委）',
        params: IdParams,
        body: ReturnBody,
        response: { 200: ActivityPlanView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, td } = await load(ctx, req.params.id);
      authorize(isOwner(actor), '只有国家发展改革委可以退回活动方案');
      await decideActivityPlan(ctx, { themeDay: td, decision: 'return', reason: req.body.reason });
      return present(ctx, td.id);
    },
  );

  app.get(
    '/theme-days/:id/activity-plan.docx',
    {
      schema: {
        tags: ['activity-plans'],
        summary: '导出活动方案（Word 文档）',
        params: IdParams,
        produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { actor, td, row } = await load(ctx, req.params.id);
      const now = ctx.clock.now();
      const plan = await presentActivityPlan(ctx.db, actor, td, row, now);
      // 落款: the organisation that runs the host base (the base's own name if the lookup finds nothing).
      const org = td.host.organisationId ? await organisationName(ctx.db, td.host.organisationId) : undefined;
      const issuer = org ?? td.host.name;
      const buf = await activityPlanDocx(plan, issuer, now);
      const name = `${(plan.title || plan.expectedTitle).replace(/[\\/:*?"<>|\r\n]/g, '_')}.docx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'no-store')
        .send(buf);
    },
  );
};
export default routes;
