/**
 * Issue 14: which partner recommendations were followed. An impression is one recommendation (an item or
 * organisation shown to an organisation for a subject — a demand, or the organisation itself for "for me")
 * on one Shanghai day: the unique key makes a page shown many times a day one row. A response to the
 * recommended demand, a meeting request to, or a cooperation project with, the recommended organisation
 * within 30 days marks the impressions it follows (`followed_*`), in the transaction of that write.
 * `rec_key` (viewer, subject, item) names the recommendation across days, for counting each once.
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recommendation_impressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rec_key', 'text', (c) => c.notNull())
    .addColumn('viewer_org_id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull()) // demand | organisation
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('item_org_id', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('shown_on', 'text', (c) => c.notNull()) // YYYY-MM-DD, Asia/Shanghai
    .addColumn('shown_at', 'text', (c) => c.notNull())
    .addColumn('followed_kind', 'text') // response | meeting_request | project
    .addColumn('followed_ref', 'text')
    .addColumn('followed_at', 'text')
    .addUniqueConstraint('recommendation_impressions_day_uq', ['rec_key', 'shown_on'])
    .execute();
  await db.schema
    .createIndex('recommendation_impressions_viewer_idx')
    .on('recommendation_impressions')
    .columns(['viewer_org_id', 'shown_at'])
    .execute();
  await db.schema
    .createIndex('recommendation_impressions_shown_idx')
    .on('recommendation_impressions')
    .column('shown_on')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recommendation_impressions').execute();
}
