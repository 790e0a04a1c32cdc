/**
 * SQL of sign-in: looking people up by identifier, failed-login counting and lockout, passwords, and the
 * sessions a change must end or re-point (the session cookie itself is plugins/session.ts's business).
 */
import type { Executor } from '../../db/index.ts';
import type { UserRow } from '../users/repository.ts';

/** The user signing in with this e-mail or mobile number. */
export function findUserByIdentifier(
  db: Executor,
  key: { email?: string; mobile?: string },
): Promise<UserRow | undefined> {
  let q = db.selectFrom('users').selectAll();
  q = key.email ? q.where('email', '=', key.email) : q.where('mobile', '=', key.mobile ?? '');
  return q.executeTakeFirst();
}

/** Name and sign-in identifiers of a user (the "me" payload). */
export function getUserContact(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'mobile'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Adds one failed attempt atomically (parallel wrong guesses cannot slip past the limit); returns the new count. */
export async function countFailedLogin(db: Executor, userId: string): Promise<number> {
  const r = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning(['failed_logins'])
    .executeTakeFirstOrThrow();
  return r.failed_logins;
}

/** Locks the account until `until` and starts counting failures afresh. */
export async function lockUser(db: Executor, userId: string, until: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: until }).where('id', '=', userId).execute();
}

/** Clears failed attempts and any lockout (successful sign-in). */
export async function clearFailedLogins(db: Executor, userId: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function setPasswordHash(db: Executor, userId: string, hash: string, updatedAt: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash, updated_at: updatedAt }).where('id', '=', userId).execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user, except `keepSessionId` when given. */
export async function deleteSessionsOf(db: Executor, userId: string, keepSessionId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId !== undefined) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

/** Points a session at another membership (the organisation switcher). */
export async function setSessionMembership(db: Executor, sessionId: string, membershipId: string): Promise<void> {
  await db.updateTable('sessions').set({ membership_id: membershipId }).where('id', '=', sessionId).execute();
}

/** Sessions that had this membership active fall back to the user's others. */
export async function detachSessionsFromMembership(db: Executor, membershipId: string): Promise<void> {
  await db.updateTable('sessions').set({ membership_id: null }).where('membership_id', '=', membershipId).execute();
}
