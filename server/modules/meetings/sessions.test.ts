import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { auditActions, createSessionVia, joined, meetingWorld, person, requestVia, slots } from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
beforeAll(async () => {
  // Long idle sessions: the expiry tests move the clock by hours.
  env = await createTestEnv({ env: { SESSION_IDLE_MINUTES: '1440', LOG_LEVEL: 'error' } });
  w = await meetingWorld(env);
});
afterAll(async () => {
  await env?.close();
});

const dialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

describe(`meeting sessions (${dialect})`, () => {
  it('creates a session from Beijing-time slots, stores them in UTC and splits morning from afternoon', async () => {
    const res = await w.host.client.post(`/api/theme-days/${w.themeDayId}/meeting-sessions`, {
      title: '供需对接一对一洽谈',
      mode: 'organiser',
      slots: slots(3, { afternoon: 2 }),
      tables: 5,
      onlineRooms: 2,
      onlineUrlTemplate: 'https://meeting.example.cn/j/{meeting}',
      venue: '青岛国际会议中心B厅',
    });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      mode: 'organiser',
      status: 'open',
      date: '2020-09-10',
      tables: 5,
      onlineRooms: 2,
      requestLimit: 10,
      requestTtlHours: 48,
      fairness: 2,
      publishedAt: null,
      participantCount: 0,
    });
    expect(s.slots[0]).toEqual({
      index: 0,
      startsAt: '2020-09-10T01:00:00.000Z',
      endsAt: '2020-09-10T01:30:00.000Z',
      part: 'morning',
    });
    expect(s.slots.map((x: { part: string }) => x.part)).toEqual([
      'morning',
      'morning',
      'morning',
      'afternoon',
      'afternoon',
    ]);
    expect(s.slots[3].startsAt).toBe('2020-09-10T06:00:00.000Z');
    expect(s.abilities).toMatchObject({ manage: true, join: true, schedule: true, readOverview: true });
    expect(await auditActions(env, 'meeting_session', s.id)).toEqual(['create']);
  });

  it('lets a support organisation named in the activity plan create a session, but not other roles', async () => {
    expect(
      (
        await w.support.client.post(`/api/theme-days/${w.themeDayId}/meeting-sessions`, {
          title: '洽谈会',
          mode: 'self_booking',
          slots: slots(2),
          tables: 1,
        })
      ).statusCode,
    ).toBe(201);
    const otherSupport = await person(env, 'support_org');
    const member = await person(env, 'member');
    for (const c of [otherSupport.client, member.client, w.owner.client]) {
      const r = await c.post(`/api/theme-days/${w.themeDayId}/meeting-sessions`, {
        title: '洽谈会',
        mode: 'self_booking',
        slots: slots(2),
        tables: 1,
      });
      expect(problem(r)).toMatchObject({ status: 403, code: 'forbidden' });
    }
  });

  it('refuses a date outside the theme day with date_out_of_theme_day', async () => {
    const r = await w.host.client.post(`/api/theme-days/${w.themeDayId}/meeting-sessions`, {
      title: '洽谈会',
      mode: 'self_booking',
      slots: slots(2, { date: '2020-09-12' }),
      tables: 1,
    });
    expect(problem(r)).toMatchObject({ status: 422, code: 'date_out_of_theme_day' });
  });

  it('refuses overlapping, unordered or multi-day slots and a session without tables or rooms as validation errors', async () => {
    const post = (body: Record<string, unknown>) =>
      w.host.client.post(`/api/theme-days/${w.themeDayId}/meeting-sessions`, {
        title: '洽谈会',
        mode: 'self_booking',
        tables: 1,
        ...body,
      });
    const overlap = problem(
      await post({
        slots: [
          { start: '2020-09-10T09:00', minutes: 30 },
          { start: '2020-09-10T09:15', minutes: 30 },
        ],
      }),
    );
    expect(overlap).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(overlap.errors?.[0]?.field).toBe('slots.1.start');
    expect(
      problem(
        await post({
          slots: [
            { start: '2020-09-10T10:00', minutes: 30 },
            { start: '2020-09-10T09:00', minutes: 30 },
          ],
        }),
      ).code,
    ).toBe('validation_failed');
    expect(
      problem(
        await post({
          slots: [
            { start: '2020-09-10T10:00', minutes: 30 },
            { start: '2020-09-11T09:00', minutes: 30 },
          ],
        }),
      ).code,
    ).toBe('validation_failed');
    expect(problem(await post({ slots: slots(2), tables: 0, onlineRooms: 0 })).code).toBe('validation_failed');
    expect(problem(await post({ slots: [{ start: '2020-09-10 9:00', minutes: 30 }] })).code).toBe('validation_failed');
  });

  it('answers 404 for a theme day of a draft programme to everyone but the owner', async () => {
    await env.database.db.updateTable('programmes').set({ status: 'draft' }).where('id', '=', w.programmeId).execute();
    try {
      const member = await person(env, 'member');
      expect(problem(await member.client.get(`/api/theme-days/${w.themeDayId}/meeting-sessions`)).status).toBe(404);
      expect((await w.owner.client.get(`/api/theme-days/${w.themeDayId}/meeting-sessions`)).statusCode).toBe(200);
    } finally {
      await env.database.db.updateTable('programmes').set({ status: 'open' }).where('id', '=', w.programmeId).execute();
    }
  });

  it('lists sessions of a theme day with paging', async () => {
    const r = await w.host.client.get(
      `/api/theme-days/${w.themeDayId}/meeting-sessions?page=1&pageSize=1&sort=createdAt&order=asc`,
    );
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.items).toHaveLength(1);
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body).toMatchObject({ page: 1, pageSize: 1 });
  });

  it('lets the organiser close a session, after which joining and requesting are refused with meeting_session_closed', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a, b] = await joined(env, s.id, 2);
    const closed = await w.host.client.patch(`/api/meeting-sessions/${s.id}`, { status: 'closed' });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    const late = await person(env, 'member');
    expect(problem(await late.client.post(`/api/meeting-sessions/${s.id}/participants`))).toMatchObject({
      status: 409,
      code: 'meeting_session_closed',
    });
    expect(
      problem(await a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: b!.pid })),
    ).toMatchObject({ status: 409, code: 'meeting_session_closed' });
    expect(problem(await a!.client.patch(`/api/meeting-sessions/${s.id}`, { status: 'open' })).code).toBe('forbidden');
    expect(await auditActions(env, 'meeting_session', s.id)).toEqual(['create', 'update']);
  });
});

describe(`participants (${dialect})`, () => {
  it('joins with the active organisation, once', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const p = await person(env, 'investor');
    const r = await p.client.post(`/api/meeting-sessions/${s.id}/participants`);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ name: expect.any(String), organisation: { id: p.org.id }, unavailableSlots: [] });
    expect(problem(await p.client.post(`/api/meeting-sessions/${s.id}/participants`))).toMatchObject({
      status: 409,
      code: 'already_participant',
    });
    expect(await auditActions(env, 'meeting_participant', r.json().id)).toEqual(['join']);
    const view = (await p.client.get(`/api/meeting-sessions/${s.id}`)).json();
    expect(view).toMatchObject({
      myParticipantId: r.json().id,
      participantCount: 1,
      abilities: { join: false, request: true },
    });
  });

  it('refuses joining for roles that do not take part in meetings', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    for (const role of ['evaluator', 'department_reviewer'] as const) {
      const p = await person(env, role);
      expect(problem(await p.client.post(`/api/meeting-sessions/${s.id}/participants`))).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    }
  });

  it('shows participants to participants and organisers, but asks others to join first', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a] = await joined(env, s.id, 2);
    const list = (await a!.client.get(`/api/meeting-sessions/${s.id}/participants?pageSize=10`)).json();
    expect(list.total).toBe(2);
    // Other people's unavailable slots stay private.
    expect(list.items.find((x: { id: string }) => x.id !== a!.pid).unavailableSlots).toBeNull();
    expect(
      (await w.host.client.get(`/api/meeting-sessions/${s.id}/participants`)).json().items[0].unavailableSlots,
    ).toEqual([]);
    const outsider = await person(env, 'member');
    expect(problem(await outsider.client.get(`/api/meeting-sessions/${s.id}/participants`))).toMatchObject({
      status: 403,
      code: 'not_a_participant',
    });
  });

  it('records unavailable slots, rejects slots that do not exist, and audits the change', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a] = await joined(env, s.id, 1);
    const r = await a!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, {
      unavailableSlots: [3, 1, 1],
    });
    expect(r.json().unavailableSlots).toEqual([1, 3]);
    expect(
      problem(
        await a!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: [9] }),
      ).code,
    ).toBe('validation_failed');
    expect(await auditActions(env, 'meeting_participant', a!.pid)).toEqual(['join', 'set_availability']);
  });

  it('refuses marking unavailable a slot that already holds a meeting with slot_has_meeting', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a, b] = await joined(env, s.id, 2);
    const req = await requestVia(a!, s.id, b!);
    const acc = (await b!.client.post(`/api/meeting-requests/${req.id}/accept`)).json();
    const m = (await a!.client.get(`/api/meetings/${acc.meetingId}`)).json();
    expect(
      problem(
        await a!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, {
          unavailableSlots: [m.slot.index],
        }),
      ),
    ).toMatchObject({ status: 409, code: 'slot_has_meeting' });
  });
});

describe(`requests (${dialect})`, () => {
  it('sends a request citing an item, notifies the recipient and shows it in both boxes', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a, b] = await joined(env, s.id, 2);
    const res = await a!.client.post(`/api/meeting-sessions/${s.id}/requests`, {
      recipientParticipantId: b!.pid,
      message: '想了解贵司的检测设备共享',
      citedItem: { type: 'resource', id: 'res-42' },
    });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      status: 'pending',
      citedItem: { type: 'resource', id: 'res-42' },
      expiresAt: '2020-05-22T02:00:00.000Z',
      abilities: { accept: false, decline: false, withdraw: true },
    });
    const incoming = (await b!.client.get(`/api/meeting-sessions/${s.id}/requests?box=incoming`)).json();
    expect(incoming.items.map((x: { id: string }) => x.id)).toEqual([r.id]);
    expect(incoming.items[0].abilities).toEqual({ accept: true, decline: true, withdraw: false });
    const n = await env.database.db.selectFrom('notifications').selectAll().where('user_id', '=', b!.user.id).execute();
    expect(n.map((x) => x.kind)).toEqual(['meeting_request']);
    expect(n[0]?.body).toContain('想了解贵司的检测设备共享');
    expect(await auditActions(env, 'meeting_request', r.id)).toEqual(['create']);
  });

  it("refuses requests to oneself, to one's own organisation, to a non-participant, and from a non-participant", async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a] = await joined(env, s.id, 1);
    expect(
      problem(await a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: a!.pid })),
    ).toMatchObject({ status: 422, code: 'invalid_counterpart' });
    const colleague = await person(env, 'member', { org: a!.org });
    const cj = await colleague.client.post(`/api/meeting-sessions/${s.id}/participants`);
    expect(
      problem(await a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: cj.json().id })),
    ).toMatchObject({ status: 422, code: 'invalid_counterpart' });
    const other = await createSessionVia(w.host.client, w.themeDayId);
    const [elsewhere] = await joined(env, other.id, 1);
    expect(
      problem(
        await a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: elsewhere!.pid }),
      ),
    ).toMatchObject({ status: 422, code: 'invalid_counterpart' });
    const outsider = await person(env, 'member');
    expect(
      problem(await outsider.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: a!.pid })),
    ).toMatchObject({ status: 403, code: 'not_a_participant' });
  });

  it('refuses a second open request between the same pair, in either direction, with duplicate_request', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a, b] = await joined(env, s.id, 2);
    await requestVia(a!, s.id, b!);
    expect(
      problem(await a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: b!.pid })),
    ).toMatchObject({ status: 409, code: 'duplicate_request' });
    expect(
      problem(await b!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: a!.pid })),
    ).toMatchObject({ status: 409, code: 'duplicate_request' });
  });

  it('holds one open request per pair when both sides ask at the same moment', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a, b] = await joined(env, s.id, 2);
    const res = await Promise.all([
      a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: b!.pid }),
      b!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: a!.pid }),
      a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: b!.pid }),
    ]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(res.filter((r) => r.statusCode === 409).map((r) => problem(r).code)).toEqual([
      'duplicate_request',
      'duplicate_request',
    ]);
  });

  it('enforces the per-participant request limit, also under parallel requests, and honours an organiser override', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { requestLimit: 2 });
    const [a, ...others] = await joined(env, s.id, 6);
    const res = await Promise.all(
      others
        .slice(0, 4)
        .map((o) => a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: o.pid })),
    );
    expect(res.filter((r) => r.statusCode === 201)).toHaveLength(2);
    expect(res.filter((r) => r.statusCode !== 201).map((r) => problem(r).code)).toEqual([
      'request_limit_reached',
      'request_limit_reached',
    ]);
    expect(problem(await a!.client.patch(`/api/meeting-participants/${a!.pid}`, { requestLimit: 3 })).code).toBe(
      'forbidden',
    );
    const raised = await w.host.client.patch(`/api/meeting-participants/${a!.pid}`, { requestLimit: 3 });
    expect(raised.json()).toMatchObject({ requestLimit: 3 });
    expect(
      (await a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: others[4]!.pid }))
        .statusCode,
    ).toBe(201);
  });

  it('lets pending requests expire after the configured time, freeing the limit and the pair', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { requestLimit: 1, requestTtlHours: 2 });
    const [a, b, c] = await joined(env, s.id, 3);
    const r = await requestVia(a!, s.id, b!);
    expect(
      problem(await a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: c!.pid })).code,
    ).toBe('request_limit_reached');
    env.clock.advance(2 * 3600_000);
    try {
      const view = (await b!.client.get(`/api/meeting-sessions/${s.id}/requests?box=incoming`)).json();
      expect(view.items[0]).toMatchObject({
        id: r.id,
        status: 'expired',
        abilities: { accept: false, decline: false },
      });
      expect(problem(await b!.client.post(`/api/meeting-requests/${r.id}/accept`))).toMatchObject({
        status: 409,
        code: 'request_expired',
      });
      expect(problem(await b!.client.post(`/api/meeting-requests/${r.id}/decline`))).toMatchObject({
        status: 409,
        code: 'request_expired',
      });
      expect(
        (await a!.client.get(`/api/meeting-sessions/${s.id}/requests?box=outgoing&status=expired`)).json().total,
      ).toBe(1);
      // The expired request no longer blocks the pair or the limit.
      expect(
        (await a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: b!.pid })).statusCode,
      ).toBe(201);
    } finally {
      env.clock.advance(-2 * 3600_000);
    }
  });

  it('declines and withdraws, notifying the requester of a decline; only the right side may do either', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a, b, c] = await joined(env, s.id, 3);
    const r1 = await requestVia(a!, s.id, b!);
    expect(problem(await a!.client.post(`/api/meeting-requests/${r1.id}/decline`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(problem(await a!.client.post(`/api/meeting-requests/${r1.id}/accept`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect((await b!.client.post(`/api/meeting-requests/${r1.id}/decline`)).json()).toMatchObject({
      status: 'declined',
    });
    expect(problem(await b!.client.post(`/api/meeting-requests/${r1.id}/accept`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    const kinds = (
      await env.database.db.selectFrom('notifications').select('kind').where('user_id', '=', a!.user.id).execute()
    ).map((x) => x.kind);
    expect(kinds).toContain('meeting_request_declined');
    const r2 = await requestVia(a!, s.id, c!);
    expect(problem(await c!.client.post(`/api/meeting-requests/${r2.id}/withdraw`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect((await a!.client.post(`/api/meeting-requests/${r2.id}/withdraw`)).json()).toMatchObject({
      status: 'withdrawn',
    });
    expect(await auditActions(env, 'meeting_request', r1.id)).toEqual(['create', 'decline']);
    expect(await auditActions(env, 'meeting_request', r2.id)).toEqual(['create', 'withdraw']);
  });

  it('hides a request from everyone but its two parties and the session readers (404)', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a, b, c] = await joined(env, s.id, 3);
    const r = await requestVia(a!, s.id, b!);
    expect(problem(await c!.client.post(`/api/meeting-requests/${r.id}/accept`)).status).toBe(404);
    const stranger = await person(env, 'member');
    expect(problem(await stranger.client.post(`/api/meeting-requests/${r.id}/withdraw`)).status).toBe(404);
    // The organiser sees every request but cannot answer for a participant.
    const all = (await w.host.client.get(`/api/meeting-sessions/${s.id}/requests`)).json();
    expect(all.items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect(problem(await w.host.client.post(`/api/meeting-requests/${r.id}/accept`)).code).toBe('forbidden');
    // A participant's "all" box holds only their own requests.
    expect((await c!.client.get(`/api/meeting-sessions/${s.id}/requests`)).json().total).toBe(0);
  });
});
