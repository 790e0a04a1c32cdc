/**
 * Foundation schema: identity, organisations, bases, sessions, audit, programme workflow, notifications.
 *
 * Frozen in time: never edit once on main; add a new migration instead. No app imports. The DDL is
 * portable between SQLite and PostgreSQL: ids are text (UUIDs), timestamps are ISO-8601 UTC text
 * (`Date#toISOString()`, which sorts lexicographically), JSON is text, booleans are integers.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('uscc_status', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('industry_code', 'text')
    .addColumn('employees', 'integer')
    .addColumn('revenue_wan', 'double precision')
    .addColumn('assets_wan', 'double precision')
    .addColumn('size_class', 'text')
    .addColumn('department_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('batch', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('supervising_department', 'text')
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bases_organisation_idx').on('bases').column('organisation_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('mobile', 'text', (c) => c.unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('memberships_user_org_role_uq', ['user_id', 'organisation_id', 'role'])
    .execute();
  await db.schema.createIndex('memberships_org_idx').on('memberships').column('organisation_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the cookie token, never the token itself
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('membership_id', 'text')
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('organisation_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_at_idx').on('audit_events').column('at').execute();
  await db.schema.createIndex('audit_entity_idx').on('audit_events').columns(['entity_type', 'entity_id']).execute();

  await db.schema
    .createTable('programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | open | closed
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('preliminary_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('base_id', 'text', (c) => c.notNull().references('bases.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | withdrawn | returned | selected
    .addColumn('theme', 'text')
    .addColumn('title', 'text')
    .addColumn('body', 'text')
    .addColumn('partner_base_ids', 'text', (c) => c.notNull())
    .addColumn('areas', 'text', (c) => c.notNull())
    .addColumn('planned_months', 'text', (c) => c.notNull())
    .addColumn('epidemic_measures', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plans_programme_base_uq', ['programme_id', 'base_id'])
    .execute();

  await db.schema
    .createTable('plan_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('preliminary_plans.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_versions_uq', ['plan_id', 'version'])
    .execute();

  await db.schema
    .createTable('review_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('preliminary_plans.id'))
    .addColumn('reviewer_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reviewer_organisation_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // assigned | submitted
    .addColumn('scores', 'text')
    .addColumn('comment', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('review_plan_reviewer_uq', ['plan_id', 'reviewer_user_id'])
    .execute();
  await db.schema.createIndex('review_reviewer_idx').on('review_assignments').column('reviewer_user_id').execute();

  await db.schema
    .createTable('theme_days')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().unique().references('preliminary_plans.id'))
    .addColumn('base_id', 'text', (c) => c.notNull().references('bases.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('partner_base_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('activity_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.notNull().unique().references('theme_days.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | approved | returned
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // agenda, parts, partners, support orgs, venue, ...
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'notifications',
    'activity_plans',
    'theme_days',
    'review_assignments',
    'plan_versions',
    'preliminary_plans',
    'programmes',
    'audit_events',
    'sessions',
    'memberships',
    'users',
    'bases',
    'organisations',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
