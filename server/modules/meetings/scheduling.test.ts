import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, problem, type Client, type TestEnv } from '../../test/harness.ts';
import {
  auditActions,
  createSessionVia,
  joined,
  meet,
  meetingWorld,
  notificationKinds,
  person,
  requestVia,
  slots,
} from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
beforeAll(async () => {
  env = await createTestEnv({ env: { SESSION_IDLE_MINUTES: '1440' } });
  w = await meetingWorld(env);
});
afterAll(async () => {
  await env?.close();
});

const dialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
const db = () => env.database.db;

type Run = {
  id: string;
  status: string;
  bestBreaks: number | null;
  lowerBound: number | null;
  elapsedMs: number;
  feasible: boolean | null;
  provedOptimal: boolean;
  gap: number | null;
  exactStatus: string | null;
  workerMemoryMb: number | null;
  stopRequested: boolean;
  meetings: number;
};

async function waitRun(c: Client, id: string, timeoutMs = 25_000): Promise<Run> {
  const t0 = Date.now();
  for (;;) {
    const r = (await c.get(`/api/schedule-runs/${id}`)).json<Run>();
    if (r.status !== 'running') return r;
    if (Date.now() - t0 > timeoutMs) throw new Error(`run ${id} still running`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function runTo(c: Client, sessionId: string, body: Record<string, unknown> = {}) {
  const r = await c.post(`/api/meeting-sessions/${sessionId}/schedule-runs`, { timeLimitSeconds: 1, ...body });
  if (r.statusCode !== 202) throw new Error(`start run: ${r.body}`);
  return waitRun(c, r.json<Run>().id);
}

const slotsOf = async (sessionId: string) =>
  new Map(
    (
      await db()
        .selectFrom('meetings')
        .select(['id', 'slot_index', 'location'])
        .where('session_id', '=', sessionId)
        .execute()
    ).map((m) => [m.id, m.slot_index === null ? null : Number(m.slot_index)]),
  );

/** Four meetings around a cycle (a–b, b–d, d–c, c–a) at one table in four slots: one break is forced, by no
 * single participant. */
async function cycleSession() {
  const s = await createSessionVia(w.host.client, w.themeDayId, { mode: 'organiser', tables: 1, slots: slots(4) });
  const [a, b, c, d] = await joined(env, s.id, 4);
  for (const [x, y] of [
    [a, b],
    [b, d],
    [d, c],
    [c, a],
  ] as const)
    await meet(s.id, x!, y!);
  return s;
}

describe(`organiser scheduling (${dialect})`, () => {
  it('schedules all accepted meetings in a worker, previews agendas with breaks, publishes and notifies everyone', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { mode: 'organiser', tables: 2, slots: slots(4) });
    const [a, b, c, d, e] = await joined(env, s.id, 5);
    const pairs = [
      [a, b],
      [a, c],
      [a, d],
      [b, c],
      [d, e],
      [c, e],
    ] as const;
    const ids: string[] = [];
    for (const [x, y] of pairs) ids.push(await meet(s.id, x!, y!));
    // Before the schedule: accepted, no slot, requester told the organiser will schedule.
    expect(await notificationKinds(env, a!.user.id)).toContain('meeting_request_accepted');
    const before = (await a!.client.get(`/api/meeting-sessions/${s.id}/agenda`)).json();
    expect(before).toMatchObject({ items: [], unscheduled: expect.any(Array) });
    expect(before.unscheduled).toHaveLength(3);

    const run = await runTo(w.host.client, s.id);
    expect(run).toMatchObject({ status: 'finished', feasible: true, meetings: 6 });
    expect(run.bestBreaks).not.toBeNull();
    expect(run.lowerBound).not.toBeNull();
    expect(run.bestBreaks!).toBeGreaterThanOrEqual(run.lowerBound!);
    expect(run.gap).toBe(run.bestBreaks! - run.lowerBound!);
    expect(run.workerMemoryMb).toBeGreaterThan(0);

    const preview = (await w.host.client.get(`/api/schedule-runs/${run.id}/preview`)).json();
    expect(preview.totalBreaks).toBe(run.bestBreaks);
    expect(preview.violations).toEqual([]);
    expect(preview.publishable).toBe(true);
    expect(preview.unscheduled).toEqual([]);
    expect(preview.agendas).toHaveLength(5);
    expect(preview.agendas.reduce((t: number, x: { breaks: number }) => t + x.breaks, 0)).toBe(preview.totalBreaks);

    const pub = await w.host.client.post(`/api/schedule-runs/${run.id}/publish`, {});
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ placed: 6, changed: 6, unscheduled: 0, run: { status: 'published' } });
    for (const p of [a, b, c, d, e])
      expect(await notificationKinds(env, p!.user.id)).toContain('meeting_schedule_published');
    const agenda = (await a!.client.get(`/api/meeting-sessions/${s.id}/agenda`)).json();
    expect(agenda.items).toHaveLength(3);
    expect(agenda.unscheduled).toEqual([]);
    expect(agenda.session.publishedAt).not.toBeNull();
    // Occupancy holds: no participant or table twice in a slot.
    const occ = await db()
      .selectFrom('meeting_occupancy')
      .select(['slot_index', 'holder'])
      .where('session_id', '=', s.id)
      .execute();
    expect(occ).toHaveLength(18);
    expect(await auditActions(env, 'schedule_run', run.id)).toEqual(['finish', 'publish', 'start']);
    expect(await auditActions(env, 'meeting_session', s.id)).toEqual(['create', 'publish_schedule']);
    expect(problem(await w.host.client.post(`/api/schedule-runs/${run.id}/publish`, {})).code).toBe('invalid_state');
    void ids;
  });

  it('reports progress, refuses a second run with scheduler_running, and stops keeping the best schedule found', async () => {
    // Four meetings around a cycle at one table: someone must wait, but no single participant proves it,
    // so the lower bound (0) stays below the optimum (1) and the search runs until stopped.
    const s = await cycleSession();
    // No time limit given: the default, 60 s, room for the exact part on hard days (RUN_SECONDS).
    const start = await w.host.client.post(`/api/meeting-sessions/${s.id}/schedule-runs`, {});
    expect(start.statusCode).toBe(202);
    const id = start.json().id;
    expect(start.json()).toMatchObject({
      status: 'running',
      timeLimitMs: 60_000,
      abilities: { stop: true, publish: false },
    });
    expect(
      problem(await w.host.client.post(`/api/meeting-sessions/${s.id}/schedule-runs`, { timeLimitSeconds: 1 })),
    ).toMatchObject({ status: 409, code: 'scheduler_running' });
    // Progress arrives while it runs.
    const t0 = Date.now();
    let progress: Run | undefined;
    while (Date.now() - t0 < 15_000) {
      progress = (await w.host.client.get(`/api/schedule-runs/${id}`)).json();
      // The first report may come before the search reaches the optimum (a loaded machine).
      if (progress!.bestBreaks === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(progress).toMatchObject({ status: 'running', bestBreaks: 1, lowerBound: 0 });
    // The event loop is free while the worker searches.
    const ping = Date.now();
    await w.host.client.get(`/api/meeting-sessions/${s.id}`);
    expect(Date.now() - ping).toBeLessThan(1000);
    const stop = await w.host.client.post(`/api/schedule-runs/${id}/stop`);
    expect(stop.json()).toMatchObject({ stopRequested: true });
    const done = await waitRun(w.host.client, id, 10_000);
    expect(done).toMatchObject({ status: 'finished', feasible: true, bestBreaks: 1, provedOptimal: false, gap: 1 });
    expect(done.elapsedMs).toBeLessThan(30_000);
    expect(await auditActions(env, 'schedule_run', id)).toEqual(['finish', 'start', 'stop']);
    const preview = (await w.host.client.get(`/api/schedule-runs/${id}/preview`)).json();
    expect(preview).toMatchObject({ totalBreaks: 1, lowerBound: 0, publishable: true, unscheduled: [] });
  });

  it('reports the exact part proving what the local search cannot (the same cycle, a short run)', async () => {
    // The cycle's break is forced by no single participant, so the local search's bound stays 0; the exact
    // model answers "no schedule without a break" and the run ends proved optimal, gap 0.
    const s = await cycleSession();
    const run = await runTo(w.host.client, s.id, { timeLimitSeconds: 8 });
    expect(run).toMatchObject({
      status: 'finished',
      feasible: true,
      bestBreaks: 1,
      lowerBound: 1,
      provedOptimal: true,
      gap: 0,
      exactStatus: 'optimal',
    });
    expect(run.workerMemoryMb).toBeGreaterThan(0);
  });

  it('lists each unscheduled meeting with its reason and refuses to publish it unacknowledged', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { mode: 'organiser', tables: 2, slots: slots(2) });
    const [a, b, c] = await joined(env, s.id, 3);
    const ok = await meet(s.id, a!, c!);
    const stuck = await meet(s.id, a!, b!);
    await a!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: [1] });
    await b!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: [0] });
    const run = await runTo(w.host.client, s.id);
    expect(run.feasible).toBe(false);
    const preview = (await w.host.client.get(`/api/schedule-runs/${run.id}/preview`)).json();
    expect(preview.unscheduled).toEqual([
      expect.objectContaining({
        meetingId: stuck,
        reason: { code: 'no_common_slot', message: '双方没有共同的可用时段' },
      }),
    ]);
    expect(preview.violations.map((v: { code: string }) => v.code)).toEqual(['unplaced']);
    expect(preview.publishable).toBe(true);
    expect(preview.engineReasons.length).toBeGreaterThan(0);
    const refused = problem(await w.host.client.post(`/api/schedule-runs/${run.id}/publish`, {}));
    expect(refused).toMatchObject({ status: 422, code: 'schedule_invalid' });
    expect(refused.detail).toContain('1 场洽谈尚未安排');
    const pub = await w.host.client.post(`/api/schedule-runs/${run.id}/publish`, { acceptUnscheduled: true });
    expect(pub.json()).toMatchObject({ placed: 1, unscheduled: 1 });
    const m = await slotsOf(s.id);
    expect(m.get(ok)).toBe(0);
    expect(m.get(stuck)).toBeNull();
  });

  it('lets the organiser adjust the draft by hand, shows the clash and refuses to publish it with schedule_invalid', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { mode: 'organiser', tables: 2, slots: slots(3) });
    const [a, b, c] = await joined(env, s.id, 3);
    const m1 = await meet(s.id, a!, b!);
    const m2 = await meet(s.id, a!, c!);
    const run = await runTo(w.host.client, s.id);
    const p0 = (await w.host.client.get(`/api/schedule-runs/${run.id}/preview`)).json();
    const slotOfM1 = p0.agendas
      .find((x: { participant: { participantId: string } }) => x.participant.participantId === a!.pid)
      .items.find((i: { meetingId: string }) => i.meetingId === m1).slotIndex;
    // Put m2 in the same slot as m1: participant a would be in two places.
    const adj = await w.host.client.post(`/api/schedule-runs/${run.id}/adjustments`, {
      meetingId: m2,
      slotIndex: slotOfM1,
    });
    expect(adj.statusCode).toBe(200);
    expect(adj.json()).toMatchObject({ publishable: false, run: { adjusted: true } });
    expect(adj.json().violations.map((v: { code: string }) => v.code)).toContain('participant-clash');
    expect(
      problem(
        await w.host.client.post(`/api/schedule-runs/${run.id}/publish`, {
          acceptUnscheduled: true,
          acceptUnfair: true,
        }),
      ),
    ).toMatchObject({ status: 422, code: 'schedule_invalid' });
    // Two meetings at one table in one slot: a location clash as well.
    await w.host.client.post(`/api/schedule-runs/${run.id}/adjustments`, { meetingId: m1, slotIndex: 0, location: 1 });
    const clash = await w.host.client.post(`/api/schedule-runs/${run.id}/adjustments`, {
      meetingId: m2,
      slotIndex: 0,
      location: 1,
    });
    expect(clash.json().violations.map((v: { code: string }) => v.code)).toEqual(
      expect.arrayContaining(['participant-clash', 'location-clash']),
    );
    expect(
      problem(await w.host.client.post(`/api/schedule-runs/${run.id}/adjustments`, { meetingId: m2, slotIndex: 7 }))
        .code,
    ).toBe('validation_failed');
    // Back to a valid draft: m1 in slot 0, m2 in slot 1.
    const last = await w.host.client.post(`/api/schedule-runs/${run.id}/adjustments`, { meetingId: m2, slotIndex: 1 });
    expect(last.json()).toMatchObject({ publishable: true, violations: [], totalBreaks: 0 });
    expect((await w.host.client.post(`/api/schedule-runs/${run.id}/publish`, {})).statusCode).toBe(200);
    const placed = await slotsOf(s.id);
    expect([placed.get(m1), placed.get(m2)]).toEqual([0, 1]);
    expect((await auditActions(env, 'schedule_run', run.id)).filter((x) => x === 'adjust').length).toBe(4);
  });

  it('after publishing, places late requests without moving published meetings, and re-runs keep them in place', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { mode: 'organiser', tables: 1, slots: slots(3) });
    const [a, b, c, d, e, f] = await joined(env, s.id, 6);
    const m1 = await meet(s.id, a!, b!);
    const m2 = await meet(s.id, c!, d!);
    const run = await runTo(w.host.client, s.id);
    await w.host.client.post(`/api/schedule-runs/${run.id}/publish`, {});
    const published = await slotsOf(s.id);
    // A late request: placed at once in the free slot, published meetings untouched, both told.
    const m3 = await meet(s.id, e!, f!);
    const after = await slotsOf(s.id);
    expect(after.get(m1)).toBe(published.get(m1));
    expect(after.get(m2)).toBe(published.get(m2));
    expect(after.get(m3)).not.toBeNull();
    expect(await notificationKinds(env, e!.user.id)).toContain('meeting_scheduled');
    // The table is now full in every slot: the next late meeting waits and the organisers are told.
    const m4 = await meet(s.id, a!, c!);
    expect((await slotsOf(s.id)).get(m4)).toBeNull();
    expect(await notificationKinds(env, w.host.user.id)).toContain('meeting_unplaced');
    expect(await notificationKinds(env, w.support.user.id)).toContain('meeting_unplaced');
    // A cancellation frees a slot; a re-run without moves keeps every published meeting where it is.
    await e!.client.post(`/api/meetings/${m3}/cancel`);
    const rerun = await runTo(w.host.client, s.id, { allowMoves: false });
    const preview = (await w.host.client.get(`/api/schedule-runs/${rerun.id}/preview`)).json();
    expect(preview.unscheduled).toEqual([]);
    const before = await db()
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'meeting_schedule_changed')
      .execute();
    const pub = await w.host.client.post(`/api/schedule-runs/${rerun.id}/publish`, {});
    expect(pub.json()).toMatchObject({ changed: 1, placed: 3 });
    const final = await slotsOf(s.id);
    expect(final.get(m1)).toBe(published.get(m1));
    expect(final.get(m2)).toBe(published.get(m2));
    expect(final.get(m4)).toBe(after.get(m3));
    const changedTo = (
      await db().selectFrom('notifications').select('user_id').where('kind', '=', 'meeting_schedule_changed').execute()
    )
      .slice(before.length)
      .map((n) => n.user_id)
      .sort();
    expect(changedTo).toEqual([a!.user.id, c!.user.id].sort());
    expect(await auditActions(env, 'meeting_session', s.id)).toEqual([
      'create',
      'publish_schedule',
      'republish_schedule',
    ]);
  });

  it('keeps a meeting placed live after a run started when that run is published', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { mode: 'organiser', tables: 1, slots: slots(3) });
    const [a, b, c, d] = await joined(env, s.id, 4);
    const m1 = await meet(s.id, a!, b!);
    const first = await runTo(w.host.client, s.id);
    await w.host.client.post(`/api/schedule-runs/${first.id}/publish`, {});
    const second = await runTo(w.host.client, s.id);
    const late = await meet(s.id, c!, d!);
    const placedLate = (await slotsOf(s.id)).get(late);
    expect(placedLate).not.toBeNull();
    const preview = (await w.host.client.get(`/api/schedule-runs/${second.id}/preview`)).json();
    expect(preview).toMatchObject({ unscheduled: [], publishable: true });
    expect((await w.host.client.post(`/api/schedule-runs/${second.id}/publish`, {})).json()).toMatchObject({
      changed: 0,
      placed: 2,
    });
    expect((await slotsOf(s.id)).get(late)).toBe(placedLate);
    void m1;
  });

  it('marks a run lost by a stopped server as failed instead of blocking the session forever', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { mode: 'organiser', tables: 1, slots: slots(2) });
    const [a, b] = await joined(env, s.id, 2);
    await meet(s.id, a!, b!);
    const lost = crypto.randomUUID();
    const old = new Date(env.clock.now().getTime() - 5 * 60_000).toISOString();
    await db()
      .insertInto('schedule_runs')
      .values({
        id: lost,
        session_id: s.id,
        status: 'running',
        running_key: 'running',
        allow_moves: 0,
        time_limit_ms: 10_000,
        seed: 1,
        stop_requested: 0,
        best_breaks: null,
        lower_bound: null,
        elapsed_ms: 0,
        iterations: 0,
        feasible: null,
        proved_optimal: 0,
        input: '{"meetingIds":[],"participantIds":[],"fixed":[]}',
        result: null,
        error: null,
        started_by: w.host.user.id,
        started_at: old,
        finished_at: null,
        updated_at: old,
      })
      .execute();
    const run = await runTo(w.host.client, s.id);
    expect(run.status).toBe('finished');
    expect((await w.host.client.get(`/api/schedule-runs/${lost}`)).json()).toMatchObject({
      status: 'failed',
      error: '排程进程已中断',
    });
  });

  it('honours a fixed slot in the scheduler', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { mode: 'organiser', tables: 2, slots: slots(4) });
    const [a, b] = await joined(env, s.id, 2);
    const m = await meet(s.id, a!, b!);
    const fixed = await w.host.client.post(`/api/meetings/${m}/fix`, { slotIndex: 3 });
    expect(fixed.json()).toMatchObject({ fixedSlot: 3, slot: null, status: 'accepted' });
    const run = await runTo(w.host.client, s.id);
    await w.host.client.post(`/api/schedule-runs/${run.id}/publish`, {});
    expect((await slotsOf(s.id)).get(m)).toBe(3);
  });

  it('keeps runs to organisers: 404 for participants and observers, forbidden to start, invalid_state without meetings or in self-booking', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { mode: 'organiser', tables: 1, slots: slots(2) });
    expect(
      problem(await w.host.client.post(`/api/meeting-sessions/${s.id}/schedule-runs`, { timeLimitSeconds: 1 })).code,
    ).toBe('invalid_state');
    const [a, b] = await joined(env, s.id, 2);
    await meet(s.id, a!, b!);
    expect(
      problem(await a!.client.post(`/api/meeting-sessions/${s.id}/schedule-runs`, { timeLimitSeconds: 1 })).code,
    ).toBe('forbidden');
    const run = await runTo(w.support.client, s.id);
    for (const c of [a!.client, w.owner.client, (await person(env, 'member')).client]) {
      expect(problem(await c.get(`/api/schedule-runs/${run.id}`)).status).toBe(404);
      expect(problem(await c.post(`/api/schedule-runs/${run.id}/publish`, {})).status).toBe(404);
    }
    const list = (await w.host.client.get(`/api/meeting-sessions/${s.id}/schedule-runs`)).json();
    expect(list.total).toBe(1);
    const sb = await createSessionVia(w.host.client, w.themeDayId, { mode: 'self_booking' });
    expect(
      problem(await w.host.client.post(`/api/meeting-sessions/${sb.id}/schedule-runs`, { timeLimitSeconds: 1 })).code,
    ).toBe('invalid_state');
    void requestVia;
  });
});
