/**
 * What the roadshow pages need beyond the core judging API: the list of roadshows (with the caller's part in
 * each), the theme days and roadshow sessions the caller runs as staff, judge candidates, the applicant's own
 * projects, the scores as .xlsx, and the portal's public views (lineup once set, ranking once published).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatShanghai } from '../../../common/time.ts';
import { json } from '../../db/index.ts';
import { notFound } from '../../lib/errors.ts';
import { hasRole } from '../../lib/context.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { canSeeThemeDay } from '../themedays/policy.ts';
import { getThemeDay } from '../themedays/repository.ts';
import { planOf } from '../events/repository.ts';
import { isStaff, supportIdsOf } from '../events/policy.ts';
import { staffedThemeDayIds } from '../exhibition/service.ts';
import { getRoadshow, parseCriteria, ranking, weighted } from './service.ts';
import { Criterion, IdParams, STAGE_LABELS } from '../../../common/contracts/roadshows.ts';
import { XLSX_MIME, toWorkbook, xlsxAttachment } from '../../lib/xlsx.ts';

const TAGS = ['roadshows'];
const STATUS = z.enum(['collecting', 'scoring', 'closed']);

const SessionRef = z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string(), venue: z.string().nullable(), mode: z.string() });
const RoadshowSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: STATUS,
  themeDay: z.object({ id: z.string(), title: z.string(), startDate: z.string() }),
  session: SessionRef,
  counts: z.object({ submitted: z.number().int(), accepted: z.number().int(), judges: z.number().int() }),
  /** The caller's part: staff of the host, invited judge, applicant of a project. */
  my: z.object({ staff: z.boolean(), judge: z.boolean(), applied: z.number().int() }),
});
const RoadshowListQuery = z.object({
  themeDayId: z.string().max(100).optional(),
  role: z.enum(['all', 'staff', 'judge', 'applicant']).default('all'),
  status: STATUS.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['startsAt', 'title']).default('startsAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

const PublicLineupItem = z.object({ order: z.number().int().nullable(), name: z.string(), organisationName: z.string(), field: z.string(), stageLabel: z.string() });
const PublicResult = z.object({
  rank: z.number().int(),
  name: z.string(),
  organisationName: z.string(),
  average: z.number().nullable(),
  judgesCounted: z.number().int(),
  intents: z.number().int(),
  intentToSign: z.number().int(),
});
const PublicRoadshow = z.object({
  id: z.string(),
  title: z.string(),
  status: STATUS,
  themeDay: z.object({ id: z.string(), title: z.string() }),
  session: SessionRef,
  criteria: z.array(Criterion),
  judges: z.number().int(),
  lineup: z.array(PublicLineupItem),
  /** Published once scoring closes; null before. */
  results: z.array(PublicResult).nullable(),
});
type PublicRoadshow = z.infer<typeof PublicRoadshow>;

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const base = () =>
    db
      .selectFrom('roadshows as r')
      .innerJoin('event_sessions as s', 's.id', 'r.session_id')
      .innerJoin('theme_days as t', 't.id', 's.theme_day_id')
      .innerJoin('programmes as pg', 'pg.id', 't.programme_id')
      .select(['r.id', 'r.title', 'r.status', 'r.criteria', 't.id as td_id', 't.title as td_title', 't.start_date', 's.id as s_id', 's.title as s_title', 's.starts_at', 's.ends_at', 's.venue', 's.mode', 'pg.status as programme_status']);

  const countsOf = async (ids: string[]) => {
    if (!ids.length) return { projects: [], judges: [] };
    const projects = await db.selectFrom('roadshow_projects').select((eb) => ['roadshow_id', 'status', eb.fn.countAll<number>().as('n')]).where('roadshow_id', 'in', ids).groupBy(['roadshow_id', 'status']).execute();
    const judges = await db.selectFrom('roadshow_judges').select((eb) => ['roadshow_id', eb.fn.countAll<number>().as('n')]).where('roadshow_id', 'in', ids).groupBy('roadshow_id').execute();
    return { projects, judges };
  };

  app.get(
    '/roadshows',
    { schema: { tags: TAGS, summary: '路演列表（含我在其中的身份：工作人员、评委、申报人）', querystring: RoadshowListQuery, response: { 200: z.object({ items: z.array(RoadshowSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const q = req.query;
      let qb = base();
      if (!hasRole(actor, 'programme_owner')) qb = qb.where('pg.status', '!=', 'draft');
      if (q.themeDayId) qb = qb.where('t.id', '=', q.themeDayId);
      if (q.status) qb = qb.where('r.status', '=', q.status);
      const rows = await qb.orderBy(q.sort === 'title' ? 'r.title' : 's.starts_at', q.order).orderBy('r.id').execute();
      const staffed = new Set(await staffedThemeDayIds(db, actor));
      const judged = new Set((await db.selectFrom('roadshow_judges').select('roadshow_id').where('user_id', '=', actor.userId).execute()).map((j) => j.roadshow_id));
      const applied = new Map<string, number>();
      for (const p of await db.selectFrom('roadshow_projects').select('roadshow_id').where('applicant_user_id', '=', actor.userId).execute()) applied.set(p.roadshow_id, (applied.get(p.roadshow_id) ?? 0) + 1);
      const filtered = rows.filter((r) =>
        q.role === 'staff' ? staffed.has(r.td_id) : q.role === 'judge' ? judged.has(r.id) : q.role === 'applicant' ? applied.has(r.id) : true,
      );
      const pageRows = filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      const c = await countsOf(pageRows.map((r) => r.id));
      const n = (id: string, status: string) => Number(c.projects.find((x) => x.roadshow_id === id && x.status === status)?.n ?? 0);
      return {
        items: pageRows.map((r) => ({
          id: r.id,
          title: r.title,
          status: r.status as z.infer<typeof STATUS>,
          themeDay: { id: r.td_id, title: r.td_title, startDate: r.start_date },
          session: { id: r.s_id, title: r.s_title, startsAt: r.starts_at, endsAt: r.ends_at, venue: r.venue, mode: r.mode },
          counts: { submitted: n(r.id, 'submitted') + n(r.id, 'accepted') + n(r.id, 'rejected'), accepted: n(r.id, 'accepted'), judges: Number(c.judges.find((j) => j.roadshow_id === r.id)?.n ?? 0) },
          my: { staff: staffed.has(r.td_id), judge: judged.has(r.id), applied: applied.get(r.id) ?? 0 },
        })),
        total: filtered.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/roadshows/staff-theme-days',
    {
      schema: {
        tags: TAGS,
        summary: '我作为承办方工作人员可设置路演的主题日及其路演场次',
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), title: z.string(), startDate: z.string(), endDate: z.string(), sessions: z.array(SessionRef.extend({ roadshowId: z.string().nullable() })) })),
          }),
        },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const ids = await staffedThemeDayIds(db, actor);
      if (!ids.length) return { items: [] };
      const tds = await db.selectFrom('theme_days').select(['id', 'title', 'start_date', 'end_date']).where('id', 'in', ids).orderBy('start_date', 'desc').execute();
      const sessions = await db
        .selectFrom('event_sessions as s')
        .leftJoin('roadshows as r', 'r.session_id', 's.id')
        .select(['s.id', 's.theme_day_id', 's.title', 's.starts_at', 's.ends_at', 's.venue', 's.mode', 'r.id as roadshow_id'])
        .where('s.theme_day_id', 'in', ids)
        .where('s.kind', '=', 'roadshow')
        .orderBy('s.starts_at')
        .execute();
      return {
        items: tds.map((t) => ({
          id: t.id,
          title: t.title,
          startDate: t.start_date,
          endDate: t.end_date,
          sessions: sessions.filter((s) => s.theme_day_id === t.id).map((s) => ({ id: s.id, title: s.title, startsAt: s.starts_at, endsAt: s.ends_at, venue: s.venue, mode: s.mode, roadshowId: s.roadshow_id })),
        })),
      };
    },
  );

  /** The roadshow plus whether the caller is its staff (404 when its theme day is not visible). */
  async function loadStaff(actorReq: Parameters<typeof requireActor>[0], id: string) {
    const actor = requireActor(actorReq);
    const r = await getRoadshow(db, id);
    if (!r) throw notFound();
    const session = await db.selectFrom('event_sessions').select(['theme_day_id']).where('id', '=', r.session_id).executeTakeFirstOrThrow();
    const scope = actor;
    const td = ensureVisible(await getThemeDay(db, session.theme_day_id), (t) => canSeeThemeDay(scope, t));
    return { roadshow: r, staff: isStaff(scope, td, supportIdsOf({ plan: await planOf(db, td.id) })) };
  }

  app.get(
    '/roadshows/:id/judge-candidates',
    {
      schema: {
        tags: TAGS,
        summary: '可邀请的评委（专家、投资机构人员；工作人员）',
        params: IdParams,
        querystring: z.object({ q: z.string().trim().max(50).optional() }),
        response: { 200: z.object({ items: z.array(z.object({ userId: z.string(), name: z.string(), organisationName: z.string(), role: z.enum(['expert', 'investor']), invited: z.boolean() })) }) },
      },
    },
    async (req) => {
      const { roadshow, staff } = await loadStaff(req.ctx, req.params.id);
      authorize(staff, '只有承办基地或其委托的支撑机构可以邀请评委');
      let qb = db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['u.id', 'u.name', 'o.name as org_name', 'm.role'])
        .where('m.role', 'in', ['expert', 'investor']);
      if (req.query.q) {
        const like = `%${req.query.q.replace(/[%_\\]/g, '')}%`;
        qb = qb.where((eb) => eb.or([eb('u.name', 'like', like), eb('o.name', 'like', like)]));
      }
      const rows = await qb.orderBy('u.name').orderBy('u.id').limit(50).execute();
      const invited = new Set((await db.selectFrom('roadshow_judges').select('user_id').where('roadshow_id', '=', roadshow.id).execute()).map((j) => j.user_id));
      return { items: rows.map((r) => ({ userId: r.id, name: r.name, organisationName: r.org_name, role: r.role as 'expert' | 'investor', invited: invited.has(r.id) })) };
    },
  );

  app.get(
    '/my/roadshow-projects',
    {
      schema: {
        tags: TAGS,
        summary: '我申报的路演项目及状态',
        querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20), sort: z.enum(['createdAt']).default('createdAt'), order: z.enum(['asc', 'desc']).default('desc') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                organisationName: z.string(),
                status: z.enum(['submitted', 'accepted', 'rejected']),
                screeningNote: z.string().nullable(),
                lineupOrder: z.number().int().nullable(),
                businessPlan: z.object({ name: z.string(), url: z.string() }),
                roadshow: z.object({ id: z.string(), title: z.string(), status: STATUS }),
                createdAt: z.string(),
              }),
            ),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const q = req.query;
      const qb = db.selectFrom('roadshow_projects as p').innerJoin('roadshows as r', 'r.id', 'p.roadshow_id').where('p.applicant_user_id', '=', actor.userId);
      const [rows, total] = await Promise.all([
        qb.selectAll('p').select(['r.title as roadshow_title', 'r.status as roadshow_status']).orderBy('p.created_at', q.order).orderBy('p.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((p) => ({
          id: p.id,
          name: p.name,
          organisationName: p.organisation_name,
          status: p.status as 'submitted' | 'accepted' | 'rejected',
          screeningNote: p.screening_note,
          lineupOrder: p.status === 'accepted' ? p.lineup_order : null,
          businessPlan: { name: p.bp_name, url: `/api/roadshow-projects/${p.id}/business-plan` },
          roadshow: { id: p.roadshow_id, title: p.roadshow_title, status: p.roadshow_status as z.infer<typeof STATUS> },
          createdAt: p.created_at,
        })),
        total: Number(total.n),
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/roadshows/:id/scores.xlsx',
    { schema: { tags: TAGS, summary: '导出评分明细与排名（.xlsx，工作人员）', params: IdParams, produces: [XLSX_MIME] } },
    async (req, reply) => {
      const { roadshow, staff } = await loadStaff(req.ctx, req.params.id);
      authorize(staff, '只有工作人员可以导出评分');
      const criteria = parseCriteria(roadshow);
      const rows = await db
        .selectFrom('roadshow_scores as s')
        .innerJoin('roadshow_projects as p', 'p.id', 's.project_id')
        .innerJoin('roadshow_judges as j', 'j.id', 's.judge_id')
        .innerJoin('users as u', 'u.id', 'j.user_id')
        .select(['p.name as project', 'p.lineup_order', 'u.name as judge', 'j.kind', 'j.guidance_fund', 's.scores', 's.conflict', 's.conflict_reason', 's.intent_min_wan', 's.intent_max_wan', 's.intent_to_sign', 's.comment', 's.updated_at'])
        .where('s.roadshow_id', '=', roadshow.id)
        .orderBy('p.lineup_order')
        .orderBy('u.name')
        .execute();
      const rank = await ranking(db, roadshow);
      const now = formatShanghai(app.clock.now().toISOString());
      const buf = await toWorkbook([
        {
          name: '排名',
          caption: `${roadshow.title} 排名（${roadshow.status === 'closed' ? '已公布' : '评分中，实时'}；利益冲突评分不计入）导出时间 ${now}`,
          header: ['名次', '项目', '申报单位', '路演顺序', '加权平均分', '有效评分数', '利益冲突数', ...criteria.map((c) => `${c.name}（权重${c.weight}）平均`), '投资意向数', '意向签约数', '引导基金意向数', '意向金额下限合计（万元）', '意向金额上限合计（万元）'],
          rows: rank.items.map((i) => [i.rank, i.name, i.organisationName, i.lineupOrder ?? '', i.average ?? '', i.judgesCounted, i.conflicts, ...criteria.map((c) => i.perCriterion[c.key] ?? ''), i.intents.count, i.intents.intentToSign, i.intents.guidanceFund, i.intents.minWan, i.intents.maxWan]),
        },
        {
          name: '评分明细',
          caption: `${roadshow.title} 评分明细 导出时间 ${now}`,
          header: ['路演顺序', '项目', '评委', '评委类型', '引导基金', ...criteria.map((c) => `${c.name}（权重${c.weight}）`), '加权得分', '利益冲突', '冲突说明', '意向投资下限（万元）', '意向投资上限（万元）', '意向签约', '评语', '评分时间'],
          rows: rows.map((r) => {
            const s = r.scores ? json.parse<Record<string, number>>(r.scores, {}) : null;
            return [
              r.lineup_order ?? '', r.project, r.judge, r.kind === 'investor' ? '投资机构' : '专家', !!Number(r.guidance_fund),
              ...criteria.map((c) => (s ? (s[c.key] ?? '') : '')),
              s ? weighted(criteria, s) : '不计分', !!Number(r.conflict), r.conflict_reason ?? '',
              r.intent_min_wan ?? '', r.intent_max_wan ?? '', !!Number(r.intent_to_sign), r.comment ?? '', formatShanghai(r.updated_at),
            ];
          }),
        },
      ]);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', xlsxAttachment(`${roadshow.title}-评分.xlsx`)).header('cache-control', 'no-store').send(buf);
    },
  );

  // ---------------------------------------------------------------------------------------------------
  // Portal (no login): a published programme's roadshows, their lineup and, once closed, the results.

  async function presentPublic(r: Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>): Promise<PublicRoadshow> {
    const row = (await getRoadshow(db, r.id))!;
    const lineup = await db.selectFrom('roadshow_projects').select(['name', 'organisation_name', 'field', 'stage', 'lineup_order']).where('roadshow_id', '=', r.id).where('status', '=', 'accepted').orderBy('lineup_order').orderBy('created_at').execute();
    const judges = await db.selectFrom('roadshow_judges').select((eb) => eb.fn.countAll<number>().as('n')).where('roadshow_id', '=', r.id).executeTakeFirstOrThrow();
    const closed = r.status === 'closed';
    const rank = closed ? await ranking(db, row) : null;
    return {
      id: r.id,
      title: r.title,
      status: r.status as z.infer<typeof STATUS>,
      themeDay: { id: r.td_id, title: r.td_title },
      session: { id: r.s_id, title: r.s_title, startsAt: r.starts_at, endsAt: r.ends_at, venue: r.venue, mode: r.mode },
      criteria: parseCriteria(row),
      judges: Number(judges.n),
      lineup: lineup.map((p) => ({ order: p.lineup_order, name: p.name, organisationName: p.organisation_name, field: p.field, stageLabel: STAGE_LABELS[p.stage as keyof typeof STAGE_LABELS] ?? p.stage })),
      results: rank
        ? rank.items.map((i) => ({ rank: i.rank, name: i.name, organisationName: i.organisationName, average: i.average, judgesCounted: i.judgesCounted, intents: i.intents.count, intentToSign: i.intents.intentToSign }))
        : null,
    };
  }

  app.get(
    '/public/theme-days/:id/roadshows',
    { schema: { tags: TAGS, summary: '主题日的路演（公开：时间、路演名单、公布的结果）', params: IdParams, response: { 200: z.object({ items: z.array(PublicRoadshow) }) } } },
    async (req, reply) => {
      const rows = await base().where('t.id', '=', req.params.id).where('pg.status', '!=', 'draft').orderBy('s.starts_at').orderBy('r.id').execute();
      reply.header('cache-control', 'public, no-cache');
      return { items: await Promise.all(rows.map(presentPublic)) };
    },
  );

  app.get('/public/roadshows/:id', { schema: { tags: TAGS, summary: '路演公开页（结束评分后公布排名）', params: IdParams, response: { 200: PublicRoadshow } } }, async (req, reply) => {
    const r = await base().where('r.id', '=', req.params.id).where('pg.status', '!=', 'draft').executeTakeFirst();
    if (!r) throw notFound();
    reply.header('cache-control', 'public, no-cache');
    return presentPublic(r);
  });
};
export default routes;
