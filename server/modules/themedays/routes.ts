/**
 * Host selection and the year calendar (417号 三(三)): the owner picks hosts from the submitted preliminary
 * plans, gives each a date range inside the programme year without clashes, and sees the whole year.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { getProgramme, getThemeDay, listThemeDays } from './repository.ts';
import { canSeeThemeDay, isOwner } from './policy.ts';
import { presentThemeDay, presentThemeDays } from './presenter.ts';
import { quotaOf, removeThemeDay, rescheduleThemeDay, selectHost } from './service.ts';
import { CalendarQuery, CalendarResponse, IdParams, Quota, RescheduleBody, SelectBody, ThemeDayView } from '../../../common/contracts/themedays.ts';
import type { Actor } from '../../lib/context.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  /** A programme as the caller may see it: draft programmes exist only for the owner. */
  async function visibleProgramme(scope: Actor, id: string) {
    return ensureVisible(await getProgramme(db, id), (p) => isOwner(scope) || p.status !== 'draft');
  }

  async function visibleThemeDay(scope: Actor, id: string) {
    return ensureVisible(await getThemeDay(db, id), (td) => canSeeThemeDay(scope, td));
  }

  app.post(
    '/programmes/:id/theme-days',
    {
      schema: {
        tags: ['theme-days'],
        summary: '确定承办基地并安排主题日日期',
        description: '从本年度已提交的活动初步计划中确定承办基地，日期须在方案年度内且不与其他主题日重叠；超出承办名额时允许但在 quota.exceeded 中标记。',
        params: IdParams,
        body: SelectBody,
        response: { 201: z.object({ themeDay: ThemeDayView, quota: Quota }) },
      },
    },
    async (req, reply) => {
      const scope = requireActor(req.ctx);
      const programme = await visibleProgramme(scope, req.params.id);
      authorize(isOwner(scope), '只有国家发展改革委可以确定承办基地');
      const id = await selectHost({ req, programme, ...req.body });
      const td = await getThemeDay(db, id);
      if (!td) throw notFound();
      return reply.status(201).send({ themeDay: await presentThemeDay(db, scope, td), quota: await quotaOf(db, programme) });
    },
  );

  app.get(
    '/programmes/:id/calendar',
    {
      schema: {
        tags: ['theme-days'],
        summary: '年度主题日日历',
        description: '本年度全部主题日：承办基地、参与基地、日期、活动方案状态与报送截止日期，以及承办名额情况。',
        params: IdParams,
        querystring: CalendarQuery,
        response: { 200: CalendarResponse },
      },
    },
    async (req) => {
      const scope = requireActor(req.ctx);
      const programme = await visibleProgramme(scope, req.params.id);
      const q = req.query;
      const { items, total } = await listThemeDays(db, { programmeId: programme.id, baseId: q.baseId, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
      return {
        programme: { id: programme.id, year: programme.year, name: programme.name, status: programme.status },
        items: await presentThemeDays(db, scope, items),
        total,
        page: q.page,
        pageSize: q.pageSize,
        quota: await quotaOf(db, programme),
      };
    },
  );

  app.get(
    '/theme-days/:id',
    { schema: { tags: ['theme-days'], summary: '主题日详情', params: IdParams, response: { 200: ThemeDayView } } },
    async (req) => {
      const scope = requireActor(req.ctx);
      const td = await visibleThemeDay(scope, req.params.id);
      return presentThemeDay(db, scope, td);
    },
  );

  app.patch(
    '/theme-days/:id',
    {
      schema: {
        tags: ['theme-days'],
        summary: '调整主题日日期',
        params: IdParams,
        body: RescheduleBody,
        response: { 200: z.object({ themeDay: ThemeDayView, quota: Quota }) },
      },
    },
    async (req) => {
      const scope = requireActor(req.ctx);
      const td = await visibleThemeDay(scope, req.params.id);
      authorize(isOwner(scope), '只有国家发展改革委可以调整主题日日期');
      await rescheduleThemeDay({ req, themeDay: td, ...req.body });
      const fresh = await getThemeDay(db, td.id);
      if (!fresh) throw notFound();
      return { themeDay: await presentThemeDay(db, scope, fresh), quota: await quotaOf(db, td.programme) };
    },
  );

  app.delete(
    '/theme-days/:id',
    {
      schema: {
        tags: ['theme-days'],
        summary: '取消主题日安排（活动方案审核通过前）',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const scope = requireActor(req.ctx);
      const td = await visibleThemeDay(scope, req.params.id);
      authorize(isOwner(scope), '只有国家发展改革委可以取消主题日安排');
      await removeThemeDay({ req, themeDay: td });
      return reply.status(204).send(null);
    },
  );
};
export default routes;
