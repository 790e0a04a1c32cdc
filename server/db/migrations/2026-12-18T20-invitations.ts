/**
 * Issue 12 §1: invitations to a theme day. A host's staff invite a person by e-mail or mobile number; the link
 * carries a random token of which only the SHA-256 is kept. An invitation expires (14 days), may be revoked, and
 * records who accepted it. At most one PENDING invitation per theme day and address (partial unique index): a
 * second invite of the same address is the same invitation, even when two requests race. The delivery status
 * of the message (sent, logged in development, failed) is kept on the row.
 *
 * Frozen in time; no app imports.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.notNull().references('theme_days.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull()) // email | sms
    .addColumn('address', 'text', (c) => c.notNull()) // normalised e-mail or mobile number
    .addColumn('name', 'text') // the invitee's name as the host typed it
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | accepted | revoked | expired
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('accepted_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'text')
    .addColumn('delivery_status', 'text', (c) => c.notNull()) // queued | sent | logged | failed
    .addColumn('delivery_error', 'text')
    .execute();
  await db.schema
    .createIndex('invitations_theme_day_idx')
    .on('invitations')
    .columns(['theme_day_id', 'created_at'])
    .execute();
  // Same statement on SQLite and PostgreSQL: a partial unique index.
  await sql`create unique index invitations_pending_uq on invitations (theme_day_id, address) where status = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invitations').execute();
}
