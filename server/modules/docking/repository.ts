/**
 * SQL of deep docking: alliances with their member organisations, and docking sessions. Every function
 * takes the executor (root handle or transaction) first.
 */
import type { Insertable, Selectable } from 'kysely';
import { shanghaiToUtc } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import type { AllianceMemberTable, AllianceTable, DockingSessionTable } from '../../db/schema.ts';
import type { AllianceListQuery, AllianceMemberStatus, DockingListQuery } from '../../../common/contracts/docking.ts';
import { toCount } from '../../lib/sql.ts';

export type AllianceRow = AllianceTable;
export type AllianceMemberRow = Selectable<AllianceMemberTable>;
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

/** Members and invitations of the alliances (every status), in joining order. */
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

export async function insertAllianceMembers(db: Executor, rows: Insertable<AllianceMemberTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('alliance_members').values(rows).execute();
}

/** One organisation's row (member or invitation) in an alliance, read for update inside a transaction. */
export async function getAllianceMember(
  db: Executor,
  allianceId: string,
  organisationId: string,
): Promise<AllianceMemberRow | undefined> {
  return db
    .selectFrom('alliance_members')
    .selectAll()
    .where('alliance_id', '=', allianceId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

/**
 * Moves an organisation's row from one status to another; false when it was not in `from` (a parallel
 * answer got there first), so an invitation is answered once.
 */
export async function setAllianceMemberStatus(
  db: Executor,
  id: string,
  from: readonly AllianceMemberStatus[],
  changes: { status: AllianceMemberStatus } & Partial<
    Pick<AllianceMemberRow, 'joined_at' | 'role' | 'invited_by' | 'responded_by' | 'responded_at'>
  >,
): Promise<boolean> {
  const r = await db
    .updateTable('alliance_members')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Alliances that invited the organisation and await its answer, newest invitation first. */
export async function alliancesInviting(db: Executor, organisationId: string): Promise<AllianceRow[]> {
  return db
    .selectFrom('alliances as a')
    .innerJoin('alliance_members as m', 'm.alliance_id', 'a.id')
    .selectAll('a')
    .where('m.organisation_id', '=', organisationId)
    .where('m.status', '=', 'invited')
    .orderBy('m.joined_at', 'desc')
    .orderBy('a.id')
    .execute();
}

/** Removes a member organisation or an invitation; false when there was none. */
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
