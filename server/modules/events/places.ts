/**
 * Taking a place at the door (issue 15). Registrations are short writes on the hot session row:
 *
 * - The registrations of a session that arrive in the same turn of the event loop are taken together, in
 *   arrival order, in one transaction (group commit): `UPDATE event_sessions SET next_seq = next_seq + n …
 *   RETURNING` takes their seqs and, under that row's lock, reads the place counters (`taken`/`waiting` and
 *   their online twins, kept exact by triggers on event_registrations: migration 2026-12-16T30). Places are
 *   dealt in arrival order exactly as one-by-one takes would: a free place (counter below the limit) means
 *   `registered`; otherwise `waitlisted`, behind `waiting` people. Nobody waits while a place is free: every
 *   command that frees one promotes the first waitlisted in the same transaction.
 * - One multi-row insert writes the registrations (their trigger moves the counters) and one their audit
 *   rows, in the same transaction. Nothing else runs while the row is locked.
 * - The UPDATE only matches while the session still has the mode, questions and registration window the
 *   callers validated against; otherwise (an edit raced us) it matches nothing and each caller falls back to
 *   the fully locked path, which validates again. A person who already has a row takes that path too.
 *
 * Batching is what makes a surge cheap on both databases: one commit, one row lock and four statements serve
 * up to 64 registrations, and their responses leave together (one wake-up of a waiting client process instead
 * of one per response). Alone, a registration is its own batch, one event-loop turn later.
 */
import { sql, type Insertable } from 'kysely';
import type { AuditEventTable, EventRegistrationTable } from '../../db/schema.ts';
import type { Attendance, RegistrationStatus } from '../../../common/contracts/events.ts';
import { poolOfDb, type Db, type Dialect, type Executor, type Trx } from '../../db/index.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { prepared, preparedList } from '../../db/prepared.ts';
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

/** Takes `n` seqs of a session and reads its counters, only while the session still has what the callers
 * validated against. */
const takeSeqs = prepared(
  (trx: Executor, n: number, id: string, mode: string, questions: string, opensAt: string, closesAt: string) =>
    trx
      .updateTable('event_sessions')
      .set((eb) => ({ next_seq: eb('next_seq', '+', n) }))
      .where('id', '=', id)
      .where('mode', '=', mode as SessionGuard['mode'])
      .where('questions', '=', questions)
      .where('registration_opens_at', '=', opensAt)
      .where('registration_closes_at', '=', closesAt)
      .returning(SEQ_AND_COUNTERS),
);

/** Which of `userIds` already have a registration row for the session (compiled once per list length). */
const registeredAmong = preparedList((trx: Executor, userIds: readonly string[], sessionId: string) =>
  trx
    .selectFrom('event_registrations')
    .select('user_id')
    .where('session_id', '=', sessionId)
    .where('user_id', 'in', userIds),
);

/** Gives `n` unused seqs back (the session row is already locked by this transaction). */
const giveBackSeqs = prepared((trx: Executor, n: number, id: string) =>
  trx
    .updateTable('event_sessions')
    .set((eb) => ({ next_seq: eb('next_seq', '-', n) }))
    .where('id', '=', id),
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
  g: { id: string },
  r: NewRegistration,
  existing?: RegistrationRow,
): Promise<Taken | undefined> {
  const c = counterColumns(r.attendance);
  const s = (await takeSeq(trx, g.id)).rows[0];
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

/** What the fast path says: the place taken, `changed` (the session no longer matches the guard) or `exists`
 * (the person already has a registration row for the session: the caller takes the renewal path). */
export type TakeOutcome = Taken | 'changed' | 'exists';

interface TakeJob {
  ctx: Ctx;
  guard: SessionGuard;
  r: NewRegistration;
  resolve: (t: TakeOutcome) => void;
  reject: (e: unknown) => void;
}

/** A session's registrations waiting for a batch, and its batches in flight. */
interface SessionQueue {
  jobs: TakeJob[];
  inFlight: number;
  /** A take is scheduled for the end of this turn. */
  scheduled: boolean;
}
const queues = new Map<string, SessionQueue>();
/** Batches run and registrations taken by them in this process (bench/registration prints the mean batch). */
export const batchStats = { batches: 0, jobs: 0, failed: 0 };
/** Registrations per batch at most (14 bound values a row: far below both databases' limits). */
const MAX_BATCH = 64;
/** A batch goes as soon as this many registrations wait, without waiting for the turn's end. */
const FLUSH_AT = 32;
/**
 * Batches of one session in flight at once. SQLite runs a batch synchronously, so one. PostgreSQL: two, so the
 * next batch is already waiting at the session row's lock when one commits instead of a round trip later (the
 * row lock still takes them one at a time, normally in the order they were sent).
 */
const IN_FLIGHT = { sqlite: 1, postgres: 2 } as const;

/**
 * Fast path: take a place for a new registration. The registrations of one session that arrive in the same
 * turn of the event loop are taken together (group commit: one short transaction or statement per batch), in
 * arrival order.
 */
export function takePlace(ctx: Ctx, guard: SessionGuard, r: NewRegistration): Promise<TakeOutcome> {
  return new Promise<TakeOutcome>((resolve, reject) => {
    let q = queues.get(guard.id);
    if (!q) {
      q = { jobs: [], inFlight: 0, scheduled: false };
      queues.set(guard.id, q);
    }
    q.jobs.push({ ctx, guard, r, resolve, reject });
    if (q.jobs.length >= FLUSH_AT) kick(ctx.db, ctx.dialect, guard.id, q);
    else if (!q.scheduled) {
      q.scheduled = true;
      // After this turn's I/O callbacks: everyone whose request was read meanwhile joins the batch.
      setImmediate(() => {
        q.scheduled = false;
        kick(ctx.db, ctx.dialect, guard.id, q);
      });
    }
  });
}

/** Starts batches of the session's waiting registrations while fewer than the dialect's limit are in flight. */
function kick(db: Db, dialect: Dialect, key: string, q: SessionQueue): void {
  while (q.jobs.length && q.inFlight < IN_FLIGHT[dialect]) {
    const jobs = q.jobs.splice(0, MAX_BATCH);
    q.inFlight++;
    void runBatch(db, dialect, jobs).finally(() => {
      q.inFlight--;
      if (q.jobs.length) kick(db, dialect, key, q);
      else if (!q.inFlight && !q.scheduled) queues.delete(key);
    });
  }
}

const REGISTRATION_COLUMNS = [
  'id',
  'session_id',
  'user_id',
  'organisation_id',
  'attendance',
  'status',
  'seq',
  'answers',
  'code',
  'checked_in_at',
  'checked_in_by',
  'cancelled_at',
  'created_at',
  'updated_at',
] as const;
const AUDIT_COLUMNS = [
  'id',
  'at',
  'actor_user_id',
  'organisation_id',
  'ip',
  'request_id',
  'entity_type',
  'entity_id',
  'action',
  'before',
  'after',
] as const;

/** Takes one batch's places and settles its jobs. Never rejects. */
async function runBatch(db: Db, dialect: Dialect, jobs: TakeJob[]): Promise<void> {
  // Requests validated against different versions of the session (an edit in between) go separately.
  const byGuard = new Map<string, TakeJob[]>();
  for (const j of jobs) {
    const g = j.guard;
    const k = `${g.mode}\u0000${g.questions}\u0000${g.registration_opens_at}\u0000${g.registration_closes_at}`;
    const list = byGuard.get(k);
    if (list) list.push(j);
    else byGuard.set(k, [j]);
  }
  for (const group of byGuard.values()) {
    batchStats.batches++;
    batchStats.jobs += group.length;
    let outcomes: TakeOutcome[];
    try {
      outcomes =
        dialect === 'postgres'
          ? await takePostgresBatch(db, group)
          : await db.transaction().execute((trx) => takeBatch(trx, group));
    } catch {
      // Something in the batch failed (nothing of it was written): each job alone, so one cannot fail the rest.
      batchStats.failed++;
      for (const j of group) await takeAlone(db, j);
      continue;
    }
    group.forEach((j, i) => j.resolve(outcomes[i]!));
  }
}

/** What the PostgreSQL batch statement returns: whether the session matched, and each job's place. */
interface DealtRow {
  matched: number;
  dealt: { ord: number; seq: number; status: RegistrationStatus; position: number | null }[];
}

/**
 * PostgreSQL: the whole batch as ONE autocommitted statement (data-modifying CTEs over the jobs as arrays),
 * the same dealing as `takeBatch`. One round trip matters here: between two round trips Node handles every
 * request that arrived meanwhile, so under a surge each round trip of a batch costs an event-loop turn.
 * The session row is locked by the UPDATE for this statement and its commit only. A person who already has a
 * row is left out (`exists`); if someone else's registration of the same person commits while this statement
 * waits for the row lock, the unique constraint fails the statement and `runBatch` takes each job alone.
 */
async function takePostgresBatch(db: Db, jobs: TakeJob[]): Promise<TakeOutcome[]> {
  const q = postgresBatchQuery(db, jobs);
  // One text for every batch (the values are arrays): a named statement, parsed and planned once per connection.
  const pool = poolOfDb.get(db);
  const res = pool
    ? await pool.query<DealtRow>({ name: 'rt-take-registrations', text: q.sql, values: [...q.parameters] })
    : await db.executeQuery(q);
  const row = res.rows[0]!;
  if (!row.matched) return jobs.map(() => 'changed');
  const byOrd = new Map(row.dealt.map((d) => [Number(d.ord), d]));
  return jobs.map((_, i) => {
    const d = byOrd.get(i);
    if (!d) return 'exists';
    return { status: d.status, seq: Number(d.seq), position: d.position == null ? null : Number(d.position) };
  });
}

/** What the batch statement reads of a job. */
type BatchJob = Pick<TakeJob, 'ctx' | 'guard' | 'r'>;

/** The PostgreSQL batch statement for `jobs` (exported for the plan test in places.test.ts). */
export function postgresBatchQuery(db: Db, jobs: readonly BatchJob[]) {
  const g = jobs[0]!.guard;
  const first = new Map<string, number>();
  jobs.forEach((j, i) => {
    if (!first.has(j.r.userId)) first.set(j.r.userId, i);
  });
  const input = jobs.filter((j, i) => first.get(j.r.userId) === i);
  const col = <T>(f: (j: BatchJob) => T) => input.map(f);
  return sql<DealtRow>`
    with input as (
      select * from unnest(
        ${col((j) => jobs.indexOf(j))}::int[], ${col((j) => j.r.id)}::text[], ${col((j) => j.r.userId)}::text[],
        ${col((j) => j.r.organisationId)}::text[], ${col((j) => j.r.attendance)}::text[],
        ${col((j) => j.r.answers)}::text[], ${col((j) => j.r.code)}::text[], ${col((j) => j.r.at)}::text[],
        ${col(() => newId())}::text[], ${col((j) => nowIso(j.ctx.clock.now()))}::text[],
        ${col((j) => j.ctx.actor?.userId ?? null)}::text[], ${col((j) => j.ctx.actor?.organisationId ?? null)}::text[],
        ${col((j) => j.ctx.ip)}::text[], ${col((j) => j.ctx.requestId)}::text[]
      ) as t(ord, id, user_id, organisation_id, attendance, answers, code, at, audit_id, audit_at, actor, actor_org,
             ip, request_id)
    ), fresh as (
      -- One probe per person (LATERAL: a nested loop) through the user index: a person has few registrations.
      -- "not exists" was planned as a hash of every registration of the session (the row estimate is stale
      -- during a surge). The session is compared with "is not distinct from" so that it is not an index
      -- condition: with "=", a hot session that the statistics have not seen yet is estimated at about one row,
      -- and the plan cached for this statement could walk the (session, attendance, status) index and filter
      -- on the user, reading every registration of the session per person (measured: 1.8 ms per probe at 13,000
      -- registrations, 119 of a batch's 130 ms).
      select i.*, row_number() over (order by i.ord) as n,
        row_number() over (partition by i.attendance order by i.ord) as k
      from input i
      left join lateral (
        select 1 as hit from event_registrations e
        where e.user_id = i.user_id and e.session_id is not distinct from ${g.id} limit 1
      ) had on true
      where had.hit is null
    ), s as (
      update event_sessions set next_seq = next_seq + (select count(*) from fresh)
      where id = ${g.id} and mode = ${g.mode} and questions = ${g.questions}
        and registration_opens_at = ${g.registration_opens_at}
        and registration_closes_at = ${g.registration_closes_at}
      returning next_seq, taken, capacity, waiting, online_taken, online_limit, online_waiting
    ), placed as (
      select f.*, s.next_seq - (select count(*) from fresh) + f.n - 1 as seq,
        case when f.attendance = 'offline' then s.capacity else s.online_limit end as lim,
        case when f.attendance = 'offline' then s.taken else s.online_taken end as taken,
        case when f.attendance = 'offline' then s.waiting else s.online_waiting end as waiting
      from fresh f cross join s
    ), dealt as (
      select p.*,
        case when p.lim is null or p.taken + p.k <= p.lim then 'registered' else 'waitlisted' end as status,
        case when p.lim is null or p.taken + p.k <= p.lim then null
          else p.waiting + p.k - greatest(p.lim - p.taken, 0) end as position
      from placed p
    ), r as (
      insert into event_registrations (id, session_id, user_id, organisation_id, attendance, status, seq, answers,
        code, checked_in_at, checked_in_by, cancelled_at, created_at, updated_at)
      select id, ${g.id}, user_id, organisation_id, attendance, status, seq, answers, code, null, null, null, at, at
      from dealt
    ), a as (
      insert into audit_events (id, at, actor_user_id, organisation_id, ip, request_id, entity_type, entity_id,
        action, before, after)
      select audit_id, audit_at, actor, actor_org, ip, request_id, 'event_registration', id, 'register', null,
        '{"sessionId":' || to_json(${g.id}::text)::text || ',"attendance":"' || attendance || '","status":"' ||
        status || '","seq":' || seq || '}'
      from dealt
    )
    select (select count(*) from s)::int as matched,
      (select coalesce(json_agg(json_build_object('ord', ord, 'seq', seq, 'status', status, 'position', position)
        order by ord), '[]'::json) from dealt) as dealt`.compile(db);
}

/** One job in its own transaction: the batch's fallback. */
async function takeAlone(db: Db, j: TakeJob): Promise<void> {
  try {
    const [outcome] = await db.transaction().execute((trx) => takeBatch(trx, [j]));
    j.resolve(outcome!);
  } catch (err) {
    j.reject(err);
  }
}

/**
 * The batch's writes, in the caller's transaction: seqs for all (one UPDATE … RETURNING that also takes the
 * session row's lock and reads its counters, only while the session matches the guard), who already has a row,
 * the places dealt in arrival order exactly as one-by-one takes would deal them, then one multi-row insert of
 * the registrations (their trigger moves the counters) and one of their audit rows.
 */
async function takeBatch(trx: Trx, jobs: TakeJob[]): Promise<TakeOutcome[]> {
  const g = jobs[0]!.guard;
  const s = (
    await takeSeqs(trx, jobs.length, g.id, g.mode, g.questions, g.registration_opens_at, g.registration_closes_at)
  ).rows[0];
  if (!s) return jobs.map(() => 'changed');
  const firstSeq = Number(s.next_seq) - jobs.length;
  const have = new Set(
    (
      await registeredAmong(
        trx,
        jobs.map((j) => j.r.userId),
        g.id,
      )
    ).rows.map((x) => x.user_id),
  );
  const counters = {
    taken: Number(s.taken),
    online_taken: Number(s.online_taken),
    waiting: Number(s.waiting),
    online_waiting: Number(s.online_waiting),
  };
  const outcomes: TakeOutcome[] = [];
  const rows: Insertable<EventRegistrationTable>[] = [];
  const audits: Insertable<AuditEventTable>[] = [];
  for (const { ctx, r } of jobs) {
    if (have.has(r.userId)) {
      outcomes.push('exists');
      continue;
    }
    have.add(r.userId);
    const c = counterColumns(r.attendance);
    const limit = s[c.limit];
    const seq = firstSeq + rows.length;
    let t: Taken;
    if (limit == null || counters[c.taken] < limit) {
      counters[c.taken]++;
      t = { status: 'registered', seq, position: null };
    } else {
      t = { status: 'waitlisted', seq, position: ++counters[c.waiting] };
    }
    outcomes.push(t);
    rows.push({
      id: r.id,
      session_id: g.id,
      user_id: r.userId,
      organisation_id: r.organisationId,
      attendance: r.attendance,
      status: t.status,
      seq,
      answers: r.answers,
      code: r.code,
      checked_in_at: null,
      checked_in_by: null,
      cancelled_at: null,
      created_at: r.at,
      updated_at: r.at,
    });
    audits.push({
      id: newId(),
      at: nowIso(ctx.clock.now()),
      actor_user_id: ctx.actor?.userId ?? null,
      organisation_id: ctx.actor?.organisationId ?? null,
      ip: ctx.ip,
      request_id: ctx.requestId,
      entity_type: 'event_registration',
      entity_id: r.id,
      action: 'register',
      before: null,
      after: JSON.stringify(auditAfter(g.id, r.attendance, t.status, seq)),
    });
  }
  // Seqs taken for people who already had a row go back, so seqs stay gapless.
  if (rows.length < jobs.length) await giveBackSeqs(trx, jobs.length - rows.length, g.id);
  if (rows.length) {
    const dialect = jobs[0]!.ctx.dialect;
    await insertRows(trx, dialect, 'event_registrations', REGISTRATION_COLUMNS, rows);
    await insertRows(trx, dialect, 'audit_events', AUDIT_COLUMNS, audits);
  }
  return outcomes;
}
