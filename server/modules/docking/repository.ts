/**
 * SQL of deep docking: alliances with their member organisations, and docking sessions. Every function
 * takes the executor (root handle or transaction) first.
 */
import { shanghaiToUtc } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import type { AllianceMemberTable, AllianceTable, DockingSessionTable } from '../../db/schema.ts';
import type { AllianceListQuery, DockingListQuery } from '../../../common/contracts/docking.ts';
import { toCount } from '../../lib/sql.ts';

export type AllianceRow = AllianceTable;
export type AllianceMemberRow = AllianceMemberTable;
export type DockingSessionRow = DockingSessionTable;

// ----- alliances ------------------------------------------------------------------------------------------

export async function getAlliance(db: Executor, id: string): Promise<AllianceRow | undefined> {
  return db.selectFrom('alliances').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAlliances(
  db: Executor,
  q: AllianceListQuery,
): Promise<{ items: AllianceRow[]; total: number }> {
  let qb = db.selectFrom('alliances');
  if (q.fieldCode) qb = qb.where('field_code', '=', q.fieldCode.toUpperCase());
  if (q.themeDayId) qb = qb.where('theme_day_id', '=', q.themeDayId);
  if (q.organisationId) qb = qb.where('organisation_id', '=', q.organisationId);
  const [items, total] = await Promise.all([
    qb
      .selectAll()
      .orderBy(q.sort === 'name' ? 'name' : 'created_at', q.order)
      .orderBy('id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

/** Members of the alliances, in joining order. */
export async function allianceMembers(db: Executor, allianceIds: string[]): Promise<AllianceMemberRow[]> {
  if (allianceIds.length === 0) return [];
  return db
    .selectFrom('alliance_members')
    .selectAll()
    .where('alliance_id', 'in', allianceIds)
    .orderBy('joined_at')
    .orderBy('id')
    .execute();
}

export async function insertAlliance(db: Executor, row: AllianceRow): Promise<void> {
  await db.insertInto('alliances').values(row).execute();
}

export async function updateAllianceRow(db: Executor, id: string, changes: Partial<AllianceRow>): Promise<void> {
  await db.updateTable('alliances').set(changes).where('id', '=', id).execute();
}

export async function insertAllianceMembers(db: Executor, rows: AllianceMemberRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('alliance_members').values(rows).execute();
}

/** Removes a member organisation; false when it was not a member. */
export async function deleteAllianceMember(db: Executor, allianceId: string, organisationId: string): Promise<boolean> {
  const n = await db
    .deleteFrom('alliance_members')
    .where('alliance_id', '=', allianceId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return Number(n.numDeletedRows) === 1;
}

// ----- docking sessions -----------------------------------------------------------------------------------

export async function getDockingSession(db: Executor, id: string): Promise<DockingSessionRow | undefined> {
  return db.selectFrom('docking_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

const SESSION_SORT = { startsAt: 'starts_at', createdAt: 'created_at', title: 'title' } as const;

export async function listDockingSessions(
  db: Executor,
  q: DockingListQuery,
): Promise<{ items: DockingSessionRow[]; total: number }> {
  let qb = db.selectFrom('docking_sessions');
  if (q.kind) qb = qb.where('kind', '=', q.kind);
  if (q.themeDayId) qb = qb.where('theme_day_id', '=', q.themeDayId);
  if (q.organisationId) qb = qb.where('organisation_id', '=', q.organisationId);
  if (q.from) qb = qb.where('starts_at', '>=', shanghaiToUtc(`${q.from}T00:00`).toISOString());
  const [items, total] = await Promise.all([
    qb
      .selectAll()
      .orderBy(SESSION_SORT[q.sort], q.order)
      .orderBy('id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

export async function insertDockingSession(db: Executor, row: DockingSessionRow): Promise<void> {
  await db.insertInto('docking_sessions').values(row).execute();
}

export async function updateDockingSessionRow(
  db: Executor,
  id: string,
  changes: Partial<DockingSessionRow>,
): Promise<void> {
  await db.updateTable('docking_sessions').set(changes).where('id', '=', id).execute();
}
