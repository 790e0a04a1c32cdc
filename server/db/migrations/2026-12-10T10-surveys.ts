/**
 * Issue 11 §1: satisfaction surveys (417号 三(四): "产业链上中小企业和初创企业的满意程度"). The core instrument's
 * versions from 2 on (version 1 lives in common/survey-instrument.ts, frozen); one survey per theme day; one
 * invitation per person with only the SHA-256 of its link token; answers.
 *
 * Anonymity is a schema property: survey_answers has no column that names the invitation, the person or (in
 * anonymous mode) the organisation, and no instant — only the Shanghai date — so nothing joins an answer to
 * the invitation it used (whose `used` flag carries no time either). On SQLite the answers table is WITHOUT
 * ROWID, so its storage order follows the random ids rather than the order of arrival.
 *
 * Frozen in time; no app imports.
 */
import { SqliteAdapter, type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createTable('survey_instruments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('questions', 'text', (c) => c.notNull()) // JSON Question[]
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.notNull().unique().references('theme_days.id'))
    .addColumn('core_version', 'integer', (c) => c.notNull())
    .addColumn('host_questions', 'text', (c) => c.notNull()) // JSON Question[]
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('sources', 'text', (c) => c.notNull()) // JSON ParticipationKind[]
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0)) // no time, on purpose
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_invitations_person_uq', ['survey_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('core_version', 'integer', (c) => c.notNull())
    .addColumn('answered_on', 'text', (c) => c.notNull()) // YYYY-MM-DD, Asia/Shanghai
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id')) // null when anonymous
    .addColumn('size_class', 'text')
    .addColumn('org_kind', 'text')
    .addColumn('answers', 'text', (c) => c.notNull()) // JSON { [questionKey]: value }
    .$call((b) => (sqlite ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  await db.schema.createIndex('survey_answers_survey_idx').on('survey_answers').column('survey_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('survey_answers').execute();
  await db.schema.dropTable('survey_invitations').execute();
  await db.schema.dropTable('surveys').execute();
  await db.schema.dropTable('survey_instruments').execute();
}
