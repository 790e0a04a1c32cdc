/**
 * Issue 10: cooperation projects (融通合作项目) and their follow-ups (417号 三(四): "促成合作项目的多少、搭建合作
 * 机制稳定程度"). A project counts only once every party has confirmed it (handshake); one source record yields at
 * most one project (unique source key); every party answers a follow-up at each point (months after signing).
 *
 * Frozen in time; no app imports. Portable DDL (text ids, ISO UTC text timestamps, dates as 'YYYY-MM-DD' text,
 * JSON as text, booleans as integers). Amounts are whole yuan in 64-bit integers (`bigint` on PostgreSQL, where
 * pg parses int8 to Number; SQLite's integer is 64-bit already).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cooperation_projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.references('theme_days.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // joint_rd | transfer_licence | investment | procurement | resource_use | talent | consortium | other
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('content_areas', 'text', (c) => c.notNull()) // JSON string[] of content-area keys
    .addColumn('chain', 'text') // industry | supply | innovation
    .addColumn('intended_amount', 'bigint')
    .addColumn('contracted_amount', 'bigint')
    .addColumn('received_amount', 'bigint')
    .addColumn('jobs_created', 'integer')
    // candidate | intent | signed | in_progress | completed | terminated
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('intent_on', 'text')
    .addColumn('signed_on', 'text')
    .addColumn('started_on', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('terminated_on', 'text')
    .addColumn('termination_reason', 'text')
    // manual | meeting | demand_response | consortium | result_application | resource_request | roadshow_interest | booth_contact
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('cooperation_projects.id'))
    .addColumn('proposed_by_org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cooperation_projects_source_uq', ['source_type', 'source_id'])
    .execute();
  await db.schema
    .createIndex('cooperation_projects_theme_day_idx')
    .on('cooperation_projects')
    .column('theme_day_id')
    .execute();
  await db.schema.createIndex('cooperation_projects_stage_idx').on('cooperation_projects').column('stage').execute();

  await db.schema
    .createTable('project_parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('cooperation_projects.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // lead | participant
    .addColumn('size_class', 'text') // copied from the organisation when the project is signed
    .addColumn('kind', 'text') // ditto
    .addColumn('confirmation', 'text', (c) => c.notNull()) // pending | confirmed | declined
    .addColumn('decline_reason', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('publish_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amounts_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_parties_uq', ['project_id', 'organisation_id'])
    .execute();
  await db.schema.createIndex('project_parties_org_idx').on('project_parties').column('organisation_id').execute();

  await db.schema
    .createTable('project_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('cooperation_projects.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('point_months', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull()) // YYYY-MM-DD, Asia/Shanghai
    .addColumn('status', 'text') // null until answered: on_track | delayed | paused | terminated | completed
    .addColumn('received_amount', 'bigint')
    .addColumn('jobs_created', 'integer')
    .addColumn('milestones', 'text')
    .addColumn('problems', 'text')
    .addColumn('help_needed', 'text', (c) => c.notNull()) // JSON string[]: host | local_drc | guidance_fund
    .addColumn('help_note', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_follow_ups_uq', ['project_id', 'organisation_id', 'point_months'])
    .execute();
  await db.schema
    .createIndex('project_follow_ups_due_idx')
    .on('project_follow_ups')
    .columns(['due_date', 'status'])
    .execute();

  await db.schema
    .createTable('project_follow_up_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('follow_up_id', 'text', (c) => c.notNull().references('project_follow_ups.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // d14 | d1 | overdue
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_follow_up_reminders_uq', ['follow_up_id', 'kind'])
    .execute();

  await db.schema
    .createTable('project_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('cooperation_projects.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('point_months', 'integer') // the follow-up point it backs, or null for the project itself
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull()) // pdf | png | jpeg, sniffed from the content
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull()) // relative to the uploads folder
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_evidence_project_idx').on('project_evidence').column('project_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_evidence').execute();
  await db.schema.dropTable('project_follow_up_reminders').execute();
  await db.schema.dropTable('project_follow_ups').execute();
  await db.schema.dropTable('project_parties').execute();
  await db.schema.dropTable('cooperation_projects').execute();
}
