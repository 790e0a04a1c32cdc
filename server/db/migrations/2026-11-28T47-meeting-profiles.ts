/**
 * Meeting participants describe what their organisation offers and seeks (供给 / 需求), so others can decide
 * whom to ask for a 1:1 meeting before the theme day. Two nullable text columns on meeting_participants.
 *
 * Frozen in time; no app imports. Portable DDL (ALTER TABLE … ADD COLUMN works on SQLite and PostgreSQL).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meeting_participants').addColumn('offer', 'text').execute();
  await db.schema.alterTable('meeting_participants').addColumn('seek', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meeting_participants').dropColumn('seek').execute();
  await db.schema.alterTable('meeting_participants').dropColumn('offer').execute();
}
