/**
 * Issue 15 (registration at the door): place counters on the session row. `taken` / `online_taken` count the
 * registrations holding a place (status `registered`) per attendance, `waiting` / `online_waiting` those on
 * the waitlist. A registration reads them under the session row's lock (the same UPDATE that takes its seq)
 * instead of counting rows, so the hot path is one short statement whatever the session's size.
 *
 * Triggers on event_registrations keep the counters exact on every path that changes who holds a place —
 * register, cancel, promotion, demotion, mode switch, deletion, and rows written by seeds or tools outside
 * the service — inside the writer's own transaction. Backfilled from the rows present.
 *
 * Frozen in time; no app imports.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';

const COUNTERS = ['taken', 'waiting', 'online_taken', 'online_waiting'] as const;

/** `(status, attendance)` of each counter. */
const MEANING: Record<(typeof COUNTERS)[number], [string, string]> = {
  taken: ['registered', 'offline'],
  waiting: ['waitlisted', 'offline'],
  online_taken: ['registered', 'online'],
  online_waiting: ['waitlisted', 'online'],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const c of COUNTERS) {
    await db.schema
      .alterTable('event_sessions')
      .addColumn(c, 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
  }
  for (const c of COUNTERS) {
    const [status, attendance] = MEANING[c];
    await sql`update event_sessions set ${sql.ref(c)} = (
        select count(*) from event_registrations r
        where r.session_id = event_sessions.id and r.status = ${status} and r.attendance = ${attendance})`.execute(db);
  }

  // A row's contribution to each counter, as 0/1 integers (both databases).
  const delta = (row: 'new' | 'old', sign: '+' | '-') =>
    COUNTERS.map((c) => {
      const [status, attendance] = MEANING[c];
      const cond = `${row}.status = '${status}' and ${row}.attendance = '${attendance}'`;
      return `${c} = ${c} ${sign} (case when ${cond} then 1 else 0 end)`;
    }).join(', ');

  if (sqlite) {
    await sql
      .raw(
        `create trigger event_registrations_places_ins after insert on event_registrations
         begin update event_sessions set ${delta('new', '+')} where id = new.session_id; end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger event_registrations_places_del after delete on event_registrations
         begin update event_sessions set ${delta('old', '-')} where id = old.session_id; end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger event_registrations_places_upd after update of status, attendance, session_id
         on event_registrations
         when old.status is not new.status or old.attendance is not new.attendance
           or old.session_id is not new.session_id
         begin
           update event_sessions set ${delta('old', '-')} where id = old.session_id;
           update event_sessions set ${delta('new', '+')} where id = new.session_id;
         end`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create function event_registrations_places() returns trigger language plpgsql as $$
         begin
           if tg_op in ('UPDATE', 'DELETE') then
             update event_sessions set ${delta('old', '-')} where id = old.session_id;
           end if;
           if tg_op in ('INSERT', 'UPDATE') then
             update event_sessions set ${delta('new', '+')} where id = new.session_id;
           end if;
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger event_registrations_places_ins after insert or delete on event_registrations
         for each row execute function event_registrations_places()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger event_registrations_places_upd after update of status, attendance, session_id
         on event_registrations for each row
         when (old.status is distinct from new.status or old.attendance is distinct from new.attendance
           or old.session_id is distinct from new.session_id)
         execute function event_registrations_places()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    for (const t of ['ins', 'del', 'upd']) await sql.raw(`drop trigger event_registrations_places_${t}`).execute(db);
  } else {
    await sql.raw('drop trigger event_registrations_places_ins on event_registrations').execute(db);
    await sql.raw('drop trigger event_registrations_places_upd on event_registrations').execute(db);
    await sql.raw('drop function event_registrations_places()').execute(db);
  }
  for (const c of COUNTERS) await db.schema.alterTable('event_sessions').dropColumn(c).execute();
}
