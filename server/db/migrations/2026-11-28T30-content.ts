/**
 * Issue 3: the theme day's content areas (417号 二、主题内容) — open resources with requests under a quota
 * (创新资源开放共享), innovation demands and new-technology catalogues with responses and consortia
 * (创新项目协作攻关), results with the 不涉密 declaration and a confidentiality review (创新成果联合转化), and
 * deep docking: alliances and docking sessions (创新主体深度对接).
 *
 * Frozen in time; no app imports. Portable DDL (text ids, ISO UTC text timestamps, JSON as text, booleans as
 * integers, shares as integer basis points). Quotas hold through a row lock on the resource (PostgreSQL) or
 * SQLite's single writer; unique constraints keep one response / application per organisation and item.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('theme_day_id', 'text', (c) => c.references('theme_days.id'))
    .addColumn('type', 'text', (c) => c.notNull()) // scenario | lab | instrument | investment | training | supply_chain
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('location', 'text')
    .addColumn('conditions', 'text')
    .addColumn('price_model', 'text', (c) => c.notNull()) // free | paid | negotiable
    .addColumn('price_note', 'text')
    .addColumn('quota', 'integer') // null: no limit
    .addColumn('quota_period', 'text', (c) => c.notNull()) // month | theme_day | total
    .addColumn('graduate_teams', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull()) // draft | published | closed
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resources_org_idx').on('resources').column('organisation_id').execute();
  await db.schema.createIndex('resources_theme_day_idx').on('resources').column('theme_day_id').execute();

  await db.schema
    .createTable('resource_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull()) // YYYY-MM, or 'all' for theme_day/total quotas
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | declined | used | closed | withdrawn
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('resource_requests_resource_idx')
    .on('resource_requests')
    .columns(['resource_id', 'period_key', 'status'])
    .execute();
  await db.schema.createIndex('resource_requests_org_idx').on('resource_requests').column('organisation_id').execute();

  await db.schema
    .createTable('demands')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // demand (创新需求) | technology (新技术目录)
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('theme_day_id', 'text', (c) => c.references('theme_days.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('indicators', 'text')
    .addColumn('budget_min_wan', 'double precision')
    .addColumn('budget_max_wan', 'double precision')
    .addColumn('cooperation_mode', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull()) // YYYY-MM-DD, Asia/Shanghai, inclusive
    .addColumn('ip_terms', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // draft | published | closed
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('demands_org_idx').on('demands').column('organisation_id').execute();

  await db.schema
    .createTable('demand_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('demand_id', 'text', (c) => c.notNull().references('demands.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull()) // JSON [{id,name,type,size,path}]
    .addColumn('status', 'text', (c) => c.notNull()) // submitted | shortlisted | accepted | declined | withdrawn
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('demand_responses_uq', ['demand_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('consortia')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('demand_id', 'text', (c) => c.notNull().references('demands.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ip_terms', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | signed
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('signed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('consortium_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consortium_id', 'text', (c) => c.notNull().references('consortia.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('cost_share_bp', 'integer', (c) => c.notNull()) // basis points: 10000 = 100 %
    .addColumn('benefit_share_bp', 'integer', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text')
    .addUniqueConstraint('consortium_members_uq', ['consortium_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('theme_day_id', 'text', (c) => c.references('theme_days.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('trl', 'integer', (c) => c.notNull())
    .addColumn('patents', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('transfer_mode', 'text', (c) => c.notNull()) // transfer | licence | equity | joint_development
    .addColumn('price_expectation', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // draft | in_review | changes_requested | public | rejected
    .addColumn('declaration_text', 'text')
    .addColumn('declared_by', 'text')
    .addColumn('declared_org_id', 'text')
    .addColumn('declared_at', 'text')
    .addColumn('review_outcome', 'text') // public | revise | reject
    .addColumn('review_comment', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('results_org_idx').on('results').column('organisation_id').execute();

  await db.schema
    .createTable('confidentiality_reviewers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('confidentiality_reviewers_uq', ['organisation_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('result_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('result_id', 'text', (c) => c.notNull().references('results.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | accepted | declined
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('result_applications_uq', ['result_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('alliances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('theme_day_id', 'text', (c) => c.references('theme_days.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text')
    .addColumn('charter', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alliance_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alliance_members_uq', ['alliance_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('docking_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('theme_day_id', 'text', (c) => c.references('theme_days.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // seminar (专家研讨会) | supply_demand (供需对接会)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('agenda', 'text', (c) => c.notNull()) // JSON [{time,item}]
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('online_link', 'text')
    // Hook for registration (issue 5's events module): the event session that takes sign-ups, if any.
    .addColumn('event_session_id', 'text', (c) => c.references('event_sessions.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'docking_sessions',
    'alliance_members',
    'alliances',
    'result_applications',
    'confidentiality_reviewers',
    'results',
    'consortium_members',
    'consortia',
    'demand_responses',
    'demands',
    'resource_requests',
    'resources',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
