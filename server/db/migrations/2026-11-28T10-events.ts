/**
 * Event sessions of a theme day, registrations with waitlist and check-in (issue 5, 417号 三(五):
 * "减少参加聚集性活动的人员…做好应急预案"), and roadshows with judges and scores (content area 4, 创新团队对接路演).
 *
 * Frozen in time; no app imports. Portable DDL (text ids, ISO UTC text timestamps, JSON as text, booleans
 * as integers). Capacity holds through a row lock on the session (PostgreSQL) or SQLite's single writer;
 * the unique constraints below are the safety net (one registration per person and session, one place in
 * the order per session, one check-in code, one score per judge and project).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.notNull().references('theme_days.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // opening | roadshow | seminar | docking | exhibition
    .addColumn('mode', 'text', (c) => c.notNull()) // offline | online | hybrid
    .addColumn('description', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('venue_capacity', 'integer')
    .addColumn('capacity', 'integer') // offline places; null for an online-only session
    .addColumn('online_limit', 'integer') // null: unlimited
    .addColumn('online_channel', 'text')
    .addColumn('registration_opens_at', 'text', (c) => c.notNull())
    .addColumn('registration_closes_at', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('next_seq', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_sessions_theme_day_idx').on('event_sessions').column('theme_day_id').execute();

  await db.schema
    .createTable('event_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('event_sessions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text')
    .addColumn('attendance', 'text', (c) => c.notNull()) // offline | online
    .addColumn('status', 'text', (c) => c.notNull()) // registered | waitlisted | cancelled
    .addColumn('seq', 'integer', (c) => c.notNull()) // order of (re)registration within the session
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('checked_in_at', 'text')
    .addColumn('checked_in_by', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('event_registrations_session_user_uq', ['session_id', 'user_id'])
    .addUniqueConstraint('event_registrations_session_seq_uq', ['session_id', 'seq'])
    .execute();
  await db.schema.createIndex('event_registrations_user_idx').on('event_registrations').column('user_id').execute();
  await db.schema
    .createIndex('event_registrations_status_idx')
    .on('event_registrations')
    .columns(['session_id', 'attendance', 'status'])
    .execute();

  await db.schema
    .createTable('roadshows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().unique().references('event_sessions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // collecting | scoring | closed
    .addColumn('applications_close_at', 'text')
    .addColumn('scoring_opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('roadshow_projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('roadshow_id', 'text', (c) => c.notNull().references('roadshows.id'))
    .addColumn('applicant_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('organisation_name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('financing_need_wan', 'double precision', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('bp_path', 'text', (c) => c.notNull())
    .addColumn('bp_name', 'text', (c) => c.notNull())
    .addColumn('bp_size', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // submitted | accepted | rejected
    .addColumn('screening_note', 'text')
    .addColumn('lineup_order', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roadshow_projects_roadshow_idx').on('roadshow_projects').column('roadshow_id').execute();

  await db.schema
    .createTable('roadshow_judges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('roadshow_id', 'text', (c) => c.notNull().references('roadshows.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull()) // expert | investor
    .addColumn('guidance_fund', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('roadshow_judges_uq', ['roadshow_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('roadshow_scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('roadshow_id', 'text', (c) => c.notNull().references('roadshows.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('roadshow_projects.id'))
    .addColumn('judge_id', 'text', (c) => c.notNull().references('roadshow_judges.id'))
    .addColumn('scores', 'text') // {criterionKey: 1..10}; null when a conflict is declared
    .addColumn('conflict', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conflict_reason', 'text')
    .addColumn('intent_min_wan', 'double precision')
    .addColumn('intent_max_wan', 'double precision')
    .addColumn('intent_to_sign', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('roadshow_scores_uq', ['project_id', 'judge_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'roadshow_scores',
    'roadshow_judges',
    'roadshow_projects',
    'roadshows',
    'event_registrations',
    'event_sessions',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
