/**
 * Issue 12 §2: reminders as scheduled jobs in the database — the plan deadline (14, 3 and 1 days before, at
 * 09:00 Beijing time) and the day before an event session — each sent once although two app servers (two
 * connections to the same database) plan and run them at the same time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestEnv, type TestEnv } from '../../test/harness.ts';
import { systemContext, type Ctx } from '../../lib/context.ts';
import type { Database } from '../../db/index.ts';
import { baseWithAdmin, programmeVia, submittedPlan, userWith } from '../plans/testkit.ts';
import { createSessionVia, eventWorld, members } from '../events/testkit.ts';
import { planReminders, runDueReminders } from './service.ts';
import { secondHandle } from './testkit.ts';

let env: TestEnv;
let other: Database | null;
let a: Ctx;
let b: Ctx;
beforeAll(async () => {
  env = await createTestEnv({ now: '2020-05-20T02:00:00Z' });
  // PostgreSQL: the second app server is a second connection pool. SQLite: app servers on one file are separate
  // processes whose writers wait for each other; two handles in one process would block the shared event loop
  // in SQLite's busy wait, so both "servers" share the handle here (its single connection serialises them).
  other = env.dialect === 'postgres' ? await secondHandle(env) : null;
  a = systemContext(env.database, { clock: env.clock });
  b = systemContext(other ?? env.database, { clock: env.clock });
});
afterAll(async () => {
  await other?.close();
  await env?.close();
});

const db = () => env.database.db;
const notesOf = (userId: string, kind: string) =>
  db().selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', '=', kind).execute();
const jobsOf = (kind: string) =>
  db().selectFrom('scheduled_jobs').selectAll().where('kind', '=', kind).orderBy('run_at').execute();

/** Both servers plan and run together, twice each; returns how many jobs ran in all. */
async function bothServersRun(): Promise<number> {
  await Promise.all([planReminders(a), planReminders(b)]);
  const runs = await Promise.all([runDueReminders(a), runDueReminders(b), runDueReminders(b), runDueReminders(a)]);
  return runs.reduce((n, x) => n + x, 0);
}

describe('plan deadline reminders', () => {
  it('plans 14, 3 and 1 days before at 09:00 Beijing time, and reminds once only the bases that have not submitted', async () => {
    const owner = await userWith(env, 'programme_owner');
    const programmeId = await programmeVia(owner.client, { year: 2020 });
    const late = await baseWithAdmin(env, { shortName: '未交基地' });
    const done = await baseWithAdmin(env, { shortName: '已交基地' });
    const academic = await baseWithAdmin(env, { kind: 'academic', shortName: '高校基地' });
    await submittedPlan(done.client, programmeId);

    expect(await bothServersRun()).toBe(0); // nothing due on 20 May
    const jobs = (await jobsOf('plan_deadline')).filter((j) => j.job_key.startsWith(programmeId));
    expect(jobs.map((j) => j.run_at)).toEqual([
      '2020-06-16T01:00:00.000Z',
      '2020-06-27T01:00:00.000Z',
      '2020-06-29T01:00:00.000Z',
    ]);
    expect(jobs.every((j) => j.status === 'pending')).toBe(true);

    env.clock.set('2020-06-16T00:59:00Z');
    expect(await bothServersRun()).toBe(0);
    env.clock.set('2020-06-16T01:00:00Z');
    expect(await bothServersRun()).toBe(1);
    const first = await notesOf(late.admin.id, 'plan_deadline_reminder');
    expect(first).toHaveLength(1);
    expect(first[0]!.title).toBe('距2020年主题日活动初步计划提交截止还有14天');
    expect(first[0]!.body).toContain('北京时间2020年6月30日 23:59');
    expect(first[0]!.body).toContain('未交基地');
    expect(first[0]!.link).toBe(`/workspace/plans?programme=${programmeId}`);
    expect(await notesOf(done.admin.id, 'plan_deadline_reminder')).toEqual([]);
    expect(await notesOf(academic.admin.id, 'plan_deadline_reminder')).toEqual([]);
    const [ran] = (await jobsOf('plan_deadline')).filter((j) => j.job_key.endsWith(':14'));
    expect(ran).toMatchObject({ status: 'done', attempts: 1 });
    expect((await auditRows(env, 'scheduled_job', ran!.id)).map((r) => r.action)).toEqual(['run']);

    // Both the 3-day and (later) the 1-day reminder, each once, even when runs repeat.
    env.clock.set('2020-06-29T02:00:00Z');
    expect(await bothServersRun()).toBe(2);
    expect(await bothServersRun()).toBe(0);
    expect((await notesOf(late.admin.id, 'plan_deadline_reminder')).map((n) => n.title)).toEqual([
      '距2020年主题日活动初步计划提交截止还有14天',
      '距2020年主题日活动初步计划提交截止还有3天',
      '距2020年主题日活动初步计划提交截止还有1天',
    ]);
  });

  it('does not send a reminder late: a programme planned after a reminder’s day gets only the ones still ahead', async () => {
    env.clock.set('2021-06-20T02:00:00Z');
    const owner = await userWith(env, 'programme_owner');
    const programmeId = await programmeVia(owner.client, { year: 2021 });
    await planReminders(a);
    const jobs = (await jobsOf('plan_deadline')).filter((j) => j.job_key.startsWith(programmeId));
    expect(jobs.map((j) => j.job_key.slice(programmeId.length + 1))).toEqual([
      '2021-06-30T23:59:59:3',
      '2021-06-30T23:59:59:1',
    ]);
  });
});

describe('the day before an event', () => {
  it('reminds everyone holding a place once, with the link to their pass, and skips a session that moved', async () => {
    env.clock.set('2020-05-20T02:00:00Z');
    const w = await eventWorld(env);
    const sessionId = await createSessionVia(w, { capacity: 2 });
    const people = await members(env, 3);
    const regs: string[] = [];
    for (const p of people) {
      const r = await p.client.post(`/api/event-sessions/${sessionId}/registrations`, { answers: {} });
      expect(r.statusCode).toBe(201);
      regs.push(r.json<{ id: string; status: string }>().id);
    }
    // The third person is on the waitlist.
    const moved = await createSessionVia(w, {
      title: '改期的场次',
      startsAt: '2020-09-16T09:00',
      endsAt: '2020-09-16T11:00',
    });

    env.clock.set('2020-09-14T00:00:00Z');
    await bothServersRun();
    const job = (await jobsOf('event_tomorrow')).find((j) => j.job_key.startsWith(sessionId));
    expect(job).toMatchObject({ run_at: '2020-09-14T01:00:00.000Z', status: 'pending' });
    // The other session is moved (same day, two hours later) before its reminder is due: that job no longer applies.
    await db()
      .updateTable('event_sessions')
      .set({ starts_at: '2020-09-16T03:00:00.000Z', ends_at: '2020-09-16T05:00:00.000Z' })
      .where('id', '=', moved)
      .execute();

    env.clock.set('2020-09-14T01:30:00Z');
    await bothServersRun();
    await bothServersRun();
    for (const [i, p] of people.entries()) {
      const got = await notesOf(p.user.id, 'event_reminder');
      if (i < 2) {
        expect(got).toHaveLength(1);
        expect(got[0]!.title).toBe('明天举行：创新团队对接路演');
        expect(got[0]!.body).toContain('北京时间2020年9月15日 09:00');
        expect(got[0]!.link).toBe(`/workspace/events/passes/${regs[i]}`);
      } else {
        expect(got).toEqual([]); // waitlisted
      }
    }
    env.clock.set('2020-09-15T01:30:00Z');
    await bothServersRun();
    const movedJobs = (await jobsOf('event_tomorrow')).filter((j) => j.job_key.startsWith(moved));
    expect(movedJobs.find((j) => j.job_key.endsWith('2020-09-16T01:00:00.000Z'))).toMatchObject({ status: 'skipped' });
    expect(movedJobs.find((j) => j.job_key.endsWith('2020-09-16T03:00:00.000Z'))).toMatchObject({ status: 'done' });
  });
});

describe('activity plan due', () => {
  it('reminds the host 7 days and 1 day before the due date unless the plan was filed', async () => {
    env.clock.set('2020-05-20T02:00:00Z');
    const draft = await eventWorld(env, { planStatus: 'draft' }); // theme day 2020-09-15 → due 2020-08-15
    const filed = await eventWorld(env, { planStatus: 'submitted' });
    env.clock.set('2020-08-01T02:00:00Z');
    await bothServersRun();
    const jobs = (await jobsOf('activity_plan_due')).filter((j) => j.job_key.startsWith(draft.themeDay.id));
    expect(jobs.map((j) => j.run_at)).toEqual(['2020-08-08T01:00:00.000Z', '2020-08-14T01:00:00.000Z']);
    expect((await jobsOf('activity_plan_due')).some((j) => j.job_key.startsWith(filed.themeDay.id))).toBe(false);

    env.clock.set('2020-08-08T01:05:00Z');
    await bothServersRun();
    await bothServersRun();
    const got = await notesOf(draft.host.user.id, 'activity_plan_due_reminder');
    expect(got).toHaveLength(1);
    const tdTitle = await db()
      .selectFrom('theme_days')
      .select('title')
      .where('id', '=', draft.themeDay.id)
      .executeTakeFirstOrThrow();
    expect(got[0]!.title).toBe(`「${tdTitle.title}」活动方案还有7天截止报送`);
    expect(got[0]!.body).toContain('2020年8月15日');
    expect(got[0]!.link).toBe(`/workspace/activity-plans/${draft.themeDay.id}`);

    // Filed before the last reminder: that one is skipped.
    await db()
      .updateTable('activity_plans')
      .set({ status: 'submitted' })
      .where('theme_day_id', '=', draft.themeDay.id)
      .execute();
    env.clock.set('2020-08-14T01:05:00Z');
    await bothServersRun();
    expect(await notesOf(draft.host.user.id, 'activity_plan_due_reminder')).toHaveLength(1);
    const last = (await jobsOf('activity_plan_due')).find((j) => j.job_key === `${draft.themeDay.id}:2020-08-15:1`);
    expect(last).toMatchObject({ status: 'skipped' });
    expect(JSON.parse(last!.result!)).toEqual({ skipped: 'filed' });
  });
});
