/**
 * Event sessions of a theme day (开幕式、路演、研讨会、对接会、展览), registration with head-count limits and a
 * waitlist, check-in at the door, and the epidemic controls (capacity cut, switch to online-only).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { formatShanghai } from '../../../common/time.ts';
import { json } from '../../db/index.ts';
import { notFound } from '../../lib/errors.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { getThemeDay } from '../themedays/repository.ts';
import { canSeeThemeDay, loadScope } from '../themedays/policy.ts';
import {
  countsFor,
  getRegistrationWithPeople,
  getSessionContext,
  getSessionRow,
  listRegistrations,
  listSessions,
  parseQuestions,
  planOf,
  waitlistPosition,
  waitlistPositions,
} from './repository.ts';
import { canReadRegistrations, isRegistrant, canSeeRegistration, canSeeSession, isSessionStaff, isStaff, supportIdsOf } from './policy.ts';
import { presentRegistration, presentSession, presentSessions } from './presenter.ts';
import {
  CapacityBody,
  CheckInBody,
  CheckInResponse,
  HeadCount,
  IdParams,
  OnlineOnlyBody,
  RegisterBody,
  RegistrationList,
  RegistrationListQuery,
  RegistrationView,
  SessionCreateBody,
  SessionList,
  SessionListQuery,
  SessionUpdateBody,
  SessionView,
} from './schema.ts';
import { cancelRegistration, checkIn, createSession, register, updateSession } from './service.ts';
import { attachment, toCsv } from './csv.ts';

const TAGS = ['events'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  /** The session and its theme day; 404 unless the caller may see the theme day. */
  async function load(req: FastifyRequest, id: string) {
    const scope = await loadScope(db, requireActor(req));
    const ctx = ensureVisible(await getSessionContext(db, id), (c) => canSeeSession(scope, c));
    return { scope, ctx };
  }

  const present = async (req: FastifyRequest, id: string) => {
    const { scope, ctx } = await load(req, id);
    return presentSession(db, scope, ctx, app.clock.now());
  };

  app.get(
    '/theme-days/:id/sessions',
    { schema: { tags: TAGS, summary: '主题日的活动场次', params: IdParams, querystring: SessionListQuery, response: { 200: SessionList } } },
    async (req) => {
      const scope = await loadScope(db, requireActor(req));
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
      const scope = await loadScope(db, requireActor(req));
      const td = ensureVisible(await getThemeDay(db, req.params.id), (t) => canSeeThemeDay(scope, t));
      const plan = await planOf(db, td.id);
      authorize(isStaff(scope, td, supportIdsOf({ plan })), '只有承办基地或其委托的支撑机构可以设置活动场次');
      const id = await createSession({ req, themeDay: td, plan, body: req.body });
      return reply.code(201).send(await present(req, id));
    },
  );

  app.get(
    '/event-sessions/:id',
    { schema: { tags: TAGS, summary: '活动场次详情（线上渠道仅对已报名者显示，应急预案仅对工作人员显示）', params: IdParams, response: { 200: SessionView } } },
    async (req) => present(req, req.params.id),
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
      const actor = scope.actor;
      const orgName = actor.memberships.find((m) => m.organisationId === registration.organisation_id)?.organisationName ?? null;
      return reply.code(201).send(presentRegistration(scope, ctx, registration, pos, { userName: actor.name, organisationName: orgName }));
    },
  );

  app.get(
    '/event-sessions/:id/my-registration',
    { schema: { tags: TAGS, summary: '我的报名（含签到码与候补序位）', params: IdParams, response: { 200: RegistrationView } } },
    async (req) => {
      const { scope, ctx } = await load(req, req.params.id);
      const mine = await db.selectFrom('event_registrations').select('id').where('session_id', '=', ctx.session.id).where('user_id', '=', scope.actor.userId).executeTakeFirst();
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

  app.get(
    '/event-sessions/:id/registrations.csv',
    { schema: { tags: TAGS, summary: '导出报名与签到名单（CSV，UTF-8）', params: IdParams, produces: ['text/csv'] } },
    async (req, reply) => {
      const { scope, ctx } = await load(req, req.params.id);
      authorize(canReadRegistrations(scope, ctx), '只有工作人员可以导出报名名单');
      const [{ items }, positions] = await Promise.all([
        listRegistrations(db, { sessionId: ctx.session.id, page: 1, pageSize: 1_000_000, sort: 'seq', order: 'asc' }),
        waitlistPositions(db, ctx.session.id),
      ]);
      const questions = parseQuestions(ctx.session);
      const STATUS = { registered: '已报名', waitlisted: '候补', cancelled: '已取消' } as Record<string, string>;
      const header = ['序号', '姓名', '单位', '参会方式', '状态', '候补序位', '报名时间', '签到时间', ...questions.map((x) => x.label)];
      const rows = items.map((r, i) => {
        const answers = json.parse<Record<string, unknown>>(r.answers, {});
        return [
          i + 1,
          r.user_name,
          r.organisation_name ?? '',
          r.attendance === 'offline' ? '线下' : '线上',
          STATUS[r.status] ?? r.status,
          positions.get(r.id) ?? '',
          formatShanghai(r.created_at),
          r.checked_in_at ? formatShanghai(r.checked_in_at) : '',
          ...questions.map((x) => answers[x.key] ?? ''),
        ];
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(`${ctx.session.title}-报名名单.csv`))
        .header('cache-control', 'no-store')
        .send(toCsv(header, rows));
    },
  );

  /** A registration and its session; 404 unless it is the caller's own or they read the session's registrations. */
  async function loadRegistration(req: FastifyRequest, id: string) {
    const scope = await loadScope(db, requireActor(req));
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
};
export default routes;
