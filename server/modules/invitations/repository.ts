/** SQL of invitations to a theme day. Every function takes `db | trx` first. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { InvitationTable } from '../../db/schema.ts';

export type InvitationRow = Selectable<InvitationTable>;
export type InvitationListRow = InvitationRow & { created_by_name: string | null; accepted_by_name: string | null };

/**
 * Inserts a pending invitation unless the address already has one for the theme day (the partial unique
 * index decides, also between parallel requests). True when this call inserted it. The conflict target's
 * condition is a literal: SQLite matches it to the partial index only then (a bound parameter does not).
 */
export async function insertPendingInvitation(db: Executor, row: Insertable<InvitationTable>): Promise<boolean> {
  const r = await db
    .insertInto('invitations')
    .values(row)
    .onConflict((oc) => oc.columns(['theme_day_id', 'address']).where('status', '=', sql.lit('pending')).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/** Pending invitations of this address past their expiry become `expired` (a new one may then be sent). */
export async function expireStale(db: Executor, themeDayId: string, address: string, now: string): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ status: 'expired' })
    .where('theme_day_id', '=', themeDayId)
    .where('address', '=', address)
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .execute();
}

export function pendingInvitation(db: Executor, themeDayId: string, address: string) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('theme_day_id', '=', themeDayId)
    .where('address', '=', address)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

const withNames = (db: Executor) =>
  db
    .selectFrom('invitations as i')
    .leftJoin('users as c', 'c.id', 'i.created_by')
    .leftJoin('users as a', 'a.id', 'i.accepted_by')
    .selectAll('i')
    .select(['c.name as created_by_name', 'a.name as accepted_by_name']);

export function listInvitations(db: Executor, themeDayId: string, limit: number): Promise<InvitationListRow[]> {
  return withNames(db)
    .where('i.theme_day_id', '=', themeDayId)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
}

export function getInvitationWithNames(db: Executor, id: string): Promise<InvitationListRow | undefined> {
  return withNames(db).where('i.id', '=', id).executeTakeFirst();
}

export function getInvitation(db: Executor, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByTokenHash(db: Executor, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Moves a pending invitation to accepted; false when it was no longer pending (someone else was first). */
export async function markAccepted(db: Executor, id: string, userId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ status: 'accepted', accepted_by: userId, accepted_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markRevoked(db: Executor, id: string, userId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ status: 'revoked', revoked_by: userId, revoked_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setDelivery(
  db: Executor,
  id: string,
  status: InvitationRow['delivery_status'],
  error: string | null,
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ delivery_status: status, delivery_error: error })
    .where('id', '=', id)
    .execute();
}
