/**
 * Event sessions of a theme day (开幕式、路演、研讨会、对接会、展览), registration with head-count limits and a
 * waitlist, check-in at the door, and the epidemic controls (capacity cut, switch to online-only).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { Actor, Ctx } from '../../lib/context.ts';
import { ensure, notFound } from '../../lib/errors.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { XLSX_MIME, toWorkbook, xlsxAttachment } from '../../lib/xlsx.ts';
import { getThemeDay } from '../themedays/repository.ts';
import { canSeeThemeDay } from '../themedays/policy.ts';
import {
  allThemeDays,
  contextsFor,
  countsOf,
  findRegistration,
  getRegistrationWithPeople,
  getSessionContext,
  getSessionContextForRegistration,
  getSessionRow,
  listMyRegistrations,
  listOpenSessions,
  listRegistrations,
  listSessions,
  planOf,
  sessionCounts,
  userNames,
  waitlistPosition,
  waitlistPositions,
  type SessionContext,
} from './repository.ts';
import {
  canReadRegistrations,
  canSeeRegistration,
  canSeeSession,
  isRegistrant,
  partFactsOf,
  supportIdsOf,
} from './policy.ts';
import { canManagePart } from '../themedays/policy.ts';
import { loadPartFacts } from '../coorganisers/repository.ts';
import { requirePart } from '../coorganisers/access.ts';
import {
  checkInsSheet,
  presentBrief,
  presentHeadCount,
  presentManagedThemeDay,
  presentRegistration,
  presentSession,
  presentSessions,
  registrationsSheet,
} from './presenter.ts';
import { IdParams, pageSlice } from '../../../common/contracts/common.ts';
import {
  CapacityBody,
  CheckInBody,
  CheckInResponse,
  HeadCount,
  ManagedThemeDayList,
  ManagedThemeDayListQuery,
  MyRegistrationList,
  MyRegistrationListQuery,
  OnlineOnlyBody,
  OpenSessionListQuery,
  Pass,
  RegisterBody,
  RegistrationList,
  RegistrationListQuery,
  RegistrationView,
  SessionCreateBody,
  SessionList,
  SessionListQuery,
  SessionUpdateBody,
  SessionView,
} from '../../../common/contracts/events.ts';
import { cancelRegistration, checkIn, createSession, register, updateSession } from './service.ts';

const TAGS = ['events'];

/**
 * The session and its theme day; 404 unless the caller may see the theme day. Sessions are part of the
 * public portal (417号: 活动报名 is open to every enterprise), so reading them needs no sign-in: an anonymous
 * visitor (actor null) sees what every signed-in user sees of a published programme, minus anything
 * personal (no registration, no online channel, no emergency plan).
 */
async function loadSession(ctx: Ctx, actor: Actor | null, id: string): Promise<SessionContext> {
  return ensureVisible(await getSessionContext(ctx.db, id, ctx.clock.now()), (sc) => canSeeSession(actor, sc));
}

/** A registration and its session; 404 unless it is the caller's own or they read the session's registrations. */
async function loadRegistration(ctx: Ctx, actor: Actor, id: string) {
  const r = await getRegistrationWithPeople(ctx.db, id);
  if (!r) throw notFound();
  const sc = await getSessionContext(ctx.db, r.session_id, ctx.clock.now());
  if (!sc || !canSeeSession(actor, sc) || !canSeeRegistration(actor, sc, r)) throw notFound();
  return { sc, r };
}

/** The session as the caller sees it now (after a change). */
async function presentById(ctx: Ctx, actor: Actor | null, id: string): Promise<SessionView> {
  return presentSession(ctx.db, actor, await loadSession(ctx, actor, id), ctx.clock.now());
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/theme-days/:id/sessions',
    {
      schema: {
        tags: TAGS,
        summary: '主题日的活动场次（无需登录）',
        params: IdParams,
        querystring: SessionListQuery,
        response: { 200: SessionList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = ctx.actor;
      const td = ensureVisible(await getThemeDay(ctx.db, req.params.id), (t) => canSeeThemeDay(actor, t));
      const plan = await planOf(ctx.db, td.id);
      const access = await loadPartFacts(ctx.db, td, ctx.clock.now(), supportIdsOf({ plan }));
      const q = req.query;
      const { items, total } = await listSessions(ctx.db, {
        themeDayId: td.id,
        kind: q.kind,
        mode: q.mode,
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        order: q.order,
      });
      const views = await presentSessions(
        ctx.db,
        actor,
        items.map((session) => ({ session, themeDay: td, plan, access })),
        ctx.clock.now(),
      );
      return { items: views, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/theme-days/:id/sessions',
    {
      schema: {
        tags: TAGS,
        summary: '新建活动场次（承办基地或受托支撑机构；线下名额不超过活动方案核定人数）',
        params: IdParams,
        body: SessionCreateBody,
        response: { 201: SessionView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const td = ensureVisible(await getThemeDay(ctx.db, req.params.id), (t) => canSeeThemeDay(actor, t));
      const plan = await planOf(ctx.db, td.id);
      const facts = await loadPartFacts(ctx.db, td, ctx.clock.now(), supportIdsOf({ plan }));
      requirePart(ctx, td, 'sessions', facts, '只有承办基地或其委托的支撑机构可以设置活动场次');
      const id = await createSession(ctx, { themeDay: td, plan, body: req.body });
      return reply.code(201).send(await presentById(ctx, actor, id));
    },
  );

  app.get(
    '/event-sessions/:id',
    {
      schema: {
        tags: TAGS,
        summary: '活动场次详情（无需登录；线上渠道仅对已报名者显示，应急预案仅对工作人员显示）',
        params: IdParams,
        response: { 200: SessionView },
      },
    },
    async (req) => presentById(req.ctx, req.ctx.actor, req.params.id),
  );

  app.patch(
    '/event-sessions/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改活动场次（名额或方式变化时自动调整候补并通知）',
        params: IdParams,
        body: SessionUpdateBody,
        response: { 200: SessionView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const sc = await loadSession(ctx, actor, req.params.id);
      requirePart(ctx, sc.themeDay, 'sessions', partFactsOf(sc), '只有承办基地或其委托的支撑机构可以修改活动场次');
      await updateSession(ctx, { session: sc, body: req.body });
      return presentById(ctx, actor, sc.session.id);
    },
  );

  app.post(
    '/event-sessions/:id/capacity',
    {
      schema: {
        tags: TAGS,
        summary: '调整线下名额（疫情防控：超出部分按报名先后由晚到早转入候补）',
        params: IdParams,
        body: CapacityBody,
        response: { 200: SessionView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const sc = await loadSession(ctx, actor, req.params.id);
      requirePart(ctx, sc.themeDay, 'sessions', partFactsOf(sc), '只有承办基地或其委托的支撑机构可以调整名额');
      await updateSession(ctx, {
        session: sc,
        body: { capacity: req.body.capacity, ...(req.body.reason ? { reason: req.body.reason } : {}) },
      });
      return presentById(ctx, actor, sc.session.id);
    },
  );

  app.post(
    '/event-sessions/:id/online-only',
    {
      schema: {
        tags: TAGS,
        summary: '改为仅线上举办（疫情防控：通知全部报名者线上参会渠道）',
        params: IdParams,
        body: OnlineOnlyBody,
        response: { 200: SessionView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const sc = await loadSession(ctx, actor, req.params.id);
      requirePart(ctx, sc.themeDay, 'sessions', partFactsOf(sc), '只有承办基地或其委托的支撑机构可以改为线上举办');
      const b = req.body;
      await updateSession(ctx, {
        session: sc,
        body: {
          mode: 'online',
          ...(b.onlineChannel ? { onlineChannel: b.onlineChannel } : {}),
          ...(b.reason ? { reason: b.reason } : {}),
        },
      });
      return presentById(ctx, actor, sc.session.id);
    },
  );

  app.post(
    '/event-sessions/:id/registrations',
    {
      schema: {
        tags: TAGS,
        summary: '报名（名额已满时进入候补名单）',
        params: IdParams,
        body: RegisterBody,
        response: { 201: RegistrationView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const sc = ensureVisible(await getSessionContextForRegistration(ctx.db, req.params.id), (c) =>
        canSeeSession(actor, c),
      );
      const { registration, waitlistPosition: pos } = await register(ctx, {
        session: sc.session,
        attendance: req.body.attendance,
        answers: req.body.answers,
      });
      const orgName =
        actor.memberships.find((m) => m.organisationId === registration.organisation_id)?.organisationName ?? null;
      return reply
        .code(201)
        .send(presentRegistration(actor, sc, registration, pos, { userName: actor.name, organisationName: orgName }));
    },
  );

  app.get(
    '/event-sessions/:id/my-registration',
    {
      schema: {
        tags: TAGS,
        summary: '我的报名（含签到码与候补序位）',
        params: IdParams,
        response: { 200: RegistrationView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const sc = await loadSession(ctx, actor, req.params.id);
      const mine = await findRegistration(ctx.db, sc.session.id, actor.userId);
      const r = mine && (await getRegistrationWithPeople(ctx.db, mine.id));
      if (!r) throw notFound('您尚未报名本场活动');
      return presentRegistration(actor, sc, r, await waitlistPosition(ctx.db, r));
    },
  );

  app.get(
    '/event-sessions/:id/registrations',
    {
      schema: {
        tags: TAGS,
        summary: '报名名单（工作人员）',
        params: IdParams,
        querystring: RegistrationListQuery,
        response: { 200: RegistrationList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const sc = await loadSession(ctx, actor, req.params.id);
      authorize(canReadRegistrations(actor, sc), '只有工作人员可以查看报名名单');
      const q = req.query;
      const [{ items, total }, positions] = await Promise.all([
        listRegistrations(ctx.db, {
          sessionId: sc.session.id,
          status: q.status,
          attendance: q.attendance,
          checkedIn: q.checkedIn === undefined ? undefined : q.checkedIn === 'true',
          q: q.q,
          page: q.page,
          pageSize: q.pageSize,
          sort: q.sort,
          order: q.order,
        }),
        waitlistPositions(ctx.db, sc.session.id),
      ]);
      return {
        items: items.map((r) => presentRegistration(actor, sc, r, positions.get(r.id) ?? null)),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/event-sessions/:id/registrations.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '导出报名名单（.xlsx：状态、候补序位、签到时间、报名问题的回答）',
        params: IdParams,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const sc = await loadSession(ctx, actor, req.params.id);
      authorize(canReadRegistrations(actor, sc), '只有工作人员可以导出报名名单');
      const [{ items }, positions] = await Promise.all([
        listRegistrations(ctx.db, {
          sessionId: sc.session.id,
          page: 1,
          pageSize: 1_000_000,
          sort: 'seq',
          order: 'asc',
        }),
        waitlistPositions(ctx.db, sc.session.id),
      ]);
      const buf = await toWorkbook([registrationsSheet(sc, items, positions, ctx.clock.now())]);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment(`${sc.session.title}-报名名单.xlsx`))
        .header('cache-control', 'no-store')
        .send(buf);
    },
  );

  app.get(
    '/event-sessions/:id/check-ins.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '导出签到名单（.xlsx：已签到者及签到时间，按签到先后）',
        params: IdParams,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const sc = await loadSession(ctx, actor, req.params.id);
      authorize(canReadRegistrations(actor, sc), '只有工作人员可以导出签到名单');
      const { items } = await listRegistrations(ctx.db, {
        sessionId: sc.session.id,
        checkedIn: true,
        page: 1,
        pageSize: 1_000_000,
        sort: 'checkedInAt',
        order: 'asc',
      });
      const staffName = await userNames(
        ctx.db,
        items.map((r) => r.checked_in_by),
      );
      const counts = await countsOf(ctx.db, sc.session.id);
      const buf = await toWorkbook([checkInsSheet(sc, items, staffName, counts, ctx.clock.now())]);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment(`${sc.session.title}-签到名单.xlsx`))
        .header('cache-control', 'no-store')
        .send(buf);
    },
  );

  app.get(
    '/event-registrations/:id',
    {
      schema: {
        tags: TAGS,
        summary: '报名详情（电子参会证：签到码）',
        params: IdParams,
        response: { 200: RegistrationView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { sc, r } = await loadRegistration(ctx, actor, req.params.id);
      return presentRegistration(actor, sc, r, await waitlistPosition(ctx.db, r));
    },
  );

  app.post(
    '/event-registrations/:id/cancel',
    {
      schema: {
        tags: TAGS,
        summary: '取消报名（空出的名额自动递补给候补第一位）',
        params: IdParams,
        response: { 200: RegistrationView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { sc, r } = await loadRegistration(ctx, actor, req.params.id);
      if (!isRegistrant(actor, r))
        requirePart(ctx, sc.themeDay, 'sessions', partFactsOf(sc), '只有报名者本人或工作人员可以取消报名');
      await cancelRegistration(ctx, { registration: r });
      const after = ensure(await getRegistrationWithPeople(ctx.db, r.id));
      return presentRegistration(actor, sc, after, null);
    },
  );

  app.post(
    '/event-sessions/:id/check-in',
    {
      schema: {
        tags: TAGS,
        summary: '现场签到（扫描二维码或输入签到码）',
        params: IdParams,
        body: CheckInBody,
        response: { 200: CheckInResponse },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const sc = await loadSession(ctx, actor, req.params.id);
      requirePart(ctx, sc.themeDay, 'sessions', partFactsOf(sc), '只有工作人员可以办理签到');
      const r = await checkIn(ctx, { session: sc.session, code: req.body.code });
      const full = ensure(await getRegistrationWithPeople(ctx.db, r.id));
      const counts = await countsOf(ctx.db, sc.session.id);
      const session = ensure(await getSessionRow(ctx.db, sc.session.id));
      return {
        registration: presentRegistration(actor, sc, full, null),
        headCount: { checkedIn: counts.offline.checkedIn, capacity: session.capacity },
      };
    },
  );

  app.get(
    '/event-sessions/:id/head-count',
    {
      schema: {
        tags: TAGS,
        summary: '实时人数（已报名、候补、已签到）',
        params: IdParams,
        response: { 200: HeadCount },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const sc = await loadSession(ctx, actor, req.params.id);
      authorize(canReadRegistrations(actor, sc), '只有工作人员可以查看实时人数');
      const c = await countsOf(ctx.db, sc.session.id);
      return presentHeadCount(sc.session, c, ctx.clock.now());
    },
  );

  app.get(
    '/event-sessions/open',
    {
      schema: {
        tags: TAGS,
        summary: '正在报名的活动场次（门户首页，无需登录）',
        querystring: OpenSessionListQuery,
        response: { 200: SessionList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = ctx.actor;
      const q = req.query;
      const now = ctx.clock.now();
      const { items, total } = await listOpenSessions(ctx.db, now.toISOString(), q.page, q.pageSize);
      const scs = (await contextsFor(ctx.db, items, now)).filter((sc) => canSeeSession(actor, sc));
      return { items: await presentSessions(ctx.db, actor, scs, now), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/my/event-registrations',
    {
      schema: {
        tags: TAGS,
        summary: '我的报名（各场次的状态、候补序位、签到码）',
        querystring: MyRegistrationListQuery,
        response: { 200: MyRegistrationList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const { items, total } = await listMyRegistrations(ctx.db, {
        userId: actor.userId,
        status: q.status,
        page: q.page,
        pageSize: q.pageSize,
        order: q.order,
      });
      const sessions = await Promise.all(
        [...new Set(items.map((r) => r.session_id))].map((id) => getSessionRow(ctx.db, id)),
      );
      const scs = new Map(
        (
          await contextsFor(
            ctx.db,
            sessions.filter((x) => x !== undefined),
            ctx.clock.now(),
          )
        ).map((sc) => [sc.session.id, sc]),
      );
      const out = [];
      for (const r of items) {
        const sc = scs.get(r.session_id);
        if (!sc) continue;
        out.push({
          ...presentRegistration(actor, sc, r, await waitlistPosition(ctx.db, r)),
          session: presentBrief(sc),
        });
      }
      return { items: out, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/event-registrations/:id/pass',
    {
      schema: {
        tags: TAGS,
        summary: '电子参会证（姓名、单位、场次、签到码及其二维码）',
        params: IdParams,
        response: { 200: Pass },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { sc, r } = await loadRegistration(ctx, actor, req.params.id);
      const holds = r.status === 'registered';
      const registration = presentRegistration(actor, sc, r, await waitlistPosition(ctx.db, r));
      // The QR payload is the bare check-in code, what the door staff would otherwise type.
      const qrSvg =
        holds && registration.code
          ? await QRCode.toString(registration.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
          : null;
      const onlineChannel = holds && r.attendance === 'online' ? sc.session.online_channel : null;
      return { registration, session: { ...presentBrief(sc), onlineChannel }, qrSvg };
    },
  );

  app.get(
    '/event-theme-days',
    {
      schema: {
        tags: TAGS,
        summary: '我负责组织的主题日（承办基地或受托支撑机构）及其场次数',
        querystring: ManagedThemeDayListQuery,
        response: { 200: ManagedThemeDayList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const mine = [];
      for (const td of await allThemeDays(ctx.db)) {
        if (!canSeeThemeDay(actor, td)) continue;
        const plan = await planOf(ctx.db, td.id);
        const facts = await loadPartFacts(ctx.db, td, ctx.clock.now(), supportIdsOf({ plan }));
        if (canManagePart(actor, td, 'sessions', facts)) mine.push({ td, plan });
      }
      mine.sort((a, b) =>
        q.order === 'asc' ? a.td.startDate.localeCompare(b.td.startDate) : b.td.startDate.localeCompare(a.td.startDate),
      );
      const pageItems = pageSlice(mine, q);
      const counts = await sessionCounts(
        ctx.db,
        pageItems.map((x) => x.td.id),
      );
      const now = ctx.clock.now();
      return {
        items: pageItems.map(({ td, plan }) => presentManagedThemeDay(td, plan, counts.get(td.id) ?? 0, now)),
        total: mine.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );
};
export default routes;
