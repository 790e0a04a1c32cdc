/**
 * Search (全文检索) and supply–demand recommendations (供需智能匹配) — issue 3 items 5–7. Anonymous visitors
 * search what the public may see; recommendations for a demand follow the demands module's visibility
 * (404 when the caller may not see the demand); "for me" needs a signed-in member of an organisation.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { shanghaiToday } from '../../../common/time.ts';
import { notFound } from '../../lib/errors.ts';
import { requireActor } from '../../lib/policy.ts';
import { canSeeDemand, getDemand } from '../demands/service.ts';
import { ForMe, IdParams, RecList, SearchQuery, SearchResponse } from '../../../common/contracts/search.ts';
import type { SearchService } from './service.ts';
import { getOrg, requireActingOrg } from '../../lib/acting.ts';

const TAGS = ['search'];

const routes: FastifyPluginAsyncZod<{ service: SearchService }> = async (app, opts) => {
  const { service } = opts;
  const db = app.database.db;

  app.get(
    '/search',
    {
      schema: {
        tags: TAGS,
        summary: '全文检索开放资源、创新需求、新技术目录、科技成果与对接活动（中文分词，按相关度排序；q 为空时按发布时间倒序列出）',
        querystring: SearchQuery,
        response: { 200: SearchResponse },
      },
    },
    async (req) => service.search(req.query),
  );

  app.get(
    '/demands/:id/recommendations',
    { schema: { tags: TAGS, summary: '为创新需求推荐可能满足它的开放资源、科技成果、新技术和单位（附推荐理由）', params: IdParams, response: { 200: RecList } } },
    async (req) => {
      const actor = req.ctx.actor;
      const d = await getDemand(db, req.params.id);
      if (!d || !canSeeDemand(actor, d)) throw notFound();
      const org = await getOrg(db, d.organisation_id);
      const items = await service.forDemand({
        id: d.id,
        organisationId: d.organisation_id,
        title: d.title,
        description: d.description,
        indicators: d.indicators,
        fieldCode: d.field_code,
        regionCode: org?.region_code ?? null,
      });
      return { items };
    },
  );

  app.get(
    '/recommendations/for-me',
    { schema: { tags: TAGS, summary: '为当前单位推荐可以响应的创新需求和可以使用的开放资源', response: { 200: ForMe } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const org = await requireActingOrg(db, actor);
      return service.forOrganisation(org.id, shanghaiToday(app.clock.now()));
    },
  );
};
export default routes;
