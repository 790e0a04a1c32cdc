/**
 * Deep docking (417号 二(五) 创新主体深度对接): alliances with members (who join by accepting an invitation)
 * and a charter, and expert seminars /
 * supply–demand docking sessions with an agenda and a venue or an online link. Alliances and sessions are
 * public. Registration with head-count limits belongs to the events module: a docking session links to an
 * event session (`eventSessionId`, same theme day) and its payload says where to sign up.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  AllianceBody,
  AllianceList,
  AllianceListQuery,
  AllianceMemberInput,
  AllianceMemberParams,
  AllianceUpdateBody,
  AllianceView,
  DockingBody,
  DockingList,
  DockingListQuery,
  DockingUpdateBody,
  DockingView,
} from '../../../common/contracts/docking.ts';
import { requireActingOrg } from '../../lib/acting.ts';
import type { Ctx } from '../../lib/context.ts';
import { ensure } from '../../lib/errors.ts';
import { actsFor, authorize, requireActor } from '../../lib/policy.ts';
import { isFounder, isOrganiser, mayRemoveMember } from './policy.ts';
import { getThemeDay } from '../themedays/repository.ts';
import { loadPartFacts } from '../coorganisers/repository.ts';
import { requirePart } from '../coorganisers/access.ts';
import { presentAlliance, presentAlliances, presentSession, presentSessions } from './presenter.ts';
import { alliancesInviting, getAlliance, getDockingSession, listAlliances, listDockingSessions } from './repository.ts';
import {
  answerAllianceInvitation,
  createAlliance,
  createDockingSession,
  inviteAllianceMember,
  removeAllianceMember,
  updateAlliance,
  updateDockingSession,
} from './service.ts';

const TAGS = ['docking'];

/** Fresh reads, presented for the caller (404 when the record does not exist). */
const presentAllianceById = async (ctx: Ctx, id: string) =>
  presentAlliance(ctx.db, ctx.actor, ensure(await getAlliance(ctx.db, id)));
const presentSessionById = async (ctx: Ctx, id: string) =>
  presentSession(ctx.db, ctx.actor, ensure(await getDockingSession(ctx.db, id)), ctx.clock.now());

const routes: FastifyPluginAsyncZod = async (app) => {
  // ----- alliances ----------------------------------------------------------------------------------------

  app.get(
    '/alliances',
    {
      schema: { tags: TAGS, summary: '创新联盟列表', querystring: AllianceListQuery, response: { 200: AllianceList } },
    },
    async (req) => {
      const ctx = req.ctx;
      const q = req.query;
      const { items, total } = await listAlliances(ctx.db, q);
      return { items: await presentAlliances(ctx.db, ctx.actor, items), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/alliances',
    {
      schema: {
        tags: TAGS,
        summary: '发起创新联盟（章程、成员单位）',
        body: AllianceBody,
        response: { 201: AllianceView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const org = await requireActingOrg(ctx.db, requireActor(ctx));
      const id = await createAlliance(ctx, { organisation: org, body: req.body });
      return reply.code(201).send(await presentAllianceById(ctx, id));
    },
  );

  app.get(
    '/alliances/:id',
    { schema: { tags: TAGS, summary: '创新联盟详情', params: IdParams, response: { 200: AllianceView } } },
    async (req) => presentAllianceById(req.ctx, req.params.id),
  );

  app.patch(
    '/alliances/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改联盟名称或章程（发起单位）',
        params: IdParams,
        body: AllianceUpdateBody,
        response: { 200: AllianceView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const a = ensure(await getAlliance(ctx.db, req.params.id));
      authorize(isFounder(actor, a), '只有发起单位可以修改联盟');
      await updateAlliance(ctx, { alliance: a, body: req.body });
      return presentAllianceById(ctx, a.id);
    },
  );

  app.post(
    '/alliances/:id/members',
    {
      schema: {
        tags: TAGS,
        summary: '邀请单位加入联盟（发起单位；对方接受后才成为成员单位）',
        params: IdParams,
        body: AllianceMemberInput,
        response: { 200: AllianceView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const a = ensure(await getAlliance(ctx.db, req.params.id));
      authorize(isFounder(actor, a), '只有发起单位可以管理成员');
      await inviteAllianceMember(ctx, { alliance: a, member: req.body });
      return presentAllianceById(ctx, a.id);
    },
  );

  app.get(
    '/alliance-invitations',
    {
      schema: {
        tags: TAGS,
        summary: '本单位收到、尚未答复的联盟邀请',
        response: { 200: AllianceView.array() },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      if (!actor.organisationId) return [];
      return presentAlliances(ctx.db, actor, await alliancesInviting(ctx.db, actor.organisationId));
    },
  );

  for (const [verb, accept] of [
    ['accept', true],
    ['decline', false],
  ] as const) {
    app.post(
      `/alliances/:id/invitation/${verb}`,
      {
        schema: {
          tags: TAGS,
          summary: accept ? '接受联盟邀请（受邀单位）' : '谢绝联盟邀请（受邀单位）',
          params: IdParams,
          response: { 200: AllianceView },
        },
      },
      async (req) => {
        const ctx = req.ctx;
        const actor = requireActor(ctx);
        const a = ensure(await getAlliance(ctx.db, req.params.id));
        authorize(actsFor(actor, actor.organisationId), '只有受邀单位的成员可以答复邀请');
        await answerAllianceInvitation(ctx, { alliance: a, accept });
        return presentAllianceById(ctx, a.id);
      },
    );
  }

  app.delete(
    '/alliances/:id/members/:organisationId',
    {
      schema: {
        tags: TAGS,
        summary: '移除成员单位或撤回邀请（发起单位），或退出联盟（成员单位本身）；发起单位不能移除',
        params: AllianceMemberParams,
        response: { 200: AllianceView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const a = ensure(await getAlliance(ctx.db, req.params.id));
      authorize(mayRemoveMember(actor, a, req.params.organisationId), '只有发起单位可以管理成员');
      await removeAllianceMember(ctx, { alliance: a, organisationId: req.params.organisationId });
      return presentAllianceById(ctx, a.id);
    },
  );

  // ----- docking sessions ---------------------------------------------------------------------------------

  app.get(
    '/docking-sessions',
    {
      schema: {
        tags: TAGS,
        summary: '专家研讨会与供需对接会列表',
        querystring: DockingListQuery,
        response: { 200: DockingList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const q = req.query;
      const { items, total } = await listDockingSessions(ctx.db, q);
      return {
        items: await presentSessions(ctx.db, ctx.actor, items, ctx.clock.now()),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.post(
    '/docking-sessions',
    {
      schema: {
        tags: TAGS,
        summary: '新建专家研讨会或供需对接会（议程；地点或线上链接）',
        body: DockingBody,
        response: { 201: DockingView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const org = await requireActingOrg(ctx.db, requireActor(ctx));
      const id = await createDockingSession(ctx, { organisation: org, body: req.body });
      return reply.code(201).send(await presentSessionById(ctx, id));
    },
  );

  app.get(
    '/docking-sessions/:id',
    { schema: { tags: TAGS, summary: '对接活动详情', params: IdParams, response: { 200: DockingView } } },
    async (req) => presentSessionById(req.ctx, req.params.id),
  );

  app.patch(
    '/docking-sessions/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改对接活动（主办单位；eventSessionId 关联报名场次）',
        params: IdParams,
        body: DockingUpdateBody,
        response: { 200: DockingView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const s = ensure(await getDockingSession(ctx.db, req.params.id));
      if (!isOrganiser(actor, s)) {
        // The theme day's docking part (host, co-organiser given it) edits its sessions, but cannot move them away.
        const td = s.theme_day_id ? await getThemeDay(ctx.db, s.theme_day_id) : undefined;
        authorize(
          !!td && (req.body.themeDayId === undefined || req.body.themeDayId === s.theme_day_id),
          '只有主办单位可以修改',
        );
        requirePart(ctx, td!, 'docking', await loadPartFacts(ctx.db, td!, ctx.clock.now()), '只有主办单位可以修改');
      }
      await updateDockingSession(ctx, { session: s, body: req.body });
      return presentSessionById(ctx, s.id);
    },
  );
};
export default routes;
