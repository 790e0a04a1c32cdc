/** SQL of form drafts: every statement is scoped to one user. */
import type { Executor } from '../../db/index.ts';

export async function findDraft(db: Executor, userId: string, key: string) {
  return db
    .selectFrom('form_drafts')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}
export type DraftRow = NonNullable<Awaited<ReturnType<typeof findDraft>>>;

/** Inserts or replaces the user's draft under `key`. */
export async function upsertDraft(db: Executor, row: DraftRow): Promise<void> {
  await db
    .insertInto('form_drafts')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ data: row.data, updated_at: row.updated_at }))
    .execute();
}

/** Deletes the user's draft; false when there was none. */
export async function deleteDraft(db: Executor, userId: string, key: string): Promise<boolean> {
  const r = await db.deleteFrom('form_drafts').where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Deletes the user's drafts not touched since `before` (ISO). */
export async function deleteOldDrafts(db: Executor, userId: string, before: string): Promise<void> {
  await db.deleteFrom('form_drafts').where('user_id', '=', userId).where('updated_at', '<', before).execute();
}
