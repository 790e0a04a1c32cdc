/**
 * Taking a place at the door (issue 15). A registration is one short write on the hot session row:
 *
 * - `UPDATE event_sessions SET next_seq = next_seq + 1 … RETURNING` takes the next seq and, under that row's
 *   lock, reads the place counters (`taken`/`waiting` and their online twins, kept exact by triggers on
 *   event_registrations: migration 2026-12-16T30). A free place (counter below the limit) means `registered`;
 *   otherwise `waitlisted`, behind `waiting` people. Nobody waits while a place is free: every command that
 *   frees one promotes the first waitlisted in the same transaction.
 * - The registration row and its audit row are written in the same transaction; the insert's trigger moves
 *   the counter. Nothing else runs while the row is locked.
 * - The UPDATE only matches while the session still has the mode, questions and registration window the
 *   caller validated against; otherwise (an edit raced us) it matches nothing and the caller falls back to
 *   the fully locked path, which validates again.
 *
 * PostgreSQL runs all of it as ONE statement (data-modifying CTEs, autocommit): the row lock is held for the
 * statement and its commit only, never across a round trip to Node. SQLite has one connection and one writer;
 * writers of a session queue in-process in arrival order (`serialise`) so that only one of them at a time
 * waits for the connection, and run their three statements back to back.
 */
import { sql } from 'kysely';
import type { Attendance, RegistrationStatus } from '../../../common/contracts/events.ts';
import type { Trx } from '../../db/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import type { RegistrationRow, SessionRow } from './repository.ts';

/** What the caller validated the registration against; the take only matches while these are unchanged. */
export type SessionGuard = Pick<
  SessionRow,
  'id' | 'mode' | 'questions' | 'registration_opens_at' | 'registration_closes_at'
>;

export interface NewRegistration {
  id: string;
  userId: string;
  organisationId: string | null;
  attendance: Attendance;
  answers: string;
  code: string;
  at: string;
}

export interface Taken {
  status: RegistrationStatus;
  seq: number;
  /** 1-based place on the waitlist when waitlisted. */
  position: number | null;
}

/** The counters that decide one attendance: places held, limit, people waiting. */
export const counterColumns = (a: Attendance) =>
  a === 'offline'
    ? ({ taken: 'taken', limit: 'capacity', waiting: 'waiting' } as const)
    : ({ taken: 'online_taken', limit: 'online_limit', waiting: 'online_waiting' } as const);

/** The audit summary of a registration, as audit() would store it (`after` JSON). */
const auditAfter = (sessionId: string, attendance: Attendance, status: RegistrationStatus, seq: number) => ({
  sessionId,
  attendance,
  status,
  seq,
});

/**
 * PostgreSQL: seq, place, registration and audit row in one autocommitted statement. Undefined when the
 * session no longer matches the guard. A second registration of the same person violates the unique
 * (session, user) constraint and the whole statement — seq included — rolls back.
 */
async function takePostgres(ctx: Ctx, g: SessionGuard, r: NewRegistration): Promise<Taken | undefined> {
  const c = counterColumns(r.attendance);
  const actor = ctx.actor;
  // The audit `after` JSON exactly as JSON.stringify writes it; only status and seq come from the statement.
  const head = JSON.stringify(auditAfter(g.id, r.attendance, 'registered', 0)).replace(/"registered","seq":0}$/, '');
  const res = await sql<{ status: RegistrationStatus; seq: number; waiting: number }>`
    with s as (
      update event_sessions set next_seq = next_seq + 1
      where id = ${g.id} and mode = ${g.mode} and questions = ${g.questions}
        and registration_opens_at = ${g.registration_opens_at}
        and registration_closes_at = ${g.registration_closes_at}
      returning next_seq - 1 as seq, ${sql.ref(c.waiting)} as waiting,
        case when ${sql.ref(c.limit)} is null or ${sql.ref(c.taken)} < ${sql.ref(c.limit)}
          then 'registered' else 'waitlisted' end as status
    ), r as (
      insert into event_registrations (id, session_id, user_id, organisation_id, attendance, status, seq,
        answers, code, checked_in_at, checked_in_by, cancelled_at, created_at, updated_at)
      select ${r.id}, ${g.id}, ${r.userId}, ${r.organisationId}, ${r.attendance}, s.status, s.seq,
        ${r.answers}, ${r.code}, null, null, null, ${r.at}, ${r.at}
      from s
      returning status, seq
    ), a as (
      insert into audit_events (id, at, actor_user_id, organisation_id, ip, request_id, entity_type, entity_id,
        action, before, after)
      select ${newId()}, ${nowIso(ctx.clock.now())}, ${actor?.userId ?? null}, ${actor?.organisationId ?? null},
        ${ctx.ip}, ${ctx.requestId}, 'event_registration', ${r.id}, 'register', null,
        ${head} || '"' || r.status || '","seq":' || r.seq || '}'
      from r
    )
    select r.status, r.seq, s.waiting from r cross join s`.execute(ctx.db);
  const row = res.rows[0];
  if (!row) return undefined;
  const seq = Number(row.seq);
  return { status: row.status, seq, position: row.status === 'waitlisted' ? Number(row.waiting) + 1 : null };
}

/** SQLite (and the locked fallback): the same three writes, in the caller's transaction. */
export async function takeInTransaction(
  trx: Trx,
  ctx: Ctx,
  g: SessionGuard | { id: string },
  r: NewRegistration,
  existing?: RegistrationRow,
): Promise<Taken | undefined> {
  const c = counterColumns(r.attendance);
  let q = trx
    .updateTable('event_sessions')
    .set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
    .where('id', '=', g.id);
  if ('mode' in g) {
    q = q
      .where('mode', '=', g.mode)
      .where('questions', '=', g.questions)
      .where('registration_opens_at', '=', g.registration_opens_at)
      .where('registration_closes_at', '=', g.registration_closes_at);
  }
  const s = await q.returning(['next_seq', c.taken, c.limit, c.waiting]).executeTakeFirst();
  if (!s) return undefined;
  const taken = Number(s[c.taken]);
  const limit = s[c.limit];
  const waiting = Number(s[c.waiting]);
  const seq = Number(s.next_seq) - 1;
  const status: RegistrationStatus = limit == null || taken < limit ? 'registered' : 'waitlisted';
  const values = {
    organisation_id: r.organisationId,
    attendance: r.attendance,
    status,
    seq,
    answers: r.answers,
    code: r.code,
    checked_in_at: null,
    checked_in_by: null,
    cancelled_at: null,
    updated_at: r.at,
  };
  if (existing) {
    // Renewing a cancelled registration: only while it is still cancelled (two parallel renewals: one wins).
    const u = await trx
      .updateTable('event_registrations')
      .set(values)
      .where('id', '=', existing.id)
      .where('status', '=', 'cancelled')
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) return undefined;
  } else {
    await trx
      .insertInto('event_registrations')
      .values({ id: r.id, session_id: g.id, user_id: r.userId, created_at: r.at, ...values })
      .execute();
  }
  await audit(trx, ctx, {
    entityType: 'event_registration',
    entityId: r.id,
    action: existing ? 'reregister' : 'register',
    after: auditAfter(g.id, r.attendance, status, seq),
  });
  return { status, seq, position: status === 'waitlisted' ? waiting + 1 : null };
}

/** Fast path: take a place for a new registration. Undefined when the guard no longer matches. */
export async function takePlace(ctx: Ctx, g: SessionGuard, r: NewRegistration): Promise<Taken | undefined> {
  if (ctx.dialect === 'postgres') return takePostgres(ctx, g, r);
  return serialise(g.id, () => ctx.db.transaction().execute((trx) => takeInTransaction(trx, ctx, g, r)));
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier `fn` of the same key has settled: a FIFO per key, in arrival order. The
 * map holds only keys with work pending (the tail removes itself), so it does not grow with sessions.
 */
export function serialise<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(key) ?? Promise.resolve();
  const run = prev.then(fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}
