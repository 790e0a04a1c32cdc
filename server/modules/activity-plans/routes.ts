/**
 * Activity plans (活动方案, 417号 三(三)): the host files the detailed plan of its theme day, due one
 * calendar month before the first day; NDRC approves or returns it; anyone who may read it can export
 * it as .docx.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../lib/errors.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { getThemeDay } from '../themedays/repository.ts';
import { canReadActivityPlan, canSeeThemeDay, isHostAdmin, isOwner } from '../themedays/policy.ts';
import { IdParams } from '../../../common/contracts/themedays.ts';
import { ActivityPlanBody, ActivityPlanView, ReturnBody } from '../../../common/contracts/activity-plans.ts';
import { decideActivityPlan, getActivityPlanRow, parseContent, saveActivityPlan, submitActivityPlan } from './service.ts';
import { presentActivityPlan } from './presenter.ts';
import { activityPlanDocx, contentDisposition } from './docx.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  /** Loads the theme day and its plan; 404 unless the caller is one of the plan's readers. */
  async function load(req: FastifyRequest, id: string) {
    const scope = requireActor(req.ctx);
    const td = ensureVisible(await getThemeDay(db, id), (t) => canSeeThemeDay(scope, t));
    const row = await getActivityPlanRow(db, td.id);
    const supportIds = row ? parseContent(row.content).supportOrganisationIds : [];
    if (!canReadActivityPlan(scope, td, supportIds)) throw notFound();
    return { scope, td, row };
  }

  async function present(req: FastifyRequest, id: string) {
    const { scope, td, row } = await load(req, id);
    return presentActivityPlan(db, scope, td, row, app.clock.now());
  }

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
    async (req) => present(req, req.params.id),
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
      const { scope, td } = await load(req, req.params.id);
      authorize(isHostAdmin(scope, td), '只有承办基地可以编制活动方案');
      await saveActivityPlan({ req, themeDay: td, body: req.body });
      return present(req, td.id);
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
      const { scope, td } = await load(req, req.params.id);
      authorize(isHostAdmin(scope, td), '只有承办基地可以报送活动方案');
      await submitActivityPlan({ req, themeDay: td });
      return present(req, td.id);
    },
  );

  app.post(
    '/theme-days/:id/activity-plan/approve',
    { schema: { tags: ['activity-plans'], summary: '审核通过活动方案（国家发展改革委）', params: IdParams, response: { 200: ActivityPlanView } } },
    async (req) => {
      const { scope, td } = await load(req, req.params.id);
      authorize(isOwner(scope), '只有国家发展改革委可以审核活动方案');
      await decideActivityPlan({ req, themeDay: td, decision: 'approve' });
      return present(req, td.id);
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
      const { scope, td } = await load(req, req.params.id);
      authorize(isOwner(scope), '只有国家发展改革委可以退回活动方案');
      await decideActivityPlan({ req, themeDay: td, decision: 'return', reason: req.body.reason });
      return present(req, td.id);
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
      const plan = await present(req, req.params.id);
      const buf = await activityPlanDocx(plan);
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
