/**
 * 1:1 business meetings at theme days (一对一洽谈): sessions, participants, requests, meetings, organiser
 * scheduling with the B2B engine in a worker thread, agendas (JSON and .ics), overview and table sheets,
 * outcomes. Handlers run validate → load → authorise → act → present. The directory of sessions across
 * theme days (workspace list, organisable theme days, the public list) is in directory-routes.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageSlice, IdParams } from '../../../common/contracts/common.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { AppError, invalidState, notFound } from '../../lib/errors.ts';
import { nowIso } from '../../lib/ids.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { getThemeDay } from '../themedays/repository.ts';
import {
  allMeetings,
  allParticipants,
  getMeeting,
  getParticipant,
  getRequest,
  getRun,
  getSession,
  listParticipants,
  listRequests,
  listRuns,
  listSessions,
  meetingsOfParticipant,
  participantOfUser,
  supportOrganisationIds,
  type ParticipantRecord,
  type SessionRecord,
} from './repository.ts';
import {
  canJoin,
  canReadOverview,
  canSeeMeeting,
  canSeeRequest,
  canSeeSession,
  isOrganiser,
  isPartyToMeeting,
  meetingAbilities,
  type SessionFacts,
} from './policy.ts';
import {
  presentAgenda,
  presentMeetings,
  presentOverview,
  presentParticipant,
  presentRequests,
  presentRun,
  presentSession,
  presentTableSheets,
} from './presenter.ts';
import {
  acceptRequest,
  cancelMeeting,
  closeRequest,
  createRequest,
  createSession,
  fixMeeting,
  joinSession,
  recordOutcome,
  setAvailability,
  setParticipantLimit,
  setProfile,
  updateSession,
} from './service.ts';
import {
  adjustRun,
  closeRegistry,
  evaluate,
  previewOf,
  publishRun,
  registryOf,
  startRun,
  stopRun,
} from './scheduling.ts';
import { agendaIcs } from './ics.ts';
import directoryRoutes from './directory-routes.ts';
import {
  AdjustBody,
  AgendaView,
  AvailabilityBody,
  CancelBody,
  CreateRequestBody,
  CreateSessionBody,
  FixBody,
  MeetingList,
  MeetingListQuery,
  MeetingView,
  OutcomeBody,
  OverviewView,
  ParticipantList,
  ParticipantListQuery,
  ParticipantPatchBody,
  ParticipantView,
  PreviewView,
  ProfileBody,
  PublishBody,
  PublishResultView,
  RequestList,
  RequestListQuery,
  RequestView,
  RunList,
  RunListQuery,
  RunView,
  SessionList,
  SessionListQuery,
  SessionView,
  StartRunBody,
  TableSheetsView,
  UpdateSessionBody,
} from '../../../common/contracts/meetings.ts';

const TAG = ['meetings'];

const nowOf = (ctx: Ctx): string => nowIso(ctx.clock.now());

/** The facts about a session the policy needs besides the actor (the actor's participant row included). */
async function factsOf(
  ctx: Ctx,
  actor: Actor,
  themeDay: SessionFacts['themeDay'],
  sessionId: string | null,
): Promise<SessionFacts> {
  return {
    themeDay,
    supportOrganisationIds: await supportOrganisationIds(ctx.db, themeDay.id),
    me: sessionId === null ? null : ((await participantOfUser(ctx.db, sessionId, actor.userId)) ?? null),
  };
}

/** Loads a session with its facts; a session whose theme day the caller cannot see is 404. */
async function loadSession(ctx: Ctx, id: string): Promise<{ actor: Actor; s: SessionRecord; f: SessionFacts }> {
  const actor = requireActor(ctx);
  const s = await getSession(ctx.db, id);
  if (!s) throw notFound();
  const themeDay = await getThemeDay(ctx.db, s.themeDayId);
  if (!themeDay || !canSeeSession(actor, { themeDay })) throw notFound();
  return { actor, s, f: await factsOf(ctx, actor, themeDay, s.id) };
}

/** Loads a scheduler run; runs exist only for the session's organisers. */
async function loadRun(ctx: Ctx, id: string) {
  requireActor(ctx);
  const run = await getRun(ctx.db, id);
  if (!run) throw notFound();
  const loaded = await loadSession(ctx, run.sessionId);
  if (!isOrganiser(loaded.actor, loaded.f)) throw notFound();
  return { run, ...loaded };
}

/** Loads a request; it exists only for its two parties and the session's readers. */
async function loadRequest(ctx: Ctx, id: string) {
  requireActor(ctx);
  const r = await getRequest(ctx.db, id);
  if (!r) throw notFound();
  const loaded = await loadSession(ctx, r.sessionId);
  if (!canSeeRequest(loaded.actor, loaded.f, r)) throw notFound();
  return { r, ...loaded };
}

/** Loads a meeting; it exists only for its two parties and the session's readers. */
async function loadMeeting(ctx: Ctx, id: string) {
  requireActor(ctx);
  const m = await getMeeting(ctx.db, id);
  if (!m) throw notFound();
  const loaded = await loadSession(ctx, m.sessionId);
  if (!canSeeMeeting(loaded.actor, loaded.f, m)) throw notFound();
  return { m, ...loaded };
}

const requireParticipant = (f: SessionFacts): ParticipantRecord => {
  if (!f.me) throw new AppError(403, 'not_a_participant', '请先加入该洽谈会');
  return f.me;
};

/** The caller's agenda in a session (403 not_a_participant unless they joined). */
async function agendaOf(ctx: Ctx, id: string) {
  const { actor, s, f } = await loadSession(ctx, id);
  const me = requireParticipant(f);
  const meetings = (await meetingsOfParticipant(ctx.db, me.id)).filter((m) => m.status !== 'cancelled');
  return { s, view: await presentAgenda(ctx.db, actor, f, s, me, meetings, nowOf(ctx)) };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  // Scheduler workers report failed bookkeeping to the app's log and stop when the app closes.
  registryOf(app.database.db, app.log);
  app.addHook('onClose', async () => closeRegistry(app.database.db));
  await app.register(directoryRoutes);

  // ---------------------------------------------------------------------------------------------------
  // Sessions
  // ---------------------------------------------------------------------------------------------------

  app.post(
    '/theme-days/:id/meeting-sessions',
    {
      schema: {
        tags: TAG,
        summary: '创建一对一洽谈会',
        description:
          '承办基地管理员或受托支撑机构在主题日中创建洽谈会：日期须在主题日内，时段为北京时间，按开始时间划分上午/下午场；桌位与线上洽谈室至少一个。',
        params: IdParams,
        body: CreateSessionBody,
        response: { 201: SessionView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const themeDay = await getThemeDay(ctx.db, req.params.id);
      if (!themeDay || !canSeeSession(actor, { themeDay })) throw notFound();
      const f = await factsOf(ctx, actor, themeDay, null);
      authorize(isOrganiser(actor, f), '只有承办基地管理员或受托支撑机构可以创建洽谈会');
      const id = await createSession(ctx, { themeDay, body: req.body });
      return reply.status(201).send(await presentSession(ctx.db, actor, f, (await getSession(ctx.db, id))!));
    },
  );

  app.get(
    '/theme-days/:id/meeting-sessions',
    {
      schema: {
        tags: TAG,
        summary: '主题日的洽谈会列表',
        params: IdParams,
        querystring: SessionListQuery,
        response: { 200: SessionList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const themeDay = await getThemeDay(ctx.db, req.params.id);
      if (!themeDay || !canSeeSession(actor, { themeDay })) throw notFound();
      const support = await supportOrganisationIds(ctx.db, themeDay.id);
      const q = req.query;
      const { items, total } = await listSessions(ctx.db, {
        themeDayId: themeDay.id,
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        order: q.order,
        mode: q.mode,
        status: q.status,
      });
      const views = [];
      for (const s of items) {
        const me = (await participantOfUser(ctx.db, s.id, actor.userId)) ?? null;
        views.push(await presentSession(ctx.db, actor, { themeDay, supportOrganisationIds: support, me }, s));
      }
      return { items: views, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/meeting-sessions/:id',
    { schema: { tags: TAG, summary: '洽谈会详情', params: IdParams, response: { 200: SessionView } } },
    async (req) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      return presentSession(ctx.db, actor, f, s);
    },
  );

  app.patch(
    '/meeting-sessions/:id',
    {
      schema: {
        tags: TAG,
        summary: '修改洽谈会设置（含关闭/重新开放）',
        params: IdParams,
        body: UpdateSessionBody,
        response: { 200: SessionView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      authorize(isOrganiser(actor, f), '只有主办方可以修改洽谈会');
      await updateSession(ctx, { session: s, body: req.body });
      return presentSession(ctx.db, actor, f, (await getSession(ctx.db, s.id))!);
    },
  );

  // ---------------------------------------------------------------------------------------------------
  // Participants
  // ---------------------------------------------------------------------------------------------------

  app.post(
    '/meeting-sessions/:id/participants',
    {
      schema: {
        tags: TAG,
        summary: '以当前机构身份加入洽谈会',
        description: '可同时填写本机构可提供的（offer）和希望寻找的（seek），便于其他参会人决定是否邀约。',
        params: IdParams,
        body: ProfileBody.nullish(),
        response: { 201: ParticipantView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      if (f.me) throw new AppError(409, 'already_participant', '您已加入该洽谈会');
      if (s.status !== 'open') throw new AppError(409, 'meeting_session_closed', '该洽谈会已关闭');
      authorize(canJoin(actor, f, s), '当前机构身份不能参加洽谈');
      const id = await joinSession(ctx, { session: s, profile: req.body ?? undefined });
      const me = (await getParticipant(ctx.db, id))!;
      return reply.status(201).send(presentParticipant(actor, { ...f, me }, me));
    },
  );

  app.get(
    '/meeting-sessions/:id/participants',
    {
      schema: {
        tags: TAG,
        summary: '洽谈会参会人',
        description: '参会人与主办方可见；可按姓名或机构名称搜索。',
        params: IdParams,
        querystring: ParticipantListQuery,
        response: { 200: ParticipantList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      if (!f.me && !canReadOverview(actor, f)) throw new AppError(403, 'not_a_participant', '加入洽谈会后可查看参会人');
      const q = req.query;
      const { items, total } = await listParticipants(ctx.db, {
        sessionId: s.id,
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        order: q.order,
        ...(q.q ? { q: q.q } : {}),
      });
      return { items: items.map((p) => presentParticipant(actor, f, p)), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.put(
    '/meeting-sessions/:id/participants/me/profile',
    {
      schema: {
        tags: TAG,
        summary: '修改本机构在洽谈会中的供给与需求介绍',
        params: IdParams,
        body: ProfileBody,
        response: { 200: ParticipantView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, f } = await loadSession(ctx, req.params.id);
      const me = requireParticipant(f);
      await setProfile(ctx, { participant: me, offer: req.body.offer, seek: req.body.seek });
      const fresh = (await getParticipant(ctx.db, me.id))!;
      return presentParticipant(actor, { ...f, me: fresh }, fresh);
    },
  );

  app.put(
    '/meeting-sessions/:id/participants/me/availability',
    {
      schema: {
        tags: TAG,
        summary: '标记本人不可用的时段',
        params: IdParams,
        body: AvailabilityBody,
        response: { 200: ParticipantView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      const me = requireParticipant(f);
      await setAvailability(ctx, { session: s, participant: me, unavailableSlots: req.body.unavailableSlots });
      const fresh = (await getParticipant(ctx.db, me.id))!;
      return presentParticipant(actor, { ...f, me: fresh }, fresh);
    },
  );

  app.patch(
    '/meeting-participants/:id',
    {
      schema: {
        tags: TAG,
        summary: '调整某参会人的邀约上限',
        params: IdParams,
        body: ParticipantPatchBody,
        response: { 200: ParticipantView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const p = await getParticipant(ctx.db, req.params.id);
      if (!p) throw notFound();
      const { actor, f } = await loadSession(ctx, p.sessionId);
      if (!isOrganiser(actor, f) && f.me?.id !== p.id && !canReadOverview(actor, f)) throw notFound();
      authorize(isOrganiser(actor, f), '只有主办方可以调整邀约上限');
      await setParticipantLimit(ctx, { participant: p, requestLimit: req.body.requestLimit });
      return presentParticipant(actor, f, (await getParticipant(ctx.db, p.id))!);
    },
  );

  // ---------------------------------------------------------------------------------------------------
  // Requests
  // ---------------------------------------------------------------------------------------------------

  app.post(
    '/meeting-sessions/:id/requests',
    {
      schema: {
        tags: TAG,
        summary: '发起一对一洽谈邀约',
        description: '可附言并引用一条需求、资源或成果；每人未结束的邀约有上限，未答复的邀约到期自动失效。',
        params: IdParams,
        body: CreateRequestBody,
        response: { 201: RequestView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      const me = requireParticipant(f);
      const id = await createRequest(ctx, {
        session: s,
        me,
        recipientId: req.body.recipientParticipantId,
        message: req.body.message,
        citedItem: req.body.citedItem,
      });
      const [view] = await presentRequests(ctx.db, actor, f, s, [(await getRequest(ctx.db, id))!], nowOf(ctx));
      return reply.status(201).send(view!);
    },
  );

  app.get(
    '/meeting-sessions/:id/requests',
    {
      schema: {
        tags: TAG,
        summary: '洽谈邀约列表',
        description: '参会人看到自己发出和收到的邀约；主办方看到全部。',
        params: IdParams,
        querystring: RequestListQuery,
        response: { 200: RequestList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      const all = canReadOverview(actor, f);
      if (!all && !f.me) throw new AppError(403, 'not_a_participant', '请先加入该洽谈会');
      const q = req.query;
      const participantId = all && q.box === 'all' ? undefined : f.me?.id;
      if (!participantId && q.box !== 'all') throw new AppError(403, 'not_a_participant', '请先加入该洽谈会');
      const now = nowOf(ctx);
      const { items, total } = await listRequests(ctx.db, {
        sessionId: s.id,
        ...(participantId ? { participantId } : {}),
        box: q.box,
        status: q.status,
        now,
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        order: q.order,
      });
      return {
        items: await presentRequests(ctx.db, actor, f, s, items, now),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  for (const action of ['accept', 'decline', 'withdraw'] as const) {
    const summary = {
      accept: '接受洽谈邀约（自助预约模式下即时分配时段和桌位）',
      decline: '婉拒洽谈邀约',
      withdraw: '撤回洽谈邀约',
    }[action];
    app.post(
      `/meeting-requests/:id/${action}`,
      { schema: { tags: TAG, summary, params: IdParams, response: { 200: RequestView } } },
      async (req) => {
        const ctx = req.ctx;
        const { r, actor, s, f } = await loadRequest(ctx, req.params.id);
        const me = f.me;
        const mine = action === 'withdraw' ? me?.id === r.requesterId : me?.id === r.recipientId;
        authorize(!!me && mine, action === 'withdraw' ? '只有邀约方可以撤回邀约' : '只有受邀方可以答复邀约');
        if (action === 'accept') await acceptRequest(ctx, { sessionId: s.id, requestId: r.id, me: me! });
        else await closeRequest(ctx, { sessionId: s.id, requestId: r.id, me: me!, action });
        const [view] = await presentRequests(
          ctx.db,
          actor,
          f,
          (await getSession(ctx.db, s.id))!,
          [(await getRequest(ctx.db, r.id))!],
          nowOf(ctx),
        );
        return view!;
      },
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Meetings
  // ---------------------------------------------------------------------------------------------------

  app.get(
    '/meeting-sessions/:id/meetings',
    {
      schema: {
        tags: TAG,
        summary: '洽谈列表',
        description: '参会人看到自己的洽谈；主办方与观察方看到全部。',
        params: IdParams,
        querystring: MeetingListQuery,
        response: { 200: MeetingList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      const all = canReadOverview(actor, f);
      if (!all && !f.me) throw new AppError(403, 'not_a_participant', '请先加入该洽谈会');
      const q = req.query;
      let list = all ? await allMeetings(ctx.db, s.id) : await meetingsOfParticipant(ctx.db, f.me!.id);
      if (q.status) list = list.filter((m) => m.status === q.status);
      const key = (m: (typeof list)[number]) =>
        q.sort === 'slot' ? String(m.slotIndex ?? 9999).padStart(5, '0') + m.createdAt : m.createdAt;
      list.sort(
        (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1) * (q.order === 'asc' ? 1 : -1),
      );
      return {
        items: await presentMeetings(ctx.db, actor, f, s, pageSlice(list, q), nowOf(ctx)),
        total: list.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/meetings/:id',
    { schema: { tags: TAG, summary: '洽谈详情', params: IdParams, response: { 200: MeetingView } } },
    async (req) => {
      const ctx = req.ctx;
      const { m, actor, s, f } = await loadMeeting(ctx, req.params.id);
      return (await presentMeetings(ctx.db, actor, f, s, [m], nowOf(ctx)))[0]!;
    },
  );

  app.post(
    '/meetings/:id/cancel',
    {
      schema: {
        tags: TAG,
        summary: '取消洽谈（释放时段和桌位，通知对方）',
        params: IdParams,
        body: CancelBody,
        response: { 200: MeetingView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { m, actor, s, f } = await loadMeeting(ctx, req.params.id);
      authorize(isPartyToMeeting(actor, f, m) || isOrganiser(actor, f), '无权取消该洽谈');
      if (m.status !== 'cancelled' && !meetingAbilities(actor, f, m, nowOf(ctx), s).cancel)
        throw invalidState('洽谈已结束，不能取消');
      await cancelMeeting(ctx, { sessionId: s.id, meetingId: m.id, reason: req.body?.reason });
      return (await presentMeetings(ctx.db, actor, f, s, [(await getMeeting(ctx.db, m.id))!], nowOf(ctx)))[0]!;
    },
  );

  app.post(
    '/meetings/:id/fix',
    {
      schema: {
        tags: TAG,
        summary: '将洽谈固定到指定时段（slotIndex 为 null 时取消固定）',
        params: IdParams,
        body: FixBody,
        response: { 200: MeetingView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { m, actor, s, f } = await loadMeeting(ctx, req.params.id);
      authorize(isOrganiser(actor, f), '只有主办方可以指定洽谈时段');
      await fixMeeting(ctx, { sessionId: s.id, meetingId: m.id, slotIndex: req.body.slotIndex });
      return (
        await presentMeetings(
          ctx.db,
          actor,
          f,
          (await getSession(ctx.db, s.id))!,
          [(await getMeeting(ctx.db, m.id))!],
          nowOf(ctx),
        )
      )[0]!;
    },
  );

  app.put(
    '/meetings/:id/outcome',
    {
      schema: {
        tags: TAG,
        summary: '填写洽谈结果',
        description: '洽谈结束后双方各自填写：未进行 / 无合作意向 / 有收获但暂无合作 / 有合作可能。',
        params: IdParams,
        body: OutcomeBody,
        response: { 200: MeetingView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { m, actor, s, f } = await loadMeeting(ctx, req.params.id);
      authorize(isPartyToMeeting(actor, f, m), '只有洽谈双方可以填写结果');
      await recordOutcome(ctx, { session: s, meeting: m, me: f.me!, outcome: req.body.outcome, note: req.body.note });
      return (await presentMeetings(ctx.db, actor, f, s, [m], nowOf(ctx)))[0]!;
    },
  );

  // ---------------------------------------------------------------------------------------------------
  // Agendas, overview, table sheets
  // ---------------------------------------------------------------------------------------------------

  app.get(
    '/meeting-sessions/:id/agenda',
    {
      schema: {
        tags: TAG,
        summary: '我的洽谈日程',
        description: '时间、桌号或线上链接、对方、引用的条目；organiser 模式下发布前只有待排程的洽谈。',
        params: IdParams,
        response: { 200: AgendaView },
      },
    },
    async (req) => (await agendaOf(req.ctx, req.params.id)).view,
  );

  app.get(
    '/meeting-sessions/:id/agenda.ics',
    {
      schema: {
        tags: TAG,
        summary: '下载我的洽谈日程（iCalendar）',
        description: 'RFC 5545；时间以 UTC 表示，日历软件按本地时区显示正确的北京时间。',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { s, view } = await agendaOf(ctx, req.params.id);
      const ics = agendaIcs(s, view.items, ctx.clock.now());
      const name = `洽谈日程-${s.date}.ics`;
      return reply
        .type('text/calendar; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="agenda-${s.date}.ics"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(ics);
    },
  );

  app.get(
    '/meeting-sessions/:id/overview',
    { schema: { tags: TAG, summary: '洽谈会总览（主办方）', params: IdParams, response: { 200: OverviewView } } },
    async (req) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      authorize(canReadOverview(actor, f), '只有主办方可以查看洽谈会总览');
      const meetings = await allMeetings(ctx.db, s.id);
      const pending = await listRequests(ctx.db, {
        sessionId: s.id,
        box: 'all',
        status: 'pending',
        now: nowOf(ctx),
        page: 1,
        pageSize: 1,
        sort: 'createdAt',
        order: 'asc',
      });
      const participants = await allParticipants(ctx.db, s.id);
      return presentOverview(ctx.db, s, {
        session: await presentSession(ctx.db, actor, f, s),
        meetings,
        participants: participants.length,
        pendingRequests: pending.total,
      });
    },
  );

  app.get(
    '/meeting-sessions/:id/table-sheets',
    {
      schema: {
        tags: TAG,
        summary: '桌位/洽谈室排程表（供打印）',
        params: IdParams,
        response: { 200: TableSheetsView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      authorize(canReadOverview(actor, f), '只有主办方可以查看桌位排程表');
      return presentTableSheets(ctx.db, s, await allMeetings(ctx.db, s.id));
    },
  );

  // ---------------------------------------------------------------------------------------------------
  // Organiser scheduling
  // ---------------------------------------------------------------------------------------------------

  app.post(
    '/meeting-sessions/:id/schedule-runs',
    {
      schema: {
        tags: TAG,
        summary: '启动统一排程',
        description:
          '在后台线程中对全部已接受的洽谈运行排程器（最少空档、公平上限）；发布后再次排程时默认不移动已发布的洽谈（allowMoves=false）。',
        params: IdParams,
        body: StartRunBody,
        response: { 202: RunView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      authorize(isOrganiser(actor, f), '只有主办方可以排程');
      const id = await startRun(ctx, {
        session: s,
        allowMoves: req.body.allowMoves,
        timeLimitMs: Math.round(req.body.timeLimitSeconds * 1000),
        seed: req.body.seed,
      });
      return reply.status(202).send(presentRun(actor, f, (await getRun(ctx.db, id))!));
    },
  );

  app.get(
    '/meeting-sessions/:id/schedule-runs',
    {
      schema: {
        tags: TAG,
        summary: '排程记录',
        params: IdParams,
        querystring: RunListQuery,
        response: { 200: RunList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, s, f } = await loadSession(ctx, req.params.id);
      authorize(isOrganiser(actor, f), '只有主办方可以查看排程');
      const q = req.query;
      const { items, total } = await listRuns(ctx.db, s.id, q.page, q.pageSize);
      return { items: items.map((r) => presentRun(actor, f, r)), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/schedule-runs/:id',
    {
      schema: {
        tags: TAG,
        summary: '排程进度（当前最优空档数、下界、用时）',
        params: IdParams,
        response: { 200: RunView },
      },
    },
    async (req) => {
      const { run, actor, f } = await loadRun(req.ctx, req.params.id);
      return presentRun(actor, f, run);
    },
  );

  app.post(
    '/schedule-runs/:id/stop',
    { schema: { tags: TAG, summary: '停止排程并保留当前最优结果', params: IdParams, response: { 200: RunView } } },
    async (req) => {
      const ctx = req.ctx;
      const { run, actor, f } = await loadRun(ctx, req.params.id);
      await stopRun(ctx, { run });
      return presentRun(actor, f, (await getRun(ctx.db, run.id))!);
    },
  );

  app.get(
    '/schedule-runs/:id/preview',
    {
      schema: {
        tags: TAG,
        summary: '排程预览：每位参会人的日程与空档数、未排入的洽谈及原因、约束检查',
        params: IdParams,
        response: { 200: PreviewView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { run, actor, s, f } = await loadRun(ctx, req.params.id);
      if (run.status === 'running' || run.status === 'failed' || !run.result)
        throw new AppError(409, 'invalid_state', run.status === 'failed' ? '排程失败，请重新排程' : '排程尚未完成');
      const ev = await evaluate(ctx.db, s, run);
      return { run: presentRun(actor, f, run), ...previewOf(ev, s, run) };
    },
  );

  app.post(
    '/schedule-runs/:id/adjustments',
    {
      schema: {
        tags: TAG,
        summary: '手动调整排程草稿中的一场洽谈',
        params: IdParams,
        body: AdjustBody,
        response: { 200: PreviewView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { run, actor, s, f } = await loadRun(ctx, req.params.id);
      await adjustRun(ctx, {
        session: s,
        runId: run.id,
        meetingId: req.body.meetingId,
        slotIndex: req.body.slotIndex,
        location: req.body.location,
      });
      const fresh = (await getRun(ctx.db, run.id))!;
      const ev = await evaluate(ctx.db, s, fresh);
      return { run: presentRun(actor, f, fresh), ...previewOf(ev, s, fresh) };
    },
  );

  app.post(
    '/schedule-runs/:id/publish',
    {
      schema: {
        tags: TAG,
        summary: '发布排程',
        description:
          '发布前用独立校验器重新检查；存在冲突时拒绝（schedule_invalid），有未排入的洽谈或超出公平上限须明确确认。发布后通知相关参会人。',
        params: IdParams,
        body: PublishBody,
        response: { 200: PublishResultView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { run, actor, s, f } = await loadRun(ctx, req.params.id);
      const out = await publishRun(ctx, {
        sessionId: s.id,
        runId: run.id,
        acceptUnscheduled: req.body.acceptUnscheduled,
        acceptUnfair: req.body.acceptUnfair,
      });
      return { run: presentRun(actor, f, (await getRun(ctx.db, run.id))!), ...out };
    },
  );
};

export default routes;
