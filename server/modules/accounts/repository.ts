/** SQL of self-service accounts: the one-time codes (the users and sessions SQL stays in users/ and auth/). */
import type { Executor } from '../../db/index.ts';
import type { VerificationCodeTable } from '../../db/schema.ts';
import type { Insertable, Selectable } from 'kysely';

export type VerificationCodeRow = Selectable<VerificationCodeTable>;

export async function insertCode(db: Executor, row: Insertable<VerificationCodeTable>): Promise<void> {
  await db.insertInto('verification_codes').values(row).execute();
}

/** The newest code for this address and purpose (only the newest one counts: asking again supersedes). */
export function newestCode(
  db: Executor,
  address: string,
  purpose: VerificationCodeRow['purpose'],
): Promise<VerificationCodeRow | undefined> {
  return db
    .selectFrom('verification_codes')
    .selectAll()
    .where('address', '=', address)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Counts one wrong try atomically (parallel guesses cannot exceed the limit); the new count, or null when dead. */
export async function countWrongTry(db: Executor, id: string, max: number): Promise<number | null> {
  const r = await db
    .updateTable('verification_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', max)
    .where('consumed_at', 'is', null)
    .returning(['attempts'])
    .executeTakeFirst();
  return r ? Number(r.attempts) : null;
}

/** Marks the code used; false when someone else used it first. */
export async function consumeCode(db: Executor, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('verification_codes')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Live sessions of a user (the administrator's revocation reports how many ended). */
export async function countSessionsOf(db: Executor, userId: string, exceptSessionId?: string): Promise<number> {
  let q = db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}
