/**
 * Issue 14: entries administrators add to the search lexicon (synonym groups and broader → narrower
 * relations), merged with the built-in lexicon by every app server. `signature` (kind and the sorted
 * normalised terms) is unique, so the same entry cannot be added twice even by parallel requests.
 * `search_lexicon_state` holds one row whose `version` every write bumps in its transaction: an app
 * server compares it with the version it loaded and re-reads the entries only when it moved.
 *
 * Frozen in time; no app imports.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_lexicon_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // synonym | narrower
    .addColumn('term', 'text', (c) => c.notNull()) // head term, normalised
    .addColumn('terms', 'text', (c) => c.notNull()) // JSON string[]: synonyms or narrower terms, normalised
    .addColumn('signature', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('search_lexicon_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into search_lexicon_state (id, version) values (1, 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_lexicon_state').execute();
  await db.schema.dropTable('search_lexicon_entries').execute();
}
