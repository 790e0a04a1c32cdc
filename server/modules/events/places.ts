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
import type { Insertable } from 'kysely';
import type { AuditEventTable, EventRegistrationTable } from '../../db/schema.ts';
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

/** Jobs waiting per session; a key is present while its drain is scheduled or runs. */
const pending = new Map<string, TakeJob[]>();
/** Registrations per transaction at most (14 bound values a row: far below both databases' limits). */
const MAX_BATCH = 64;

/**
 * Fast path: take a place for a new registration. The registrations of one session that arrive in the same
 * turn of the event loop are taken together in one short transaction (group commit; `drain`), in arrival order.
 */
export function takePlace(ctx: Ctx, guard: SessionGuard, r: NewRegistration): Promise<TakeOutcome> {
  return new Promise<TakeOutcome>((resolve, reject) => {
    const job: TakeJob = { ctx, guard, r, resolve, reject };
    const queue = pending.get(guard.id);
    if (queue) {
      queue.push(job);
      return;
    }
    pending.set(guard.id, [job]);
    // After this turn's I/O callbacks: everyone whose request was read meanwhile joins the batch.
    setImmediate(() => void drain(ctx.db, guard.id));
  });
}

/** Runs the session's queued jobs, a batch at a time, until none is left. Never rejects. */
async function drain(db: Db, key: string): Promise<void> {
  for (;;) {
    const queue = pending.get(key) ?? [];
    if (!queue.length) {
      pending.delete(key);
      return;
    }
    const jobs = queue.splice(0, MAX_BATCH);
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
      let outcomes: TakeOutcome[];
      try {
        outcomes = await db.transaction().execute((trx) => takeBatch(trx, group));
      } catch {
        // Something in the batch failed (nothing of it was written): each job alone, so one cannot fail the rest.
        for (const j of group) await takeAlone(db, j);
        continue;
      }
      group.forEach((j, i) => j.resolve(outcomes[i]!));
    }
  }
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
      await trx
        .selectFrom('event_registrations')
        .select('user_id')
        .where('session_id', '=', g.id)
        .where(
          'user_id',
          'in',
          jobs.map((j) => j.r.userId),
        )
        .execute()
    ).map((x) => x.user_id),
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
    await trx.insertInto('event_registrations').values(rows).execute();
    await trx.insertInto('audit_events').values(audits).execute();
  }
  return outcomes;
}
