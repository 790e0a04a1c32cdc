/**
 * The directory of meeting sessions across theme days: the workspace list (sessions I joined, organise or can
 * join), the theme days I may create sessions for, and the public list on a theme day's portal page (no login).
 * Registered by routes.ts inside the meetings plugin.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, pageSlice } from '../../../common/contracts/common.ts';
import { shanghaiToday } from '../../../common/time.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { requireActor } from '../../lib/policy.ts';
import { getThemeDay, type ThemeDayRecord } from '../themedays/repository.ts';
import {
  allSessions,
  countSessionsOfThemeDay,
  participantCounts,
  participantOfUser,
  supportOrganisationIds,
  themeDaysOrganisedBy,
} from './repository.ts';
import { canSeeSession, isOrganiser, type SessionFacts } from './policy.ts';
import { presentPublicSession, presentSession } from './presenter.ts';
import {
  MySessionListQuery,
  OrganisableThemeDayList,
  PublicSessionList,
  SessionList,
  type SessionView,
} from '../../../common/contracts/meetings.ts';

const TAG = ['meetings'];

/** Theme days (of published programmes, or any for the owner) on which the actor is an organiser, by start date. */
async function organisedThemeDays(ctx: Ctx, actor: Actor): Promise<{ td: ThemeDayRecord; support: string[] }[]> {
  const orgId = actor.organisationId;
  if (!orgId) return [];
  const out: { td: ThemeDayRecord; support: string[] }[] = [];
  for (const id of await themeDaysOrganisedBy(ctx.db, orgId)) {
    const td = await getThemeDay(ctx.db, id);
    if (!td) continue;
    const support = await supportOrganisationIds(ctx.db, id);
    if (canSeeSession(actor, { themeDay: td }) && isOrganiser(actor, { themeDay: td, supportOrganisationIds: support }))
      out.push({ td, support });
  }
  return out.sort((a, b) => (a.td.startDate < b.td.startDate ? -1 : a.td.startDate > b.td.startDate ? 1 : 0));
}

const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/meeting-sessions',
    {
      schema: {
        tags: TAG,
        summary: '我可参加或主办的洽谈会（跨主题日）',
        description:
          'filter=joined 为已加入的洽谈会，organising 为本人作为承办基地管理员或受托支撑机构主办的洽谈会，all 为全部可见的洽谈会。',
        querystring: MySessionListQuery,
        response: { 200: SessionList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const sessions = await allSessions(ctx.db);
      const tds = new Map<string, { td: ThemeDayRecord; support: string[] } | null>();
      const views: SessionView[] = [];
      const today = shanghaiToday(ctx.clock.now());
      for (const s of sessions) {
        if (q.upcoming === 'true' && s.date < today) continue;
        if (!tds.has(s.themeDayId)) {
          const td = await getThemeDay(ctx.db, s.themeDayId);
          tds.set(s.themeDayId, td ? { td, support: await supportOrganisationIds(ctx.db, td.id) } : null);
        }
        const t = tds.get(s.themeDayId);
        if (!t || !canSeeSession(actor, { themeDay: t.td })) continue;
        const f: SessionFacts = {
          themeDay: t.td,
          supportOrganisationIds: t.support,
          me: (await participantOfUser(ctx.db, s.id, actor.userId)) ?? null,
        };
        if (q.filter === 'joined' && !f.me) continue;
        if (q.filter === 'organising' && !isOrganiser(actor, f)) continue;
        views.push(await presentSession(ctx.db, actor, f, s));
      }
      const key = (v: SessionView) => (q.sort === 'title' ? v.title : v.date + (v.slots[0]?.startsAt ?? ''));
      views.sort(
        (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1) * (q.order === 'asc' ? 1 : -1),
      );
      return { items: pageSlice(views, q), total: views.length, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/meeting-sessions/organisable-theme-days',
    {
      schema: {
        tags: TAG,
        summary: '我可创建洽谈会的主题日',
        description: '当前机构为承办基地（基地管理员）或被活动方案列为支撑机构的主题日。',
        response: { 200: OrganisableThemeDayList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const items = [];
      for (const { td } of await organisedThemeDays(ctx, actor)) {
        items.push({
          id: td.id,
          title: td.title,
          startDate: td.startDate,
          endDate: td.endDate,
          sessionCount: await countSessionsOfThemeDay(ctx.db, td.id),
        });
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
        response: { 200: PublicSessionList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const td = await getThemeDay(ctx.db, req.params.id);
      if (!td || td.programme.status === 'draft') throw notFound();
      const start = (s: { date: string; slots: { startsAt: string }[] }) => s.date + (s.slots[0]?.startsAt ?? '');
      const sessions = (await allSessions(ctx.db, [td.id])).sort((a, b) => (start(a) < start(b) ? -1 : 1));
      const counts = await participantCounts(
        ctx.db,
        sessions.map((s) => s.id),
      );
      return { items: sessions.map((s) => presentPublicSession(s, counts.get(s.id) ?? 0)) };
    },
  );
};

export default directoryRoutes;
