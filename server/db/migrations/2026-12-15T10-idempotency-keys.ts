/**
 * Issue 15: idempotent writes. One row per (scope, key) of an `Idempotency-Key` request header
 * (draft-ietf-httpapi-idempotency-key-header): claimed as `pending` with a short lease before the handler
 * runs, then `done` with the first response, which a retry with the same request gets back. The primary key
 * makes the claim race-safe on both databases; `expires_at` (24 h) lets a sweep drop old rows.
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull()) // the signed-in user's id
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull()) // SHA-256 of method, path and canonical body
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // pending | done
    .addColumn('response_status', 'integer')
    .addColumn('response_headers', 'text') // JSON { content-type, location }
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text', (c) => c.notNull()) // lease of a pending claim
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_expires_idx').on('idempotency_keys').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}
