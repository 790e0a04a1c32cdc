/**
 * Issue 12 §1: one-time verification codes for self-service sign-up and password reset. A code is six digits
 * sent to a mobile number or e-mail address; only its salted SHA-256 is kept. It expires after ten minutes and
 * dies after five wrong tries; a used code is marked consumed. Requests are rate-limited in rate_limit_hits.
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('verification_codes')
    .addColumn('id', 'text', (c) => c.primaryKey()) // also the salt of the hash
    .addColumn('purpose', 'text', (c) => c.notNull()) // sign_up | password_reset
    .addColumn('channel', 'text', (c) => c.notNull()) // email | sms
    .addColumn('address', 'text', (c) => c.notNull()) // normalised e-mail or mobile number
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade')) // the account a reset is for
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('verification_codes_address_idx')
    .on('verification_codes')
    .columns(['address', 'purpose', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('verification_codes').execute();
}
