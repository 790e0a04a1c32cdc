import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { auditActions as auditActionsOf, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createUser } from '../../test/factories.ts';
import { clientFor, createSessionVia, eventWorld, members, person, sessionBody, type EventWorld } from './testkit.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const db = () => env.database.db;

const auditActions = (entityType: string, entityId: string) => auditActionsOf(env, entityType, entityId);
const notes = (userId: string) =>
  db().selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
const sessionsUrl = (w: EventWorld) => `/api/theme-days/${w.themeDay.id}/sessions`;

describe('sessions', () => {
  it('creates an offline session whose capacity defaults to the approved plan’s head-count limit, audited', async () => {
    const w = await eventWorld(env, { headcountLimit: 80 });
    const r = await w.host.client.post(sessionsUrl(w), sessionBody());
    expect(r.statusCode).toBe(201);
    const s = r.json();
    expect(s).toMatchObject({
      capacity: 80,
      headcountLimit: 80,
      mode: 'offline',
      kind: 'roadshow',
      kindLabel: '路演',
      registrationState: 'open',
    });
    expect(s.startsAt).toBe('2020-09-15T01:00:00.000Z');
    expect(s.emergencyPlan).toContain('应急处置小组');
    expect(s.abilities).toMatchObject({ edit: true, checkIn: true, changeCapacity: true, register: true });
    expect(await auditActions('event_session', s.id)).toEqual(['create']);
  });

  it('takes the venue capacity as the default when it is below the plan’s limit', async () => {
    const w = await eventWorld(env, { headcountLimit: 80 });
    const r = await w.host.client.post(sessionsUrl(w), sessionBody({ venueCapacity: 30 }));
    expect(r.json().capacity).toBe(30);
  });

  it('refuses a capacity above the plan’s head-count limit or above the venue capacity', async () => {
    const w = await eventWorld(env, { headcountLimit: 80 });
    const a = problem(await w.host.client.post(sessionsUrl(w), sessionBody({ capacity: 81 })));
    expect(a).toMatchObject({ status: 400, code: 'capacity_above_limit' });
    expect(a.detail).toContain('80人');
    const b = problem(await w.host.client.post(sessionsUrl(w), sessionBody({ capacity: 50, venueCapacity: 40 })));
    expect(b).toMatchObject({ status: 400, code: 'capacity_above_limit' });
    expect(b.detail).toContain('场地容量');
  });

  it('refuses sessions while the activity plan is not approved', async () => {
    const w = await eventWorld(env, { planStatus: 'submitted' });
    expect(problem(await w.host.client.post(sessionsUrl(w), sessionBody()))).toMatchObject({
      status: 409,
      code: 'activity_plan_not_approved',
    });
  });

  it('refuses an offline session when the plan has no head-count limit', async () => {
    const w = await eventWorld(env, { headcountLimit: null });
    expect(problem(await w.host.client.post(sessionsUrl(w), sessionBody()))).toMatchObject({
      status: 409,
      code: 'headcount_limit_missing',
    });
    // An online session needs none.
    expect((await w.host.client.post(sessionsUrl(w), sessionBody({ mode: 'online' }))).statusCode).toBe(201);
  });

  it('refuses times outside the theme day, an end before the start and a registration window that closes after the end', async () => {
    const w = await eventWorld(env);
    const c = w.host.client;
    expect(
      problem(await c.post(sessionsUrl(w), sessionBody({ startsAt: '2020-09-17T09:00', endsAt: '2020-09-17T10:00' }))),
    ).toMatchObject({ code: 'session_outside_theme_day' });
    expect(problem(await c.post(sessionsUrl(w), sessionBody({ endsAt: '2020-09-15T08:00' })))).toMatchObject({
      code: 'invalid_time_range',
    });
    expect(
      problem(await c.post(sessionsUrl(w), sessionBody({ registrationClosesAt: '2020-09-15T12:00' }))),
    ).toMatchObject({ code: 'invalid_registration_window' });
    expect(
      problem(await c.post(sessionsUrl(w), sessionBody({ registrationOpensAt: '2020-09-14T18:00' }))),
    ).toMatchObject({ code: 'invalid_registration_window' });
    expect(problem(await c.post(sessionsUrl(w), sessionBody({ startsAt: '2020-09-31T09:00' })))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
  });

  it('refuses an online session without an online channel anywhere', async () => {
    const w = await eventWorld(env, { onlineChannel: '' });
    expect(problem(await w.host.client.post(sessionsUrl(w), sessionBody({ mode: 'hybrid' })))).toMatchObject({
      code: 'online_channel_missing',
    });
    expect(
      (
        await w.host.client.post(
          sessionsUrl(w),
          sessionBody({ mode: 'hybrid', onlineChannel: 'https://meeting.example.cn/1' }),
        )
      ).statusCode,
    ).toBe(201);
  });

  it('refuses a choice question without options and duplicate question keys', async () => {
    const w = await eventWorld(env);
    const a = await w.host.client.post(
      sessionsUrl(w),
      sessionBody({ questions: [{ key: 'field', label: '所属领域', type: 'single', required: true }] }),
    );
    expect(problem(a)).toMatchObject({ status: 400, code: 'validation_failed' });
    const b = await w.host.client.post(
      sessionsUrl(w),
      sessionBody({
        questions: [
          { key: 'a', label: '甲', type: 'text' },
          { key: 'a', label: '乙', type: 'text' },
        ],
      }),
    );
    expect(problem(b)).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('lets a support organisation named by the plan create and edit sessions, and no one else', async () => {
    const w = await eventWorld(env);
    const r = await w.support.client.post(sessionsUrl(w), sessionBody());
    expect(r.statusCode).toBe(201);
    const id = r.json().id;
    expect((await w.support.client.patch(`/api/event-sessions/${id}`, { title: '路演（第一场）' })).json().title).toBe(
      '路演（第一场）',
    );

    const otherSupport = await person(env, 'support_org', undefined, { kind: 'support_org' });
    const member = await person(env, 'member');
    const otherHost = await person(env, 'base_admin');
    const owner = await person(env, 'programme_owner');
    for (const p of [otherSupport, member, otherHost, owner]) {
      expect(problem(await p.client.post(sessionsUrl(w), sessionBody()))).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
      expect(problem(await p.client.patch(`/api/event-sessions/${id}`, { title: 'x' }))).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
      expect((await p.client.get(`/api/event-sessions/${id}`)).json().abilities.edit).toBe(false);
    }
    expect(await auditActions('event_session', id)).toEqual(['create', 'update']);
  });

  it('hides the sessions of a draft programme from everyone but the owner (404)', async () => {
    const w = await eventWorld(env, { programmeStatus: 'draft' });
    const id = await createSessionVia(w).catch(() => null);
    // The host cannot see its own theme day while the programme is a draft.
    expect(id).toBeNull();
    const owner = await person(env, 'programme_owner');
    expect((await owner.client.get(sessionsUrl(w))).statusCode).toBe(200);
    const member = await person(env, 'member');
    expect(problem(await member.client.get(sessionsUrl(w)))).toMatchObject({ status: 404 });
    expect(problem(await member.client.get('/api/event-sessions/nope'))).toMatchObject({ status: 404 });
  });

  it('lists a theme day’s sessions with filters, sorting and paging', async () => {
    const w = await eventWorld(env);
    await createSessionVia(w, {
      title: 'B 研讨会',
      kind: 'seminar',
      startsAt: '2020-09-15T14:00',
      endsAt: '2020-09-15T16:00',
    });
    await createSessionVia(w, {
      title: 'A 开幕式',
      kind: 'opening',
      startsAt: '2020-09-15T08:00',
      endsAt: '2020-09-15T08:30',
    });
    const m = await person(env, 'member');
    const all = (await m.client.get(`${sessionsUrl(w)}?pageSize=1`)).json();
    expect(all).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(all.items[0].title).toBe('A 开幕式');
    const seminars = (await m.client.get(`${sessionsUrl(w)}?kind=seminar`)).json();
    expect(seminars.items.map((s: { title: string }) => s.title)).toEqual(['B 研讨会']);
    expect(seminars.items[0].emergencyPlan).toBeNull();
  });
});

describe('registration', () => {
  it('registers with answers to the custom questions and returns a check-in code', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, {
      questions: [
        { key: 'field', label: '所属领域', type: 'single', required: true, options: ['人工智能', '新材料'] },
        { key: 'phone', label: '联系电话', type: 'text', required: true },
        { key: 'lunch', label: '是否用餐', type: 'boolean' },
      ],
    });
    const [m] = await members(env, 1);
    const r = await m!.client.post(`/api/event-sessions/${id}/registrations`, {
      answers: { field: '人工智能', phone: '13800000000', lunch: true },
    });
    expect(r.statusCode).toBe(201);
    const reg = r.json();
    expect(reg).toMatchObject({
      status: 'registered',
      attendance: 'offline',
      waitlistPosition: null,
      organisation: { id: m!.org.id },
    });
    expect(reg.code).toMatch(/^[A-Z2-9]{10}$/);
    expect(reg.answers).toEqual({ field: '人工智能', phone: '13800000000', lunch: true });
    expect(await auditActions('event_registration', reg.id)).toEqual(['register']);
    const mine = (await m!.client.get(`/api/event-sessions/${id}/my-registration`)).json();
    expect(mine.code).toBe(reg.code);
  });

  it('refuses missing required answers, unknown options and unknown questions with field errors', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, {
      questions: [{ key: 'field', label: '所属领域', type: 'single', required: true, options: ['人工智能'] }],
    });
    const [m] = await members(env, 1);
    const a = problem(await m!.client.post(`/api/event-sessions/${id}/registrations`, { answers: {} }));
    expect(a).toMatchObject({ status: 400, code: 'invalid_answers' });
    expect(a.errors).toEqual([{ field: 'answers.field', code: 'answer_required', message: '请回答「所属领域」' }]);
    const b = problem(
      await m!.client.post(`/api/event-sessions/${id}/registrations`, { answers: { field: '区块链', extra: 'x' } }),
    );
    expect(b.code).toBe('invalid_answers');
    expect(b.errors?.map((e) => e.code).sort()).toEqual(['answer_invalid', 'unknown_question']);
  });

  it('refuses registration before it opens and after it closes (Asia/Shanghai)', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, {
      registrationOpensAt: '2020-06-01T09:00',
      registrationClosesAt: '2020-06-10T18:00',
    });
    const [m] = await members(env, 1);
    env.clock.set('2020-06-01T00:59:59Z'); // 08:59:59 in Shanghai
    try {
      const c0 = await clientFor(env, m!.user.id);
      const early = problem(await c0.post(`/api/event-sessions/${id}/registrations`, {}));
      expect(early).toMatchObject({ status: 409, code: 'registration_not_open' });
      expect(early.detail).toContain('2020年6月1日 09:00');
      env.clock.set('2020-06-10T10:00:01Z'); // 18:00:01
      const c = await clientFor(env, m!.user.id);
      expect(problem(await c.post(`/api/event-sessions/${id}/registrations`, {}))).toMatchObject({
        status: 409,
        code: 'registration_closed',
      });
      env.clock.set('2020-06-10T09:59:00Z');
      const c2 = await clientFor(env, m!.user.id);
      expect((await c2.post(`/api/event-sessions/${id}/registrations`, {})).statusCode).toBe(201);
    } finally {
      env.clock.set('2020-05-20T02:00:00Z');
    }
  });

  it('refuses a second registration, also when five are fired at once', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w);
    const [m] = await members(env, 1);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => m!.client.post(`/api/event-sessions/${id}/registrations`, {})),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 201))
      expect(problem(r)).toMatchObject({ status: 409, code: 'already_registered' });
  });

  it('refuses a way of attending the session does not offer', async () => {
    const w = await eventWorld(env);
    const offline = await createSessionVia(w);
    const online = await createSessionVia(w, { mode: 'online' });
    const [m] = await members(env, 1);
    expect(
      problem(await m!.client.post(`/api/event-sessions/${offline}/registrations`, { attendance: 'online' })),
    ).toMatchObject({ code: 'attendance_not_offered' });
    expect(
      problem(await m!.client.post(`/api/event-sessions/${online}/registrations`, { attendance: 'offline' })),
    ).toMatchObject({ code: 'attendance_not_offered' });
  });

  it('waitlists when full, and a cancellation promotes the first waitlisted person, who is notified', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { capacity: 2 });
    const ms = await members(env, 5);
    const regs = [];
    for (const m of ms) regs.push((await m.client.post(`/api/event-sessions/${id}/registrations`, {})).json());
    expect(regs.map((r) => [r.status, r.waitlistPosition])).toEqual([
      ['registered', null],
      ['registered', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ]);
    const view = (await ms[0]!.client.get(`/api/event-sessions/${id}`)).json();
    expect(view.offline).toMatchObject({ registered: 2, waitlisted: 3, remaining: 0 });

    const cancel = await ms[1]!.client.post(`/api/event-registrations/${regs[1].id}/cancel`);
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().status).toBe('cancelled');
    const promoted = (await ms[2]!.client.get(`/api/event-sessions/${id}/my-registration`)).json();
    expect(promoted).toMatchObject({ status: 'registered', waitlistPosition: null });
    expect((await ms[3]!.client.get(`/api/event-sessions/${id}/my-registration`)).json().waitlistPosition).toBe(1);
    const n = await notes(ms[2]!.user.id);
    expect(n.map((x) => x.kind)).toEqual(['registration_promoted']);
    expect(n[0]!.link).toBe(`/sessions/${id}`);
    expect(await notes(ms[3]!.user.id)).toEqual([]);
    expect(await auditActions('event_registration', regs[1].id)).toEqual(['cancel', 'register']);
    expect(await auditActions('event_registration', regs[2].id)).toEqual(['promote', 'register']);

    // Cancelling twice is refused; a renewed registration queues at the end.
    expect(problem(await ms[1]!.client.post(`/api/event-registrations/${regs[1].id}/cancel`))).toMatchObject({
      status: 409,
      code: 'already_cancelled',
    });
    const again = (await ms[1]!.client.post(`/api/event-sessions/${id}/registrations`, {})).json();
    expect(again).toMatchObject({ id: regs[1].id, status: 'waitlisted', waitlistPosition: 3 });
    expect(await auditActions('event_registration', regs[1].id)).toEqual(['cancel', 'register', 'reregister']);
  });

  it('cancelling a waitlisted place promotes no one', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { capacity: 1 });
    const ms = await members(env, 3);
    const regs = [];
    for (const m of ms) regs.push((await m.client.post(`/api/event-sessions/${id}/registrations`, {})).json());
    await ms[1]!.client.post(`/api/event-registrations/${regs[1].id}/cancel`);
    expect((await ms[2]!.client.get(`/api/event-sessions/${id}/my-registration`)).json()).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect((await ms[0]!.client.get(`/api/event-sessions/${id}/my-registration`)).json().status).toBe('registered');
  });

  it('lets only the registrant or the staff cancel; other people get 404; no cancelling once the session started', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w);
    const [a, b] = await members(env, 2);
    const reg = (await a!.client.post(`/api/event-sessions/${id}/registrations`, {})).json();
    expect(problem(await b!.client.post(`/api/event-registrations/${reg.id}/cancel`))).toMatchObject({ status: 404 });
    expect(problem(await b!.client.get(`/api/event-registrations/${reg.id}`))).toMatchObject({ status: 404 });
    const owner = await person(env, 'programme_owner');
    expect((await owner.client.get(`/api/event-registrations/${reg.id}`)).json().code).toBeNull();
    expect(problem(await owner.client.post(`/api/event-registrations/${reg.id}/cancel`))).toMatchObject({
      status: 403,
    });
    env.clock.set('2020-09-15T01:00:00Z');
    try {
      const c = await clientFor(env, a!.user.id);
      expect(problem(await c.post(`/api/event-registrations/${reg.id}/cancel`))).toMatchObject({
        status: 409,
        code: 'session_started',
      });
    } finally {
      env.clock.set('2020-05-20T02:00:00Z');
    }
    const staff = await clientFor(env, w.host.user.id);
    expect((await staff.post(`/api/event-registrations/${reg.id}/cancel`)).json().status).toBe('cancelled');
  });

  it('shows the online channel only to registrants holding a place and to the staff', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { mode: 'hybrid', capacity: 1, onlineLimit: 1 });
    const [a, b, c] = await members(env, 3);
    await a!.client.post(`/api/event-sessions/${id}/registrations`, { attendance: 'online' });
    await b!.client.post(`/api/event-sessions/${id}/registrations`, { attendance: 'online' });
    expect((await a!.client.get(`/api/event-sessions/${id}`)).json().onlineChannel).toBe(
      'https://live.example.cn/rongtong',
    );
    expect((await b!.client.get(`/api/event-sessions/${id}`)).json()).toMatchObject({
      onlineChannel: null,
      myRegistration: { status: 'waitlisted', waitlistPosition: 1 },
    });
    expect((await c!.client.get(`/api/event-sessions/${id}`)).json().onlineChannel).toBeNull();
    expect((await w.support.client.get(`/api/event-sessions/${id}`)).json().onlineChannel).toBe(
      'https://live.example.cn/rongtong',
    );
    // Offline and online places are counted apart.
    expect(
      (await c!.client.post(`/api/event-sessions/${id}/registrations`, { attendance: 'offline' })).json().status,
    ).toBe('registered');
  });

  it('never holds more registrations than the capacity: 200 people at once for 50 places', async () => {
    const w = await eventWorld(env, { headcountLimit: 50 });
    const id = await createSessionVia(w);
    const ms = await members(env, 200);
    const results = await Promise.all(
      ms.map((m) => m.client.post(`/api/event-sessions/${id}/registrations`, { answers: {} })),
    );
    expect(results.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    const bodies = results.map((r) => r.json<{ status: string; waitlistPosition: number | null; id: string }>());
    expect(bodies.filter((b) => b.status === 'registered')).toHaveLength(50);
    const positions = bodies
      .filter((b) => b.status === 'waitlisted')
      .map((b) => b.waitlistPosition as number)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const rows = await db()
      .selectFrom('event_registrations')
      .select(['id', 'user_id', 'status', 'seq'])
      .where('session_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(200);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // The consistent order: the 50 lowest seqs hold the places, the waitlist follows seq.
    expect(rows.slice(0, 50).every((r) => r.status === 'registered')).toBe(true);
    const stored = await env.app.inject({
      method: 'GET',
      url: `/api/event-sessions/${id}/registrations?status=waitlisted&pageSize=500`,
      headers: { cookie: w.host.client.cookie! },
    });
    const list = stored.json().items as { id: string; waitlistPosition: number }[];
    const byId = new Map(bodies.map((b) => [b.id, b.waitlistPosition]));
    expect(list.map((x) => x.waitlistPosition)).toEqual(positions);
    expect(list.every((x) => byId.get(x.id) === x.waitlistPosition)).toBe(true);
  });
});

describe('check-in', () => {
  async function setup() {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { capacity: 2 });
    const ms = await members(env, 4);
    const regs = [];
    for (const m of ms) regs.push((await m.client.post(`/api/event-sessions/${id}/registrations`, {})).json());
    return { w, id, ms, regs };
  }

  it('checks a registrant in once by the typed code and raises the live head count', async () => {
    const { w, id, regs } = await setup();
    const before = (await w.host.client.get(`/api/event-sessions/${id}/head-count`)).json();
    expect(before).toMatchObject({ capacity: 2, checkedIn: 0, offline: { registered: 2, waitlisted: 2 } });
    const r = await w.support.client.post(`/api/event-sessions/${id}/check-in`, {
      code: regs[0].code.toLowerCase().replace(/(.{5})/, '$1-'),
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ registration: { id: regs[0].id }, headCount: { checkedIn: 1, capacity: 2 } });
    expect(r.json().registration.checkedInAt).toBeTruthy();
    expect((await w.host.client.get(`/api/event-sessions/${id}/head-count`)).json().checkedIn).toBe(1);
    const again = problem(await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: regs[0].code }));
    expect(again).toMatchObject({ status: 409, code: 'already_checked_in' });
    expect(await auditActions('event_registration', regs[0].id)).toEqual(['check_in', 'register']);
    // A checked-in registrant can no longer cancel.
    expect((await w.host.client.get(`/api/event-registrations/${regs[0].id}`)).json().abilities).toEqual({
      cancel: false,
      checkIn: false,
    });
  });

  it('refuses waitlisted, cancelled and unknown codes with their own codes', async () => {
    const { w, id, ms, regs } = await setup();
    expect(
      problem(await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: regs[2].code })),
    ).toMatchObject({ status: 409, code: 'registration_waitlisted' });
    await ms[1]!.client.post(`/api/event-registrations/${regs[1].id}/cancel`);
    expect(
      problem(await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: regs[1].code })),
    ).toMatchObject({ status: 409, code: 'registration_cancelled' });
    // The cancellation promoted the first waitlisted person, who now gets in.
    expect((await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: regs[2].code })).statusCode).toBe(
      200,
    );
    expect(
      problem(await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: 'ABCDEFGHJK' })),
    ).toMatchObject({ status: 404, code: 'checkin_code_unknown' });
  });

  it('refuses an online registration at the door', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { mode: 'hybrid' });
    const [m] = await members(env, 1);
    const reg = (await m!.client.post(`/api/event-sessions/${id}/registrations`, { attendance: 'online' })).json();
    expect(problem(await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: reg.code }))).toMatchObject({
      status: 409,
      code: 'online_registration',
    });
  });

  it('checks in once when two door scanners send the same code at once', async () => {
    const { w, id, regs } = await setup();
    const staff2 = await clientFor(env, w.host.user.id);
    const rs = await Promise.all(
      [w.host.client, staff2, w.support.client].map((c) =>
        c.post(`/api/event-sessions/${id}/check-in`, { code: regs[0].code }),
      ),
    );
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('leaves check-in, head count and registrant lists to the staff (owner and evaluator may read)', async () => {
    const { id, ms, regs } = await setup();
    expect(
      problem(await ms[0]!.client.post(`/api/event-sessions/${id}/check-in`, { code: regs[0].code })),
    ).toMatchObject({ status: 403 });
    expect(problem(await ms[0]!.client.get(`/api/event-sessions/${id}/head-count`))).toMatchObject({ status: 403 });
    expect(problem(await ms[0]!.client.get(`/api/event-sessions/${id}/registrations`))).toMatchObject({ status: 403 });
    const owner = await person(env, 'programme_owner');
    const evaluator = await person(env, 'evaluator', undefined, { kind: 'evaluator' });
    for (const p of [owner, evaluator]) {
      expect((await p.client.get(`/api/event-sessions/${id}/head-count`)).statusCode).toBe(200);
      expect(problem(await p.client.post(`/api/event-sessions/${id}/check-in`, { code: regs[0].code }))).toMatchObject({
        status: 403,
      });
      const list = (await p.client.get(`/api/event-sessions/${id}/registrations`)).json();
      expect(list.total).toBe(4);
      expect(list.items[0].code).toBeNull();
    }
  });
});

describe('epidemic controls', () => {
  it('lowering the capacity moves the latest registrations to the waitlist first, each notified; checked-in people keep their place', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { capacity: 5 });
    const ms = await members(env, 6);
    const regs = [];
    for (const m of ms) regs.push((await m.client.post(`/api/event-sessions/${id}/registrations`, {})).json());
    // regs[4] (the latest registered) is already in the room.
    await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: regs[4].code });
    const r = await w.host.client.post(`/api/event-sessions/${id}/capacity`, {
      capacity: 2,
      reason: '属地疫情防控要求调整',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ capacity: 2, offline: { registered: 2, waitlisted: 4, checkedIn: 1 } });
    const status = async (i: number) => (await ms[i]!.client.get(`/api/event-sessions/${id}/my-registration`)).json();
    expect(await status(0)).toMatchObject({ status: 'registered' });
    expect(await status(4)).toMatchObject({ status: 'registered' });
    // Demoted: 1, 2, 3 (latest first), queued ahead of the one who was already waiting, in registration order.
    expect((await status(1)).waitlistPosition).toBe(1);
    expect((await status(2)).waitlistPosition).toBe(2);
    expect((await status(3)).waitlistPosition).toBe(3);
    expect((await status(5)).waitlistPosition).toBe(4);
    const n3 = await notes(ms[3]!.user.id);
    expect(n3.map((x) => x.kind)).toEqual(['registration_waitlisted']);
    expect(n3[0]!.body).toContain('属地疫情防控要求调整');
    expect(n3[0]!.body).toContain('候补第3位');
    expect(await notes(ms[5]!.user.id)).toEqual([]);
    expect(await auditActions('event_session', id)).toEqual(['change_capacity', 'create']);
    expect(await auditActions('event_registration', regs[3].id)).toEqual(['demote', 'register']);

    // Raising it again promotes in waitlist order.
    await w.host.client.post(`/api/event-sessions/${id}/capacity`, { capacity: 3 });
    expect(await status(1)).toMatchObject({ status: 'registered' });
    expect((await notes(ms[1]!.user.id)).map((x) => x.kind)).toEqual([
      'registration_waitlisted',
      'registration_promoted',
    ]);
  });

  it('refuses a capacity above the plan’s limit and capacity changes by anyone but the staff', async () => {
    const w = await eventWorld(env, { headcountLimit: 100 });
    const id = await createSessionVia(w);
    expect(problem(await w.host.client.post(`/api/event-sessions/${id}/capacity`, { capacity: 101 }))).toMatchObject({
      status: 400,
      code: 'capacity_above_limit',
    });
    const [m] = await members(env, 1);
    expect(problem(await m!.client.post(`/api/event-sessions/${id}/capacity`, { capacity: 10 }))).toMatchObject({
      status: 403,
    });
    expect(problem(await m!.client.post(`/api/event-sessions/${id}/online-only`, {}))).toMatchObject({ status: 403 });
  });

  it('switching to online-only notifies every registrant with the online channel and opens the online places', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { capacity: 2 });
    const ms = await members(env, 3);
    for (const m of ms) await m.client.post(`/api/event-sessions/${id}/registrations`, {});
    const r = await w.host.client.post(`/api/event-sessions/${id}/online-only`, {
      onlineChannel: 'https://meeting.example.cn/888',
      reason: '因疫情防控需要',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      mode: 'online',
      capacity: null,
      online: { registered: 3, waitlisted: 0 },
      offline: { registered: 0 },
    });
    for (const m of ms) {
      const n = (await notes(m.user.id)).filter((x) => x.kind === 'session_online_only');
      expect(n).toHaveLength(1);
      expect(n[0]!.body).toContain('https://meeting.example.cn/888');
      expect((await m.client.get(`/api/event-sessions/${id}`)).json()).toMatchObject({
        onlineChannel: 'https://meeting.example.cn/888',
        myRegistration: { status: 'registered', attendance: 'online' },
      });
    }
    expect(await auditActions('event_session', id)).toEqual(['create', 'switch_online']);
  });
});

describe('exports', () => {
  async function load(buf: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((row) =>
      rows.push(
        (row.values as (string | number | null | undefined)[]).slice(1).map((v) => (v == null ? '' : String(v))),
      ),
    );
    return { ws, rows };
  }

  it('exports registrants as .xlsx with status, waitlist place and answers (formulas stay text), for the readers only', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, {
      capacity: 1,
      questions: [{ key: 'phone', label: '联系电话', type: 'text', required: true }],
    });
    const ms = await members(env, 2);
    const regs = [];
    for (const m of ms)
      regs.push(
        (await m.client.post(`/api/event-sessions/${id}/registrations`, { answers: { phone: '=1+1' } })).json(),
      );
    await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: regs[0].code });
    const r = await w.host.client.get(`/api/event-sessions/${id}/registrations.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('报名名单'));
    const { ws, rows } = await load(r.rawPayload);
    expect(ws.name).toBe('报名名单');
    expect(rows[0]![0]).toContain('创新团队对接路演');
    expect(rows[1]).toEqual([
      '序号',
      '姓名',
      '单位',
      '参会方式',
      '状态',
      '候补序位',
      '报名时间',
      '签到时间',
      '联系电话',
    ]);
    expect(rows).toHaveLength(4);
    expect(rows[2]!.slice(0, 5)).toEqual(['1', ms[0]!.user.name, ms[0]!.org.name, '线下', '已报名']);
    expect(rows[2]![7]).toBe('2020年5月20日 10:00');
    expect(rows[2]![8]).toBe('=1+1');
    expect(ws.getRow(3).getCell(9).type).toBe(ExcelJS.ValueType.String); // not a formula
    expect(rows[3]!.slice(4, 6)).toEqual(['候补', '1']);
    expect(problem(await ms[0]!.client.get(`/api/event-sessions/${id}/registrations.xlsx`))).toMatchObject({
      status: 403,
    });
    const evaluator = await person(env, 'evaluator', undefined, { kind: 'evaluator' });
    expect((await evaluator.client.get(`/api/event-sessions/${id}/registrations.xlsx`)).statusCode).toBe(200);
  });

  it('exports check-ins as .xlsx in check-in order with the head count and who checked each person in', async () => {
    const w = await eventWorld(env);
    const id = await createSessionVia(w, { capacity: 3 });
    const ms = await members(env, 3);
    const regs = [];
    for (const m of ms) regs.push((await m.client.post(`/api/event-sessions/${id}/registrations`, {})).json());
    await w.support.client.post(`/api/event-sessions/${id}/check-in`, { code: regs[2].code });
    env.clock.advance(60_000);
    await w.host.client.post(`/api/event-sessions/${id}/check-in`, { code: regs[0].code });
    const r = await w.host.client.get(`/api/event-sessions/${id}/check-ins.xlsx`);
    expect(r.statusCode).toBe(200);
    const { ws, rows } = await load(r.rawPayload);
    expect(ws.name).toBe('签到名单');
    expect(rows[0]![0]).toContain('已签到2人 / 已报名3人 / 名额3人');
    expect(rows[1]).toEqual(['序号', '姓名', '单位', '签到时间', '签到码', '办理人']);
    expect(rows.slice(2).map((x) => [x[1], x[4], x[5]])).toEqual([
      [ms[2]!.user.name, regs[2].code, w.support.user.name],
      [ms[0]!.user.name, regs[0].code, w.host.user.name],
    ]);
    expect(problem(await ms[0]!.client.get(`/api/event-sessions/${id}/check-ins.xlsx`))).toMatchObject({ status: 403 });
  });
});

// Users without any membership register with no organisation.
it('registers a person without an organisation', async () => {
  const w = await eventWorld(env);
  const id = await createSessionVia(w);
  const u = await createUser(db());
  const c = await clientFor(env, u.id);
  expect((await c.post(`/api/event-sessions/${id}/registrations`, {})).json()).toMatchObject({
    status: 'registered',
    organisation: null,
  });
});
