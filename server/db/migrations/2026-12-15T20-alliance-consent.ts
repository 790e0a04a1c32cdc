/**
 * Issue 15: alliance membership needs the member's consent. A founder invites; the invited organisation
 * accepts or declines; only accepted members are members. Rows that exist already stay members (accepted).
 *
 * Frozen in time; no app imports. One column per ALTER (SQLite adds one at a time).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // invited | accepted | declined
  await db.schema
    .alterTable('alliance_members')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('accepted'))
    .execute();
  // User ids without a foreign key: SQLite cannot drop a column that has one (down).
  await db.schema.alterTable('alliance_members').addColumn('invited_by', 'text').execute();
  await db.schema.alterTable('alliance_members').addColumn('responded_by', 'text').execute();
  await db.schema.alterTable('alliance_members').addColumn('responded_at', 'text').execute();
  await db.schema
    .createIndex('alliance_members_org_status_idx')
    .on('alliance_members')
    .columns(['organisation_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('alliance_members_org_status_idx').execute();
  // Not-yet-accepted invitations were never memberships.
  await sql`delete from alliance_members where status <> 'accepted'`.execute(db);
  for (const col of ['responded_at', 'responded_by', 'invited_by', 'status']) {
    await db.schema.alterTable('alliance_members').dropColumn(col).execute();
  }
}
