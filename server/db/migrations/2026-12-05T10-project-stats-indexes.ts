/**
 * Issue 10 (bench/outcomes): the lists of the results pages read projects newest (or oldest) first, of one theme
 * day or of all, one page at a time; the numbers ask which follow-up points exist. Without these indexes every
 * page sorts all projects of its scope and every stats request scans all follow-ups for their points.
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('cooperation_projects_created_idx')
    .on('cooperation_projects')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('cooperation_projects_theme_day_created_idx')
    .on('cooperation_projects')
    .columns(['theme_day_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('project_follow_ups_point_idx').on('project_follow_ups').column('point_months').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('project_follow_ups_point_idx').ifExists().execute();
  await db.schema.dropIndex('cooperation_projects_theme_day_created_idx').ifExists().execute();
  await db.schema.dropIndex('cooperation_projects_created_idx').ifExists().execute();
}
