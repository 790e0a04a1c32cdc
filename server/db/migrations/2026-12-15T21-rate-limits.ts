/**
 * Issue 15: rate limits kept in the database, so two app servers share one count instead of each keeping
 * its own in memory (two servers let twice the sign-ins through). One row per key and fixed window; a hit
 * is one upsert that adds 1 and returns the new count, atomic on both databases.
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull()) // ISO instant the fixed window starts at
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_hits_pk', ['key', 'window_start'])
    .execute();
  // Expired windows are swept by age.
  await db.schema.createIndex('rate_limit_hits_window_idx').on('rate_limit_hits').column('window_start').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_hits').execute();
}
