/**
 * Issue 11 §2: the third-party evaluation (417号 三(四): 适时组织开展对主题日活动的第三方评估). NDRC commissions an
 * evaluation of some theme days from an evaluator organisation, with the indicators and their weights as data;
 * the evaluator scores each indicator per theme day and writes conclusions, then submits (locked) and NDRC
 * accepts.
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('evaluator_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('period_start', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull()) // JSON Indicator[]
    .addColumn('status', 'text', (c) => c.notNull()) // commissioned | in_progress | submitted | accepted
    .addColumn('conclusions', 'text', (c) => c.notNull())
    .addColumn('commissioned_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_by', 'text', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('accepted_by', 'text', (c) => c.references('users.id'))
    .addColumn('accepted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evaluations_evaluator_idx')
    .on('evaluations')
    .column('evaluator_organisation_id')
    .execute();

  await db.schema
    .createTable('evaluation_theme_days')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id'))
    .addColumn('theme_day_id', 'text', (c) => c.notNull().references('theme_days.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_theme_days_pk', ['evaluation_id', 'theme_day_id'])
    .execute();
  await db.schema
    .createIndex('evaluation_theme_days_td_idx')
    .on('evaluation_theme_days')
    .column('theme_day_id')
    .execute();

  await db.schema
    .createTable('evaluation_scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id'))
    .addColumn('theme_day_id', 'text', (c) => c.notNull().references('theme_days.id'))
    .addColumn('indicator_key', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull()) // 0..100
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('evaluation_scores_uq', ['evaluation_id', 'theme_day_id', 'indicator_key'])
    .execute();
  await db.schema.createIndex('evaluation_scores_td_idx').on('evaluation_scores').column('theme_day_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evaluation_scores').execute();
  await db.schema.dropTable('evaluation_theme_days').execute();
  await db.schema.dropTable('evaluations').execute();
}
