/**
 * Event sessions of a theme day (开幕式、路演、研讨会、对接会、展览), registration with head-count limits and a
 * waitlist, check-in at the door, and the epidemic controls (capacity cut, switch to online-only).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { formatShanghai, shanghaiToday } from '../../../common/time.ts';
import type { Actor } from '../../lib/context.ts';
import { json } from '../../db/index.ts';
import { notFound } from '../../lib/errors.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { getThemeDay } from '../themedays/repository.ts';
import { canSeeThemeDay } from '../themedays/policy.ts';
import {
  allThemeDays,
  contextsFor,
  countsFor,
  getRegistrationWithPeople,
  getSessionContext,
  getSessionRow,
  listMyRegistrations,
  listOpenSessions,
  listRegistrations,
  listSessions,
  sessionCounts,
  parseQuestions,
  planOf,
  waitlistPosition,
  waitlistPositions,
} from './repository.ts';
import { canReadRegistrations, isRegistrant, canSeeRegistration, canSeeSession, isSessionStaff, isStaff, supportIdsOf } from './policy.ts';
import { presentBrief, presentRegistration, presentSession, presentSessions } from './presenter.ts';
import {
  CapacityBody,
  CheckInBody,
  CheckInResponse,
  HeadCount,
  IdParams,
  ManagedThemeDayList,
  MyRegistrationList,
  MyRegistrationListQuery,
  OnlineOnlyBody,
  OpenSessionListQuery,
  PageQuery,
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
import { XLSX_MIME, toWorkbook, xlsxAttachment } from '../../lib/xlsx.ts';

const TAGS = ['events'];

/** The reader behind a portal visit without a session: no roles, no organisation, no registrations. */
const ANONYMOUS: Actor = { userId: '', name: '', sessionId: '', csrfToken: '', organisationId: null, organisationRegionCode: null, roles: [], memberships: [] };

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  /** The session and its theme day; 404 unless the caller may see the theme day. */
  async function load(req: FastifyRequest, id: string, scopeIn?: Actor) {
    const scope = scopeIn ?? requireActor(req.ctx);
    const ctx = ensureVisible(await getSessionContext(db, id), (c) => canSeeSession(scope, c));
    return { scope, ctx };
  }

  /**
   * Sessions are part of the public portal (417号: 活动报名 is open to every enterprise), so reading them needs
   * no sign-in: an anonymous visitor is a scope without roles, who sees what every signed-in user sees of a
   * published programme, minus anything personal (no registration, no online channel, no emergency plan).
   */
  async function readerScope(req: FastifyRequest): Promise<Actor> {
    return req.actor ?? ANONYMOUS;
  }

  const present = async (req: FastifyRequest, id: string, scopeIn?: Actor) => {
    const { scope, ctx } = await load(req, id, scopeIn);
    return presentSession(db, scope, ctx, app.clock.now());
  };

  app.get(
    '/theme-days/:id/sessions',
    { schema: { tags: TAGS, summary: '主题日的活动场次（无需登录）', params: IdParams, querystring: SessionListQuery, response: { 200: SessionList } } },
    async (req) => {
      const scope = await readerScope(req);
      const td = ensureVisible(await getThemeDay(db, req.params.id), (t) => canSeeThemeDay(scope, t));
      const plan = await planOf(db, td.id);
      const q = req.query;
      const { items, total } = await listSessions(db, { themeDayId: td.id, kind: q.kind, mode: q.mode, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
      const views = await presentSessions(db, scope, items.map((session) => ({ session, themeDay: td, plan })), app.clock.now());
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
      const scope = requireActor(req.ctx);
      const td = ensureVisible(await getThemeDay(db, req.params.id), (t) => canSeeThemeDay(scope, t));
      const plan = await planOf(db, td.id);
      authorize(isStaff(scope, td, supportIdsOf({ plan })), '只有承办基地或其委托的支撑机构可以设置活动场次');
      const id = await createSession({ req, themeDay: td, plan, body: req.body });
      return reply.code(201).send(await present(req, id));
    },
  );

  app.get(
    '/event-sessions/:id',
    { schema: { tags: TAGS, summary: '活动场次详情（无需登录；线上渠道仅对已报名者显示，应急预案仅对工作人员显示）', params: IdParams, response: { 200: SessionView } } },
    async (req) => present(req, req.params.id, await readerScope(req)),
  );

  app.patch(
    '/event-sessions/:id',
    { schema: { tags: TAGS, summary: '修改活动场次（名额或方式变化时自动调整候补并通知）', params: IdParams, body: SessionUpdateBody, response: { 200: SessionView } } },
    async (req) => {
      const { scope, ctx } = await load(req, req.params.id);
      authorize(isSessionStaff(scope, ctx), '只有承办基地或其委托的支撑机构可以修改活动场次');
      await updateSession({ req, ctx, body: req.body });
      return present(req, ctx.session.id);
    },
  );

  app.post(
    '/event-sessions/:id/capacity',
    { schema: { tags: TAGS, summary: '调整线下名额（疫情防控：超出部分按报名先后由晚到早转入候补）', params: IdParams, body: CapacityBody, response: { 200: SessionView } } },
    async (req) => {
      const { scope, ctx } = await load(req, req.params.id);
      authorize(isSessionStaff(scope, ctx), '只有承办基地或其委托的支撑机构可以调整名额');
      await updateSession({ req, ctx, body: { capacity: req.body.capacity, ...(req.body.reason ? { reason: req.body.reason } : {}) } });
      return present(req, ctx.session.id);
    },
  );

  app.post(
    '/event-sessions/:id/online-only',
    { schema: { tags: TAGS, summary: '改为仅线上举办（疫情防控：通知全部报名者线上参会渠道）', params: IdParams, body: OnlineOnlyBody, response: { 200: SessionView } } },
    async (req) => {
      const { scope, ctx } = await load(req, req.params.id);
      authorize(isSessionStaff(scope, ctx), '只有承办基地或其委托的支撑机构可以改为线上举办');
      const b = req.body;
      await updateSession({ req, ctx, body: { mode: 'online', ...(b.onlineChannel ? { onlineChannel: b.onlineChannel } : {}), ...(b.reason ? { reason: b.reason } : {}) } });
      return present(req, ctx.session.id);
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
      const { scope, ctx } = await load(req, req.params.id);
      const { registration, waitlistPosition: pos } = await register({ req, sessionId: ctx.session.id, attendance: req.body.attendance, answers: req.body.answers });
      const actor = scope;
      const orgName = actor.memberships.find((m) => m.organisationId === registration.organisation_id)?.organisationName ?? null;
      return reply.code(201).send(presentRegistration(scope, ctx, registration, pos, { userName: actor.name, organisationName: orgName }));
    },
  );

  app.get(
    '/event-sessions/:id/my-registration',
    { schema: { tags: TAGS, summary: '我的报名（含签到码与候补序位）', params: IdParams, response: { 200: RegistrationView } } },
    async (req) => {
      const { scope, ctx } = await load(req, req.params.id);
      const mine = await db.selectFrom('event_registrations').select('id').where('session_id', '=', ctx.session.id).where('user_id', '=', scope.userId).executeTakeFirst();
      if (!mine) throw notFound('您尚未报名本场活动');
      const r = (await getRegistrationWithPeople(db, mine.id))!;
      return presentRegistration(scope, ctx, r, await waitlistPosition(db, r));
    },
  );

  app.get(
    '/event-sessions/:id/registrations',
    { schema: { tags: TAGS, summary: '报名名单（工作人员）', params: IdParams, querystring: RegistrationListQuery, response: { 200: RegistrationList } } },
    async (req) => {
      const { scope, ctx } = await load(req, req.params.id);
      authorize(canReadRegistrations(scope, ctx), '只有工作人员可以查看报名名单');
      const q = req.query;
      const [{ items, total }, positions] = await Promise.all([
        listRegistrations(db, { sessionId: ctx.session.id, status: q.status, attendance: q.attendance, checkedIn: q.checkedIn === undefined ? undefined : q.checkedIn === 'true', q: q.q, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order }),
        waitlistPositions(db, ctx.session.id),
      ]);
      return { items: items.map((r) => presentRegistration(scope, ctx, r, positions.get(r.id) ?? null)), total, page: q.page, pageSize: q.pageSize };
    },
  );

  const STATUS_ZH: Record<string, string> = { registered: '已报名', waitlisted: '候补', cancelled: '已取消' };

  app.get(
    '/event-sessions/:id/registrations.xlsx',
    { schema: { tags: TAGS, summary: '导出报名名单（.xlsx：状态、候补序位、签到时间、报名问题的回答）', params: IdParams, produces: [XLSX_MIME] } },
    async (req, reply) => {
      const { scope, ctx } = await load(req, req.params.id);
      authorize(canReadRegistrations(scope, ctx), '只有工作人员可以导出报名名单');
      const [{ items }, positions] = await Promise.all([
        listRegistrations(db, { sessionId: ctx.session.id, page: 1, pageSize: 1_000_000, sort: 'seq', order: 'asc' }),
        waitlistPositions(db, ctx.session.id),
      ]);
      const questions = parseQuestions(ctx.session);
      const header = ['序号', '姓名', '单位', '参会方式', '状态', '候补序位', '报名时间', '签到时间', ...questions.map((x) => x.label)];
      const rows = items.map((r, i) => {
        const answers = json.parse<Record<string, unknown>>(r.answers, {});
        return [
          i + 1,
          r.user_name,
          r.organisation_name ?? '',
          r.attendance === 'offline' ? '线下' : '线上',
          STATUS_ZH[r.status] ?? r.status,
          positions.get(r.id) ?? '',
          formatShanghai(r.created_at),
          r.checked_in_at ? formatShanghai(r.checked_in_at) : '',
          ...questions.map((x) => answers[x.key] ?? ''),
        ];
      });
      const caption = `${ctx.session.title}（${formatShanghai(ctx.session.starts_at)}）报名名单，导出于${formatShanghai(app.clock.now().toISOString())}`;
      const buf = await toWorkbook([{ name: '报名名单', caption, header, rows, widths: [6, 14, 28, 10, 10, 10, 18, 18] }]);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment(`${ctx.session.title}-报名名单.xlsx`))
        .header('cache-control', 'no-store')
        .send(buf);
    },
  );

  app.get(
    '/event-sessions/:id/check-ins.xlsx',
    { schema: { tags: TAGS, summary: '导出签到名单（.xlsx：已签到者及签到时间，按签到先后）', params: IdParams, produces: [XLSX_MIME] } },
    async (req, reply) => {
      const { scope, ctx } = await load(req, req.params.id);
      authorize(canReadRegistrations(scope, ctx), '只有工作人员可以导出签到名单');
      const { items } = await listRegistrations(db, { sessionId: ctx.session.id, checkedIn: true, page: 1, pageSize: 1_000_000, sort: 'checkedInAt', order: 'asc' });
      const ids = [...new Set(items.map((r) => r.checked_in_by).filter((x): x is string => !!x))];
      const staff = ids.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute() : [];
      const staffName = new Map(staff.map((u) => [u.id, u.name]));
      const header = ['序号', '姓名', '单位', '签到时间', '签到码', '办理人'];
      const rows = items.map((r, i) => [i + 1, r.user_name, r.organisation_name ?? '', r.checked_in_at ? formatShanghai(r.checked_in_at) : '', r.code, staffName.get(r.checked_in_by ?? '') ?? '']);
      const counts = (await countsFor(db, [ctx.session.id])).get(ctx.session.id)!;
      const caption = `${ctx.session.title}（${formatShanghai(ctx.session.starts_at)}）签到名单：已签到${counts.offline.checkedIn}人 / 已报名${counts.offline.registered}人 / 名额${ctx.session.capacity ?? '—'}人，导出于${formatShanghai(app.clock.now().toISOString())}`;
      const buf = await toWorkbook([{ name: '签到名单', caption, header, rows, widths: [6, 14, 28, 18, 14, 14] }]);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment(`${ctx.session.title}-签到名单.xlsx`))
        .header('cache-control', 'no-store')
        .send(buf);
    },
  );

  /** A registration and its session; 404 unless it is the caller's own or they read the session's registrations. */
  async function loadRegistration(req: FastifyRequest, id: string) {
    const scope = requireActor(req.ctx);
    const r = await getRegistrationWithPeople(db, id);
    if (!r) throw notFound();
    const ctx = await getSessionContext(db, r.session_id);
    if (!ctx || !canSeeSession(scope, ctx) || !canSeeRegistration(scope, ctx, r)) throw notFound();
    return { scope, ctx, r };
  }

  app.get(
    '/event-registrations/:id',
    { schema: { tags: TAGS, summary: '报名详情（电子参会证：签到码）', params: IdParams, response: { 200: RegistrationView } } },
    async (req) => {
      const { scope, ctx, r } = await loadRegistration(req, req.params.id);
      return presentRegistration(scope, ctx, r, await waitlistPosition(db, r));
    },
  );

  app.post(
    '/event-registrations/:id/cancel',
    { schema: { tags: TAGS, summary: '取消报名（空出的名额自动递补给候补第一位）', params: IdParams, response: { 200: RegistrationView } } },
    async (req) => {
      const { scope, ctx, r } = await loadRegistration(req, req.params.id);
      authorize(isRegistrant(scope, r) || isSessionStaff(scope, ctx), '只有报名者本人或工作人员可以取消报名');
      await cancelRegistration({ req, registration: r });
      const after = (await getRegistrationWithPeople(db, r.id))!;
      return presentRegistration(scope, ctx, after, null);
    },
  );

  app.post(
    '/event-sessions/:id/check-in',
    { schema: { tags: TAGS, summary: '现场签到（扫描二维码或输入签到码）', params: IdParams, body: CheckInBody, response: { 200: CheckInResponse } } },
    async (req) => {
      const { scope, ctx } = await load(req, req.params.id);
      authorize(isSessionStaff(scope, ctx), '只有工作人员可以办理签到');
      const r = await checkIn({ req, session: ctx.session, code: req.body.code });
      const full = (await getRegistrationWithPeople(db, r.id))!;
      const counts = (await countsFor(db, [ctx.session.id])).get(ctx.session.id)!;
      const session = (await getSessionRow(db, ctx.session.id))!;
      return { registration: presentRegistration(scope, ctx, full, null), headCount: { checkedIn: counts.offline.checkedIn, capacity: session.capacity } };
    },
  );

  app.get(
    '/event-sessions/:id/head-count',
    { schema: { tags: TAGS, summary: '实时人数（已报名、候补、已签到）', params: IdParams, response: { 200: HeadCount } } },
    async (req) => {
      const { scope, ctx } = await load(req, req.params.id);
      authorize(canReadRegistrations(scope, ctx), '只有工作人员可以查看实时人数');
      const c = (await countsFor(db, [ctx.session.id])).get(ctx.session.id)!;
      return {
        sessionId: ctx.session.id,
        capacity: ctx.session.capacity,
        onlineLimit: ctx.session.online_limit,
        offline: c.offline,
        online: c.online,
        checkedIn: c.offline.checkedIn,
        at: app.clock.now().toISOString(),
      };
    },
  );
  app.get(
    '/event-sessions/open',
    { schema: { tags: TAGS, summary: '正在报名的活动场次（门户首页，无需登录）', querystring: OpenSessionListQuery, response: { 200: SessionList } } },
    async (req) => {
      const scope = await readerScope(req);
      const q = req.query;
      const now = app.clock.now();
      const { items, total } = await listOpenSessions(db, now.toISOString(), q.page, q.pageSize);
      const ctxs = (await contextsFor(db, items)).filter((c) => canSeeSession(scope, c));
      return { items: await presentSessions(db, scope, ctxs, now), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/my/event-registrations',
    { schema: { tags: TAGS, summary: '我的报名（各场次的状态、候补序位、签到码）', querystring: MyRegistrationListQuery, response: { 200: MyRegistrationList } } },
    async (req) => {
      const scope = requireActor(req.ctx);
      const q = req.query;
      const { items, total } = await listMyRegistrations(db, { userId: scope.userId, status: q.status, page: q.page, pageSize: q.pageSize, order: q.order });
      const sessions = await Promise.all([...new Set(items.map((r) => r.session_id))].map((id) => getSessionRow(db, id)));
      const ctxs = new Map((await contextsFor(db, sessions.filter((x) => x !== undefined))).map((c) => [c.session.id, c]));
      const out = [];
      for (const r of items) {
        const ctx = ctxs.get(r.session_id);
        if (!ctx) continue;
        out.push({ ...presentRegistration(scope, ctx, r, await waitlistPosition(db, r)), session: presentBrief(ctx) });
      }
      return { items: out, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/event-registrations/:id/pass',
    { schema: { tags: TAGS, summary: '电子参会证（姓名、单位、场次、签到码及其二维码）', params: IdParams, response: { 200: Pass } } },
    async (req) => {
      const { scope, ctx, r } = await loadRegistration(req, req.params.id);
      const holds = r.status === 'registered';
      const registration = presentRegistration(scope, ctx, r, await waitlistPosition(db, r));
      // The QR payload is the bare check-in code, what the door staff would otherwise type.
      const qrSvg = holds && registration.code ? await QRCode.toString(registration.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null;
      const onlineChannel = holds && r.attendance === 'online' ? ctx.session.online_channel : null;
      return { registration, session: { ...presentBrief(ctx), onlineChannel }, qrSvg };
    },
  );

  app.get(
    '/event-theme-days',
    { schema: { tags: TAGS, summary: '我负责组织的主题日（承办基地或受托支撑机构）及其场次数', querystring: PageQuery, response: { 200: ManagedThemeDayList } } },
    async (req) => {
      const scope = requireActor(req.ctx);
      const q = req.query;
      const mine = [];
      for (const td of await allThemeDays(db)) {
        if (!canSeeThemeDay(scope, td)) continue;
        const plan = await planOf(db, td.id);
        if (isStaff(scope, td, supportIdsOf({ plan }))) mine.push({ td, plan });
      }
      mine.sort((a, b) => (q.order === 'asc' ? a.td.startDate.localeCompare(b.td.startDate) : b.td.startDate.localeCompare(a.td.startDate)));
      const pageItems = mine.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      const counts = await sessionCounts(db, pageItems.map((x) => x.td.id));
      const today = shanghaiToday(app.clock.now());
      return {
        items: pageItems.map(({ td, plan }) => ({
          id: td.id,
          title: td.title,
          theme: td.theme,
          startDate: td.startDate,
          endDate: td.endDate,
          hostName: td.host.name,
          sessionCount: counts.get(td.id) ?? 0,
          activityPlanStatus: plan?.status ?? null,
          headcountLimit: plan?.content.headcountLimit ?? null,
          // New sessions only for an approved plan and a theme day that has not ended (Beijing date).
          abilities: { createSession: plan?.status === 'approved' && td.endDate >= today },
        })),
        total: mine.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );
};
export default routes;
