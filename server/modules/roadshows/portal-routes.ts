/**
 * The portal's roadshow views (no login): a published programme's roadshows, their time and lineup and,
 * once scoring closes, the results.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../lib/errors.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import { PublicRoadshow, PublicRoadshowList } from '../../../common/contracts/roadshows.ts';
import { presentPublic } from './presenter.ts';
import { publicRoadshow, publicRoadshowsOfThemeDay } from './repository.ts';

const TAGS = ['roadshows'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/theme-days/:id/roadshows',
    {
      schema: {
        tags: TAGS,
        summary: '主题日的路演（公开：时间、路演名单、公布的结果）',
        params: IdParams,
        response: { 200: PublicRoadshowList },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const rows = await publicRoadshowsOfThemeDay(ctx.db, req.params.id);
      reply.header('cache-control', 'public, no-cache');
      return { items: await Promise.all(rows.map((r) => presentPublic(ctx.db, r))) };
    },
  );

  app.get(
    '/public/roadshows/:id',
    {
      schema: {
        tags: TAGS,
        summary: '路演公开页（结束评分后公布排名）',
        params: IdParams,
        response: { 200: PublicRoadshow },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const r = await publicRoadshow(ctx.db, req.params.id);
      if (!r) throw notFound();
      reply.header('cache-control', 'public, no-cache');
      return presentPublic(ctx.db, r);
    },
  );
};
export default routes;
