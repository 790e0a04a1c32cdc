/**
 * The virtual exhibition hall of a theme day (issue 5 item 4; 417号 三(五): "充分利用互联网、云展厅、VR等方式，
 * 将线下活动转为线上进行"): exhibitors' booths and the contact requests visitors send to them.
 *
 * Frozen in time; no app imports. Portable DDL (text ids, ISO UTC text timestamps, JSON as text). One booth
 * per organisation and theme day, one contact request per person and booth (unique constraints).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exhibition_booths')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.notNull().references('theme_days.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('items', 'text', (c) => c.notNull()) // JSON [{type, id}]
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | rejected
    .addColumn('review_note', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('exhibition_booths_theme_day_org_uq', ['theme_day_id', 'organisation_id'])
    .execute();
  await db.schema
    .createIndex('exhibition_booths_status_idx')
    .on('exhibition_booths')
    .columns(['theme_day_id', 'status'])
    .execute();

  await db.schema
    .createTable('exhibition_contact_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booth_id', 'text', (c) => c.notNull().references('exhibition_booths.id'))
    .addColumn('requester_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requester_organisation_id', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | accepted | declined
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('exhibition_contact_requests_booth_user_uq', ['booth_id', 'requester_user_id'])
    .execute();
  await db.schema
    .createIndex('exhibition_contact_requests_user_idx')
    .on('exhibition_contact_requests')
    .column('requester_user_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('exhibition_contact_requests').execute();
  await db.schema.dropTable('exhibition_booths').execute();
}
