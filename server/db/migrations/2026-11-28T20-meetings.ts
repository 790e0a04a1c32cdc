/**
 * 1:1 business meetings (一对一洽谈) at theme days: sessions with their time slots, participants, requests,
 * meetings, the occupancy rows that make double bookings impossible, scheduler runs and outcomes.
 *
 * Concurrency rests on unique constraints rather than on application checks:
 * - meeting_occupancy (session_id, slot_index, holder): a holder is a location ('loc:3') or a participant
 *   ('p:<id>'), so two meetings can never share a table in a slot, nor a participant in a slot;
 * - meeting_requests (session_id, open_key): open_key is the ordered participant pair while a request is
 *   pending or accepted (NULL otherwise; NULLs never collide), so one pair has one open request;
 * - schedule_runs (session_id, running_key): one running scheduler per session.
 *
 * Frozen in time; no app imports. Portable DDL (text ids and timestamps, JSON as text, booleans as integers).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.notNull().references('theme_days.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull()) // self_booking | organiser
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('date', 'text', (c) => c.notNull()) // YYYY-MM-DD, Asia/Shanghai
    .addColumn('slots', 'text', (c) => c.notNull()) // JSON [{ startsAt, endsAt }] UTC, in order
    .addColumn('morning_slots', 'integer', (c) => c.notNull())
    .addColumn('tables', 'integer', (c) => c.notNull())
    .addColumn('online_rooms', 'integer', (c) => c.notNull())
    .addColumn('online_url_template', 'text')
    .addColumn('venue', 'text')
    .addColumn('request_limit', 'integer', (c) => c.notNull())
    .addColumn('request_ttl_hours', 'integer', (c) => c.notNull())
    .addColumn('fairness', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_sessions_theme_day_idx').on('meeting_sessions').column('theme_day_id').execute();

  await db.schema
    .createTable('meeting_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('meeting_sessions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unavailable_slots', 'text', (c) => c.notNull()) // JSON number[]
    .addColumn('request_limit', 'integer') // per-participant override of the session limit
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meeting_participants_session_user_uq', ['session_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('meeting_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('meeting_sessions.id'))
    .addColumn('requester_id', 'text', (c) => c.notNull().references('meeting_participants.id'))
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('meeting_participants.id'))
    .addColumn('message', 'text')
    .addColumn('cited_type', 'text')
    .addColumn('cited_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // pending | accepted | declined | withdrawn | expired | cancelled
    .addColumn('open_key', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meeting_requests_open_pair_uq', ['session_id', 'open_key'])
    .execute();
  await db.schema.createIndex('meeting_requests_requester_idx').on('meeting_requests').column('requester_id').execute();
  await db.schema.createIndex('meeting_requests_recipient_idx').on('meeting_requests').column('recipient_id').execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('meeting_sessions.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().unique().references('meeting_requests.id'))
    .addColumn('participant_a_id', 'text', (c) => c.notNull().references('meeting_participants.id'))
    .addColumn('participant_b_id', 'text', (c) => c.notNull().references('meeting_participants.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // accepted (no slot yet) | scheduled | cancelled
    .addColumn('slot_index', 'integer')
    .addColumn('location', 'integer') // 1..tables = table number; tables+1.. = online room
    .addColumn('online_link', 'text')
    .addColumn('fixed_slot', 'integer')
    .addColumn('cancelled_by', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_session_idx').on('meetings').column('session_id').execute();

  await db.schema
    .createTable('meeting_occupancy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('meeting_sessions.id'))
    .addColumn('slot_index', 'integer', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addUniqueConstraint('meeting_occupancy_uq', ['session_id', 'slot_index', 'holder'])
    .execute();
  await db.schema.createIndex('meeting_occupancy_meeting_idx').on('meeting_occupancy').column('meeting_id').execute();

  await db.schema
    .createTable('meeting_outcomes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('meeting_participants.id'))
    .addColumn('outcome', 'text', (c) => c.notNull()) // did_not_take_place | no_interest | useful_no_cooperation | cooperation_possible
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meeting_outcomes_uq', ['meeting_id', 'participant_id'])
    .execute();

  await db.schema
    .createTable('schedule_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('meeting_sessions.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // running | finished | failed | published
    .addColumn('running_key', 'text')
    .addColumn('allow_moves', 'integer', (c) => c.notNull())
    .addColumn('time_limit_ms', 'integer', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('stop_requested', 'integer', (c) => c.notNull())
    .addColumn('best_breaks', 'integer')
    .addColumn('lower_bound', 'integer')
    .addColumn('elapsed_ms', 'integer', (c) => c.notNull())
    .addColumn('iterations', 'integer', (c) => c.notNull())
    .addColumn('feasible', 'integer')
    .addColumn('proved_optimal', 'integer', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull()) // JSON: meeting and participant order of the instance
    .addColumn('result', 'text') // JSON: draft assignment and the engine's reasons
    .addColumn('error', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schedule_runs_running_uq', ['session_id', 'running_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'schedule_runs',
    'meeting_outcomes',
    'meeting_occupancy',
    'meetings',
    'meeting_requests',
    'meeting_participants',
    'meeting_sessions',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
