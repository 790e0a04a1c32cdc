/**
 * Scheduler runs left behind by a dead app server (scheduling.ts `recoverOrphanedRuns`, server/plugins/jobs.ts):
 * a server starting on the same database fails a 'running' run whose lease (the row's `updated_at`) ran out,
 * with a Chinese reason and one audit event, and leaves alone a run another live server keeps stamping; the
 * periodic sweep does the same later, stamps the runs of its own workers, and two servers sweeping at once
 * fail a run once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase, type Database } from '../../db/index.ts';
import { nowIso } from '../../lib/ids.ts';
import { useFactoryClock } from '../../test/factories.ts';
import { openTestDatabase, TestClock, type TestEnv } from '../../test/harness.ts';
import { ORPHAN_AFTER_MS, ORPHAN_ERROR, recoverOrphanedRuns, registryOf } from './scheduling.ts';
import { createSessionVia, meetingWorld, slots } from './testkit.ts';

const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  SESSION_IDLE_MINUTES: '1440',
});

let env: TestEnv;
let location: { url?: string; sqlitePath: string };
let w: Awaited<ReturnType<typeof meetingWorld>>;
/** A second handle on the same database: another app server's view. */
let other: Database;

beforeAll(async () => {
  const opened = await openTestDatabase();
  location = opened.location;
  const clock = new TestClock(new Date('2020-05-20T02:00:00Z'));
  useFactoryClock(clock);
  const app = await buildApp({ config, database: opened.database, clock, webRoot: '/nonexistent' });
  await app.ready();
  env = {
    app,
    database: opened.database,
    clock,
    config,
    dialect: opened.database.dialect,
    async close() {
      await app.close();
      await opened.drop();
    },
  };
  w = await meetingWorld(env);
  other = openDatabase({ url: location.url, sqlitePath: location.sqlitePath, poolSize: 4 });
});
afterAll(async () => {
  await other?.close();
  await env?.close();
});

const db = () => env.database.db;
const ago = (ms: number) => nowIso(new Date(env.clock.now().getTime() - ms));

/** A session of the organiser's with one 'running' run last stamped at `updatedAt`, as a server would leave it. */
async function runningRun(updatedAt: string): Promise<string> {
  const s = await createSessionVia(w.host.client, w.themeDayId, { mode: 'organiser', tables: 1, slots: slots(2) });
  const id = crypto.randomUUID();
  await db()
    .insertInto('schedule_runs')
    .values({
      id,
      session_id: s.id,
      status: 'running',
      running_key: 'running',
      allow_moves: 0,
      time_limit_ms: 600_000,
      seed: 1,
      stop_requested: 0,
      best_breaks: 3,
      lower_bound: 0,
      elapsed_ms: 1000,
      iterations: 10,
      feasible: null,
      proved_optimal: 0,
      input: '{"meetingIds":[],"participantIds":[],"fixed":[]}',
      result: null,
      error: null,
      started_by: w.host.user.id,
      started_at: updatedAt,
      finished_at: null,
      updated_at: updatedAt,
    })
    .execute();
  return id;
}

const row = (id: string) =>
  db()
    .selectFrom('schedule_runs')
    .select(['status', 'error', 'running_key', 'finished_at', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const failAudits = async (id: string) =>
  (
    await db()
      .selectFrom('audit_events')
      .select('after')
      .where('entity_type', '=', 'schedule_run')
      .where('entity_id', '=', id)
      .where('action', '=', 'fail')
      .execute()
  ).length;

describe('orphaned scheduler runs', () => {
  it('are failed when an app server starts; a run another server keeps stamping is left alone', async () => {
    const stale = await runningRun(ago(ORPHAN_AFTER_MS + 60_000));
    const fresh = await runningRun(ago(10_000));
    // Another app server starts on the same database.
    const app = await buildApp({ config, database: other, clock: env.clock, webRoot: '/nonexistent' });
    await app.ready();
    await app.close();

    expect(await row(stale)).toMatchObject({
      status: 'failed',
      error: ORPHAN_ERROR,
      running_key: null,
      finished_at: nowIso(env.clock.now()),
    });
    expect(ORPHAN_ERROR).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(await failAudits(stale)).toBe(1);
    // The organiser sees the reason in the run.
    expect((await w.host.client.get(`/api/schedule-runs/${stale}`)).json()).toMatchObject({
      status: 'failed',
      error: '排程进程已中断',
    });
    expect(await row(fresh)).toMatchObject({ status: 'running', error: null, running_key: 'running' });
    expect(await failAudits(fresh)).toBe(0);
  });

  it('are found by the periodic sweep once the lease runs out, while runs of this server are stamped and kept', async () => {
    const other1 = await runningRun(ago(30_000));
    const mine = await runningRun(ago(30_000));
    // `mine` is executed by a worker of this process (a stand-in entry in the registry).
    const runs = registryOf(db()).runs as Map<string, unknown>;
    runs.set(mine, {});
    try {
      expect(await recoverOrphanedRuns(db(), env.clock)).toEqual([]);
      env.clock.advance(ORPHAN_AFTER_MS);
      const failed = await recoverOrphanedRuns(db(), env.clock);
      expect(failed).toContain(other1);
      expect(failed).not.toContain(mine);
    } finally {
      runs.delete(mine);
    }
    expect(await row(other1)).toMatchObject({ status: 'failed', error: ORPHAN_ERROR });
    // The sweep renewed the lease of the run it executes.
    expect(await row(mine)).toMatchObject({ status: 'running', updated_at: nowIso(env.clock.now()) });
    // Without a worker behind it the lease now runs out like any other.
    env.clock.advance(ORPHAN_AFTER_MS + 1000);
    expect(await recoverOrphanedRuns(db(), env.clock)).toEqual([mine]);
  });

  it('is failed once when two servers sweep at the same time', async () => {
    const stale = await runningRun(ago(ORPHAN_AFTER_MS + 1000));
    // PostgreSQL: two pools, as two servers have. SQLite: better-sqlite3 is synchronous, so a second handle in
    // this same thread would wait on the first one's open transaction while blocking it; the two sweeps share
    // the connection instead (their statements interleave on it).
    const second = env.dialect === 'postgres' ? other.db : db();
    const [a, b] = await Promise.all([recoverOrphanedRuns(db(), env.clock), recoverOrphanedRuns(second, env.clock)]);
    expect([...a, ...b]).toEqual([stale]);
    expect(await failAudits(stale)).toBe(1);
    expect(await row(stale)).toMatchObject({ status: 'failed', error: ORPHAN_ERROR });
  });
});
