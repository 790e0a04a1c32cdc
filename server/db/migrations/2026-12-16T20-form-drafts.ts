/**
 * Issue 15 (safe forms): a server-side draft of an editor's unsaved state, one per user and form key
 * (e.g. `plan:<id>`), written every few seconds while the user types so a closed tab loses nothing, and
 * deleted when the form is saved. The primary key (user_id, key) makes every draft its owner's only.
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('form_drafts')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON object: the form's values as the editor holds them
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('form_drafts_pk', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('form_drafts_updated_idx').on('form_drafts').column('updated_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('form_drafts').execute();
}
