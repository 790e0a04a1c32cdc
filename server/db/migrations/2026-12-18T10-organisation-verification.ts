/**
 * Issue 12 §1: self-registered organisations start unverified until NDRC, the system administrator or the local
 * DRC of their province verifies them; the registrant administers the organisation (memberships.org_admin) and
 * approves others' requests to join (join_requests). Every organisation that exists already was registered by
 * NDRC or the administrator, so it is verified (the column's default backfills it).
 *
 * Frozen in time; no app imports. One column per ALTER (SQLite adds one at a time).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // unverified | verified | rejected
  await db.schema
    .alterTable('organisations')
    .addColumn('verification_status', 'text', (c) => c.notNull().defaultTo('verified'))
    .execute();
  // User ids without a foreign key: SQLite cannot drop a column that has one (down).
  await db.schema.alterTable('organisations').addColumn('registered_by', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('verified_by', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('verified_at', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('rejection_reason', 'text').execute();
  await db.schema
    .createIndex('organisations_verification_idx')
    .on('organisations')
    .columns(['verification_status', 'created_at'])
    .execute();

  // 1 = administers the organisation (approves join requests); base administrators administer theirs by role.
  await db.schema
    .alterTable('memberships')
    .addColumn('org_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('join_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | declined
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One pending request per person and organisation: a double click inserts once (partial unique index, both dialects).
  await sql`create unique index join_requests_pending_uq on join_requests (organisation_id, user_id) where status = 'pending'`.execute(
    db,
  );
  await db.schema
    .createIndex('join_requests_user_idx')
    .on('join_requests')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('join_requests').execute();
  await db.schema.alterTable('memberships').dropColumn('org_admin').execute();
  await db.schema.dropIndex('organisations_verification_idx').execute();
  for (const col of ['rejection_reason', 'verified_at', 'verified_by', 'registered_by', 'verification_status']) {
    await db.schema.alterTable('organisations').dropColumn(col).execute();
  }
}
