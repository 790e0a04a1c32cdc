import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createSessionVia, joined, meetingWorld, person, slots } from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
let morning: { id: string };
let afternoon: { id: string };
beforeAll(async () => {
  env = await createTestEnv({ now: '2020-09-01T02:00:00.000Z', env: { SESSION_IDLE_MINUTES: '1440' } });
  w = await meetingWorld(env);
  morning = await createSessionVia(w.host.client, w.themeDayId, {
    title: '上午洽谈会',
    slots: slots(3),
    tables: 2,
    venue: '青岛国际会议中心B厅',
  });
  afternoon = await createSessionVia(w.host.client, w.themeDayId, {
    title: '下午洽谈会',
    mode: 'organiser',
    slots: slots(0, { afternoon: 2, date: '2020-09-11' }),
    tables: 0,
    onlineRooms: 3,
  });
});
afterAll(async () => {
  await env?.close();
});

const dialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

describe(`finding meeting sessions (${dialect})`, () => {
  it('lists every visible session across theme days in date order, with the joined and organising filters', async () => {
    const [a] = await joined(env, morning.id, 1);
    const all = (await a!.client.get('/api/meeting-sessions')).json();
    expect(all.items.map((s: { title: string }) => s.title)).toEqual(['上午洽谈会', '下午洽谈会']);
    expect(all).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(all.items[0]).toMatchObject({
      myParticipantId: expect.any(String),
      abilities: { join: false, manage: false },
    });
    expect(all.items[1]).toMatchObject({ myParticipantId: null, abilities: { join: true, manage: false } });

    const mine = (await a!.client.get('/api/meeting-sessions?filter=joined')).json();
    expect(mine.items.map((s: { id: string }) => s.id)).toEqual([morning.id]);
    expect((await a!.client.get('/api/meeting-sessions?filter=organising')).json().total).toBe(0);

    const organising = (
      await w.host.client.get('/api/meeting-sessions?filter=organising&sort=title&order=desc')
    ).json();
    expect(organising.items.map((s: { title: string }) => s.title)).toEqual(['下午洽谈会', '上午洽谈会']);
    expect(organising.items[0].abilities).toMatchObject({ manage: true, schedule: true });
    const support = (await w.support.client.get('/api/meeting-sessions?filter=organising')).json();
    expect(support.total).toBe(2);
  });

  it('leaves out past sessions when asked for upcoming ones only', async () => {
    const c = (await person(env, 'member')).client;
    expect((await c.get('/api/meeting-sessions?upcoming=true')).json().total).toBe(2);
    env.clock.set('2020-09-11T01:00:00.000Z');
    try {
      const later = (await person(env, 'member')).client;
      const list = (await later.get('/api/meeting-sessions?upcoming=true')).json();
      expect(list.items.map((s: { title: string }) => s.title)).toEqual(['下午洽谈会']);
    } finally {
      env.clock.set('2020-09-01T02:00:00.000Z');
    }
  });

  it('refuses the workspace list to a visitor who is not signed in', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/meeting-sessions' });
    expect(problem(res)).toMatchObject({ status: 401 });
  });

  it('tells the host and the named support organisation which theme days they can create sessions for, and nobody else', async () => {
    const host = (await w.host.client.get('/api/meeting-sessions/organisable-theme-days')).json();
    expect(host.items).toEqual([
      { id: w.themeDayId, title: expect.any(String), startDate: '2020-09-10', endDate: '2020-09-11', sessionCount: 2 },
    ]);
    expect(
      (await w.support.client.get('/api/meeting-sessions/organisable-theme-days'))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).toEqual([w.themeDayId]);
    for (const role of ['member', 'investor', 'base_admin', 'evaluator'] as const) {
      const p = await person(env, role);
      expect((await p.client.get('/api/meeting-sessions/organisable-theme-days')).json().items).toEqual([]);
    }
    expect((await w.owner.client.get('/api/meeting-sessions/organisable-theme-days')).json().items).toEqual([]);
  });

  it("shows the theme day's sessions on its public page without login: times, places and participant counts only", async () => {
    const res = await env.app.inject({ method: 'GET', url: `/api/public/theme-days/${w.themeDayId}/meeting-sessions` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      id: morning.id,
      title: '上午洽谈会',
      mode: 'self_booking',
      status: 'open',
      date: '2020-09-10',
      startsAt: '2020-09-10T01:00:00.000Z',
      endsAt: '2020-09-10T02:30:00.000Z',
      slotCount: 3,
      tables: 2,
      onlineRooms: 0,
      venue: '青岛国际会议中心B厅',
      participantCount: expect.any(Number),
      published: false,
    });
    expect(items[0].participantCount).toBeGreaterThanOrEqual(1);
    expect(items[1]).toMatchObject({
      id: afternoon.id,
      mode: 'organiser',
      date: '2020-09-11',
      onlineRooms: 3,
      participantCount: 0,
    });
    expect(JSON.stringify(items)).not.toMatch(/email|mobile|userId/);
  });

  it('answers 404 on the public list for a theme day that does not exist', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/public/theme-days/nope/meeting-sessions' });
    expect(problem(res)).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe(`participant profiles: what we offer and seek (${dialect})`, () => {
  it('joins with an offer and a need, shows them to other participants, finds them by search and audits the join', async () => {
    const a = await person(env, 'member');
    const res = await a.client.post(`/api/meeting-sessions/${morning.id}/participants`, {
      offer: '工业视觉质检算法及产线改造服务',
      seek: '5G专网试点场景',
    });
    expect(res.statusCode).toBe(201);
    const me = res.json();
    expect(me).toMatchObject({ offer: '工业视觉质检算法及产线改造服务', seek: '5G专网试点场景' });
    const [b] = await joined(env, morning.id, 1);
    const list = (
      await b!.client.get(`/api/meeting-sessions/${morning.id}/participants?q=${encodeURIComponent('视觉质检')}`)
    ).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([me.id]);
    expect(list.items[0]).toMatchObject({ seek: '5G专网试点场景', unavailableSlots: null });
    const audit = await env.database.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity_id', '=', me.id)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['join']);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ offer: '工业视觉质检算法及产线改造服务' });
  });

  it('lets a participant change and clear their profile, with an audit row', async () => {
    const [a] = await joined(env, morning.id, 1);
    const put = await a!.client.put(`/api/meeting-sessions/${morning.id}/participants/me/profile`, {
      offer: '  边缘计算网关  ',
      seek: '整车厂验证机会',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ offer: '边缘计算网关', seek: '整车厂验证机会' });
    const cleared = (
      await a!.client.put(`/api/meeting-sessions/${morning.id}/participants/me/profile`, { seek: null })
    ).json();
    expect(cleared).toMatchObject({ offer: '边缘计算网关', seek: null });
    const actions = (
      await env.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', a!.pid).execute()
    ).map((r) => r.action);
    expect(actions.filter((x) => x === 'set_profile')).toHaveLength(2);
  });

  it('refuses a profile from someone who has not joined with not_a_participant', async () => {
    const c = await person(env, 'member');
    expect(
      problem(await c.client.put(`/api/meeting-sessions/${morning.id}/participants/me/profile`, { offer: '芯片' })),
    ).toMatchObject({ status: 403, code: 'not_a_participant' });
  });

  it('refuses an offer longer than 500 characters with validation_failed on the field', async () => {
    const [a] = await joined(env, morning.id, 1);
    const p = problem(
      await a!.client.put(`/api/meeting-sessions/${morning.id}/participants/me/profile`, { offer: '芯'.repeat(501) }),
    );
    expect(p).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(p.errors?.[0]?.field).toBe('offer');
  });
});
