/**
 * Open resources (417号 二(一) 创新资源开放共享: "大企业、高校和科研院所…开放应用场景、实验室、仪器设备…"):
 * SQL, presenters and commands. The quota rule — approvals of one period never exceed the resource's quota,
 * however many owners' clicks arrive at once — rests on one row lock: `approve` locks the resource row
 * (`forUpdate` on PostgreSQL; SQLite's single writer serialises), then counts the period's approvals.
 * Approved, used and closed requests count (closed is reachable only from approved/used); declined and
 * withdrawn ones do not.
 */
import type { FastifyRequest } from 'fastify';
import { forUpdate, type Executor } from '../../db/index.ts';
import type { ResourceRequestTable, ResourceTable } from '../../db/schema.ts';
import type { Actor } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, invalidState, notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import {
  PRICE_MODEL_LABELS,
  RESOURCE_TYPE_LABELS,
  type RequestView,
  type ResourceBody,
  type ResourceListQuery,
  type ResourceView,
} from '../../../common/contracts/resources.ts';
import { containsText, orgNames, themeDayTitles } from '../../lib/sql.ts';
import { actsFor } from '../../lib/policy.ts';
import { fieldError } from '../../lib/errors.ts';
import { requireThemeDayArea } from '../activity-plans/content-areas.ts';

export type ResourceRow = ResourceTable;
export type RequestRow = ResourceRequestTable;

export const COUNTED_STATUSES = ['approved', 'used', 'closed'] as const;

export const resourceLink = (id: string) => `/resources/${id}`;

// ----- policy ---------------------------------------------------------------------------------------------

/** Published and closed resources are public; a draft exists only for its organisation. */
export const canSeeResource = (a: Actor | null, r: Pick<ResourceRow, 'status' | 'organisation_id'>): boolean =>
  r.status !== 'draft' || actsFor(a, r.organisation_id);
export const isResourceOwner = (a: Actor | null, r: Pick<ResourceRow, 'organisation_id'>): boolean => actsFor(a, r.organisation_id);
/** A request is seen by the organisation that made it and by the resource's owner; everyone else gets 404. */
export const canSeeRequest = (a: Actor | null, req: Pick<RequestRow, 'organisation_id'>, r: Pick<ResourceRow, 'organisation_id'>): boolean =>
  actsFor(a, req.organisation_id) || actsFor(a, r.organisation_id);

// ----- reads ----------------------------------------------------------------------------------------------

export async function getResource(db: Executor, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
}

const SORT = { publishedAt: 'published_at', createdAt: 'created_at', title: 'title' } as const;

export async function listResources(db: Executor, actor: Actor | null, q: ResourceListQuery & { page: number; pageSize: number }) {
  let qb = db.selectFrom('resources');
  if (q.mine === 'true') {
    qb = qb.where('organisation_id', '=', actor?.organisationId && actsFor(actor, actor.organisationId) ? actor.organisationId : '__none__');
    if (q.status) qb = qb.where('status', '=', q.status);
  } else {
    qb = qb.where('status', '=', q.status === 'closed' ? 'closed' : 'published');
  }
  if (q.q) {
    const text = q.q;
    qb = qb.where((eb) => eb.or([containsText('title', text), containsText('description', text)]));
  }
  if (q.type) qb = qb.where('type', '=', q.type);
  if (q.region) qb = qb.where('region_code', 'like', `${q.region}%`);
  if (q.themeDayId) qb = qb.where('theme_day_id', '=', q.themeDayId);
  if (q.organisationId) qb = qb.where('organisation_id', '=', q.organisationId);
  if (q.priceModel) qb = qb.where('price_model', '=', q.priceModel);
  if (q.graduateTeams) qb = qb.where('graduate_teams', '=', q.graduateTeams === 'true' ? 1 : 0);
  const [items, total] = await Promise.all([
    qb.selectAll().orderBy(SORT[q.sort], q.order).orderBy('created_at', 'desc').orderBy('id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Approvals counted against the quota of one period. */
export async function usedQuota(db: Executor, resourceId: string, periodKey: string): Promise<number> {
  const r = await db
    .selectFrom('resource_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resource_id', '=', resourceId)
    .where('period_key', '=', periodKey)
    .where('status', 'in', [...COUNTED_STATUSES])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ----- presenters -----------------------------------------------------------------------------------------

export async function presentResources(db: Executor, actor: Actor | null, rows: ResourceRow[]): Promise<ResourceView[]> {
  const [orgs, tds] = await Promise.all([orgNames(db, rows.map((r) => r.organisation_id)), themeDayTitles(db, rows.map((r) => r.theme_day_id))]);
  return rows.map((r) => {
    const owner = isResourceOwner(actor, r);
    return {
      id: r.id,
      organisation: { id: r.organisation_id, name: orgs.get(r.organisation_id) ?? '' },
      themeDay: r.theme_day_id ? { id: r.theme_day_id, title: tds.get(r.theme_day_id) ?? '' } : null,
      type: r.type as ResourceView['type'],
      typeLabel: RESOURCE_TYPE_LABELS[r.type as ResourceView['type']] ?? r.type,
      title: r.title,
      description: r.description,
      regionCode: r.region_code,
      location: r.location,
      conditions: r.conditions,
      priceModel: r.price_model as ResourceView['priceModel'],
      priceModelLabel: PRICE_MODEL_LABELS[r.price_model as ResourceView['priceModel']] ?? r.price_model,
      priceNote: r.price_note,
      quota: r.quota,
      quotaPeriod: r.quota_period as ResourceView['quotaPeriod'],
      graduateTeams: r.graduate_teams === 1,
      status: r.status as ResourceView['status'],
      publishedAt: r.published_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      abilities: {
        edit: owner && r.status !== 'closed',
        publish: owner && r.status === 'draft',
        close: owner && r.status === 'published',
        request: !!actor?.organisationId && !owner && r.status === 'published' && actsFor(actor, actor.organisationId),
        viewRequests: owner,
      },
    };
  });
}

type RequestJoined = RequestRow & { resource_title: string; resource_org_id: string; user_name: string };

export function requestQuery(db: Executor) {
  return db
    .selectFrom('resource_requests as q')
    .innerJoin('resources as r', 'r.id', 'q.resource_id')
    .innerJoin('users as u', 'u.id', 'q.user_id')
    .selectAll('q')
    .select(['r.title as resource_title', 'r.organisation_id as resource_org_id', 'u.name as user_name']);
}

export async function presentRequests(db: Executor, actor: Actor | null, rows: RequestJoined[]): Promise<RequestView[]> {
  const orgs = await orgNames(db, rows.flatMap((r) => [r.organisation_id, r.resource_org_id]));
  return rows.map((q) => {
    const owner = actsFor(actor, q.resource_org_id);
    const requester = actsFor(actor, q.organisation_id);
    return {
      id: q.id,
      resource: { id: q.resource_id, title: q.resource_title, organisation: { id: q.resource_org_id, name: orgs.get(q.resource_org_id) ?? '' } },
      organisation: { id: q.organisation_id, name: orgs.get(q.organisation_id) ?? '' },
      user: { id: q.user_id, name: q.user_name },
      purpose: q.purpose,
      startDate: q.start_date,
      endDate: q.end_date,
      periodKey: q.period_key,
      status: q.status as RequestView['status'],
      decisionReason: q.decision_reason,
      decidedAt: q.decided_at,
      createdAt: q.created_at,
      abilities: {
        approve: owner && q.status === 'pending',
        decline: owner && q.status === 'pending',
        markUsed: owner && q.status === 'approved',
        close: owner && (q.status === 'approved' || q.status === 'used'),
        withdraw: requester && (q.status === 'pending' || q.status === 'approved'),
      },
    };
  });
}

// ----- commands -------------------------------------------------------------------------------------------

function columns(b: Partial<ResourceBody>) {
  const c: Partial<ResourceRow> = {};
  if (b.type !== undefined) c.type = b.type;
  if (b.title !== undefined) c.title = b.title;
  if (b.description !== undefined) c.description = b.description;
  if (b.regionCode !== undefined) c.region_code = b.regionCode;
  if (b.location !== undefined) c.location = b.location || null;
  if (b.conditions !== undefined) c.conditions = b.conditions || null;
  if (b.priceModel !== undefined) c.price_model = b.priceModel;
  if (b.priceNote !== undefined) c.price_note = b.priceNote || null;
  if (b.quota !== undefined) c.quota = b.quota;
  if (b.quotaPeriod !== undefined) c.quota_period = b.quotaPeriod;
  if (b.graduateTeams !== undefined) c.graduate_teams = b.graduateTeams ? 1 : 0;
  if (b.themeDayId !== undefined) c.theme_day_id = b.themeDayId;
  return c;
}

/** A theme-day quota needs the theme day; the theme day must enable 创新资源开放共享. */
async function checkLinks(db: Executor, actor: Actor, r: { theme_day_id: string | null; quota_period: string }) {
  if (r.theme_day_id) await requireThemeDayArea(db, actor, r.theme_day_id, 'resource_sharing');
  if (r.quota_period === 'theme_day' && !r.theme_day_id) {
    throw fieldError(422, 'theme_day_required', 'quotaPeriod', '按主题日计的名额须选择所属主题日');
  }
}

export function rowFor(actor: Actor, organisationId: string, b: ResourceBody, now: string): ResourceRow {
  return {
    id: newId(),
    organisation_id: organisationId,
    theme_day_id: b.themeDayId ?? null,
    type: b.type,
    title: b.title,
    description: b.description,
    region_code: b.regionCode ?? null,
    location: b.location || null,
    conditions: b.conditions || null,
    price_model: b.priceModel,
    price_note: b.priceNote || null,
    quota: b.quota ?? null,
    quota_period: b.quotaPeriod,
    graduate_teams: b.graduateTeams ? 1 : 0,
    status: 'draft',
    published_at: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
}

/** Creates a draft resource of the actor's organisation (region defaults to the organisation's). */
export async function createResource(req: FastifyRequest, actor: Actor, org: { id: string; region_code: string | null }, body: ResourceBody): Promise<string> {
  const app = req.server;
  const row = rowFor(actor, org.id, { ...body, regionCode: body.regionCode ?? org.region_code }, nowIso(app.clock.now()));
  await checkLinks(app.database.db, actor, row);
  await app.database.db.transaction().execute(async (trx) => {
    await trx.insertInto('resources').values(row).execute();
    await audit(trx, req.ctx, { entityType: 'resource', entityId: row.id, action: 'create', after: row });
  });
  return row.id;
}

export async function updateResource(req: FastifyRequest, actor: Actor, r: ResourceRow, body: Partial<ResourceBody>): Promise<void> {
  if (r.status === 'closed') throw invalidState('已关闭的资源不能修改');
  const app = req.server;
  const changes = columns(body);
  const merged = { ...r, ...changes };
  await checkLinks(app.database.db, actor, merged);
  await app.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('resources').set({ ...changes, updated_at: nowIso(app.clock.now()) }).where('id', '=', r.id).execute();
    await audit(trx, req.ctx, { entityType: 'resource', entityId: r.id, action: 'update', before: r, after: changes });
  });
}

/** draft → published, published → closed. */
export async function setResourceStatus(req: FastifyRequest, r: ResourceRow, to: 'published' | 'closed'): Promise<void> {
  const from = to === 'published' ? 'draft' : 'published';
  if (r.status !== from) throw invalidState(to === 'published' ? '只有草稿可以发布' : '只有已发布的资源可以关闭');
  const app = req.server;
  const now = nowIso(app.clock.now());
  await app.database.db.transaction().execute(async (trx) => {
    const n = await trx
      .updateTable('resources')
      .set({ status: to, updated_at: now, ...(to === 'published' ? { published_at: now } : {}) })
      .where('id', '=', r.id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(n.numUpdatedRows) !== 1) throw invalidState('资源状态已变化，请刷新');
    await audit(trx, req.ctx, { entityType: 'resource', entityId: r.id, action: to === 'published' ? 'publish' : 'close', before: { status: from }, after: { status: to } });
  });
}

/** The quota period a request falls in: its start date's month for monthly quotas, otherwise one period. */
export const periodKeyOf = (r: Pick<ResourceRow, 'quota_period'>, startDate: string): string => (r.quota_period === 'month' ? startDate.slice(0, 7) : 'all');

/**
 * An organisation applies to use a published resource. Refused when the dates are inverted, outside the
 * theme day (theme-day quotas), or the period's quota is already used up (409 `quota_exhausted` — the
 * binding check is at approval, under the row lock).
 */
export async function createRequest(
  req: FastifyRequest,
  actor: Actor,
  org: { id: string },
  r: ResourceRow,
  body: { purpose: string; startDate: string; endDate: string },
): Promise<string> {
  if (r.status !== 'published') throw new AppError(409, 'resource_not_open', '该资源未开放申请');
  if (r.organisation_id === org.id) throw new AppError(409, 'own_resource', '不能申请本单位开放的资源');
  if (body.endDate < body.startDate) throw fieldError(422, 'invalid_date_range', 'endDate', '结束日期不能早于开始日期');
  const db = req.server.database.db;
  if (r.quota_period === 'theme_day' && r.theme_day_id) {
    const td = await db.selectFrom('theme_days').select(['start_date', 'end_date']).where('id', '=', r.theme_day_id).executeTakeFirst();
    if (td && (body.startDate < td.start_date || body.endDate > td.end_date)) {
      throw fieldError(422, 'dates_outside_theme_day', 'startDate', `使用日期须在主题日（${td.start_date}至${td.end_date}）内`);
    }
  }
  const periodKey = periodKeyOf(r, body.startDate);
  if (r.quota != null && (await usedQuota(db, r.id, periodKey)) >= r.quota) {
    throw new AppError(409, 'quota_exhausted', '该资源本期名额已满');
  }
  const now = nowIso(req.server.clock.now());
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const row: RequestRow = {
      id,
      resource_id: r.id,
      organisation_id: org.id,
      user_id: actor.userId,
      purpose: body.purpose,
      start_date: body.startDate,
      end_date: body.endDate,
      period_key: periodKey,
      status: 'pending',
      decision_reason: null,
      decided_by: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('resource_requests').values(row).execute();
    await audit(trx, req.ctx, { entityType: 'resource_request', entityId: id, action: 'create', after: row });
    const owners = await usersWithRole(trx, [r.organisation_id], ['member', 'base_admin']);
    await notifyUsers(trx, owners, { kind: 'resource_request', title: `资源使用申请：${r.title}`, body: body.purpose.slice(0, 200), link: resourceLink(r.id) }, req.server.clock.now());
  });
  return id;
}

type Transition = 'approve' | 'decline' | 'mark_used' | 'close' | 'withdraw';
const FROM: Record<Transition, readonly string[]> = {
  approve: ['pending'],
  decline: ['pending'],
  mark_used: ['approved'],
  close: ['approved', 'used'],
  withdraw: ['pending', 'approved'],
};
const TO: Record<Transition, string> = { approve: 'approved', decline: 'declined', mark_used: 'used', close: 'closed', withdraw: 'withdrawn' };
const LABEL: Record<Transition, string> = { approve: '已同意', decline: '未同意', mark_used: '已使用', close: '已关闭', withdraw: '已撤回' };

/**
 * Moves a request on. Approval locks the resource row, re-reads the request, and counts the period's
 * approvals before adding one: exactly `quota` approvals win under any concurrency, the rest get 409
 * `quota_exhausted`.
 */
export async function transitionRequest(req: FastifyRequest, requestId: string, t: Transition, reason: string | null): Promise<void> {
  const app = req.server;
  const now = nowIso(app.clock.now());
  await app.database.db.transaction().execute(async (trx) => {
    const pre = await trx.selectFrom('resource_requests').select('resource_id').where('id', '=', requestId).executeTakeFirst();
    if (!pre) throw notFound();
    const resource = await forUpdate(trx.selectFrom('resources').selectAll().where('id', '=', pre.resource_id), app.database.dialect).executeTakeFirst();
    if (!resource) throw notFound();
    const q = (await trx.selectFrom('resource_requests').selectAll().where('id', '=', requestId).executeTakeFirst())!;
    if (!FROM[t].includes(q.status)) throw invalidState(`申请当前状态（${q.status}）不能执行此操作`);
    if (t === 'approve') {
      if (resource.status !== 'published') throw new AppError(409, 'resource_not_open', '该资源已关闭，不能再同意申请');
      if (resource.quota != null && (await usedQuota(trx, resource.id, q.period_key)) >= resource.quota) {
        throw new AppError(409, 'quota_exhausted', `该资源本期名额（${resource.quota}）已满`);
      }
    }
    const decided = t === 'approve' || t === 'decline';
    await trx
      .updateTable('resource_requests')
      .set({
        status: TO[t],
        updated_at: now,
        ...(decided ? { decided_by: req.actor!.userId, decided_at: now } : {}),
        ...(reason != null ? { decision_reason: reason } : {}),
      })
      .where('id', '=', q.id)
      .execute();
    await audit(trx, req.ctx, { entityType: 'resource_request', entityId: q.id, action: t, before: { status: q.status }, after: { status: TO[t], reason } });
    const notifyOrg = t === 'withdraw' ? resource.organisation_id : q.organisation_id;
    const users = t === 'withdraw' ? await usersWithRole(trx, [notifyOrg], ['member', 'base_admin']) : [q.user_id];
    await notifyUsers(trx, users, { kind: 'resource_request', title: `资源申请${LABEL[t]}：${resource.title}`, body: reason ?? '', link: resourceLink(resource.id) }, app.clock.now());
  });
}
