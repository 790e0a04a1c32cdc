/** SQL of the search lexicon: administrators' entries and the version counter every write bumps. */
import type { Executor } from '../../db/index.ts';
import type { SearchLexiconEntryTable } from '../../db/schema.ts';

export type LexiconRow = SearchLexiconEntryTable;

export async function listEntries(db: Executor): Promise<(LexiconRow & { created_by_name: string | null })[]> {
  return db
    .selectFrom('search_lexicon_entries as e')
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .selectAll('e')
    .select('u.name as created_by_name')
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id')
    .execute();
}

export async function findEntry(db: Executor, id: string): Promise<LexiconRow | undefined> {
  return db.selectFrom('search_lexicon_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBySignature(db: Executor, signature: string): Promise<LexiconRow | undefined> {
  return db.selectFrom('search_lexicon_entries').selectAll().where('signature', '=', signature).executeTakeFirst();
}

export async function insertEntry(db: Executor, row: LexiconRow): Promise<void> {
  await db.insertInto('search_lexicon_entries').values(row).execute();
}

export async function deleteEntry(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('search_lexicon_entries').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The lexicon's version: moves on every write (one small row, read cheaply by every app server). */
export async function readVersion(db: Executor): Promise<number> {
  const r = await db.selectFrom('search_lexicon_state').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(r?.version ?? 0);
}

/** Bumps the version in the writer's transaction and returns the new one (the row lock serialises writers). */
export async function bumpVersion(db: Executor): Promise<number> {
  const r = await db
    .updateTable('search_lexicon_state')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(r.version);
}
