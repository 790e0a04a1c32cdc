/**
 * 1:1 business meetings at theme days (一对一洽谈): sessions, participants, requests, meetings, organiser
 * scheduling with the B2B engine in a worker thread, agendas (JSON and .ics), overview and table sheets,
 * outcomes. Handlers run validate → load → authorise → act → present.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatShanghai } from '../../../common/time.ts';
import { breaksOfSlots } from '../../engines/b2b/model.ts';
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
  outcomesOf,
  participantOfUser,
  participantsById,
  supportOrganisationIds,
  type SessionRecord,
} from './repository.ts';
import {
  canReadOverview,
  canSeeMeeting,
  canSeeRequest,
  canSeeSession,
  canJoin,
  isOrganiser,
  isPartyToMeeting,
  meetingAbilities,
  type MeetingScope,
} from './policy.ts';
import {
  citedItemOf,
  locationView,
  partyView,
  presentMeetings,
  presentParticipant,
  presentRequests,
  presentRun,
  presentSession,
  slotView,
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
import { adjustRun, closeRegistry, evaluate, previewOf, publishRun, startRun, stopRun } from './scheduling.ts';
import { buildIcs } from './ics.ts';
import listingRoutes from './listing-routes.ts';
import {
  AdjustBody,
  AgendaView,
  AvailabilityBody,
  CancelBody,
  CreateRequestBody,
  CreateSessionBody,
  FixBody,
  IdParams,
  MeetingView,
  OutcomeBody,
  OverviewView,
  Page,
  ParticipantListQuery,
  ParticipantPatchBody,
  ParticipantView,
  PreviewView,
  ProfileBody,
  PublishBody,
  RequestListQuery,
  RequestView,
  RunView,
  SessionListQuery,
  SessionView,
  StartRunBody,
  TableSheetsView,
  UpdateSessionBody,
} from '../../../common/contracts/meetings.ts';

const TAG = ['meetings'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.addHook('onClose', async () => closeRegistry(app));
  await app.register(listingRoutes);

  const now = () => nowIso(app.clock.now());

  /** Loads a session with the caller's scope; a session whose theme day the caller cannot see is 404. */
  async function sessionContext(req: FastifyRequest, id: string): Promise<{ s: SessionRecord; ms: MeetingScope }> {
    const actor = requireActor(req.ctx);
    const s = await getSession(db, id);
    if (!s) throw notFound();
    const themeDay = await getThemeDay(db, s.themeDayId);
    if (!themeDay) throw notFound();
    const scope = actor;
    const base = { scope, themeDay };
    if (!canSeeSession(base)) throw notFound();
    const ms: MeetingScope = { ...base, supportOrganisationIds: await supportOrganisationIds(db, themeDay.id), me: (await participantOfUser(db, s.id, actor.userId)) ?? null };
    return { s, ms };
  }

  const requireParticipant = (ms: MeetingScope) => {
    if (!ms.me) throw new AppError(403, 'not_a_participant', '请先加入该洽谈会');
    return ms.me;
  };

  async function runContext(req: FastifyRequest, id: string) {
    requireActor(req.ctx);
    const run = await getRun(db, id);
    if (!run) throw notFound();
    const ctx = await sessionContext(req, run.sessionId);
    if (!isOrganiser(ctx.ms)) throw notFound();
    return { run, ...ctx };
  }

  // ---------------------------------------------------------------------------------------------------
  // Sessions
  // ---------------------------------------------------------------------------------------------------

  app.post(
    '/theme-days/:id/meeting-sessions',
    {
      schema: {
        tags: TAG,
        summary: '创建一对一洽谈会',
        description: '承办基地管理员或受托支撑机构在主题日中创建洽谈会：日期须在主题日内，时段为北京时间，按开始时间划分上午/下午场；桌位与线上洽谈室至少一个。',
        params: IdParams,
        body: CreateSessionBody,
        response: { 201: SessionView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const themeDay = await getThemeDay(db, req.params.id);
      const scope = actor;
      if (!themeDay || !canSeeSession({ scope, themeDay })) throw notFound();
      const ms: MeetingScope = { scope, themeDay, supportOrganisationIds: await supportOrganisationIds(db, themeDay.id), me: null };
      authorize(isOrganiser(ms), '只有承办基地管理员或受托支撑机构可以创建洽谈会');
      const id = await createSession({ req, themeDay, body: req.body });
      return reply.status(201).send(await presentSession(db, ms, (await getSession(db, id))!));
    },
  );

  app.get(
    '/theme-days/:id/meeting-sessions',
    { schema: { tags: TAG, summary: '主题日的洽谈会列表', params: IdParams, querystring: SessionListQuery, response: { 200: Page(SessionView) } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const themeDay = await getThemeDay(db, req.params.id);
      const scope = actor;
      if (!themeDay || !canSeeSession({ scope, themeDay })) throw notFound();
      const support = await supportOrganisationIds(db, themeDay.id);
      const q = req.query;
      const { items, total } = await listSessions(db, { themeDayId: themeDay.id, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order, ...(q.mode ? { mode: q.mode } : {}), ...(q.status ? { status: q.status } : {}) });
      const views = [];
      for (const s of items) {
        const me = (await participantOfUser(db, s.id, actor.userId)) ?? null;
        views.push(await presentSession(db, { scope, themeDay, supportOrganisationIds: support, me }, s));
      }
      return { items: views, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/meeting-sessions/:id',
    { schema: { tags: TAG, summary: '洽谈会详情', params: IdParams, response: { 200: SessionView } } },
    async (req) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      return presentSession(db, ms, s);
    },
  );

  app.patch(
    '/meeting-sessions/:id',
    { schema: { tags: TAG, summary: '修改洽谈会设置（含关闭/重新开放）', params: IdParams, body: UpdateSessionBody, response: { 200: SessionView } } },
    async (req) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      authorize(isOrganiser(ms), '只有主办方可以修改洽谈会');
      await updateSession({ req, session: s, body: req.body as Parameters<typeof updateSession>[0]['body'] });
      return presentSession(db, ms, (await getSession(db, s.id))!);
    },
  );

  // ---------------------------------------------------------------------------------------------------
  // Participants
  // ---------------------------------------------------------------------------------------------------

  app.post(
    '/meeting-sessions/:id/participants',
    { schema: { tags: TAG, summary: '以当前机构身份加入洽谈会', description: '可同时填写本机构可提供的（offer）和希望寻找的（seek），便于其他参会人决定是否邀约。', params: IdParams, body: ProfileBody.nullish(), response: { 201: ParticipantView } } },
    async (req, reply) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      if (ms.me) throw new AppError(409, 'already_participant', '您已加入该洽谈会');
      if (s.status !== 'open') throw new AppError(409, 'meeting_session_closed', '该洽谈会已关闭');
      authorize(canJoin(ms, s), '当前机构身份不能参加洽谈');
      const id = await joinSession({ req, session: s, profile: req.body ?? undefined });
      const me = (await getParticipant(db, id))!;
      return reply.status(201).send(presentParticipant({ ...ms, me }, me));
    },
  );

  app.get(
    '/meeting-sessions/:id/participants',
    { schema: { tags: TAG, summary: '洽谈会参会人', description: '参会人与主办方可见；可按姓名或机构名称搜索。', params: IdParams, querystring: ParticipantListQuery, response: { 200: Page(ParticipantView) } } },
    async (req) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      if (!ms.me && !canReadOverview(ms)) throw new AppError(403, 'not_a_participant', '加入洽谈会后可查看参会人');
      const q = req.query;
      const { items, total } = await listParticipants(db, { sessionId: s.id, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order, ...(q.q ? { q: q.q } : {}) });
      return { items: items.map((p) => presentParticipant(ms, p)), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.put(
    '/meeting-sessions/:id/participants/me/profile',
    { schema: { tags: TAG, summary: '修改本机构在洽谈会中的供给与需求介绍', params: IdParams, body: ProfileBody, response: { 200: ParticipantView } } },
    async (req) => {
      const { ms } = await sessionContext(req, req.params.id);
      const me = requireParticipant(ms);
      await setProfile({ req, participant: me, offer: req.body.offer, seek: req.body.seek });
      const fresh = (await getParticipant(db, me.id))!;
      return presentParticipant({ ...ms, me: fresh }, fresh);
    },
  );

  app.put(
    '/meeting-sessions/:id/participants/me/availability',
    { schema: { tags: TAG, summary: '标记本人不可用的时段', params: IdParams, body: AvailabilityBody, response: { 200: ParticipantView } } },
    async (req) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      const me = requireParticipant(ms);
      await setAvailability({ req, session: s, participant: me, unavailableSlots: req.body.unavailableSlots });
      const fresh = (await getParticipant(db, me.id))!;
      return presentParticipant({ ...ms, me: fresh }, fresh);
    },
  );

  app.patch(
    '/meeting-participants/:id',
    { schema: { tags: TAG, summary: '调整某参会人的邀约上限', params: IdParams, body: ParticipantPatchBody, response: { 200: ParticipantView } } },
    async (req) => {
      requireActor(req.ctx);
      const p = await getParticipant(db, req.params.id);
      if (!p) throw notFound();
      const { ms } = await sessionContext(req, p.sessionId);
      if (!isOrganiser(ms) && ms.me?.id !== p.id && !canReadOverview(ms)) throw notFound();
      authorize(isOrganiser(ms), '只有主办方可以调整邀约上限');
      await setParticipantLimit({ req, participant: p, requestLimit: req.body.requestLimit });
      return presentParticipant(ms, (await getParticipant(db, p.id))!);
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
      const { s, ms } = await sessionContext(req, req.params.id);
      const me = requireParticipant(ms);
      const id = await createRequest({ req, session: s, me, recipientId: req.body.recipientParticipantId, message: req.body.message, citedItem: req.body.citedItem });
      const [view] = await presentRequests(db, ms, s, [(await getRequest(db, id))!], now());
      return reply.status(201).send(view!);
    },
  );

  app.get(
    '/meeting-sessions/:id/requests',
    { schema: { tags: TAG, summary: '洽谈邀约列表', description: '参会人看到自己发出和收到的邀约；主办方看到全部。', params: IdParams, querystring: RequestListQuery, response: { 200: Page(RequestView) } } },
    async (req) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      const all = canReadOverview(ms);
      if (!all && !ms.me) throw new AppError(403, 'not_a_participant', '请先加入该洽谈会');
      const q = req.query;
      const participantId = all && q.box === 'all' ? undefined : ms.me?.id;
      if (!participantId && q.box !== 'all') throw new AppError(403, 'not_a_participant', '请先加入该洽谈会');
      const { items, total } = await listRequests(db, { sessionId: s.id, ...(participantId ? { participantId } : {}), box: q.box, ...(q.status ? { status: q.status } : {}), now: now(), page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order });
      return { items: await presentRequests(db, ms, s, items, now()), total, page: q.page, pageSize: q.pageSize };
    },
  );

  async function requestContext(req: FastifyRequest, id: string) {
    requireActor(req.ctx);
    const r = await getRequest(db, id);
    if (!r) throw notFound();
    const ctx = await sessionContext(req, r.sessionId);
    if (!canSeeRequest(ctx.ms, r)) throw notFound();
    return { r, ...ctx };
  }

  for (const action of ['accept', 'decline', 'withdraw'] as const) {
    const summary = { accept: '接受洽谈邀约（自助预约模式下即时分配时段和桌位）', decline: '婉拒洽谈邀约', withdraw: '撤回洽谈邀约' }[action];
    app.post(
      `/meeting-requests/:id/${action}`,
      { schema: { tags: TAG, summary, params: IdParams, response: { 200: RequestView } } },
      async (req) => {
        const { r, s, ms } = await requestContext(req, req.params.id);
        const me = ms.me;
        const mine = action === 'withdraw' ? me?.id === r.requesterId : me?.id === r.recipientId;
        authorize(!!me && mine, action === 'withdraw' ? '只有邀约方可以撤回邀约' : '只有受邀方可以答复邀约');
        if (action === 'accept') await acceptRequest({ req, sessionId: s.id, requestId: r.id, me: me! });
        else await closeRequest({ req, sessionId: s.id, requestId: r.id, me: me!, action });
        const [view] = await presentRequests(db, ms, (await getSession(db, s.id))!, [(await getRequest(db, r.id))!], now());
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
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
          sort: z.enum(['createdAt', 'slot']).default('slot'),
          order: z.enum(['asc', 'desc']).default('asc'),
          status: z.enum(['accepted', 'scheduled', 'cancelled']).optional(),
        }),
        response: { 200: Page(MeetingView) },
      },
    },
    async (req) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      const all = canReadOverview(ms);
      if (!all && !ms.me) throw new AppError(403, 'not_a_participant', '请先加入该洽谈会');
      const q = req.query;
      let list = all ? await allMeetings(db, s.id) : await meetingsOfParticipant(db, ms.me!.id);
      if (q.status) list = list.filter((m) => m.status === q.status);
      const key = (m: (typeof list)[number]) => (q.sort === 'slot' ? String(m.slotIndex ?? 9999).padStart(5, '0') + m.createdAt : m.createdAt);
      list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1) * (q.order === 'asc' ? 1 : -1));
      const pageItems = list.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      return { items: await presentMeetings(db, ms, s, pageItems, now()), total: list.length, page: q.page, pageSize: q.pageSize };
    },
  );

  async function meetingContext(req: FastifyRequest, id: string) {
    requireActor(req.ctx);
    const m = await getMeeting(db, id);
    if (!m) throw notFound();
    const ctx = await sessionContext(req, m.sessionId);
    if (!canSeeMeeting(ctx.ms, m)) throw notFound();
    return { m, ...ctx };
  }

  app.get(
    '/meetings/:id',
    { schema: { tags: TAG, summary: '洽谈详情', params: IdParams, response: { 200: MeetingView } } },
    async (req) => {
      const { m, s, ms } = await meetingContext(req, req.params.id);
      return (await presentMeetings(db, ms, s, [m], now()))[0]!;
    },
  );

  app.post(
    '/meetings/:id/cancel',
    { schema: { tags: TAG, summary: '取消洽谈（释放时段和桌位，通知对方）', params: IdParams, body: CancelBody, response: { 200: MeetingView } } },
    async (req) => {
      const { m, s, ms } = await meetingContext(req, req.params.id);
      authorize(isPartyToMeeting(ms, m) || isOrganiser(ms), '无权取消该洽谈');
      if (m.status !== 'cancelled' && !meetingAbilities(ms, m, now(), s).cancel) throw invalidState('洽谈已结束，不能取消');
      await cancelMeeting({ req, sessionId: s.id, meetingId: m.id, reason: req.body?.reason });
      return (await presentMeetings(db, ms, s, [(await getMeeting(db, m.id))!], now()))[0]!;
    },
  );

  app.post(
    '/meetings/:id/fix',
    { schema: { tags: TAG, summary: '将洽谈固定到指定时段（slotIndex 为 null 时取消固定）', params: IdParams, body: FixBody, response: { 200: MeetingView } } },
    async (req) => {
      const { m, s, ms } = await meetingContext(req, req.params.id);
      authorize(isOrganiser(ms), '只有主办方可以指定洽谈时段');
      await fixMeeting({ req, sessionId: s.id, meetingId: m.id, slotIndex: req.body.slotIndex });
      return (await presentMeetings(db, ms, (await getSession(db, s.id))!, [(await getMeeting(db, m.id))!], now()))[0]!;
    },
  );

  app.put(
    '/meetings/:id/outcome',
    { schema: { tags: TAG, summary: '填写洽谈结果', description: '洽谈结束后双方各自填写：未进行 / 无合作意向 / 有收获但暂无合作 / 有合作可能。', params: IdParams, body: OutcomeBody, response: { 200: MeetingView } } },
    async (req) => {
      const { m, s, ms } = await meetingContext(req, req.params.id);
      authorize(isPartyToMeeting(ms, m), '只有洽谈双方可以填写结果');
      await recordOutcome({ req, session: s, meeting: m, me: ms.me!, outcome: req.body.outcome, note: req.body.note });
      return (await presentMeetings(db, ms, s, [m], now()))[0]!;
    },
  );

  // ---------------------------------------------------------------------------------------------------
  // Agendas, overview, table sheets
  // ---------------------------------------------------------------------------------------------------

  async function agendaOf(req: FastifyRequest, id: string) {
    const { s, ms } = await sessionContext(req, id);
    const me = requireParticipant(ms);
    const list = (await meetingsOfParticipant(db, me.id)).filter((m) => m.status !== 'cancelled');
    const people = await participantsById(db, list.flatMap((m) => [m.participantAId, m.participantBId]));
    const reqs = list.length ? await db.selectFrom('meeting_requests').select(['id', 'message', 'cited_type', 'cited_id']).where('id', 'in', list.map((m) => m.requestId)).execute() : [];
    const reqOf = new Map(reqs.map((r) => [r.id, r]));
    const outcomes = await outcomesOf(db, list.map((m) => m.id));
    const counterpart = (m: (typeof list)[number]) => {
      const other = m.participantAId === me.id ? m.participantBId : m.participantAId;
      return partyView(people.get(other), other);
    };
    const scheduled = list.filter((m) => m.status === 'scheduled' && m.slotIndex !== null).sort((a, b) => a.slotIndex! - b.slotIndex!);
    const items = scheduled.map((m) => {
      const r = reqOf.get(m.requestId);
      return {
        meetingId: m.id,
        slot: slotView(s, m.slotIndex!)!,
        location: locationView(s, m.location),
        onlineLink: m.onlineLink,
        counterpart: counterpart(m),
        message: r?.message ?? null,
        citedItem: r ? citedItemOf({ citedType: r.cited_type, citedId: r.cited_id }) : null,
        myOutcome: (outcomes.find((o) => o.meetingId === m.id && o.participantId === me.id)?.outcome ?? null) as z.infer<typeof AgendaView>['items'][number]['myOutcome'],
        abilities: meetingAbilities(ms, m, now(), s),
      };
    });
    return {
      s,
      me,
      view: {
        session: { id: s.id, title: s.title, date: s.date, venue: s.venue, publishedAt: s.publishedAt, mode: s.mode },
        participantId: me.id,
        breaks: breaksOfSlots(scheduled.map((m) => m.slotIndex!), s.morningSlots > 0 ? s.morningSlots : s.slots.length),
        items,
        unscheduled: list.filter((m) => m.status === 'accepted').map((m) => ({ meetingId: m.id, counterpart: counterpart(m) })),
      },
    };
  }

  app.get(
    '/meeting-sessions/:id/agenda',
    { schema: { tags: TAG, summary: '我的洽谈日程', description: '时间、桌号或线上链接、对方、引用的条目；organiser 模式下发布前只有待排程的洽谈。', params: IdParams, response: { 200: AgendaView } } },
    async (req) => (await agendaOf(req, req.params.id)).view,
  );

  app.get(
    '/meeting-sessions/:id/agenda.ics',
    { schema: { tags: TAG, summary: '下载我的洽谈日程（iCalendar）', description: 'RFC 5545；时间以 UTC 表示，日历软件按本地时区显示正确的北京时间。', params: IdParams } },
    async (req, reply) => {
      const { s, view } = await agendaOf(req, req.params.id);
      const venue = s.venue ? `${s.venue} ` : '';
      const ics = buildIcs({
        name: s.title,
        now: app.clock.now(),
        events: view.items.map((it) => ({
          uid: `${it.meetingId}@rongtong`,
          start: it.slot.startsAt,
          end: it.slot.endsAt,
          summary: `一对一洽谈：${it.counterpart.organisationName}（${it.counterpart.name}）`,
          location: it.location?.kind === 'online' ? (it.onlineLink ?? it.location.label) : `${venue}${it.location?.label ?? ''}`.trim(),
          description: [
            `${s.title}`,
            `时间：${formatShanghai(it.slot.startsAt)}（北京时间）`,
            it.location ? `地点：${it.location.label}` : '',
            it.onlineLink ? `线上链接：${it.onlineLink}` : '',
            it.citedItem ? `引用：${it.citedItem.type} ${it.citedItem.id}` : '',
            it.message ? `附言：${it.message}` : '',
          ].filter(Boolean).join('\n'),
          ...(it.onlineLink ? { url: it.onlineLink } : {}),
        })),
      });
      const name = `洽谈日程-${s.date}.ics`;
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="agenda-${s.date}.ics"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(ics);
    },
  );

  async function liveGrid(s: SessionRecord) {
    const meetings = await allMeetings(db, s.id);
    const people = await participantsById(db, meetings.flatMap((m) => [m.participantAId, m.participantBId]));
    const parties = (m: (typeof meetings)[number]) => [partyView(people.get(m.participantAId), m.participantAId), partyView(people.get(m.participantBId), m.participantBId)];
    return { meetings, parties };
  }

  app.get(
    '/meeting-sessions/:id/overview',
    { schema: { tags: TAG, summary: '洽谈会总览（主办方）', params: IdParams, response: { 200: OverviewView } } },
    async (req) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      authorize(canReadOverview(ms), '只有主办方可以查看洽谈会总览');
      const { meetings, parties } = await liveGrid(s);
      const pending = await listRequests(db, { sessionId: s.id, box: 'all', status: 'pending', now: now(), page: 1, pageSize: 1, sort: 'createdAt', order: 'asc' });
      const participants = await allParticipants(db, s.id);
      const scheduled = meetings.filter((m) => m.status === 'scheduled' && m.slotIndex !== null);
      const slotsOf = new Map<string, number[]>();
      for (const m of scheduled) for (const p of [m.participantAId, m.participantBId]) slotsOf.set(p, [...(slotsOf.get(p) ?? []), m.slotIndex!]);
      const morning = s.morningSlots > 0 ? s.morningSlots : s.slots.length;
      const totalBreaks = [...slotsOf.values()].reduce((t, l) => t + breaksOfSlots(l.sort((a, b) => a - b), morning), 0);
      return {
        session: await presentSession(db, ms, s),
        counts: {
          participants: participants.length,
          pendingRequests: pending.total,
          accepted: meetings.filter((m) => m.status !== 'cancelled').length,
          scheduled: scheduled.length,
          unscheduled: meetings.filter((m) => m.status === 'accepted').length,
          cancelled: meetings.filter((m) => m.status === 'cancelled').length,
        },
        totalBreaks,
        grid: s.slots.map((_, i) => ({
          slot: slotView(s, i)!,
          meetings: scheduled
            .filter((m) => m.slotIndex === i)
            .sort((a, b) => (a.location ?? 0) - (b.location ?? 0))
            .map((m) => ({ meetingId: m.id, location: locationView(s, m.location), participants: parties(m) })),
        })),
        unscheduled: meetings.filter((m) => m.status === 'accepted').map((m) => ({ meetingId: m.id, participants: parties(m) })),
      };
    },
  );

  app.get(
    '/meeting-sessions/:id/table-sheets',
    { schema: { tags: TAG, summary: '桌位/洽谈室排程表（供打印）', params: IdParams, response: { 200: TableSheetsView } } },
    async (req) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      authorize(canReadOverview(ms), '只有主办方可以查看桌位排程表');
      const { meetings, parties } = await liveGrid(s);
      const scheduled = meetings.filter((m) => m.status === 'scheduled' && m.slotIndex !== null && m.location !== null);
      const sheets = Array.from({ length: s.tables + s.onlineRooms }, (_, k) => {
        const loc = k + 1;
        return {
          location: locationView(s, loc)!,
          rows: s.slots.map((_, i) => {
            const m = scheduled.find((x) => x.slotIndex === i && x.location === loc);
            return { slot: slotView(s, i)!, meetingId: m?.id ?? null, participants: m ? parties(m) : [] };
          }),
        };
      });
      return { session: { id: s.id, title: s.title, date: s.date, venue: s.venue }, sheets };
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
        description: '在后台线程中对全部已接受的洽谈运行排程器（最少空档、公平上限）；发布后再次排程时默认不移动已发布的洽谈（allowMoves=false）。',
        params: IdParams,
        body: StartRunBody,
        response: { 202: RunView },
      },
    },
    async (req, reply) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      authorize(isOrganiser(ms), '只有主办方可以排程');
      const id = await startRun({ req, session: s, allowMoves: req.body.allowMoves, timeLimitMs: Math.round(req.body.timeLimitSeconds * 1000), seed: req.body.seed });
      return reply.status(202).send(presentRun(ms, (await getRun(db, id))!));
    },
  );

  app.get(
    '/meeting-sessions/:id/schedule-runs',
    {
      schema: {
        tags: TAG,
        summary: '排程记录',
        params: IdParams,
        querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: Page(RunView) },
      },
    },
    async (req) => {
      const { s, ms } = await sessionContext(req, req.params.id);
      authorize(isOrganiser(ms), '只有主办方可以查看排程');
      const { items, total } = await listRuns(db, s.id, req.query.page, req.query.pageSize);
      return { items: items.map((r) => presentRun(ms, r)), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/schedule-runs/:id',
    { schema: { tags: TAG, summary: '排程进度（当前最优空档数、下界、用时）', params: IdParams, response: { 200: RunView } } },
    async (req) => {
      const { run, ms } = await runContext(req, req.params.id);
      return presentRun(ms, run);
    },
  );

  app.post(
    '/schedule-runs/:id/stop',
    { schema: { tags: TAG, summary: '停止排程并保留当前最优结果', params: IdParams, response: { 200: RunView } } },
    async (req) => {
      const { run, ms } = await runContext(req, req.params.id);
      await stopRun({ req, run });
      return presentRun(ms, (await getRun(db, run.id))!);
    },
  );

  app.get(
    '/schedule-runs/:id/preview',
    { schema: { tags: TAG, summary: '排程预览：每位参会人的日程与空档数、未排入的洽谈及原因、约束检查', params: IdParams, response: { 200: PreviewView } } },
    async (req) => {
      const { run, s, ms } = await runContext(req, req.params.id);
      if (run.status === 'running' || run.status === 'failed' || !run.result) throw new AppError(409, 'invalid_state', run.status === 'failed' ? '排程失败，请重新排程' : '排程尚未完成');
      const ev = await evaluate(db, s, run);
      return { run: presentRun(ms, run), ...previewOf(ev, s, run) };
    },
  );

  app.post(
    '/schedule-runs/:id/adjustments',
    { schema: { tags: TAG, summary: '手动调整排程草稿中的一场洽谈', params: IdParams, body: AdjustBody, response: { 200: PreviewView } } },
    async (req) => {
      const { run, s, ms } = await runContext(req, req.params.id);
      await adjustRun({ req, session: s, runId: run.id, meetingId: req.body.meetingId, slotIndex: req.body.slotIndex, location: req.body.location });
      const fresh = (await getRun(db, run.id))!;
      const ev = await evaluate(db, s, fresh);
      return { run: presentRun(ms, fresh), ...previewOf(ev, s, fresh) };
    },
  );

  app.post(
    '/schedule-runs/:id/publish',
    {
      schema: {
        tags: TAG,
        summary: '发布排程',
        description: '发布前用独立校验器重新检查；存在冲突时拒绝（schedule_invalid），有未排入的洽谈或超出公平上限须明确确认。发布后通知相关参会人。',
        params: IdParams,
        body: PublishBody,
        response: { 200: z.object({ run: RunView, changed: z.number().int(), placed: z.number().int(), unscheduled: z.number().int() }) },
      },
    },
    async (req) => {
      const { run, s, ms } = await runContext(req, req.params.id);
      const out = await publishRun({ req, sessionId: s.id, runId: run.id, acceptUnscheduled: req.body.acceptUnscheduled, acceptUnfair: req.body.acceptUnfair });
      return { run: presentRun(ms, (await getRun(db, run.id))!), ...out };
    },
  );
};

export default routes;
