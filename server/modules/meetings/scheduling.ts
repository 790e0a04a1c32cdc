/**
 * Organiser scheduling (scheduleMeetings): the B2B engine runs over every accepted meeting of a session in a
 * worker thread, never on the event loop. The run's row carries its progress (best total of breaks so far,
 * lower bound, elapsed), so any app server can answer the progress endpoint; a stop request is a flag in the
 * row, relayed to the worker through shared memory by the process that owns it. The result is a draft the
 * organiser previews, adjusts by hand and publishes — publishing re-checks everything with the engine's
 * independent checker, so a broken schedule is never published silently.
 */
import { Worker } from 'node:worker_threads';
import { checkSchedule } from '../../engines/b2b/check.ts';
import type { Instance } from '../../engines/b2b/model.ts';
import type { PortfolioResult, SolveProgress } from '../../engines/b2b/solve.ts';
import type { ExactRunStatus } from '../../../common/contracts/meetings.ts';
import { isUniqueViolation, json, type Db, type Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, invalidState, notFound, validationFailed } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { notifyUsers } from '../notifications/service.ts';
import {
  activeMeetings,
  claimSlot,
  getMeeting,
  getRun,
  getSession,
  isStopRequested,
  lockSession,
  participantsById,
  type MeetingRecord,
  type ParticipantRecord,
  type RunInput,
  type RunRecord,
  type RunResult,
  type SessionRecord,
} from './repository.ts';
import { locationView, onlineLinkFor, partyView } from './presenter.ts';
import { sessionLink } from './service.ts';

// -------------------------------------------------------------------------------------------------------
// Instance building
// -------------------------------------------------------------------------------------------------------

export interface SessionProblem {
  instance: Instance;
  input: RunInput;
  meetings: MeetingRecord[];
  participants: Map<string, ParticipantRecord>;
}

/**
 * The engine's view of a session: every accepted or scheduled meeting, the participants' unavailable slots as
 * forbidden slots, tables plus online rooms as locations, the organiser's fixed slots, and — after publishing,
 * unless moves are allowed — every published meeting held in its slot.
 */
export async function buildProblem(db: Executor, s: SessionRecord, allowMoves: boolean): Promise<SessionProblem> {
  const meetings = await activeMeetings(db, s.id);
  const participants = await participantsById(
    db,
    meetings.flatMap((m) => [m.participantAId, m.participantBId]),
  );
  const order: string[] = [];
  const index = new Map<string, number>();
  const idx = (id: string) => {
    let i = index.get(id);
    if (i === undefined) {
      i = order.length;
      order.push(id);
      index.set(id, i);
    }
    return i;
  };
  const engineMeetings = meetings.map((m) => ({
    a: idx(m.participantAId),
    b: idx(m.participantBId),
    session: 'any' as const,
  }));
  const fixed = meetings.map(
    (m) => m.fixedSlot ?? (!allowMoves && s.publishedAt && m.status === 'scheduled' ? m.slotIndex : null),
  );
  const instance: Instance = {
    participants: order.length,
    meetings: engineMeetings,
    slots: s.slots.length,
    morningSlots: s.morningSlots > 0 ? s.morningSlots : s.slots.length,
    tables: s.tables + s.onlineRooms,
    forbidden: order.map((id) =>
      (participants.get(id)?.unavailableSlots ?? []).filter((x) => x < s.slots.length).sort((a, b) => a - b),
    ),
    fixed,
    precedences: [],
    fairness: s.fairness,
  };
  return {
    instance,
    input: { meetingIds: meetings.map((m) => m.id), participantIds: order, fixed },
    meetings,
    participants,
  };
}

// -------------------------------------------------------------------------------------------------------
// Worker management
// -------------------------------------------------------------------------------------------------------

interface LocalRun {
  worker: Worker;
  flag: Int32Array;
}

/** Where a run's background bookkeeping reports a failed write (the app's logger; the console until one is set). */
export interface RunLog {
  error(obj: object, msg: string): void;
}

interface Registry {
  runs: Map<string, LocalRun>;
  closed: boolean;
  log: RunLog;
  /** The app's clock, from the first run this process started (for the rows written at close). */
  clock?: Ctx['clock'];
}

const registries = new WeakMap<Db, Registry>();

const consoleLog: RunLog = { error: (obj, msg) => console.error(msg, obj) };

/**
 * The runs this process owns for one database handle (one app: the root instance and every encapsulated
 * plugin context share it); the route plugin gives it the app's logger and terminates the runs when the app
 * closes.
 */
export function registryOf(db: Db, log?: RunLog): Registry {
  let r = registries.get(db);
  if (!r) {
    r = { runs: new Map(), closed: false, log: consoleLog };
    registries.set(db, r);
  }
  if (log) r.log = log;
  return r;
}

/**
 * Stops this process's runs when the app closes (a deploy or restart): their rows are marked failed at once
 * rather than waiting for another server to find their lease expired.
 */
export async function closeRegistry(db: Db): Promise<void> {
  const r = registryOf(db);
  r.closed = true;
  const ids = [...r.runs.keys()];
  await Promise.all([...r.runs.values()].map((l) => l.worker.terminate()));
  r.runs.clear();
  const bg: Background = { db, clock: r.clock ?? { now: () => new Date() } };
  for (const id of ids)
    await failRun(bg, id, ORPHAN_ERROR).catch((err: unknown) =>
      r.log.error({ err, runId: id }, 'schedule run bookkeeping failed'),
    );
}

export async function startRun(
  ctx: Ctx,
  p: { session: SessionRecord; allowMoves: boolean; timeLimitMs: number; seed: number },
): Promise<string> {
  const actor = requireActor(ctx);
  const id = newId();
  const nowS = nowIso(ctx.clock.now());
  let problem: SessionProblem;
  try {
    problem = await ctx.db.transaction().execute(async (trx) => {
      const s = await lockSession(trx, ctx.dialect, p.session.id);
      if (!s) throw notFound();
      if (s.mode !== 'organiser') throw invalidState('自助预约模式的洽谈会无需统一排程');
      await reapStaleRuns(trx, ctx, s.id);
      const pr = await buildProblem(trx, s, p.allowMoves);
      if (!pr.meetings.length) throw invalidState('还没有已接受的洽谈，无需排程');
      await trx
        .insertInto('schedule_runs')
        .values({
          id,
          session_id: s.id,
          status: 'running',
          running_key: 'running',
          allow_moves: p.allowMoves ? 1 : 0,
          time_limit_ms: p.timeLimitMs,
          seed: p.seed,
          stop_requested: 0,
          best_breaks: null,
          lower_bound: null,
          elapsed_ms: 0,
          iterations: 0,
          feasible: null,
          proved_optimal: 0,
          input: json.stringify(pr.input),
          result: null,
          error: null,
          started_by: actor.userId,
          started_at: nowS,
          finished_at: null,
          updated_at: nowS,
        })
        .execute();
      await audit(trx, ctx, {
        entityType: 'schedule_run',
        entityId: id,
        action: 'start',
        after: {
          sessionId: s.id,
          meetings: pr.meetings.length,
          allowMoves: p.allowMoves,
          timeLimitMs: p.timeLimitMs,
          seed: p.seed,
        },
      });
      return pr;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError(409, 'scheduler_running', '该洽谈会的排程正在进行中，请等待完成或先停止');
    throw err;
  }
  spawnWorker(ctx, id, problem, p.timeLimitMs, p.seed);
  return id;
}

/**
 * The lease of a running run. Its row's `updated_at` is the heartbeat: the worker's progress writes (every
 * 250 ms) stamp it, and the app server that owns the worker stamps it every HEARTBEAT_MS as well, in case the
 * engine is in a phase that does not report. A 'running' row not stamped for ORPHAN_AFTER_MS has lost its app
 * server (crash, kill, power); the margin also absorbs clock skew between app servers.
 */
export const HEARTBEAT_MS = 15_000;
export const ORPHAN_AFTER_MS = 120_000;
/** How often every app server looks for orphaned runs (it also does at start, and before starting a run). */
export const ORPHAN_SWEEP_MS = 60_000;
/** The reason an orphaned run shows (the organiser can start a new run). */
export const ORPHAN_ERROR = '排程进程已中断';

/** Stamps the rows of the runs this process's workers are executing: the lease other app servers read. */
export async function heartbeatRuns(db: Db, clock: Ctx['clock']): Promise<number> {
  const ids = [...registryOf(db).runs.keys()];
  if (!ids.length) return 0;
  const r = await db
    .updateTable('schedule_runs')
    .set({ updated_at: nowIso(clock.now()) })
    .where('id', 'in', ids)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The 'running' runs (of one session, or all) whose lease ran out and that no worker of this process executes. */
async function orphanCandidates(ex: Executor, db: Db, now: Date, sessionId?: string): Promise<string[]> {
  let q = ex
    .selectFrom('schedule_runs')
    .select('id')
    .where('status', '=', 'running')
    .where('updated_at', '<', leaseCutoff(now));
  if (sessionId) q = q.where('session_id', '=', sessionId);
  const local = registryOf(db).runs;
  return (await q.execute()).map((r) => r.id).filter((id) => !local.has(id));
}

const leaseCutoff = (now: Date) => nowIso(new Date(now.getTime() - ORPHAN_AFTER_MS));

/**
 * Marks one orphaned run failed and audits it. The update is conditional on the row still being stale, so a
 * run another live app server stamped meanwhile stays running, and when several servers sweep at once only
 * one fails (and audits) it. True when this call failed it.
 */
async function failOrphan(trx: Executor, id: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('schedule_runs')
    .set({
      status: 'failed',
      running_key: null,
      error: ORPHAN_ERROR,
      finished_at: nowIso(now),
      updated_at: nowIso(now),
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('updated_at', '<', leaseCutoff(now))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await audit(trx, null, {
    entityType: 'schedule_run',
    entityId: id,
    action: 'fail',
    after: { error: 'orphaned', leaseSeconds: ORPHAN_AFTER_MS / 1000 },
  });
  return true;
}

/** Before a new run of a session (inside its transaction): an orphan would otherwise block it (running_key is unique). */
async function reapStaleRuns(trx: Executor, ctx: Ctx, sessionId: string): Promise<void> {
  const now = ctx.clock.now();
  for (const id of await orphanCandidates(trx, ctx.db, now, sessionId)) await failOrphan(trx, id, now);
}

/**
 * Recovery at start and every ORPHAN_SWEEP_MS on every app server (server/plugins/jobs.ts): stamps this
 * process's runs, then fails runs whose app server is gone, each in its own short transaction that starts
 * with the write (two SQLite connections upgrading read transactions would refuse each other). Returns the
 * ids it failed.
 */
export async function recoverOrphanedRuns(db: Db, clock: Ctx['clock']): Promise<string[]> {
  await heartbeatRuns(db, clock);
  const now = clock.now();
  const failed: string[] = [];
  for (const id of await orphanCandidates(db, db, now)) {
    if (await db.transaction().execute((trx) => failOrphan(trx, id, now))) failed.push(id);
  }
  return failed;
}

/** What a run's bookkeeping needs after the request that started it has ended: the root handle and the clock. */
type Background = Pick<Ctx, 'db' | 'clock'>;

function spawnWorker(ctx: Ctx, runId: string, problem: SessionProblem, timeLimitMs: number, seed: number): void {
  const bg: Background = { db: ctx.db, clock: ctx.clock };
  const reg = registryOf(bg.db);
  reg.clock ??= bg.clock;
  const db = bg.db;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('../../lib/worker-boot.mjs', import.meta.url), {
    workerData: {
      entry: new URL('./scheduler-worker.ts', import.meta.url).href,
      instance: problem.instance,
      timeLimitMs,
      seed,
      stopFlag: flag.buffer,
    },
  });
  reg.runs.set(runId, { worker, flag });
  // Writes of one run happen in order; a failed write (e.g. the app closing) must not crash the process.
  let chain: Promise<unknown> = Promise.resolve();
  const enqueue = (fn: () => Promise<unknown>) => {
    chain = chain
      .then(() => (reg.closed ? undefined : fn()))
      .catch((err: unknown) => reg.log.error({ err, runId }, 'schedule run bookkeeping failed'));
  };
  let finished = false;
  type WorkerMessage =
    { type: 'progress'; progress: SolveProgress } | { type: 'done'; result: PortfolioResult; workerMemoryMb: number };
  worker.on('message', (msg: WorkerMessage) => {
    if (msg.type === 'progress') {
      const pr = msg.progress;
      enqueue(async () => {
        await db
          .updateTable('schedule_runs')
          .set({
            best_breaks: pr.bestBreaks,
            lower_bound: pr.lowerBound,
            elapsed_ms: Math.round(pr.elapsedMs),
            iterations: pr.iterations,
            updated_at: nowIso(bg.clock.now()),
          })
          .where('id', '=', runId)
          .where('status', '=', 'running')
          .execute();
        // A stop requested through another app server arrives through the row.
        if (await isStopRequested(db, runId)) Atomics.store(flag, 0, 1);
      });
    } else {
      finished = true;
      const ex = msg.result.exact;
      if (ex?.status === 'error') reg.log.error({ runId, note: ex.note }, 'exact scheduler part failed');
      enqueue(() => finishRun(bg, runId, problem, msg.result, msg.workerMemoryMb));
    }
  });
  worker.on('error', (err) => {
    finished = true;
    enqueue(() => failRun(bg, runId, err.message));
  });
  worker.on('exit', (code) => {
    reg.runs.delete(runId);
    if (!finished && !reg.closed) enqueue(() => failRun(bg, runId, `worker exited with code ${code}`));
  });
}

/** Locations for a slot assignment: published meetings keep their table where they stay, others take the lowest free one. */
export function assignLocations(
  meetings: MeetingRecord[],
  slotOf: readonly number[],
  capacity: number,
): Record<string, { slotIndex: number | null; location: number | null }> {
  const out: Record<string, { slotIndex: number | null; location: number | null }> = {};
  const used = new Set<string>();
  meetings.forEach((m, i) => {
    const s = slotOf[i] ?? -1;
    if (
      s >= 0 &&
      m.slotIndex === s &&
      m.location !== null &&
      m.location <= capacity &&
      !used.has(`${s}|${m.location}`)
    ) {
      used.add(`${s}|${m.location}`);
      out[m.id] = { slotIndex: s, location: m.location };
    }
  });
  meetings.forEach((m, i) => {
    if (out[m.id]) return;
    const s = slotOf[i] ?? -1;
    if (s < 0) {
      out[m.id] = { slotIndex: null, location: null };
      return;
    }
    let l = 1;
    while (used.has(`${s}|${l}`)) l++;
    used.add(`${s}|${l}`);
    out[m.id] = { slotIndex: s, location: l };
  });
  return out;
}

/** The exact part's end as the API reports it (`improved` only ends a run with stopOnImprove, never here). */
function exactRunStatus(r: PortfolioResult): ExactRunStatus | null {
  const s = r.exact?.status;
  if (s == null) return null;
  return s === 'improved' ? 'stopped' : s;
}

async function finishRun(
  bg: Background,
  runId: string,
  problem: SessionProblem,
  r: PortfolioResult,
  workerMemoryMb: number,
): Promise<void> {
  const db = bg.db;
  const run = await getRun(db, runId);
  const session = run ? await getSession(db, run.sessionId) : undefined;
  if (!run || !session) return;
  const capacity = session.tables + session.onlineRooms;
  const result: RunResult = {
    assignments: assignLocations(problem.meetings, r.slotOf, capacity),
    engineReasons: r.reasons,
    provedInfeasible: r.provedInfeasible,
    adjusted: false,
    exactStatus: exactRunStatus(r),
    workerMemoryMb,
  };
  const nowS = nowIso(bg.clock.now());
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('schedule_runs')
      .set({
        status: 'finished',
        running_key: null,
        best_breaks: r.breaks,
        lower_bound: r.lowerBound,
        elapsed_ms: Math.round(r.elapsedMs),
        iterations: r.iterations,
        feasible: r.feasible ? 1 : 0,
        proved_optimal: r.provedOptimal ? 1 : 0,
        result: json.stringify(result),
        finished_at: nowS,
        updated_at: nowS,
      })
      .where('id', '=', runId)
      .execute();
    await audit(trx, null, {
      entityType: 'schedule_run',
      entityId: runId,
      action: 'finish',
      actorUserId: run.startedBy,
      organisationId: null,
      after: { breaks: r.breaks, lowerBound: r.lowerBound, feasible: r.feasible, provedOptimal: r.provedOptimal },
    });
  });
}

async function failRun(bg: Background, runId: string, error: string): Promise<void> {
  const nowS = nowIso(bg.clock.now());
  await bg.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('schedule_runs')
      .set({ status: 'failed', running_key: null, error: error.slice(0, 500), finished_at: nowS, updated_at: nowS })
      .where('id', '=', runId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0)
      await audit(trx, null, { entityType: 'schedule_run', entityId: runId, action: 'fail', after: { error } });
  });
}

/** Asks a running scheduler to stop; it keeps the best schedule found so far. Idempotent. */
export async function stopRun(ctx: Ctx, p: { run: RunRecord }): Promise<void> {
  if (p.run.status !== 'running') return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('schedule_runs')
      .set({ stop_requested: 1, updated_at: nowIso(ctx.clock.now()) })
      .where('id', '=', p.run.id)
      .execute();
    await audit(trx, ctx, { entityType: 'schedule_run', entityId: p.run.id, action: 'stop' });
  });
  const local = registryOf(ctx.db).runs.get(p.run.id);
  if (local) Atomics.store(local.flag, 0, 1);
}

// -------------------------------------------------------------------------------------------------------
// Evaluation (preview and publish)
// -------------------------------------------------------------------------------------------------------

const VIOLATION_ZH: Record<string, string> = {
  unplaced: '有洽谈尚未安排时段',
  'bad-slot': '洽谈安排在不存在的时段',
  session: '洽谈不在要求的上午/下午场',
  forbidden: '洽谈安排在参会人标为不可用的时段',
  fixed: '洽谈未安排在主办方指定的时段',
  'participant-clash': '同一参会人在同一时段有两场洽谈',
  tables: '某时段的洽谈数超过桌位和线上洽谈室总数',
  precedence: '洽谈先后顺序不满足要求',
  fairness: '参会人之间的空档数相差超过公平上限',
  'location-clash': '两场洽谈在同一时段使用了同一桌位或洽谈室',
  'bad-location': '洽谈安排在不存在的桌位或洽谈室',
};

/** Violations that no acknowledgement can excuse. */
const SOFT = new Set(['unplaced', 'fairness']);

export interface Evaluation {
  problem: SessionProblem;
  slotOf: number[];
  assignments: Record<string, { slotIndex: number | null; location: number | null }>;
  violations: { code: string; message: string; detail?: string }[];
  hard: boolean;
  unplaced: number;
  unfair: boolean;
  breaks: number[];
  totalBreaks: number;
}

/** Checks a draft against the session as it is now, with the engine's independent checker plus the location rules. */
export async function evaluate(db: Executor, s: SessionRecord, run: RunRecord): Promise<Evaluation> {
  const problem = await buildProblem(db, s, true);
  // Fixed slots: the organiser's own fixes only; a published meeting may be moved by hand.
  problem.instance.fixed = problem.meetings.map((m) => m.fixedSlot);
  const draft = run.result?.assignments ?? {};
  const assignments: Evaluation['assignments'] = {};
  const slotOf = problem.meetings.map((m) => {
    // A meeting placed live while the run was searching keeps its place unless the organiser moves it.
    const current =
      m.status === 'scheduled' ? { slotIndex: m.slotIndex, location: m.location } : { slotIndex: null, location: null };
    const a = draft[m.id] ?? current;
    assignments[m.id] = a;
    return a.slotIndex ?? -1;
  });
  const check = checkSchedule(problem.instance, slotOf);
  const grouped = new Map<string, string>();
  for (const v of check.violations) if (!grouped.has(v.code)) grouped.set(v.code, v.message);
  const violations: Evaluation['violations'] = [...grouped.entries()].map(([code, detail]) => ({
    code,
    message: VIOLATION_ZH[code] ?? '排程不满足约束',
    detail,
  }));
  const capacity = s.tables + s.onlineRooms;
  const seen = new Set<string>();
  let clash = false;
  let badLocation = false;
  for (const m of problem.meetings) {
    const a = assignments[m.id]!;
    if (a.slotIndex === null) continue;
    if (a.location === null || a.location < 1 || a.location > capacity) badLocation = true;
    else {
      const k = `${a.slotIndex}|${a.location}`;
      if (seen.has(k)) clash = true;
      seen.add(k);
    }
  }
  if (clash) violations.push({ code: 'location-clash', message: VIOLATION_ZH['location-clash']! });
  if (badLocation) violations.push({ code: 'bad-location', message: VIOLATION_ZH['bad-location']! });
  return {
    problem,
    slotOf,
    assignments,
    violations,
    hard: violations.some((v) => !SOFT.has(v.code)),
    unplaced: slotOf.filter((x) => x < 0).length,
    unfair: violations.some((v) => v.code === 'fairness'),
    breaks: check.breaks,
    totalBreaks: check.totalBreaks,
  };
}

/** Why one meeting has no slot in a draft, in words an organiser can act on. */
function unplacedReason(
  ev: Evaluation,
  run: RunRecord,
  i: number,
  s: SessionRecord,
): { code: string; message: string } {
  const m = ev.problem.meetings[i]!;
  if (!run.input.meetingIds.includes(m.id))
    return { code: 'added_after_run', message: '该洽谈在本次排程开始后才被接受，请重新排程或手动安排' };
  const a = ev.problem.participants.get(m.participantAId);
  const b = ev.problem.participants.get(m.participantBId);
  const blocked = (x: number) => !!(a?.unavailableSlots.includes(x) || b?.unavailableSlots.includes(x));
  const domain = s.slots.map((_, x) => x).filter((x) => (m.fixedSlot === null || m.fixedSlot === x) && !blocked(x));
  if (!domain.length) {
    return m.fixedSlot !== null
      ? { code: 'fixed_slot_unavailable', message: `指定的第 ${m.fixedSlot + 1} 个时段有参会人不可用` }
      : { code: 'no_common_slot', message: '双方没有共同的可用时段' };
  }
  const busy = new Set<string>();
  const load = new Map<number, number>();
  ev.problem.meetings.forEach((o, j) => {
    const x = ev.slotOf[j]!;
    if (x < 0) return;
    busy.add(`${o.participantAId}|${x}`);
    busy.add(`${o.participantBId}|${x}`);
    load.set(x, (load.get(x) ?? 0) + 1);
  });
  const free = domain.some(
    (x) =>
      !busy.has(`${m.participantAId}|${x}`) &&
      !busy.has(`${m.participantBId}|${x}`) &&
      (load.get(x) ?? 0) < s.tables + s.onlineRooms,
  );
  if (!free) return { code: 'no_free_slot', message: '双方共同可用的时段均已排满或没有空余桌位' };
  if (ev.unfair || run.result?.provedInfeasible)
    return { code: 'constraints', message: '在公平上限等约束下排程器未能放入该洽谈，可手动安排到空闲时段' };
  return { code: 'not_placed', message: '排程器在时限内未能放入该洽谈，可手动安排到空闲时段' };
}

/** The organiser's preview: every participant's agenda with breaks, each unscheduled meeting with its reason. */
export function previewOf(ev: Evaluation, s: SessionRecord, run: RunRecord) {
  const { problem } = ev;
  const party = (id: string) => partyView(problem.participants.get(id), id);
  const agendas = problem.input.participantIds.map((pid, p) => {
    const items = problem.meetings
      .map((m, i) => ({ m, slot: ev.slotOf[i]! }))
      .filter(({ m, slot }) => slot >= 0 && (m.participantAId === pid || m.participantBId === pid))
      .sort((x, y) => x.slot - y.slot)
      .map(({ m, slot }) => ({
        meetingId: m.id,
        slotIndex: slot,
        startsAt: s.slots[slot]!.startsAt,
        location: locationView(s, ev.assignments[m.id]!.location),
        counterpart: party(m.participantAId === pid ? m.participantBId : m.participantAId),
      }));
    return { participant: party(pid), breaks: ev.breaks[p] ?? 0, items };
  });
  const unscheduled = problem.meetings
    .map((m, i) => ({ m, i }))
    .filter(({ i }) => ev.slotOf[i]! < 0)
    .map(({ m, i }) => ({
      meetingId: m.id,
      participants: [party(m.participantAId), party(m.participantBId)],
      reason: unplacedReason(ev, run, i, s),
    }));
  return {
    totalBreaks: ev.totalBreaks,
    lowerBound: run.lowerBound,
    violations: ev.violations,
    publishable: !ev.hard,
    agendas,
    unscheduled,
    engineReasons: run.result?.engineReasons ?? [],
  };
}

/** The organiser moves one meeting of a draft by hand (or takes it out); the preview re-checks at once. */
export async function adjustRun(
  ctx: Ctx,
  p: {
    session: SessionRecord;
    runId: string;
    meetingId: string;
    slotIndex: number | null;
    location?: number | undefined;
  },
): Promise<void> {
  const { session: s } = p;
  await ctx.db.transaction().execute(async (trx) => {
    const run = await getRun(trx, p.runId, ctx.dialect);
    if (!run || run.sessionId !== s.id) throw notFound();
    if (run.status !== 'finished' || !run.result) throw invalidState('只能调整已完成且未发布的排程');
    const m = await getMeeting(trx, p.meetingId);
    if (!m || m.sessionId !== s.id || m.status === 'cancelled') throw notFound();
    if (p.slotIndex !== null && p.slotIndex >= s.slots.length)
      throw validationFailed([{ field: 'slotIndex', code: 'invalid_value', message: '该时段不存在' }]);
    const capacity = s.tables + s.onlineRooms;
    if (p.location !== undefined && p.location > capacity)
      throw validationFailed([{ field: 'location', code: 'invalid_value', message: '该桌位或洽谈室不存在' }]);
    const result = run.result;
    const before = result.assignments[m.id] ?? { slotIndex: null, location: null };
    let location: number | null = null;
    if (p.slotIndex !== null) {
      if (p.location !== undefined) location = p.location;
      else {
        const used = new Set(
          Object.entries(result.assignments)
            .filter(([id, a]) => id !== m.id && a.slotIndex === p.slotIndex)
            .map(([, a]) => a.location),
        );
        location = 1;
        while (used.has(location) && location <= capacity) location++;
      }
    }
    result.assignments[m.id] = { slotIndex: p.slotIndex, location };
    result.adjusted = true;
    await trx
      .updateTable('schedule_runs')
      .set({ result: json.stringify(result), updated_at: nowIso(ctx.clock.now()) })
      .where('id', '=', run.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'schedule_run',
      entityId: run.id,
      action: 'adjust',
      before: { meetingId: m.id, ...before },
      after: { meetingId: m.id, slotIndex: p.slotIndex, location },
    });
  });
}

/**
 * Publishes a draft: re-evaluated against the session as it is now and refused on any hard violation;
 * unscheduled meetings and unfairness must be acknowledged. Occupancy rows are rewritten (their unique
 * constraints guard the result), every concerned participant is notified: all of them on the first
 * publication, afterwards those whose meetings changed.
 */
export async function publishRun(
  ctx: Ctx,
  p: { sessionId: string; runId: string; acceptUnscheduled: boolean; acceptUnfair: boolean },
): Promise<{ changed: number; placed: number; unscheduled: number }> {
  const now = ctx.clock.now();
  const nowS = nowIso(now);
  return ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, ctx.dialect, p.sessionId);
    if (!s) throw notFound();
    const run = await getRun(trx, p.runId, ctx.dialect);
    if (!run || run.sessionId !== s.id) throw notFound();
    if (run.status !== 'finished')
      throw invalidState(run.status === 'published' ? '该排程已发布' : '排程尚未完成，不能发布');
    const ev = await evaluate(trx, s, run);
    if (ev.hard) {
      throw new AppError(
        422,
        'schedule_invalid',
        `排程存在冲突：${ev.violations
          .filter((v) => !SOFT.has(v.code))
          .map((v) => v.message)
          .join('；')}`,
        undefined,
        { violations: ev.violations },
      );
    }
    if (ev.unplaced > 0 && !p.acceptUnscheduled) {
      throw new AppError(
        422,
        'schedule_invalid',
        `有 ${ev.unplaced} 场洽谈尚未安排时段；如确认发布，请勾选“接受未安排的洽谈”`,
        undefined,
        { violations: ev.violations },
      );
    }
    if (ev.unfair && !p.acceptUnfair) {
      throw new AppError(
        422,
        'schedule_invalid',
        '参会人之间的空档数相差超过公平上限；如确认发布，请勾选“接受不均衡的排程”',
        undefined,
        { violations: ev.violations },
      );
    }
    const firstPublication = s.publishedAt === null;
    const changedUsers = new Set<string>();
    let changed = 0;
    let placed = 0;
    await trx.deleteFrom('meeting_occupancy').where('session_id', '=', s.id).execute();
    for (const m of ev.problem.meetings) {
      const a = ev.assignments[m.id]!;
      if (a.slotIndex !== null && a.location !== null) {
        placed++;
        await claimSlot(trx, m, a.slotIndex, a.location);
      }
      if (a.slotIndex === m.slotIndex && a.location === m.location) continue;
      changed++;
      for (const pid of [m.participantAId, m.participantBId]) {
        const u = ev.problem.participants.get(pid)?.userId;
        if (u) changedUsers.add(u);
      }
      await trx
        .updateTable('meetings')
        .set({
          status: a.slotIndex === null ? 'accepted' : 'scheduled',
          slot_index: a.slotIndex,
          location: a.location,
          online_link: a.slotIndex === null ? null : onlineLinkFor(s, m.id, a.location),
          updated_at: nowS,
        })
        .where('id', '=', m.id)
        .execute();
    }
    await trx
      .updateTable('meeting_sessions')
      .set({ published_at: s.publishedAt ?? nowS, updated_at: nowS })
      .where('id', '=', s.id)
      .execute();
    await trx
      .updateTable('schedule_runs')
      .set({ status: 'published', updated_at: nowS })
      .where('id', '=', run.id)
      .execute();
    const summary = { runId: run.id, totalBreaks: ev.totalBreaks, placed, unscheduled: ev.unplaced, changed };
    await audit(trx, ctx, {
      entityType: 'meeting_session',
      entityId: s.id,
      action: firstPublication ? 'publish_schedule' : 'republish_schedule',
      after: summary,
    });
    await audit(trx, ctx, { entityType: 'schedule_run', entityId: run.id, action: 'publish', after: summary });
    if (firstPublication) {
      const everyone = new Set<string>();
      for (const pr of ev.problem.participants.values()) everyone.add(pr.userId);
      await notifyUsers(
        trx,
        everyone,
        {
          kind: 'meeting_schedule_published',
          title: `「${s.title}」洽谈日程已发布`,
          body: '请查看您的一对一洽谈日程，可下载日历文件（.ics）。',
          link: sessionLink(s.id),
        },
        now,
      );
    } else {
      await notifyUsers(
        trx,
        changedUsers,
        {
          kind: 'meeting_schedule_changed',
          title: `「${s.title}」洽谈日程有调整`,
          body: '您的一对一洽谈安排已变更，请查看最新日程。',
          link: sessionLink(s.id),
        },
        now,
      );
    }
    return { changed, placed, unscheduled: ev.unplaced };
  });
}
