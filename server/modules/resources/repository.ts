/**
 * SQL of the open resources (创新资源开放共享) and the requests to use them. Every function takes the
 * executor (root handle or transaction) first.
 */
import type { Selectable } from 'kysely';
import { forUpdate, type Dialect, type Executor } from '../../db/index.ts';
import type { ResourceRequestTable, ResourceTable } from '../../db/schema.ts';
import type { RequestListQuery, RequestStatus, ResourceListQuery } from '../../../common/contracts/resources.ts';
import { containsText, toCount } from '../../lib/sql.ts';

export type ResourceRow = Selectable<ResourceTable>;
export type RequestRow = ResourceRequestTable;

/** Approved, used and closed requests count against a quota (closed is reachable only from approved/used); declined and withdrawn ones do not. */
export const COUNTED_STATUSES: readonly RequestStatus[] = ['approved', 'used', 'closed'];

/** Matches nothing: the "mine" lists of a caller who acts for no organisation. */
const NONE = '__none__';

// ----- resources ------------------------------------------------------------------------------------------

export async function getResource(db: Executor, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The resource row, locked for the rest of the transaction on PostgreSQL (SQLite's single writer serialises). */
export async function lockResource(db: Executor, dialect: Dialect, id: string): Promise<ResourceRow | undefined> {
  return forUpdate(db.selectFrom('resources').selectAll().where('id', '=', id), dialect).executeTakeFirst();
}

const SORT = { publishedAt: 'published_at', createdAt: 'created_at', title: 'title' } as const;

/**
 * A page of resources. `mineOf` set (the `mine=true` list): that organisation's resources in every status
 * (null: the caller acts for no organisation, so nothing); otherwise the published ones, or the closed ones.
 */
export async function listResources(
  db: Executor,
  q: ResourceListQuery & { page: number; pageSize: number },
  mineOf: string | null,
): Promise<{ items: ResourceRow[]; total: number }> {
  let qb = db.selectFrom('resources');
  if (q.mine === 'true') {
    qb = qb.where('organisation_id', '=', mineOf ?? NONE);
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
    qb
      .selectAll()
      .orderBy(SORT[q.sort], q.order)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

export async function insertResources(db: Executor, rows: ResourceRow[]): Promise<void> {
  for (const row of rows) await db.insertInto('resources').values(row).execute();
}

export async function updateResourceRow(db: Executor, id: string, changes: Partial<ResourceRow>): Promise<void> {
  await db.updateTable('resources').set(changes).where('id', '=', id).execute();
}

/** Moves a resource from `from` to `to`; false when its status was no longer `from`. */
export async function moveResourceStatus(
  db: Executor,
  id: string,
  from: ResourceRow['status'],
  to: ResourceRow['status'],
  changes: Partial<ResourceRow>,
): Promise<boolean> {
  const n = await db
    .updateTable('resources')
    .set({ ...changes, status: to })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(n.numUpdatedRows) === 1;
}

/** The quota period (`period_key`) a request falls in: its start date's month for monthly quotas, otherwise one period. */
export const periodKeyOf = (r: Pick<ResourceRow, 'quota_period'>, startDate: string): string =>
  r.quota_period === 'month' ? startDate.slice(0, 7) : 'all';

/** Approvals counted against the quota of one period. */
export async function usedQuota(db: Executor, resourceId: string, periodKey: string): Promise<number> {
  const r = await db
    .selectFrom('resource_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resource_id', '=', resourceId)
    .where('period_key', '=', periodKey)
    .where('status', 'in', [...COUNTED_STATUSES])
    .executeTakeFirstOrThrow();
  return toCount(r);
}

// ----- requests -------------------------------------------------------------------------------------------

/** A request with its resource's title and organisation and the requesting person's name. */
export type RequestJoined = RequestRow & { resource_title: string; resource_org_id: string; user_name: string };

function requestQuery(db: Executor) {
  return db
    .selectFrom('resource_requests as q')
    .innerJoin('resources as r', 'r.id', 'q.resource_id')
    .innerJoin('users as u', 'u.id', 'q.user_id')
    .selectAll('q')
    .select(['r.title as resource_title', 'r.organisation_id as resource_org_id', 'u.name as user_name']);
}

export async function getRequest(db: Executor, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('resource_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getRequestJoined(db: Executor, id: string): Promise<RequestJoined | undefined> {
  return requestQuery(db).where('q.id', '=', id).executeTakeFirst();
}

/**
 * A page of requests of one organisation (null: none): `mine` — those it made; `received` — those for its
 * resources.
 */
export async function listRequests(
  db: Executor,
  q: RequestListQuery,
  organisationId: string | null,
): Promise<{ items: RequestJoined[]; total: number }> {
  const orgId = organisationId ?? NONE;
  const side = q.box === 'mine' ? 'q.organisation_id' : 'r.organisation_id';
  let qb = requestQuery(db).where(side, '=', orgId);
  if (q.status) qb = qb.where('q.status', '=', q.status);
  if (q.resourceId) qb = qb.where('q.resource_id', '=', q.resourceId);
  let countQ = db
    .selectFrom('resource_requests as q')
    .innerJoin('resources as r', 'r.id', 'q.resource_id')
    .where(side, '=', orgId);
  if (q.status) countQ = countQ.where('q.status', '=', q.status);
  if (q.resourceId) countQ = countQ.where('q.resource_id', '=', q.resourceId);
  const [items, total] = await Promise.all([
    qb
      .orderBy(q.sort === 'startDate' ? 'q.start_date' : 'q.created_at', q.order)
      .orderBy('q.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    countQ.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

export async function insertRequest(db: Executor, row: RequestRow): Promise<void> {
  await db.insertInto('resource_requests').values(row).execute();
}

export async function updateRequestRow(db: Executor, id: string, changes: Partial<RequestRow>): Promise<void> {
  await db.updateTable('resource_requests').set(changes).where('id', '=', id).execute();
}
