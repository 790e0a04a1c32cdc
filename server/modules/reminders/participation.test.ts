/**
 * Issue 12 §2: the reminders about answering — reviews not yet submitted, tomorrow's 1:1 meeting agenda, meeting
 * requests about to expire, satisfaction surveys about to close — each sent once although two app servers (on
 * PostgreSQL two connection pools) plan and run them at the same time; nothing is sent once the person has
 * acted; e-mail copies follow the person's preferences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { systemContext, type Ctx } from '../../lib/context.ts';
import type { Database } from '../../db/index.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { signIn, userWith } from '../plans/testkit.ts';
import { hostWorld } from '../themedays/test-helpers.ts';
import { createSessionVia, joined, meet, meetingWorld, requestVia } from '../meetings/testkit.ts';
import { answer, eventSession, fullAnswers, registrant, tokensByUser } from '../surveys/testkit.ts';
import { planReminders, runDueReminders } from './service.ts';
import { secondHandle } from './testkit.ts';

let env: TestEnv;
let other: Database | null;
let a: Ctx;
let b: Ctx;
beforeAll(async () => {
  // SMTP configured (never reached: nothing is dispatched here), so e-mail copies are queued per preferences.
  env = await createTestEnv({ now: '2020-07-01T02:00:00Z', env: { RT_SMTP_URL: 'smtp://127.0.0.1:9' } });
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
  db()
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute();
const mailsOf = (userId: string, kind: string) =>
  db()
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .execute();
const jobsOf = (kind: string) =>
  db().selectFrom('scheduled_jobs').selectAll().where('kind', '=', kind).orderBy('run_at').execute();

/** Both servers plan and run together, twice each. */
async function bothServersRun(): Promise<number> {
  await Promise.all([planReminders(a), planReminders(b)]);
  const runs = await Promise.all([runDueReminders(a), runDueReminders(b), runDueReminders(b), runDueReminders(a)]);
  return runs.reduce((n, x) => n + x, 0);
}

async function assign(planId: string, reviewer: { user: { id: string }; org: { id: string } }) {
  const id = newId();
  await db()
    .insertInto('review_assignments')
    .values({
      id,
      plan_id: planId,
      reviewer_user_id: reviewer.user.id,
      reviewer_organisation_id: reviewer.org.id,
      status: 'assigned',
      scores: null,
      comment: null,
      assigned_at: nowIso(env.clock.now()),
      submitted_at: null,
    })
    .execute();
  return id;
}

describe('reviews not yet submitted', () => {
  it('reminds the reviewer 3 and 7 days after the assignment, once each, until the review is submitted', async () => {
    env.clock.set('2020-07-01T02:00:00Z');
    const w = await hostWorld(env, { shortName: '提醒基地' });
    const slow = await userWith(env, 'expert');
    const quiet = await userWith(env, 'expert');
    const done = await userWith(env, 'expert');
    const slowId = await assign(w.plan.id, slow);
    const quietId = await assign(w.plan.id, quiet);
    const doneId = await assign(w.plan.id, done);
    // `quiet` turned e-mail off for deadline reminders; `slow` keeps the default (e-mail on).
    const pref = await quiet.client.put('/api/me/notification-preferences', {
      items: [{ category: 'deadline', email: false, sms: false }],
    });
    expect(pref.statusCode).toBe(200);
    await db()
      .updateTable('review_assignments')
      .set({ status: 'submitted', submitted_at: nowIso(env.clock.now()) })
      .where('id', '=', doneId)
      .execute();

    await bothServersRun();
    const jobs = (await jobsOf('review_pending')).filter((j) => j.job_key.startsWith(slowId));
    expect(jobs.map((j) => [j.job_key.slice(slowId.length), j.run_at])).toEqual([
      [':3', '2020-07-04T01:00:00.000Z'],
      [':7', '2020-07-08T01:00:00.000Z'],
    ]);
    expect((await jobsOf('review_pending')).some((j) => j.job_key.startsWith(doneId))).toBe(false);

    env.clock.set('2020-07-04T01:10:00Z');
    await bothServersRun();
    await bothServersRun();
    const got = await notesOf(slow.user.id, 'review_pending_reminder');
    expect(got).toHaveLength(1);
    expect(got[0]!.title).toBe('请尽快提交对提醒基地活动初步计划的评审意见');
    expect(got[0]!.body).toContain('2020年7月1日');
    expect(got[0]!.link).toBe(`/workspace/reviews/${slowId}`);
    expect(await notesOf(quiet.user.id, 'review_pending_reminder')).toHaveLength(1);
    expect(await notesOf(done.user.id, 'review_pending_reminder')).toEqual([]);
    // Preferences: the default queues an e-mail; the one who turned it off gets the in-app notice only.
    expect((await mailsOf(slow.user.id, 'review_pending_reminder')).map((m) => m.channel)).toEqual(['email']);
    expect(await mailsOf(quiet.user.id, 'review_pending_reminder')).toEqual([]);

    // `slow` submits before the 7-day reminder: it is skipped; `quiet` still gets it.
    await db()
      .updateTable('review_assignments')
      .set({ status: 'submitted', submitted_at: nowIso(env.clock.now()) })
      .where('id', '=', slowId)
      .execute();
    env.clock.set('2020-07-08T01:10:00Z');
    await bothServersRun();
    expect(await notesOf(slow.user.id, 'review_pending_reminder')).toHaveLength(1);
    expect(await notesOf(quiet.user.id, 'review_pending_reminder')).toHaveLength(2);
    const last = (await jobsOf('review_pending')).find((j) => j.job_key === `${slowId}:7`);
    expect(last).toMatchObject({ status: 'skipped', attempts: 1 });
    expect(JSON.parse(last!.result!)).toEqual({ skipped: 'submitted_or_closed' });
    expect((await jobsOf('review_pending')).find((j) => j.job_key === `${quietId}:7`)).toMatchObject({
      status: 'done',
    });
  });
});

describe('1:1 meetings', () => {
  let mw: Awaited<ReturnType<typeof meetingWorld>>;
  beforeAll(async () => {
    env.clock.set('2020-09-01T02:00:00Z');
    mw = await meetingWorld(env); // theme day 2020-09-10/11
  });

  it('sends each participant tomorrow’s agenda once, at 17:00 the day before, and nothing to those without meetings', async () => {
    env.clock.set('2020-09-01T02:00:00Z');
    const s = await createSessionVia(mw.host.client, mw.themeDayId, { title: '供需洽谈会' });
    const [p1, p2, p3, p4] = await joined(env, s.id, 4);
    await meet(s.id, p1!, p2!);
    await meet(s.id, p1!, p3!);
    await requestVia(p4!, s.id, p1!); // pending: not on anyone's agenda

    env.clock.set('2020-09-07T02:00:00Z');
    await bothServersRun();
    const job = (await jobsOf('meeting_agenda')).find((j) => j.job_key === `${s.id}:2020-09-10`);
    expect(job).toMatchObject({ run_at: '2020-09-09T09:00:00.000Z', status: 'pending' });

    env.clock.set('2020-09-09T08:59:00Z');
    expect(await bothServersRun()).toBe(0);
    env.clock.set('2020-09-09T09:05:00Z');
    await bothServersRun();
    await bothServersRun();
    const first = await notesOf(p1!.user.id, 'meeting_agenda_reminder');
    expect(first).toHaveLength(1);
    expect(first[0]!.title).toBe('明天的一对一洽谈安排：供需洽谈会');
    expect(first[0]!.body).toContain('2020年9月10日');
    expect(first[0]!.body).toContain('共2场');
    expect(first[0]!.body).toContain(p2!.org.name);
    expect(first[0]!.body).toContain(p3!.org.name);
    expect(first[0]!.body).toMatch(/\d{2}:\d{2}–\d{2}:\d{2} 与/);
    expect(first[0]!.link).toBe(`/workspace/meetings/${s.id}`);
    const second = await notesOf(p2!.user.id, 'meeting_agenda_reminder');
    expect(second).toHaveLength(1);
    expect(second[0]!.body).toContain('共1场');
    expect(second[0]!.body).toContain(p1!.org.name);
    expect(await notesOf(p4!.user.id, 'meeting_agenda_reminder')).toEqual([]);
    // Event-category notices have e-mail off by default: in-app only.
    expect(await mailsOf(p1!.user.id, 'meeting_agenda_reminder')).toEqual([]);
  });

  it('reminds the recipient of a pending request 24 hours before it expires, unless it was answered', async () => {
    env.clock.set('2020-09-02T02:00:00Z');
    const host = await signIn(env, mw.host.user); // the clock moved: a fresh session
    const s = await createSessionVia(host, mw.themeDayId, { title: '邀约洽谈会', requestTtlHours: 72 });
    const [from, to, answered] = await joined(env, s.id, 3);
    const open = await requestVia(from!, s.id, to!);
    const other = await requestVia(from!, s.id, answered!);
    const expires = '2020-09-05T02:00:00.000Z';
    await bothServersRun();
    const job = (await jobsOf('meeting_request_expiring')).find((j) => j.job_key === `${open.id}:${expires}`);
    expect(job).toMatchObject({ run_at: '2020-09-04T02:00:00.000Z', status: 'pending' });

    expect((await answered!.client.post(`/api/meeting-requests/${other.id}/decline`, {})).statusCode).toBe(200);
    env.clock.set('2020-09-04T02:30:00Z');
    await bothServersRun();
    await bothServersRun();
    const got = await notesOf(to!.user.id, 'meeting_request_expiring_reminder');
    expect(got).toHaveLength(1);
    expect(got[0]!.title).toBe(`洽谈邀约即将过期：${from!.org.name}`);
    expect(got[0]!.body).toContain('「邀约洽谈会」');
    expect(got[0]!.body).toContain('北京时间2020年9月5日 10:00');
    expect(got[0]!.link).toBe(`/workspace/meetings/${s.id}`);
    expect(await notesOf(answered!.user.id, 'meeting_request_expiring_reminder')).toEqual([]);
    const skipped = (await jobsOf('meeting_request_expiring')).find((j) => j.job_key.startsWith(other.id));
    expect(skipped).toMatchObject({ status: 'skipped' });
    // A request living no longer than the notice gets no reminder (its invitation named the deadline).
    const short = await createSessionVia(await signIn(env, mw.host.user), mw.themeDayId, {
      title: '短时洽谈会',
      requestTtlHours: 12,
    });
    const [x, y] = await joined(env, short.id, 2);
    const brief = await requestVia(x!, short.id, y!);
    await bothServersRun();
    expect((await jobsOf('meeting_request_expiring')).some((j) => j.job_key.startsWith(brief.id))).toBe(false);
  });
});

describe('satisfaction surveys', () => {
  it('reminds those who have not answered 3 days and 1 day before it closes; an answer stops them', async () => {
    env.clock.set('2020-09-01T02:00:00Z');
    const w = await meetingWorld(env); // theme day 2020-09-10/11
    const sessionId = await eventSession(env, w.themeDayId, w.host.user.id);
    const people = [
      await registrant(env, sessionId),
      await registrant(env, sessionId),
      await registrant(env, sessionId),
    ];
    env.clock.set('2020-09-11T08:00:00Z');
    const host = await signIn(env, w.host.user); // the clock moved: a fresh session
    const opened = await host.post(`/api/theme-days/${w.themeDayId}/survey`, { anonymous: true, days: 7 });
    expect(opened.statusCode).toBe(201);
    const survey = opened.json<{ id: string; closesAt: string }>();
    expect(survey.closesAt).toBe('2020-09-18T15:59:59.999Z');
    const tokens = await tokensByUser(env);
    const [early, late, never] = people;
    expect((await answer(env, tokens.get(early!.userId)!, fullAnswers())).statusCode).toBe(201);

    env.clock.set('2020-09-14T02:00:00Z');
    await bothServersRun();
    expect(
      (await jobsOf('survey_closing')).filter((j) => j.job_key.startsWith(survey.id)).map((j) => j.run_at),
    ).toEqual(['2020-09-15T01:00:00.000Z', '2020-09-17T01:00:00.000Z']);

    env.clock.set('2020-09-15T01:30:00Z');
    await bothServersRun();
    await bothServersRun();
    expect(await notesOf(early!.userId, 'survey_closing_reminder')).toEqual([]);
    const got = await notesOf(late!.userId, 'survey_closing_reminder');
    expect(got).toHaveLength(1);
    expect(got[0]!.title).toContain('2020年9月18日前填写');
    expect(got[0]!.title).toContain('满意度问卷');
    expect(got[0]!.body).toContain('北京时间2020年9月18日 23:59');
    expect(got[0]!.link).toBe('/workspace/notifications');
    expect(await notesOf(never!.userId, 'survey_closing_reminder')).toHaveLength(1);

    expect((await answer(env, tokens.get(late!.userId)!, fullAnswers(), '10.0.0.2')).statusCode).toBe(201);
    env.clock.set('2020-09-17T01:30:00Z');
    await bothServersRun();
    expect(await notesOf(late!.userId, 'survey_closing_reminder')).toHaveLength(1);
    expect(await notesOf(never!.userId, 'survey_closing_reminder')).toHaveLength(2);
  });
});
