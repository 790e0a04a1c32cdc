/**
 * Deep docking (417号 二(五) 创新主体深度对接): alliances with members and a charter, and expert seminars /
 * supply–demand docking sessions with an agenda and a venue or an online link. Alliances and sessions are
 * public. Registration with head-count limits belongs to the events module: a docking session links to an
 * event session (`eventSessionId`, same theme day) and its payload says where to sign up.
 *
 * Any organisation may found an alliance or organise a session for itself (acting role); the founder /
 * organiser edits it and manages members. A theme-day link needs the plan's `deep_docking` area, and a
 * session on a theme day must fall within its dates.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { shanghaiToUtc, toShanghaiDate } from '../../../common/time.ts';
import { isUniqueViolation, json, type Executor } from '../../db/index.ts';
import type { AllianceTable, DockingSessionTable } from '../../db/schema.ts';
import type { Actor } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import {
  AllianceBody,
  AllianceList,
  AllianceListQuery,
  AllianceMemberInput,
  AllianceUpdateBody,
  AllianceView,
  DOCKING_KIND_LABELS,
  DockingBody,
  DockingList,
  DockingListQuery,
  DockingUpdateBody,
  DockingView,
} from '../../../common/contracts/docking.ts';
import { actsFor } from '../../lib/policy.ts';
import { fieldError } from '../../lib/errors.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import { orgNames, themeDayTitles } from '../../lib/sql.ts';
import { requireActingOrg } from '../../lib/acting.ts';
import { requireThemeDayArea } from '../activity-plans/content-areas.ts';

const TAGS = ['docking'];

async function presentAlliances(db: Executor, actor: Actor | null, rows: AllianceTable[]): Promise<z.infer<typeof AllianceView>[]> {
  const members = rows.length ? await db.selectFrom('alliance_members').selectAll().where('alliance_id', 'in', rows.map((r) => r.id)).orderBy('joined_at').orderBy('id').execute() : [];
  const [orgs, tds] = await Promise.all([orgNames(db, [...rows.map((r) => r.organisation_id), ...members.map((m) => m.organisation_id)]), themeDayTitles(db, rows.map((r) => r.theme_day_id))]);
  return rows.map((a) => {
    const founder = actsFor(actor, a.organisation_id);
    return {
      id: a.id,
      founder: { id: a.organisation_id, name: orgs.get(a.organisation_id) ?? '' },
      themeDay: a.theme_day_id ? { id: a.theme_day_id, title: tds.get(a.theme_day_id) ?? '' } : null,
      name: a.name,
      fieldCode: a.field_code,
      charter: a.charter,
      members: members
        .filter((m) => m.alliance_id === a.id)
        .sort((x, y) => Number(y.organisation_id === a.organisation_id) - Number(x.organisation_id === a.organisation_id))
        .map((m) => ({ organisation: { id: m.organisation_id, name: orgs.get(m.organisation_id) ?? '' }, role: m.role, joinedAt: m.joined_at })),
      createdAt: a.created_at,
      updatedAt: a.updated_at,
      abilities: { edit: founder, manageMembers: founder },
    };
  });
}

async function presentSessions(db: Executor, actor: Actor | null, rows: DockingSessionTable[]): Promise<z.infer<typeof DockingView>[]> {
  const [orgs, tds] = await Promise.all([orgNames(db, rows.map((r) => r.organisation_id)), themeDayTitles(db, rows.map((r) => r.theme_day_id))]);
  return rows.map((s) => ({
    id: s.id,
    organiser: { id: s.organisation_id, name: orgs.get(s.organisation_id) ?? '' },
    themeDay: s.theme_day_id ? { id: s.theme_day_id, title: tds.get(s.theme_day_id) ?? '' } : null,
    kind: s.kind as 'seminar' | 'supply_demand',
    kindLabel: DOCKING_KIND_LABELS[s.kind as 'seminar'] ?? s.kind,
    title: s.title,
    description: s.description,
    agenda: json.parse<{ time: string; item: string }[]>(s.agenda, []),
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    venue: s.venue,
    onlineLink: s.online_link,
    registration: s.event_session_id ? { eventSessionId: s.event_session_id, path: `/api/event-sessions/${s.event_session_id}/registrations` } : null,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    abilities: { edit: actsFor(actor, s.organisation_id) },
  }));
}

function toUtc(local: string, field: string): string {
  try {
    return shanghaiToUtc(local).toISOString();
  } catch {
    throw fieldError(400, 'validation_failed', field, '时间无效');
  }
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  // ----- alliances ----------------------------------------------------------------------------------------

  const presentAlliance = async (req: FastifyRequest, id: string) =>
    (await presentAlliances(db, req.ctx.actor, [(await db.selectFrom('alliances').selectAll().where('id', '=', id).executeTakeFirst())!]))[0]!;
  async function loadAlliance(id: string) {
    const a = await db.selectFrom('alliances').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw notFound();
    return a;
  }
  async function ensureOrgs(ids: string[]) {
    if (!ids.length) return;
    const found = new Set((await db.selectFrom('organisations').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    const missing = ids.findIndex((id) => !found.has(id));
    if (missing >= 0) throw fieldError(422, 'validation_failed', `members.${missing}.organisationId`, '成员单位不存在');
  }

  app.get('/alliances', { schema: { tags: TAGS, summary: '创新联盟列表', querystring: AllianceListQuery, response: { 200: AllianceList } } }, async (req) => {
    const q = req.query;
    let qb = db.selectFrom('alliances');
    if (q.fieldCode) qb = qb.where('field_code', '=', q.fieldCode.toUpperCase());
    if (q.themeDayId) qb = qb.where('theme_day_id', '=', q.themeDayId);
    if (q.organisationId) qb = qb.where('organisation_id', '=', q.organisationId);
    const [rows, total] = await Promise.all([
      qb.selectAll().orderBy(q.sort === 'name' ? 'name' : 'created_at', q.order).orderBy('id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await presentAlliances(db, req.ctx.actor, rows), total: Number(total.n), page: q.page, pageSize: q.pageSize };
  });

  app.post('/alliances', { schema: { tags: TAGS, summary: '发起创新联盟（章程、成员单位）', body: AllianceBody, response: { 201: AllianceView } } }, async (req, reply) => {
    const actor = requireActor(req.ctx);
    const org = await requireActingOrg(db, actor);
    const b = req.body;
    if (b.themeDayId) await requireThemeDayArea(db, actor, b.themeDayId, 'deep_docking');
    const others = b.members.filter((m) => m.organisationId !== org.id);
    if (new Set(others.map((m) => m.organisationId)).size !== others.length) throw fieldError(422, 'duplicate_member', 'members', '成员单位重复');
    await ensureOrgs(others.map((m) => m.organisationId));
    const now = nowIso(app.clock.now());
    const id = newId();
    await db.transaction().execute(async (trx) => {
      const row = { id, organisation_id: org.id, theme_day_id: b.themeDayId ?? null, name: b.name, field_code: b.fieldCode ?? null, charter: b.charter, created_by: actor.userId, created_at: now, updated_at: now };
      await trx.insertInto('alliances').values(row).execute();
      const ms = [{ organisationId: org.id, role: '发起单位' }, ...others];
      await trx.insertInto('alliance_members').values(ms.map((m) => ({ id: newId(), alliance_id: id, organisation_id: m.organisationId, role: m.role, joined_at: now }))).execute();
      await audit(trx, req.ctx, { entityType: 'alliance', entityId: id, action: 'create', after: { ...row, members: ms } });
    });
    return reply.code(201).send(await presentAlliance(req, id));
  });

  app.get('/alliances/:id', { schema: { tags: TAGS, summary: '创新联盟详情', params: IdParams, response: { 200: AllianceView } } }, async (req) => presentAlliance(req, (await loadAlliance(req.params.id)).id));

  app.patch('/alliances/:id', { schema: { tags: TAGS, summary: '修改联盟名称或章程（发起单位）', params: IdParams, body: AllianceUpdateBody, response: { 200: AllianceView } } }, async (req) => {
    const actor = requireActor(req.ctx);
    const a = await loadAlliance(req.params.id);
    authorize(actsFor(actor, a.organisation_id), '只有发起单位可以修改联盟');
    const c = { ...(req.body.name !== undefined ? { name: req.body.name } : {}), ...(req.body.charter !== undefined ? { charter: req.body.charter } : {}) };
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('alliances').set({ ...c, updated_at: nowIso(app.clock.now()) }).where('id', '=', a.id).execute();
      await audit(trx, req.ctx, { entityType: 'alliance', entityId: a.id, action: 'update', before: { name: a.name, charter: a.charter }, after: c });
    });
    return presentAlliance(req, a.id);
  });

  app.post('/alliances/:id/members', { schema: { tags: TAGS, summary: '增加联盟成员单位（发起单位）', params: IdParams, body: AllianceMemberInput, response: { 200: AllianceView } } }, async (req) => {
    const actor = requireActor(req.ctx);
    const a = await loadAlliance(req.params.id);
    authorize(actsFor(actor, a.organisation_id), '只有发起单位可以管理成员');
    await ensureOrgs([req.body.organisationId]);
    try {
      await db.transaction().execute(async (trx) => {
        const id = newId();
        await trx.insertInto('alliance_members').values({ id, alliance_id: a.id, organisation_id: req.body.organisationId, role: req.body.role, joined_at: nowIso(app.clock.now()) }).execute();
        await audit(trx, req.ctx, { entityType: 'alliance', entityId: a.id, action: 'add_member', after: req.body });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(409, 'duplicate_member', '该单位已是联盟成员');
      throw err;
    }
    return presentAlliance(req, a.id);
  });

  app.delete(
    '/alliances/:id/members/:organisationId',
    { schema: { tags: TAGS, summary: '移除联盟成员单位（发起单位；发起单位本身不能移除）', params: z.object({ id: z.string().max(100), organisationId: z.string().max(100) }), response: { 200: AllianceView } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const a = await loadAlliance(req.params.id);
      authorize(actsFor(actor, a.organisation_id), '只有发起单位可以管理成员');
      if (req.params.organisationId === a.organisation_id) throw new AppError(409, 'invalid_state', '发起单位不能移出联盟');
      await db.transaction().execute(async (trx) => {
        const n = await trx.deleteFrom('alliance_members').where('alliance_id', '=', a.id).where('organisation_id', '=', req.params.organisationId).executeTakeFirst();
        if (Number(n.numDeletedRows) !== 1) throw notFound('该单位不是联盟成员');
        await audit(trx, req.ctx, { entityType: 'alliance', entityId: a.id, action: 'remove_member', before: { organisationId: req.params.organisationId } });
      });
      return presentAlliance(req, a.id);
    },
  );

  // ----- docking sessions ---------------------------------------------------------------------------------

  const presentSession = async (req: FastifyRequest, id: string) =>
    (await presentSessions(db, req.ctx.actor, [(await db.selectFrom('docking_sessions').selectAll().where('id', '=', id).executeTakeFirst())!]))[0]!;

  /** Checks times, venue/link and the theme-day link; returns the UTC instants. */
  async function checkSession(actor: Actor, s: { startsAt: string; endsAt: string; venue: string | null; onlineLink: string | null; themeDayId: string | null }) {
    const startsAt = toUtc(s.startsAt, 'startsAt');
    const endsAt = toUtc(s.endsAt, 'endsAt');
    if (endsAt <= startsAt) throw fieldError(422, 'invalid_time_range', 'endsAt', '结束时间须晚于开始时间');
    if (!s.venue && !s.onlineLink) throw fieldError(422, 'venue_or_link_required', 'venue', '请填写举办地点或线上链接（至少一项）');
    if (s.themeDayId) {
      const td = await requireThemeDayArea(db, actor, s.themeDayId, 'deep_docking');
      if (toShanghaiDate(startsAt) < td.startDate || toShanghaiDate(endsAt) > td.endDate) {
        throw fieldError(422, 'dates_outside_theme_day', 'startsAt', `时间须在主题日（${td.startDate}至${td.endDate}）内`);
      }
    }
    return { startsAt, endsAt };
  }

  app.get('/docking-sessions', { schema: { tags: TAGS, summary: '专家研讨会与供需对接会列表', querystring: DockingListQuery, response: { 200: DockingList } } }, async (req) => {
    const q = req.query;
    let qb = db.selectFrom('docking_sessions');
    if (q.kind) qb = qb.where('kind', '=', q.kind);
    if (q.themeDayId) qb = qb.where('theme_day_id', '=', q.themeDayId);
    if (q.organisationId) qb = qb.where('organisation_id', '=', q.organisationId);
    if (q.from) qb = qb.where('starts_at', '>=', shanghaiToUtc(`${q.from}T00:00`).toISOString());
    const col = { startsAt: 'starts_at', createdAt: 'created_at', title: 'title' } as const;
    const [rows, total] = await Promise.all([
      qb.selectAll().orderBy(col[q.sort], q.order).orderBy('id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await presentSessions(db, req.ctx.actor, rows), total: Number(total.n), page: q.page, pageSize: q.pageSize };
  });

  app.post('/docking-sessions', { schema: { tags: TAGS, summary: '新建专家研讨会或供需对接会（议程；地点或线上链接）', body: DockingBody, response: { 201: DockingView } } }, async (req, reply) => {
    const actor = requireActor(req.ctx);
    const org = await requireActingOrg(db, actor);
    const b = req.body;
    const t = await checkSession(actor, { startsAt: b.startsAt, endsAt: b.endsAt, venue: b.venue ?? null, onlineLink: b.onlineLink ?? null, themeDayId: b.themeDayId ?? null });
    const now = nowIso(app.clock.now());
    const row: DockingSessionTable = {
      id: newId(),
      organisation_id: org.id,
      theme_day_id: b.themeDayId ?? null,
      kind: b.kind,
      title: b.title,
      description: b.description || null,
      agenda: json.stringify(b.agenda),
      starts_at: t.startsAt,
      ends_at: t.endsAt,
      venue: b.venue || null,
      online_link: b.onlineLink || null,
      event_session_id: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('docking_sessions').values(row).execute();
      await audit(trx, req.ctx, { entityType: 'docking_session', entityId: row.id, action: 'create', after: row });
    });
    return reply.code(201).send(await presentSession(req, row.id));
  });

  app.get('/docking-sessions/:id', { schema: { tags: TAGS, summary: '对接活动详情', params: IdParams, response: { 200: DockingView } } }, async (req) => {
    const s = await db.selectFrom('docking_sessions').select('id').where('id', '=', req.params.id).executeTakeFirst();
    if (!s) throw notFound();
    return presentSession(req, s.id);
  });

  app.patch(
    '/docking-sessions/:id',
    { schema: { tags: TAGS, summary: '修改对接活动（主办单位；eventSessionId 关联报名场次）', params: IdParams, body: DockingUpdateBody, response: { 200: DockingView } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const s = await db.selectFrom('docking_sessions').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!s) throw notFound();
      authorize(actsFor(actor, s.organisation_id), '只有主办单位可以修改');
      const b = req.body;
      const local = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16);
      const merged = {
        startsAt: b.startsAt ?? local(s.starts_at),
        endsAt: b.endsAt ?? local(s.ends_at),
        venue: b.venue !== undefined ? b.venue || null : s.venue,
        onlineLink: b.onlineLink !== undefined ? b.onlineLink || null : s.online_link,
        themeDayId: b.themeDayId !== undefined ? b.themeDayId : s.theme_day_id,
      };
      const t = await checkSession(actor, merged);
      const eventSessionId = b.eventSessionId !== undefined ? b.eventSessionId : s.event_session_id;
      if (eventSessionId) {
        const es = await db.selectFrom('event_sessions').select(['id', 'theme_day_id']).where('id', '=', eventSessionId).executeTakeFirst();
        if (!es || es.theme_day_id !== merged.themeDayId) throw fieldError(422, 'validation_failed', 'eventSessionId', '报名场次须为同一主题日的活动场次');
      }
      const c: Partial<DockingSessionTable> = {
        starts_at: t.startsAt,
        ends_at: t.endsAt,
        venue: merged.venue,
        online_link: merged.onlineLink,
        theme_day_id: merged.themeDayId,
        event_session_id: eventSessionId,
        ...(b.kind !== undefined ? { kind: b.kind } : {}),
        ...(b.title !== undefined ? { title: b.title } : {}),
        ...(b.description !== undefined ? { description: b.description || null } : {}),
        ...(b.agenda !== undefined ? { agenda: json.stringify(b.agenda) } : {}),
      };
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('docking_sessions').set({ ...c, updated_at: nowIso(app.clock.now()) }).where('id', '=', s.id).execute();
        await audit(trx, req.ctx, { entityType: 'docking_session', entityId: s.id, action: 'update', before: s, after: c });
      });
      return presentSession(req, s.id);
    },
  );
};
export default routes;
