/**
 * Finding meeting sessions across theme days: the workspace list (sessions I joined, organise or can join),
 * the theme days I may create sessions for, and the public list on a theme day's portal page (no login).
 * Registered by routes.ts inside the meetings plugin.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shanghaiToday } from '../../../common/time.ts';
import { json, type Executor } from '../../db/index.ts';
import { notFound } from '../../lib/errors.ts';
import { requireActor } from '../../lib/policy.ts';
import { getThemeDay, type ThemeDayRecord } from '../themedays/repository.ts';
import { getSession, participantOfUser, supportOrganisationIds, type SessionRecord } from './repository.ts';
import { canSeeSession, isOrganiser, type MeetingScope } from './policy.ts';
import { presentSession } from './presenter.ts';
import { IdParams, MODES, Page, SessionView } from '../../../common/contracts/meetings.ts';
import type { Actor } from '../../lib/context.ts';

const TAG = ['meetings'];

export const MySessionListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['date', 'title']).default('date'),
  order: z.enum(['asc', 'desc']).default('asc'),
  /** joined: sessions I take part in; organising: sessions I organise; all: every session I can see. */
  filter: z.enum(['all', 'joined', 'organising']).default('all'),
  /** true: only sessions whose date is today or later (Beijing time). */
  upcoming: z.enum(['true', 'false']).optional(),
});

export const OrganisableThemeDay = z.object({ id: z.string(), title: z.string(), startDate: z.string(), endDate: z.string(), sessionCount: z.number().int() });

export const PublicSessionView = z.object({
  id: z.string(),
  title: z.string(),
  mode: z.enum(MODES),
  status: z.enum(['open', 'closed']),
  date: z.string(),
  /** First slot start and last slot end (UTC). */
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  slotCount: z.number().int(),
  tables: z.number().int(),
  onlineRooms: z.number().int(),
  venue: z.string().nullable(),
  participantCount: z.number().int(),
  published: z.boolean(),
});

async function allSessionRows(db: Executor, themeDayIds?: string[]): Promise<SessionRecord[]> {
  let q = db.selectFrom('meeting_sessions').select('id');
  if (themeDayIds) {
    if (!themeDayIds.length) return [];
    q = q.where('theme_day_id', 'in', themeDayIds);
  }
  const ids = await q.execute();
  const out: SessionRecord[] = [];
  for (const r of ids) {
    const s = await getSession(db, r.id);
    if (s) out.push(s);
  }
  return out;
}

/** Theme days (of published programmes, or any for the owner) on which the caller is an organiser. */
async function organisedThemeDays(db: Executor, scope: Actor): Promise<{ td: ThemeDayRecord; support: string[] }[]> {
  const orgId = scope.organisationId;
  if (!orgId) return [];
  const hosted = await db.selectFrom('theme_days as t').innerJoin('bases as b', 'b.id', 't.base_id').select('t.id').where('b.organisation_id', '=', orgId).execute();
  const plans = await db.selectFrom('activity_plans').select(['theme_day_id', 'content']).execute();
  const supported = plans
    .filter((p) => {
      const c = json.parse<{ supportOrganisationIds?: unknown }>(p.content, {});
      return Array.isArray(c.supportOrganisationIds) && c.supportOrganisationIds.includes(orgId);
    })
    .map((p) => p.theme_day_id);
  const out: { td: ThemeDayRecord; support: string[] }[] = [];
  for (const id of new Set([...hosted.map((h) => h.id), ...supported])) {
    const td = await getThemeDay(db, id);
    if (!td) continue;
    const support = await supportOrganisationIds(db, id);
    if (canSeeSession({ scope, themeDay: td }) && isOrganiser({ scope, themeDay: td, supportOrganisationIds: support })) out.push({ td, support });
  }
  return out.sort((a, b) => (a.td.startDate < b.td.startDate ? -1 : a.td.startDate > b.td.startDate ? 1 : 0));
}

const listingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/meeting-sessions',
    {
      schema: {
        tags: TAG,
        summary: '我可参加或主办的洽谈会（跨主题日）',
        description: 'filter=joined 为已加入的洽谈会，organising 为本人作为承办基地管理员或受托支撑机构主办的洽谈会，all 为全部可见的洽谈会。',
        querystring: MySessionListQuery,
        response: { 200: Page(SessionView) },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const scope = actor;
      const q = req.query;
      const sessions = await allSessionRows(db);
      const tds = new Map<string, { td: ThemeDayRecord; support: string[] } | null>();
      const views: SessionView[] = [];
      const today = shanghaiToday(app.clock.now());
      for (const s of sessions) {
        if (q.upcoming === 'true' && s.date < today) continue;
        if (!tds.has(s.themeDayId)) {
          const td = await getThemeDay(db, s.themeDayId);
          tds.set(s.themeDayId, td ? { td, support: await supportOrganisationIds(db, td.id) } : null);
        }
        const t = tds.get(s.themeDayId);
        if (!t || !canSeeSession({ scope, themeDay: t.td })) continue;
        const ms: MeetingScope = { scope, themeDay: t.td, supportOrganisationIds: t.support, me: (await participantOfUser(db, s.id, actor.userId)) ?? null };
        if (q.filter === 'joined' && !ms.me) continue;
        if (q.filter === 'organising' && !isOrganiser(ms)) continue;
        views.push(await presentSession(db, ms, s));
      }
      const key = (v: SessionView) => (q.sort === 'title' ? v.title : v.date + (v.slots[0]?.startsAt ?? ''));
      views.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1) * (q.order === 'asc' ? 1 : -1));
      return { items: views.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: views.length, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/meeting-sessions/organisable-theme-days',
    {
      schema: {
        tags: TAG,
        summary: '我可创建洽谈会的主题日',
        description: '当前机构为承办基地（基地管理员）或被活动方案列为支撑机构的主题日。',
        response: { 200: z.object({ items: z.array(OrganisableThemeDay) }) },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const scope = actor;
      const list = await organisedThemeDays(db, scope);
      const items = [];
      for (const { td } of list) {
        const n = await db.selectFrom('meeting_sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('theme_day_id', '=', td.id).executeTakeFirstOrThrow();
        items.push({ id: td.id, title: td.title, startDate: td.startDate, endDate: td.endDate, sessionCount: Number(n.n) });
      }
      return { items };
    },
  );

  app.get(
    '/public/theme-days/:id/meeting-sessions',
    {
      schema: {
        tags: ['public', ...TAG],
        summary: '主题日的一对一洽谈会（无需登录）',
        description: '日期、时间、方式与参会人数；参加与邀约须登录工作台。',
        params: IdParams,
        response: { 200: z.object({ items: z.array(PublicSessionView) }) },
      },
    },
    async (req) => {
      const td = await getThemeDay(db, req.params.id);
      if (!td || td.programme.status === 'draft') throw notFound();
      const sessions = (await allSessionRows(db, [td.id])).sort((a, b) => (a.date + (a.slots[0]?.startsAt ?? '') < b.date + (b.slots[0]?.startsAt ?? '') ? -1 : 1));
      const counts = sessions.length
        ? await db.selectFrom('meeting_participants').select(['session_id', (eb) => eb.fn.countAll<number>().as('n')]).where('session_id', 'in', sessions.map((s) => s.id)).groupBy('session_id').execute()
        : [];
      const countOf = new Map(counts.map((c) => [c.session_id, Number(c.n)]));
      return {
        items: sessions.map((s) => ({
          id: s.id,
          title: s.title,
          mode: s.mode,
          status: s.status,
          date: s.date,
          startsAt: s.slots[0]?.startsAt ?? null,
          endsAt: s.slots[s.slots.length - 1]?.endsAt ?? null,
          slotCount: s.slots.length,
          tables: s.tables,
          onlineRooms: s.onlineRooms,
          venue: s.venue,
          participantCount: countOf.get(s.id) ?? 0,
          published: s.publishedAt !== null,
        })),
      };
    },
  );
};

export default listingRoutes;
