/**
 * Issue 12 §3: the coordinating roles. `bases.supervisor_organisation_id` records the base's supervising
 * department (基地主管部门), whose people (role base_supervisor) follow the base's plans, theme days and results;
 * `plan_comments` holds the remarks the local DRC and the supervising department make on a plan before it is
 * submitted; `base_reminders` keeps the reminders (督促提醒) they send, one per sender organisation, base and
 * Beijing day (the unique index decides races).
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('bases')
    .addColumn('supervisor_organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('plan_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('preliminary_plans.id').onDelete('cascade'))
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('author_organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('author_role', 'text', (c) => c.notNull()) // local_drc | base_supervisor | programme_owner | base_admin
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('plan_version', 'integer', (c) => c.notNull()) // the last submitted version when the comment was made
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_comments_plan_idx')
    .on('plan_comments')
    .columns(['plan_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('base_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('base_id', 'text', (c) => c.notNull().references('bases.id').onDelete('cascade'))
    .addColumn('sender_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sender_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('sender_role', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull()) // Beijing date YYYY-MM-DD
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('base_reminders_once_a_day')
    .unique()
    .on('base_reminders')
    .columns(['base_id', 'sender_organisation_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('base_reminders').execute();
  await db.schema.dropTable('plan_comments').execute();
  await db.schema.alterTable('bases').dropColumn('supervisor_organisation_id').execute();
}
