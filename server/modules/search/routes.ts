/**
 * Search (全文检索) and supply–demand recommendations (供需智能匹配) — issue 3 items 5–7. Anonymous visitors
 * search what the public may see; recommendations for a demand follow the demands module's visibility
 * (404 when the caller may not see the demand); "for me" needs a signed-in member of an organisation.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { shanghaiToday } from '../../../common/time.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import { ForMe, RecList, RecStats, SearchQuery, SearchResponse, type Rec } from '../../../common/contracts/search.ts';
import { getOrg, requireActingOrg } from '../../lib/acting.ts';
import { authorize, ensureVisible, hasRole, requireActor } from '../../lib/policy.ts';
import { canSeeDemand } from '../demands/policy.ts';
import { getDemand } from '../demands/repository.ts';
import { demandSubject, type SearchService } from './service.ts';
import { recommendationStats, recordImpressions, type Shown } from './impressions.ts';

const TAGS = ['search'];

const routes: FastifyPluginAsyncZod<{ service: SearchService }> = async (app, opts) => {
  const { service } = opts;
  /** The recommendations of a list with the organisation behind each (those no longer known are left out). */
  const shown = (recs: readonly Rec[]): Shown[] =>
    recs.flatMap((r) => {
      const orgId = service.orgOfRec(r);
      return orgId ? [{ type: r.type, id: r.id, orgId }] : [];
    });

  app.get(
    '/search',
    {
      schema: {
        tags: TAGS,
        summary:
          '全文检索开放资源、创新需求、新技术目录、科技成果与对接活动（中文分词，按相关度排序；q 为空时按发布时间倒序列出）',
        querystring: SearchQuery,
        response: { 200: SearchResponse },
      },
    },
    async (req) => service.search(req.query),
  );

  app.get(
    '/demands/:id/recommendations',
    {
      schema: {
        tags: TAGS,
        summary: '为创新需求推荐可能满足它的开放资源、科技成果、新技术和单位（附推荐理由）',
        params: IdParams,
        response: { 200: RecList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const d = ensureVisible(await getDemand(ctx.db, req.params.id), (x) => canSeeDemand(ctx.actor, x));
      const org = await getOrg(ctx.db, d.organisation_id);
      const items = await service.forDemand(demandSubject(d, org?.region_code ?? null));
      // shown to the signed-in viewer's organisation (the demand's own, as a rule): an impression each
      const viewer = ctx.actor?.organisationId;
      if (viewer)
        await recordImpressions(ctx.db, {
          viewerOrgId: viewer,
          subjectKind: 'demand',
          subjectId: d.id,
          items: shown(items),
          now: ctx.clock.now(),
        });
      return { items };
    },
  );

  app.get(
    '/recommendations/for-me',
    {
      schema: { tags: TAGS, summary: '为当前单位推荐可以响应的创新需求和可以使用的开放资源', response: { 200: ForMe } },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const org = await requireActingOrg(ctx.db, actor);
      const res = await service.forOrganisation(org.id, shanghaiToday(ctx.clock.now()));
      await recordImpressions(ctx.db, {
        viewerOrgId: org.id,
        subjectKind: 'organisation',
        subjectId: org.id,
        items: shown([...res.demands, ...res.resources]),
        now: ctx.clock.now(),
      });
      return res;
    },
  );

  app.get(
    '/search/recommendations/stats',
    {
      schema: {
        tags: TAGS,
        summary: '推荐采纳率：展示后 30 天内被响应、发起洽谈邀约或建立合作项目的推荐所占比例（按后续行动和月份）',
        response: { 200: RecStats },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      authorize(hasRole(requireActor(ctx), 'programme_owner', 'system_admin'));
      return recommendationStats(ctx.db);
    },
  );
};
export default routes;
