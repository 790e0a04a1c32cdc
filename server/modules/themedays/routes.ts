/**
 * Host selection and the year calendar (417号 三(三)): the owner picks hosts from the submitted preliminary
 * plans, gives each a date range inside the programme year without clashes, and sees the whole year.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, Ctx } from '../../lib/context.ts';
import { ensure } from '../../lib/errors.ts';
import { authorize, ensureVisible, isOwner, requireActor } from '../../lib/policy.ts';
import { canSeeProgramme } from '../programmes/policy.ts';
import { getProgramme, getThemeDay, listThemeDays } from './repository.ts';
import { canSeeThemeDay } from './policy.ts';
import { presentThemeDay, presentThemeDays, quotaOf } from './presenter.ts';
import { removeThemeDay, rescheduleThemeDay, selectHost } from './service.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  CalendarQuery,
  CalendarResponse,
  RescheduleBody,
  SelectBody,
  ThemeDayView,
  ThemeDayWithQuota,
} from '../../../common/contracts/themedays.ts';

/** A programme as the caller may see it: draft programmes exist only for the owner. */
async function visibleProgramme(ctx: Ctx, actor: Actor, id: string) {
  return ensureVisible(await getProgramme(ctx.db, id), (p) => canSeeProgramme(actor, p));
}

async function visibleThemeDay(ctx: Ctx, actor: Actor, id: string) {
  return ensureVisible(await getThemeDay(ctx.db, id), (td) => canSeeThemeDay(actor, td));
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/programmes/:id/theme-days',
    {
      schema: {
        tags: ['theme-days'],
        summary: '确定承办基地并安排主题日日期',
        description:
          '从本年度已提交的活动初步计划中确定承办基地，日期须在方案年度内且不与其他主题日重叠；超出承办名额时允许但在 quota.exceeded 中标记。',
        params: IdParams,
        body: SelectBody,
        response: { 201: ThemeDayWithQuota },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const programme = await visibleProgramme(ctx, actor, req.params.id);
      authorize(isOwner(actor), '只有国家发展改革委可以确定承办基地');
      const id = await selectHost(ctx, { programme, ...req.body });
      const td = ensure(await getThemeDay(ctx.db, id));
      return reply
        .status(201)
        .send({ themeDay: await presentThemeDay(ctx.db, actor, td), quota: await quotaOf(ctx.db, programme) });
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
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const programme = await visibleProgramme(ctx, actor, req.params.id);
      const q = req.query;
      const { items, total } = await listThemeDays(ctx.db, {
        programmeId: programme.id,
        baseId: q.baseId,
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        order: q.order,
      });
      return {
        programme: { id: programme.id, year: programme.year, name: programme.name, status: programme.status },
        items: await presentThemeDays(ctx.db, actor, items),
        total,
        page: q.page,
        pageSize: q.pageSize,
        quota: await quotaOf(ctx.db, programme),
      };
    },
  );

  app.get(
    '/theme-days/:id',
    { schema: { tags: ['theme-days'], summary: '主题日详情', params: IdParams, response: { 200: ThemeDayView } } },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const td = await visibleThemeDay(ctx, actor, req.params.id);
      return presentThemeDay(ctx.db, actor, td);
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
        response: { 200: ThemeDayWithQuota },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const td = await visibleThemeDay(ctx, actor, req.params.id);
      authorize(isOwner(actor), '只有国家发展改革委可以调整主题日日期');
      await rescheduleThemeDay(ctx, { themeDay: td, ...req.body });
      const fresh = ensure(await getThemeDay(ctx.db, td.id));
      return { themeDay: await presentThemeDay(ctx.db, actor, fresh), quota: await quotaOf(ctx.db, td.programme) };
    },
  );

  app.delete(
    '/theme-days/:id',
    {
      schema: {
        tags: ['theme-days'],
        summary: '取消主题日安排（活动方案审核通过前）',
        description:
          '主题日下已有活动场次、一对一洽谈或开放资源、需求、成果、对接活动、创新联盟、展位时不能取消（409）。',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const td = await visibleThemeDay(ctx, actor, req.params.id);
      authorize(isOwner(actor), '只有国家发展改革委可以取消主题日安排');
      await removeThemeDay(ctx, { themeDay: td });
      return reply.status(204).send(null);
    },
  );
};
export default routes;
