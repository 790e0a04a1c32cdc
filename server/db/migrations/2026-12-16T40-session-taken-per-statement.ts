/**
 * Issue 15 (registration at the door): on PostgreSQL the place counters move once per statement instead of
 * once per registration row. A batch of registrations is one multi-row insert; with the row-level trigger of
 * 2026-12-16T30 it updated the session row once per inserted row, leaving a dead version of the hot row each
 * time, and every later lookup of that row walked past them. The statement-level triggers below read the
 * statement's transition tables and update each touched session once, with the summed changes. SQLite keeps
 * its row-level triggers (no row versions there).
 *
 * Frozen in time; no app imports.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';

const COUNTERS = ['taken', 'waiting', 'online_taken', 'online_waiting'] as const;
const MEANING: Record<(typeof COUNTERS)[number], [string, string]> = {
  taken: ['registered', 'offline'],
  waiting: ['waitlisted', 'offline'],
  online_taken: ['registered', 'online'],
  online_waiting: ['waitlisted', 'online'],
};

/** `update event_sessions` by the summed contributions of `rows` (a query of session_id, status, attendance, sign). */
const applyDeltas = (rows: string) => {
  const sums = COUNTERS.map((c) => {
    const [status, attendance] = MEANING[c];
    return `sum(case when status = '${status}' and attendance = '${attendance}' then sign else 0 end) as ${c}`;
  }).join(', ');
  const sets = COUNTERS.map((c) => `${c} = s.${c} + d.${c}`).join(', ');
  const changed = COUNTERS.map((c) => `d.${c} <> 0`).join(' or ');
  return `with d as (select session_id, ${sums} from (${rows}) x group by session_id)
    update event_sessions s set ${sets} from d where s.id = d.session_id and (${changed});`;
};

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql.raw('drop trigger event_registrations_places_ins on event_registrations').execute(db);
  await sql.raw('drop trigger event_registrations_places_upd on event_registrations').execute(db);
  await sql
    .raw(
      `create function event_registrations_places_stmt() returns trigger language plpgsql as $$
       begin
         if tg_op = 'INSERT' then
           ${applyDeltas('select session_id, status, attendance, 1 as sign from new_rows')}
         elsif tg_op = 'DELETE' then
           ${applyDeltas('select session_id, status, attendance, -1 as sign from old_rows')}
         else
           ${applyDeltas(
             `select session_id, status, attendance, 1 as sign from new_rows
              union all select session_id, status, attendance, -1 as sign from old_rows`,
           )}
         end if;
         return null;
       end $$`,
    )
    .execute(db);
  for (const [name, event, tables] of [
    ['ins', 'insert', 'new table as new_rows'],
    ['del', 'delete', 'old table as old_rows'],
    ['upd', 'update', 'old table as old_rows new table as new_rows'],
  ] as const) {
    await sql
      .raw(
        `create trigger event_registrations_places_${name} after ${event} on event_registrations
         referencing ${tables} for each statement execute function event_registrations_places_stmt()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  for (const t of ['ins', 'del', 'upd']) {
    await sql.raw(`drop trigger event_registrations_places_${t} on event_registrations`).execute(db);
  }
  await sql.raw('drop function event_registrations_places_stmt()').execute(db);
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
