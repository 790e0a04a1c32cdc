/**
 * The coordinating roles (issue 12 §3): /base-alliances (双创示范基地联盟, kept by NDRC) and a theme day's
 * co-organisation (/theme-days/:id/coorganisation): the parts given to partner bases and alliances and the
 * support organisations' delegations. The host and NDRC see and change everything; a co-organiser or a
 * delegate sees the theme day's page with its own assignment only; everyone else gets 404.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  BaseAllianceBody,
  BaseAllianceList,
  BaseAllianceView,
  CoorganisationView,
  CoorganiserBody,
  DelegationBody,
  DELEGATION_SCOPES,
  type CoorganiserView,
  type DelegationView,
} from '../../../common/contracts/coorganisers.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { ensureVisible, requireActor } from '../../lib/policy.ts';
import {
  canCoordinate,
  canSeeThemeDay,
  delegationExpired,
  hasRoleOnThemeDay,
  isNamedSupportOrg,
  myCoorganiserRows,
  myDelegation,
  partsOf,
} from '../themedays/policy.ts';
import { getThemeDay } from '../themedays/repository.ts';
import { canManageAlliances, canSeeAlliance } from './policy.ts';
import { alliancesOfStaff, getAlliance, listAlliances, loadPartFacts, type AllianceRecord } from './repository.ts';
import { grantDelegation, revokeDelegation, saveAlliance, setCoorganiserParts } from './service.ts';

const TAGS = ['coorganisers'];

const presentAlliance = (a: Actor | null, x: AllianceRecord): BaseAllianceView => ({
  id: x.id,
  name: x.name,
  regionCode: x.region_code,
  description: x.description,
  bases: x.bases,
  staff: x.staff,
  updatedAt: x.updated_at,
  abilities: { edit: canManageAlliances(a) },
});

async function visibleAlliance(ctx: Ctx, actor: Actor, id: string): Promise<AllianceRecord> {
  return ensureVisible(await getAlliance(ctx.db, id), (x) =>
    canSeeAlliance(
      actor,
      x.staff.map((s) => s.id),
    ),
  );
}

/** The theme day's co-organisation as the caller may see it (404 without a role on it). */
async function coorganisationView(ctx: Ctx, actor: Actor, themeDayId: string): Promise<CoorganisationView> {
  const td = ensureVisible(await getThemeDay(ctx.db, themeDayId), (t) => canSeeThemeDay(actor, t));
  const now = ctx.clock.now();
  const facts = await loadPartFacts(ctx.db, td, now);
  const manage = canCoordinate(actor, td);
  if (!manage && !hasRoleOnThemeDay(actor, facts)) throw notFound();

  const mine = new Set(myCoorganiserRows(actor, facts).map((c) => `${c.kind}:${c.partyId}`));
  const shownCoorganisers = facts.coorganisers.filter((c) => manage || mine.has(`${c.kind}:${c.partyId}`));
  const ownDelegationOrg = myDelegation(actor, facts)?.organisationId ?? null;
  const ownImplicit = isNamedSupportOrg(actor, facts.supportOrganisationIds) ? actor.organisationId : null;
  const delegationOrgIds = [
    ...new Set([...facts.delegations.map((d) => d.organisationId), ...facts.supportOrganisationIds]),
  ].filter((id) => manage || id === ownDelegationOrg || id === ownImplicit);

  const [bases, alliances, supportOrgs] = await Promise.all([
    ctx.db
      .selectFrom('bases')
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        shownCoorganisers
          .filter((c) => c.kind === 'base')
          .map((c) => c.partyId)
          .concat(['']),
      )
      .execute(),
    ctx.db.selectFrom('base_alliances').select(['id', 'name']).orderBy('name').execute(),
    ctx.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('kind', '=', 'support_org'), eb('id', 'in', delegationOrgIds.concat(['']))]))
      .orderBy('name')
      .execute(),
  ]);
  const nameOf = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? '';
  const rowsUpdated = new Map<string, string>();
  if (shownCoorganisers.length) {
    const rows = await ctx.db
      .selectFrom('theme_day_coorganisers')
      .select(['party_kind', 'party_id', 'updated_at'])
      .where('theme_day_id', '=', td.id)
      .execute();
    for (const r of rows) rowsUpdated.set(`${r.party_kind}:${r.party_id}`, r.updated_at);
  }
  const coorganisers: CoorganiserView[] = shownCoorganisers.map((c) => ({
    kind: c.kind,
    party: { id: c.partyId, name: nameOf(c.kind === 'base' ? bases : alliances, c.partyId) },
    namedInPlan: c.kind === 'base' && td.partnerBaseIds.includes(c.partyId),
    parts: [...c.parts],
    updatedAt: rowsUpdated.get(`${c.kind}:${c.partyId}`) ?? null,
  }));
  const delegationRows = await ctx.db
    .selectFrom('support_delegations')
    .select(['organisation_id', 'expires_on', 'granted_at'])
    .where('theme_day_id', '=', td.id)
    .execute();
  const delegations: DelegationView[] = delegationOrgIds.map((orgId) => {
    const d = facts.delegations.find((x) => x.organisationId === orgId);
    const row = delegationRows.find((r) => r.organisation_id === orgId);
    const namedInPlan = facts.supportOrganisationIds.includes(orgId);
    const organisation = { id: orgId, name: nameOf(supportOrgs, orgId) };
    if (!d || !row)
      return {
        organisation,
        namedInPlan,
        scopes: [...DELEGATION_SCOPES.filter((s) => s !== 'publicity')],
        expiresOn: null,
        status: 'implicit' as const,
        grantedAt: null,
        revokedAt: null,
      };
    return {
      organisation,
      namedInPlan,
      scopes: [...d.scopes],
      expiresOn: row.expires_on,
      status: d.revokedAt ? 'revoked' : delegationExpired(d, now) ? 'expired' : 'active',
      grantedAt: row.granted_at,
      revokedAt: d.revokedAt,
    };
  });
  return {
    themeDay: { id: td.id, title: td.title, host: { id: td.host.id, name: td.host.name } },
    coorganisers,
    delegations,
    supportCandidates: manage ? supportOrgs : [],
    allianceCandidates: manage ? alliances : [],
    myParts: partsOf(actor, td, facts),
    abilities: { manage },
  };
}

const OrgParams = z.object({ id: z.string().min(1).max(100), organisationId: z.string().min(1).max(100) });

const routes: FastifyPluginAsyncZod = async (app) => {
  // ----- alliances -------------------------------------------------------------------------------------------------

  app.get(
    '/base-alliances',
    {
      schema: {
        tags: TAGS,
        summary: '双创示范基地联盟（国家发展改革委看全部，联盟工作人员看本联盟）',
        response: { 200: BaseAllianceList },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const all = canManageAlliances(actor);
      const items = await listAlliances(req.ctx.db, all ? undefined : await alliancesOfStaff(req.ctx.db, actor.userId));
      return { items: items.map((x) => presentAlliance(actor, x)), abilities: { create: all } };
    },
  );

  app.get(
    '/base-alliances/:id',
    { schema: { tags: TAGS, summary: '双创示范基地联盟详情', params: IdParams, response: { 200: BaseAllianceView } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      return presentAlliance(actor, await visibleAlliance(req.ctx, actor, req.params.id));
    },
  );

  app.post(
    '/base-alliances',
    {
      schema: {
        tags: TAGS,
        summary: '新建双创示范基地联盟（国家发展改革委、系统管理员）',
        body: BaseAllianceBody,
        response: { 201: BaseAllianceView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const id = await saveAlliance(req.ctx, { body: req.body });
      return reply.code(201).send(presentAlliance(actor, await visibleAlliance(req.ctx, actor, id)));
    },
  );

  app.put(
    '/base-alliances/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改双创示范基地联盟、成员基地和工作人员',
        params: IdParams,
        body: BaseAllianceBody,
        response: { 200: BaseAllianceView },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      await visibleAlliance(req.ctx, actor, req.params.id);
      await saveAlliance(req.ctx, { id: req.params.id, body: req.body });
      return presentAlliance(actor, await visibleAlliance(req.ctx, actor, req.params.id));
    },
  );

  // ----- a theme day's co-organisation -----------------------------------------------------------------------------

  app.get(
    '/theme-days/:id/coorganisation',
    {
      schema: {
        tags: TAGS,
        summary: '主题日的协办分工与支撑机构委托（承办基地、国家发展改革委看全部；协办方、受托方看本单位）',
        params: IdParams,
        response: { 200: CoorganisationView },
      },
    },
    async (req) => coorganisationView(req.ctx, requireActor(req.ctx), req.params.id),
  );

  /** Loads the theme day for a change: 404 unless the caller coordinates it or has a role on it (then 403). */
  const themeDayForChange = async (ctx: Ctx, id: string) => {
    const actor = requireActor(ctx);
    const td = ensureVisible(await getThemeDay(ctx.db, id), (t) => canSeeThemeDay(actor, t));
    if (!canCoordinate(actor, td) && !hasRoleOnThemeDay(actor, await loadPartFacts(ctx.db, td, ctx.clock.now())))
      throw notFound();
    return { actor, td };
  };

  app.put(
    '/theme-days/:id/coorganisers',
    {
      schema: {
        tags: TAGS,
        summary: '给协办基地或双创示范基地联盟分配负责的板块（空列表即取消）',
        params: IdParams,
        body: CoorganiserBody,
        response: { 200: CoorganisationView },
      },
    },
    async (req) => {
      const { actor, td } = await themeDayForChange(req.ctx, req.params.id);
      await setCoorganiserParts(req.ctx, { themeDay: td, body: req.body });
      return coorganisationView(req.ctx, actor, td.id);
    },
  );

  app.put(
    '/theme-days/:id/delegations/:organisationId',
    {
      schema: {
        tags: TAGS,
        summary: '委托支撑机构（范围：活动报名、项目征集、宣传推广；截止日期北京时间当日 24 时）',
        params: OrgParams,
        body: DelegationBody,
        response: { 200: CoorganisationView },
      },
    },
    async (req) => {
      const { actor, td } = await themeDayForChange(req.ctx, req.params.id);
      await grantDelegation(req.ctx, { themeDay: td, organisationId: req.params.organisationId, body: req.body });
      return coorganisationView(req.ctx, actor, td.id);
    },
  );

  app.delete(
    '/theme-days/:id/delegations/:organisationId',
    {
      schema: {
        tags: TAGS,
        summary: '撤销对支撑机构的委托',
        params: OrgParams,
        response: { 200: CoorganisationView },
      },
    },
    async (req) => {
      const { actor, td } = await themeDayForChange(req.ctx, req.params.id);
      await revokeDelegation(req.ctx, { themeDay: td, organisationId: req.params.organisationId });
      return coorganisationView(req.ctx, actor, td.id);
    },
  );
};

export default routes;
