/**
 * The endpoints behind the portal and workspace pages of issue 5: anonymous reading, the sessions open for
 * registration now, "我的报名", the printable pass with its QR code, the staff's theme days, and check-in
 * refusals that name the person at the door. Own database, so the "open now" list holds only these sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { clientFor, createSessionVia, eventWorld, members, person } from './testkit.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const anonymous = () => new Client(env.app);

describe('public reading', () => {
  it('shows a published theme day’s sessions to an anonymous visitor without anything personal', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { mode: 'hybrid', capacity: 2 });
    const list = await anonymous().get(`/api/theme-days/${w.themeDay.id}/sessions`);
    expect(list.statusCode).toBe(200);
    const s = list.json().items[0];
    expect(s).toMatchObject({
      id,
      onlineChannel: null,
      emergencyPlan: null,
      myRegistration: null,
      offline: { remaining: 2 },
    });
    expect(s.epidemicMeasures).toContain('测温');
    expect(s.abilities).toMatchObject({ register: true, edit: false, checkIn: false, viewRegistrations: false });
    const one = await anonymous().get(`/api/event-sessions/${id}`);
    expect(one.json()).toMatchObject({ id, onlineChannel: null, emergencyPlan: null });
    // Writing still needs a session.
    expect(problem(await anonymous().post(`/api/event-sessions/${id}/registrations`, {}))).toMatchObject({
      status: 401,
    });
  });

  it('hides a draft programme’s sessions from anonymous visitors (404)', async () => {
    const w = await eventWorld(env, { programmeStatus: 'draft' });
    expect(problem(await anonymous().get(`/api/theme-days/${w.themeDay.id}/sessions`))).toMatchObject({ status: 404 });
  });

  it('lists the sessions whose registration is open now, soonest first, with places left', async () => {
    const w = await eventWorld(env);
    const later = await createSessionVia(w, {
      title: '下午场',
      startsAt: '2020-09-15T14:00',
      endsAt: '2020-09-15T16:00',
      capacity: 5,
    });
    const sooner = await createSessionVia(w, { title: '上午场', capacity: 1 });
    await createSessionVia(w, { title: '未开放', registrationOpensAt: '2020-06-01T00:00' });
    const closed = await createSessionVia(w, {
      title: '已截止',
      registrationOpensAt: '2020-05-01T00:00',
      registrationClosesAt: '2020-05-10T00:00',
    });
    const [m] = await members(env, 1);
    await m!.client.post(`/api/event-sessions/${sooner}/registrations`, {});
    const r = (await anonymous().get('/api/event-sessions/open?pageSize=50')).json();
    const mine = r.items.filter((s: { themeDayId: string }) => s.themeDayId === w.themeDay.id);
    expect(mine.map((s: { id: string }) => s.id)).toEqual([sooner, later]);
    expect(mine.map((s: { offline: { remaining: number } }) => s.offline.remaining)).toEqual([0, 5]);
    expect(mine.some((s: { id: string }) => s.id === closed)).toBe(false);
    // Seen by the registrant, the open list carries their own status.
    const theirs = (await m!.client.get('/api/event-sessions/open?pageSize=50'))
      .json()
      .items.find((s: { id: string }) => s.id === sooner);
    expect(theirs.myRegistration).toMatchObject({ status: 'registered' });
  });
});

describe('my registrations and the pass', () => {
  it('lists my registrations across sessions with status, waitlist place and session facts', async () => {
    const w = await eventWorld(env);
    const full = await createSessionVia(w, {
      title: '小型研讨会',
      kind: 'seminar',
      capacity: 1,
      startsAt: '2020-09-16T09:00',
      endsAt: '2020-09-16T10:00',
    });
    const open = await createSessionVia(w, { title: '开幕式', kind: 'opening' });
    const [a, b] = await members(env, 2);
    await a!.client.post(`/api/event-sessions/${full}/registrations`, {});
    await b!.client.post(`/api/event-sessions/${full}/registrations`, {});
    await b!.client.post(`/api/event-sessions/${open}/registrations`, {});
    const r = (await b!.client.get('/api/my/event-registrations')).json();
    expect(r).toMatchObject({ total: 2, page: 1 });
    expect(
      r.items.map((x: { session: { title: string }; status: string; waitlistPosition: number | null }) => [
        x.session.title,
        x.status,
        x.waitlistPosition,
      ]),
    ).toEqual([
      ['开幕式', 'registered', null],
      ['小型研讨会', 'waitlisted', 1],
    ]);
    expect(r.items[0].session).toMatchObject({ kindLabel: '开幕式', themeDay: { id: w.themeDay.id } });
    expect(r.items[0].code).toMatch(/^[A-Z0-9]{10}$/);
    expect((await b!.client.get('/api/my/event-registrations?status=waitlisted')).json().total).toBe(1);
    expect(problem(await anonymous().get('/api/my/event-registrations'))).toMatchObject({ status: 401 });
  });

  it('gives the registrant a pass with a QR code of the check-in code, none while waitlisted, 404 to others', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { capacity: 1 });
    const [a, b] = await members(env, 2);
    const ra = (await a!.client.post(`/api/event-sessions/${id}/registrations`, {})).json();
    const rb = (await b!.client.post(`/api/event-sessions/${id}/registrations`, {})).json();
    const pass = await a!.client.get(`/api/event-registrations/${ra.id}/pass`);
    expect(pass.statusCode).toBe(200);
    const p = pass.json();
    expect(p.registration).toMatchObject({
      id: ra.id,
      status: 'registered',
      code: ra.code,
      user: { name: a!.user.name },
    });
    expect(p.session).toMatchObject({ id, title: '创新团队对接路演', venue: '主会场', onlineChannel: null });
    expect(p.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await b!.client.get(`/api/event-registrations/${rb.id}/pass`)).json()).toMatchObject({
      qrSvg: null,
      registration: { status: 'waitlisted', waitlistPosition: 1 },
    });
    expect(problem(await b!.client.get(`/api/event-registrations/${ra.id}/pass`))).toMatchObject({ status: 404 });
    // The staff may print a pass for someone at the desk.
    expect((await w.host.client.get(`/api/event-registrations/${ra.id}/pass`)).json().registration.code).toBe(ra.code);
  });
});

describe('staff', () => {
  it('lists the theme days the caller runs: the host admin and the named support organisation, nobody else', async () => {
    const w = await eventWorld(env);
    await createSessionVia(w);
    await createSessionVia(w, { title: '第二场' });
    const host = (await w.host.client.get('/api/event-theme-days')).json();
    expect(host.items).toEqual([
      expect.objectContaining({
        id: w.themeDay.id,
        sessionCount: 2,
        activityPlanStatus: 'approved',
        headcountLimit: 100,
        abilities: { createSession: true },
      }),
    ]);
    const support = (await w.support.client.get('/api/event-theme-days')).json();
    expect(support.items.map((x: { id: string }) => x.id)).toContain(w.themeDay.id);
    for (const role of ['member', 'programme_owner', 'evaluator'] as const) {
      const p = await person(env, role, undefined, role === 'evaluator' ? { kind: 'evaluator' } : {});
      expect((await p.client.get('/api/event-theme-days')).json().items.map((x: { id: string }) => x.id)).not.toContain(
        w.themeDay.id,
      );
    }
  });

  it('offers no new sessions once the theme day has ended', async () => {
    const w = await eventWorld(env);
    const ability = async (at: string) => {
      env.clock.set(at);
      const host = await clientFor(env, w.host.user.id); // a fresh sign-in at that time
      return (await host.get('/api/event-theme-days')).json().items.find((x: { id: string }) => x.id === w.themeDay.id)
        .abilities.createSession;
    };
    try {
      expect(await ability('2020-09-16T15:59:00Z')).toBe(true);
      expect(await ability('2020-09-16T16:00:00Z')).toBe(false); // 17 Sept 00:00 in Beijing
    } finally {
      env.clock.set('2020-05-20T02:00:00Z');
    }
  });

  it('offers no session creation while the activity plan is not approved', async () => {
    const w = await eventWorld(env, { planStatus: 'submitted' });
    const r = (await w.host.client.get('/api/event-theme-days')).json();
    expect(r.items.find((x: { id: string }) => x.id === w.themeDay.id)).toMatchObject({
      activityPlanStatus: 'submitted',
      abilities: { createSession: false },
    });
  });

  it('names the registrant when the door refuses a code: already checked in, waitlisted', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { capacity: 1 });
    const [a, b] = await members(env, 2);
    const ra = (await a!.client.post(`/api/event-sessions/${id}/registrations`, {})).json();
    const rb = (await b!.client.post(`/api/event-sessions/${id}/registrations`, {})).json();
    expect((await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: ra.code })).statusCode).toBe(200);
    const again = await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: ra.code });
    expect(problem(again)).toMatchObject({ status: 409, code: 'already_checked_in' });
    expect(again.json()).toMatchObject({ registrant: { name: a!.user.name, organisation: a!.org.name } });
    expect(again.json().checkedInAt).toBeTruthy();
    expect(problem(again).detail).toContain(a!.user.name);
    const waiting = await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: rb.code });
    expect(problem(waiting)).toMatchObject({ status: 409, code: 'registration_waitlisted' });
    expect(waiting.json().registrant.name).toBe(b!.user.name);
  });
});
