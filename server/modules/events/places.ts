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
 * writers of a session queue in-process in arrival order and share one transaction with those who arrived
 * while the previous one ran (`inGroupTransaction`: group commit, a savepoint per registration), so the hot
 * row never meets a busy handler and, under a surge, one commit serves many registrations.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Attendance, RegistrationStatus } from '../../../common/contracts/events.ts';
import type { Db, Executor, Trx } from '../../db/index.ts';
import { prepared } from '../../db/prepared.ts';
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

/** The session row's counters, as `takeSeq` returns them with the seq it took. */
const SEQ_AND_COUNTERS = [
  'next_seq',
  'taken',
  'capacity',
  'waiting',
  'online_taken',
  'online_limit',
  'online_waiting',
] as const;

/** Takes the next seq of a session and reads its counters (one UPDATE … RETURNING; compiled once). */
const takeSeq = prepared((trx: Executor, id: string) =>
  trx
    .updateTable('event_sessions')
    .set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
    .where('id', '=', id)
    .returning(SEQ_AND_COUNTERS),
);

/** `takeSeq`, only while the session still has what the caller validated against. */
const takeSeqGuarded = prepared(
  (trx: Executor, id: string, mode: string, questions: string, opensAt: string, closesAt: string) =>
    trx
      .updateTable('event_sessions')
      .set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
      .where('id', '=', id)
      .where('mode', '=', mode as SessionGuard['mode'])
      .where('questions', '=', questions)
      .where('registration_opens_at', '=', opensAt)
      .where('registration_closes_at', '=', closesAt)
      .returning(SEQ_AND_COUNTERS),
);

/** A new registration row (compiled once); its trigger moves the session's counter. */
const insertRegistration = prepared(
  (
    trx: Executor,
    id: string,
    sessionId: string,
    userId: string,
    organisationId: string | null,
    attendance: Attendance,
    status: RegistrationStatus,
    seq: number,
    answers: string,
    code: string,
    at: string,
  ) =>
    trx.insertInto('event_registrations').values({
      id,
      session_id: sessionId,
      user_id: userId,
      organisation_id: organisationId,
      attendance,
      status,
      seq,
      answers,
      code,
      checked_in_at: null,
      checked_in_by: null,
      cancelled_at: null,
      created_at: at,
      updated_at: at,
    }),
);

/** SQLite (and the locked fallback): the same three writes, in the caller's transaction. */
export async function takeInTransaction(
  trx: Trx,
  ctx: Ctx,
  g: SessionGuard | { id: string },
  r: NewRegistration,
  existing?: RegistrationRow,
): Promise<Taken | undefined> {
  const c = counterColumns(r.attendance);
  const s = (
    'mode' in g
      ? await takeSeqGuarded(trx, g.id, g.mode, g.questions, g.registration_opens_at, g.registration_closes_at)
      : await takeSeq(trx, g.id)
  ).rows[0];
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
    await insertRegistration(
      trx,
      r.id,
      g.id,
      r.userId,
      r.organisationId,
      r.attendance,
      status,
      seq,
      r.answers,
      r.code,
      r.at,
    );
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
  if (ctx.dialect === 'postgres') return inTurn(g.id, () => takePostgres(ctx, g, r));
  return inGroupTransaction(ctx.db, g.id, (trx) => takeInTransaction(trx, ctx, g, r));
}

/** Takes in flight per key (PostgreSQL): at most `TAKES_IN_FLIGHT`, the rest wait in arrival order. */
const turns = new Map<string, { running: number; waiting: (() => void)[] }>();
const TAKES_IN_FLIGHT = 2;

/**
 * Runs `run` when fewer than `TAKES_IN_FLIGHT` of the same key's runs are in flight in this process, else after
 * the earlier ones, first come first served. On PostgreSQL every take locks the session's row: 20 pooled
 * connections queued on one row lock wake each other on every commit, so one process lets only a couple reach
 * the row at a time (other app servers still meet at the row lock itself).
 */
async function inTurn<T>(key: string, run: () => Promise<T>): Promise<T> {
  let t = turns.get(key);
  if (!t) {
    t = { running: 0, waiting: [] };
    turns.set(key, t);
  }
  if (t.running >= TAKES_IN_FLIGHT) await new Promise<void>((resolve) => t.waiting.push(resolve));
  else t.running++;
  try {
    return await run();
  } finally {
    const next = t.waiting.shift();
    if (next) next();
    else if (--t.running === 0) turns.delete(key);
  }
}

interface Job {
  run: (trx: Trx) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}
/** Jobs waiting per key; a key is present while its drain runs. */
const pending = new Map<string, Job[]>();
const MAX_BATCH = 100;
const SAVEPOINT = CompiledQuery.raw('savepoint place');
const RELEASE = CompiledQuery.raw('release place');
const ROLLBACK_TO = CompiledQuery.raw('rollback to place');

/**
 * Runs `run` in a transaction shared with the other jobs of the same key that are waiting (SQLite group
 * commit): the jobs of one key run one after another in arrival order, each inside its own savepoint (a
 * job that throws leaves nothing behind and does not disturb the others), and one commit makes the whole
 * batch durable before any job's promise settles. While a batch runs the next one gathers, so under a
 * surge the cost of a commit is shared by everyone who arrived meanwhile; alone, a job is its own batch.
 */
export function inGroupTransaction<T>(db: Db, key: string, run: (trx: Trx) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const job: Job = { run, resolve: resolve as (v: unknown) => void, reject };
    const queue = pending.get(key);
    if (queue) {
      queue.push(job);
      return;
    }
    pending.set(key, [job]);
    void drain(db, key);
  });
}

async function drain(db: Db, key: string): Promise<void> {
  for (;;) {
    const queue = pending.get(key) ?? [];
    if (!queue.length) {
      pending.delete(key);
      return;
    }
    const jobs = queue.splice(0, MAX_BATCH);
    const outcomes: (() => void)[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const job of jobs) {
          await trx.executeQuery(SAVEPOINT);
          try {
            const v = await job.run(trx);
            await trx.executeQuery(RELEASE);
            outcomes.push(() => job.resolve(v));
          } catch (err) {
            await trx.executeQuery(ROLLBACK_TO);
            await trx.executeQuery(RELEASE);
            outcomes.push(() => job.reject(err));
          }
        }
      });
      for (const settle of outcomes) settle();
    } catch (err) {
      // The commit itself failed: nothing of the batch was written.
      for (const job of jobs) job.reject(err);
    }
  }
}
