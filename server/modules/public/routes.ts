/**
 * The portal's data (门户, no login): published programmes, the year's theme days, each theme day's page
 * and the home-page counters. Only what a press release would say: a theme day's agenda and content parts
 * appear once NDRC has approved its activity plan, and nothing else of the plan (head-counts, emergency
 * plans, support organisations, reviewer matters) is ever shown here.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { provinceOf, regionName } from '../../../common/region.ts';
import { shanghaiToday } from '../../../common/time.ts';
import { ProgrammeRules, planDeadlineInstant } from '../../../common/programme-rules.ts';
import { json } from '../../db/index.ts';
import { notFound } from '../../lib/errors.ts';
import { getBases, getThemeDay, listThemeDays, type BaseRef, type ThemeDayRecord } from '../themedays/repository.ts';
import { IdParams } from '../../../common/contracts/themedays.ts';
import { parseContent } from '../activity-plans/service.ts';

const PublicHost = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  provinceName: z.string().nullable(),
});
const PublicPartner = z.object({ id: z.string(), name: z.string(), shortName: z.string() });
const PublicThemeDay = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  theme: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  host: PublicHost,
  partners: z.array(PublicPartner),
});
const PublicThemeDayDetail = PublicThemeDay.extend({
  /** True once NDRC approved the activity plan; agenda and parts are empty until then. */
  planPublished: z.boolean(),
  agenda: z.array(z.object({ date: z.string(), time: z.string(), item: z.string(), location: z.string().nullable() })),
  parts: z.array(z.object({ key: z.string(), name: z.string(), description: z.string() })),
});

const page = z.coerce.number().int().min(1).default(1);

/** Short shared caching: the portal is read far more than it changes. */
// Public data may be stored by browsers and proxies but must be revalidated: a host the owner has just
// scheduled or an activity plan just approved has to show on the portal at once, not a minute later.
const cache = (reply: FastifyReply) => reply.header('cache-control', 'public, no-cache');

function presentHost(b: BaseRef) {
  return {
    id: b.id,
    name: b.name,
    shortName: b.shortName,
    regionCode: b.regionCode,
    regionName: regionName(b.regionCode) ?? null,
    provinceName: provinceOf(b.regionCode)?.name ?? null,
  };
}

function presentPublic(td: ThemeDayRecord, partners: Map<string, BaseRef>) {
  return {
    id: td.id,
    year: td.programme.year,
    title: td.title,
    theme: td.theme,
    startDate: td.startDate,
    endDate: td.endDate,
    host: presentHost(td.host),
    partners: td.partnerBaseIds
      .map((id) => partners.get(id))
      .filter((b) => b !== undefined)
      .map((b) => ({ id: b.id, name: b.name, shortName: b.shortName })),
  };
}

/** The call's plan deadline as an instant (rules are data; a malformed record shows no deadline rather than failing the portal). */
function deadlineOf(rulesJson: string): string | null {
  const r = ProgrammeRules.safeParse(json.parse<unknown>(rulesJson, null));
  return r.success ? planDeadlineInstant(r.data).toISOString() : null;
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/public/programmes',
    {
      schema: {
        tags: ['public'],
        summary: '已发布的年度主题日方案（无需登录）',
        querystring: z.object({ page, pageSize: z.coerce.number().int().min(1).max(100).default(20), order: z.enum(['asc', 'desc']).default('desc') }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), year: z.number().int(), name: z.string(), status: z.string(), planDeadlineAt: z.string().nullable() })),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const base = db.selectFrom('programmes').where('status', '!=', 'draft');
      const [rows, total] = await Promise.all([
        base.select(['id', 'year', 'name', 'status', 'rules']).orderBy('year', q.order).limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      cache(reply);
      return {
        items: rows.map((r) => ({ id: r.id, year: Number(r.year), name: r.name, status: r.status, planDeadlineAt: deadlineOf(r.rules) })),
        total: Number(total.n),
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/public/theme-days',
    {
      schema: {
        tags: ['public'],
        summary: '主题日列表（无需登录）',
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          baseId: z.string().max(100).optional(),
          page,
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
          sort: z.enum(['startDate', 'title']).default('startDate'),
          order: z.enum(['asc', 'desc']).default('asc'),
        }),
        response: {
          200: z.object({ items: z.array(PublicThemeDay), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
        },
      },
    },
    async (req, reply) => {
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
      const partners = await getBases(db, items.flatMap((t) => t.partnerBaseIds));
      cache(reply);
      return { items: items.map((td) => presentPublic(td, partners)), total, page: q.page, pageSize: q.pageSize };
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
      const td = await getThemeDay(db, req.params.id);
      if (!td || td.programme.status === 'draft') throw notFound();
      const partners = await getBases(db, td.partnerBaseIds);
      const ap = await db
        .selectFrom('activity_plans')
        .select(['content'])
        .where('theme_day_id', '=', td.id)
        .where('status', '=', 'approved')
        .executeTakeFirst();
      const content = ap ? parseContent(ap.content) : null;
      const areaNames = new Map(td.programme.rules.contentAreas.map((a) => [a.key, a.name]));
      cache(reply);
      return {
        ...presentPublic(td, partners),
        planPublished: !!content,
        agenda: (content?.agenda ?? []).map((a) => ({ date: a.date, time: a.time, item: a.item, location: a.location ?? null })),
        parts: (content?.parts ?? [])
          .filter((p) => p.description.trim() !== '')
          .map((p) => ({ key: p.key, name: areaNames.get(p.key) ?? p.key, description: p.description })),
      };
    },
  );

  app.get(
    '/public/stats',
    {
      schema: {
        tags: ['public'],
        summary: '门户首页统计（无需登录）',
        response: {
          200: z.object({
            year: z.number().int(),
            bases: z.number().int(),
            enterpriseBases: z.number().int(),
            themeDaysThisYear: z.number().int(),
            upcomingThemeDays: z.number().int(),
            basesTakingPartThisYear: z.number().int(),
            themeDaysTotal: z.number().int(),
          }),
        },
      },
    },
    async (_req, reply) => {
      const today = shanghaiToday(app.clock.now());
      const year = Number(today.slice(0, 4));
      const count = (n: { n: number | string | bigint }) => Number(n.n);
      const [bases, enterprise, all] = await Promise.all([
        db.selectFrom('bases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        db.selectFrom('bases').where('kind', '=', 'enterprise').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        db
          .selectFrom('theme_days as t')
          .innerJoin('programmes as p', 'p.id', 't.programme_id')
          .where('p.status', '!=', 'draft')
          .select(['t.base_id', 't.partner_base_ids', 't.start_date', 't.end_date', 'p.year'])
          .execute(),
      ]);
      const thisYear = all.filter((t) => Number(t.year) === year);
      const taking = new Set<string>();
      for (const t of thisYear) {
        taking.add(t.base_id);
        for (const id of json.parse<string[]>(t.partner_base_ids, [])) taking.add(id);
      }
      cache(reply);
      return {
        year,
        bases: count(bases),
        enterpriseBases: count(enterprise),
        themeDaysThisYear: thisYear.length,
        upcomingThemeDays: all.filter((t) => t.end_date >= today).length,
        basesTakingPartThisYear: taking.size,
        themeDaysTotal: all.length,
      };
    },
  );
};
export default routes;
