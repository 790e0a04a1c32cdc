/**
 * Issue 11 §3: publicity and the national showcase. Uploaded images (covers and photos), the support
 * organisations a host delegates to write news for its theme day, news, success cases with each party's
 * consent, benchmark enterprises (融通创新标杆企业) by year, and nominations to the national events — one per
 * project, event and year (a unique key, so parallel requests cannot create two).
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('publicity_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull()) // png | jpeg | webp
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull()) // relative to the uploads folder
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('news_delegations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.notNull().references('theme_days.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('news_delegations_uq', ['theme_day_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('news')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.references('theme_days.id')) // null: programme-wide
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('cover_image_id', 'text', (c) => c.references('publicity_images.id'))
    .addColumn('body', 'text', (c) => c.notNull()) // sanitised HTML
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_kind', 'text', (c) => c.notNull()) // ndrc | host | support
    .addColumn('author_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('return_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('news_status_published_idx').on('news').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('news_theme_day_idx').on('news').column('theme_day_id').execute();

  await db.schema
    .createTable('success_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().unique().references('cooperation_projects.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('story', 'text', (c) => c.notNull()) // sanitised HTML
    .addColumn('figures', 'text', (c) => c.notNull()) // JSON CaseFigure[]
    .addColumn('photo_ids', 'text', (c) => c.notNull()) // JSON string[] of publicity_images ids
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_by_org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('success_case_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('success_cases.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('decision', 'text', (c) => c.notNull()) // pending | agreed | declined
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addUniqueConstraint('success_case_consents_uq', ['case_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('benchmark_enterprises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('named_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('named_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('benchmark_enterprises_uq', ['year', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('nominations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('cooperation_projects.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_by_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('nominations_project_event_year_uq', ['project_id', 'event', 'year'])
    .execute();
  await db.schema.createIndex('nominations_event_year_idx').on('nominations').columns(['event', 'year']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('nominations').execute();
  await db.schema.dropTable('benchmark_enterprises').execute();
  await db.schema.dropTable('success_case_consents').execute();
  await db.schema.dropTable('success_cases').execute();
  await db.schema.dropTable('news').execute();
  await db.schema.dropTable('news_delegations').execute();
  await db.schema.dropTable('publicity_images').execute();
}
