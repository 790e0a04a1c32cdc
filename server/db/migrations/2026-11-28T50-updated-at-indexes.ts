/**
 * The search index's background refresher asks every public-item table (and organisations) for rows
 * changed since a watermark every few seconds (server/modules/search). Without an index on updated_at
 * each refresh is a full scan of six tables; with it, a refresh that finds nothing costs six index probes.
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

const TABLES = ['resources', 'demands', 'results', 'docking_sessions', 'alliances', 'organisations'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) await db.schema.createIndex(`${t}_updated_at_idx`).on(t).column('updated_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) await db.schema.dropIndex(`${t}_updated_at_idx`).ifExists().execute();
}
