/**
 * The portal's data (门户, no login): published programmes, the year's theme days, each theme day's page
 * and the home-page counters. Only what a press release would say: a theme day's agenda and content parts
 * appear once NDRC has approved its activity plan, and nothing else of the plan (head-counts, emergency
 * plans, support organisations, reviewer matters) is ever shown here.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { shanghaiToday } from '../../../common/time.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  PublicProgrammeList,
  PublicProgrammeQuery,
  PublicStats,
  PublicThemeDayDetail,
  PublicThemeDayList,
  PublicThemeDayQuery,
} from '../../../common/contracts/public.ts';
import { notFound } from '../../lib/errors.ts';
import { getBases, getThemeDay, listThemeDays } from '../themedays/repository.ts';
import { presentProgramme, presentPublicThemeDay, presentStats, presentThemeDayDetail } from './presenter.ts';
import {
  approvedActivityPlanContent,
  countBases,
  listPublishedProgrammes,
  publishedThemeDaySpans,
} from './repository.ts';

/** Short shared caching: the portal is read far more than it changes. */
// Public data may be stored by browsers and proxies but must be revalidated: a host the owner has just
// scheduled or an activity plan just approved has to show on the portal at once, not a minute later.
const cache = (reply: FastifyReply) => reply.header('cache-control', 'public, no-cache');

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/programmes',
    {
      schema: {
        tags: ['public'],
        summary: '已发布的年度主题日方案（无需登录）',
        querystring: PublicProgrammeQuery,
        response: { 200: PublicProgrammeList },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const { rows, total } = await listPublishedProgrammes(req.ctx.db, q);
      cache(reply);
      return { items: rows.map(presentProgramme), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/public/theme-days',
    {
      schema: {
        tags: ['public'],
        summary: '主题日列表（无需登录）',
        querystring: PublicThemeDayQuery,
        response: { 200: PublicThemeDayList },
      },
    },
    async (req, reply) => {
      const db = req.ctx.db;
      const q = req.query;
      const { items, total } = await listThemeDays(db, {
        year: q.year,
        baseId: q.baseId,
        publishedOnly: true,
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        order: q.order,
      });
      const partners = await getBases(
        db,
        items.flatMap((t) => t.partnerBaseIds),
      );
      cache(reply);
      return {
        items: items.map((td) => presentPublicThemeDay(td, partners)),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/public/theme-days/:id',
    {
      schema: {
        tags: ['public'],
        summary: '主题日页面：主题、承办与参与基地、日期、议程与内容板块（无需登录）',
        params: IdParams,
        response: { 200: PublicThemeDayDetail },
      },
    },
    async (req, reply) => {
      const db = req.ctx.db;
      const td = await getThemeDay(db, req.params.id);
      if (!td || td.programme.status === 'draft') throw notFound();
      const partners = await getBases(db, td.partnerBaseIds);
      const content = await approvedActivityPlanContent(db, td.id);
      cache(reply);
      return presentThemeDayDetail(td, partners, content);
    },
  );

  app.get(
    '/public/stats',
    {
      schema: {
        tags: ['public'],
        summary: '门户首页统计（无需登录）',
        response: { 200: PublicStats },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const today = shanghaiToday(ctx.clock.now());
      const [bases, enterpriseBases, themeDays] = await Promise.all([
        countBases(ctx.db),
        countBases(ctx.db, 'enterprise'),
        publishedThemeDaySpans(ctx.db),
      ]);
      cache(reply);
      return presentStats(today, { bases, enterpriseBases }, themeDays);
    },
  );
};
export default routes;
