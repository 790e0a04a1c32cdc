import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { buildIcs, icsFold } from './ics.ts';
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
  env = await createTestEnv({ env: { SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '168' } });
  w = await meetingWorld(env);
});
afterAll(async () => {
  await env?.close();
});

const dialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
const db = () => env.database.db;

describe(`self-booking (${dialect})`, () => {
  it('places an accepted meeting in a free slot at a free table, notifies both sides and audits it', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { tables: 1 });
    const [a, b] = await joined(env, s.id, 2);
    const req = await requestVia(a!, s.id, b!, { citedItem: { type: 'demand', id: 'd-7' } });
    const res = await b!.client.post(`/api/meeting-requests/${req.id}/accept`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ status: 'accepted', meetingId: expect.any(String) });
    const m = (await a!.client.get(`/api/meetings/${r.meetingId}`)).json();
    expect(m).toMatchObject({
      status: 'scheduled',
      slot: { index: 0, startsAt: '2020-09-10T01:00:00.000Z' },
      location: { kind: 'table', number: 1, label: '1号桌' },
      citedItem: { type: 'demand', id: 'd-7' },
    });
    expect(await notificationKinds(env, a!.user.id)).toEqual(['meeting_scheduled']);
    expect(await notificationKinds(env, b!.user.id)).toEqual(['meeting_request', 'meeting_scheduled']);
    expect(await auditActions(env, 'meeting', r.meetingId)).toEqual(['place']);
    expect(await auditActions(env, 'meeting_request', req.id)).toEqual(['accept', 'create']);
  });

  it("picks a slot adjacent to the participants' other meetings rather than leaving a gap", async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { tables: 3, slots: slots(5) });
    const [a, b, c] = await joined(env, s.id, 3);
    // a is busy in slots 0-1 (unavailable) and meets b first: slot 2. Then c with a: slot 3, next to it.
    await a!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: [0, 1] });
    const m1 = await meet(s.id, a!, b!);
    await c!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: [] });
    const m2 = await meet(s.id, c!, a!);
    const slotOf = async (id: string) => (await a!.client.get(`/api/meetings/${id}`)).json().slot.index;
    expect(await slotOf(m1)).toBe(2);
    expect(await slotOf(m2)).toBe(3);
  });

  it('refuses an accept when both sides have no free slot in common with no_common_slot, leaving the request pending', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { tables: 2, slots: slots(2) });
    const [a, b] = await joined(env, s.id, 2);
    await a!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: [0] });
    await b!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: [1] });
    const req = await requestVia(a!, s.id, b!);
    expect(problem(await b!.client.post(`/api/meeting-requests/${req.id}/accept`))).toMatchObject({
      status: 409,
      code: 'no_common_slot',
    });
    expect((await b!.client.get(`/api/meeting-sessions/${s.id}/requests?box=incoming`)).json().items[0].status).toBe(
      'pending',
    );
    expect(await db().selectFrom('meetings').select('id').where('session_id', '=', s.id).execute()).toEqual([]);
  });

  it('never double-books a participant or a table when many accepts arrive at once', async () => {
    // One star participant, 3 slots, 2 tables, 6 requesters; plus 4 other pairs competing for the tables.
    const s = await createSessionVia(w.host.client, w.themeDayId, { tables: 2, slots: slots(3), requestLimit: 10 });
    const people = await joined(env, s.id, 15);
    const star = people[0]!;
    const fans = people.slice(1, 7);
    const pairs = [
      [people[7]!, people[8]!],
      [people[9]!, people[10]!],
      [people[11]!, people[12]!],
      [people[13]!, people[14]!],
    ] as const;
    const reqs = [
      ...(await Promise.all(fans.map((f) => requestVia(f, s.id, star)))).map((r) => ({ id: r.id, by: star })),
      ...(await Promise.all(pairs.map(([x, y]) => requestVia(x, s.id, y)))).map((r, i) => ({
        id: r.id,
        by: pairs[i]![1],
      })),
    ];
    const res = await Promise.all(reqs.map((r) => r.by.client.post(`/api/meeting-requests/${r.id}/accept`)));
    const ok = res.filter((r) => r.statusCode === 200);
    const refused = res.filter((r) => r.statusCode !== 200).map((r) => problem(r).code);
    expect(ok.length).toBe(6); // 3 slots x 2 tables
    expect(new Set(refused)).toEqual(new Set(['no_common_slot']));
    const meetings = await db()
      .selectFrom('meetings')
      .selectAll()
      .where('session_id', '=', s.id)
      .where('status', '=', 'scheduled')
      .execute();
    expect(meetings).toHaveLength(6);
    const seen = new Set<string>();
    for (const m of meetings) {
      for (const key of [
        `loc${m.location}@${m.slot_index}`,
        `${m.participant_a_id}@${m.slot_index}`,
        `${m.participant_b_id}@${m.slot_index}`,
      ]) {
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
    expect(
      meetings.filter((m) => m.participant_b_id === star.pid || m.participant_a_id === star.pid).length,
    ).toBeLessThanOrEqual(3);
  });

  it('cancels a meeting, frees its slot for others and notifies the counterpart only', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { tables: 1, slots: slots(1) });
    const [a, b, c, d] = await joined(env, s.id, 4);
    const m = await meet(s.id, a!, b!);
    const blocked = await requestVia(c!, s.id, d!);
    expect(problem(await d!.client.post(`/api/meeting-requests/${blocked.id}/accept`)).code).toBe('no_common_slot');
    expect(problem(await c!.client.post(`/api/meetings/${m}/cancel`, { reason: '行程冲突' })).status).toBe(404);
    const res = await a!.client.post(`/api/meetings/${m}/cancel`, { reason: '行程冲突' });
    expect(res.json()).toMatchObject({ status: 'cancelled', slot: null, location: null });
    expect(problem(await a!.client.post(`/api/meetings/${m}/cancel`)).code).toBe('invalid_state');
    expect((await d!.client.post(`/api/meeting-requests/${blocked.id}/accept`)).statusCode).toBe(200);
    expect(await notificationKinds(env, b!.user.id)).toContain('meeting_cancelled');
    expect(await notificationKinds(env, a!.user.id)).not.toContain('meeting_cancelled');
    expect(await auditActions(env, 'meeting', m)).toEqual(['cancel', 'place']);
    // The pair may ask again after a cancellation.
    expect(
      (await a!.client.post(`/api/meeting-sessions/${s.id}/requests`, { recipientParticipantId: b!.pid })).statusCode,
    ).toBe(201);
  });

  it('lets the organiser fix a meeting to another slot, refusing busy or unavailable slots with their codes', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { tables: 1, slots: slots(3) });
    const [a, b, c, d] = await joined(env, s.id, 4);
    const m1 = await meet(s.id, a!, b!); // slot 0
    const m2 = await meet(s.id, c!, d!); // slot 1 (the only table of slot 0 is taken)
    expect(problem(await a!.client.post(`/api/meetings/${m1}/fix`, { slotIndex: 2 })).code).toBe('forbidden');
    expect(problem(await w.host.client.post(`/api/meetings/${m1}/fix`, { slotIndex: 1 }))).toMatchObject({
      status: 409,
      code: 'slot_taken',
    });
    await b!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: [2] });
    expect(problem(await w.host.client.post(`/api/meetings/${m1}/fix`, { slotIndex: 2 }))).toMatchObject({
      status: 409,
      code: 'participant_unavailable',
    });
    await b!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: [] });
    const fixed = await w.host.client.post(`/api/meetings/${m1}/fix`, { slotIndex: 2 });
    expect(fixed.json()).toMatchObject({ fixedSlot: 2, slot: { index: 2 }, location: { number: 1 } });
    expect(await notificationKinds(env, a!.user.id)).toContain('meeting_changed');
    expect(await auditActions(env, 'meeting', m1)).toEqual(['fix', 'place']);
    void m2;
  });

  it('shows a meeting only to its parties, the organisers and the observers (404 for others)', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId);
    const [a, b, c] = await joined(env, s.id, 3);
    const m = await meet(s.id, a!, b!);
    expect(problem(await c!.client.get(`/api/meetings/${m}`)).status).toBe(404);
    expect((await w.host.client.get(`/api/meetings/${m}`)).statusCode).toBe(200);
    expect((await w.support.client.get(`/api/meetings/${m}`)).statusCode).toBe(200);
    expect((await w.owner.client.get(`/api/meetings/${m}`)).statusCode).toBe(200);
    const localDrc = await person(env, 'local_drc', { regionCode: '110000' });
    expect((await localDrc.client.get(`/api/meetings/${m}`)).statusCode).toBe(200);
    const otherDrc = await person(env, 'local_drc', { regionCode: '370000' });
    expect(problem(await otherDrc.client.get(`/api/meetings/${m}`)).status).toBe(404);
    expect(problem(await otherDrc.client.get(`/api/meeting-sessions/${s.id}/overview`)).code).toBe('forbidden');
    // The owner may read but not change.
    expect(problem(await w.owner.client.post(`/api/meetings/${m}/fix`, { slotIndex: 1 })).code).toBe('forbidden');
    expect(problem(await w.owner.client.post(`/api/meetings/${m}/cancel`)).code).toBe('forbidden');
  });
});

describe(`agendas and outcomes (${dialect})`, () => {
  it('gives each participant their agenda with time, table or online link, counterpart and cited item', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, {
      tables: 1,
      onlineRooms: 1,
      onlineUrlTemplate: 'https://meeting.example.cn/j/{room}-{meeting}',
      slots: slots(2),
      venue: '青岛国际会议中心',
    });
    const [a, b, c, d] = await joined(env, s.id, 4);
    await c!.client.put(`/api/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: [1] });
    const m1 = await meet(s.id, b!, d!); // slot 0, table 1
    const req = await requestVia(a!, s.id, b!, { citedItem: { type: 'result', id: 'r-1' }, message: '成果转化合作' });
    await b!.client.post(`/api/meeting-requests/${req.id}/accept`); // slot 1, table 1
    const m3req = await requestVia(a!, s.id, c!);
    expect((await c!.client.post(`/api/meeting-requests/${m3req.id}/accept`)).statusCode).toBe(200); // slot 0: table taken → online room 1
    const agenda = (await a!.client.get(`/api/meeting-sessions/${s.id}/agenda`)).json();
    expect(agenda.items).toHaveLength(2);
    expect(agenda.items[0]).toMatchObject({
      slot: { index: 0 },
      location: { kind: 'online', number: 1, label: '线上洽谈室1' },
      counterpart: { participantId: c!.pid, organisationName: c!.org.name },
    });
    expect(agenda.items[0].onlineLink).toMatch(/^https:\/\/meeting\.example\.cn\/j\/1-/);
    expect(agenda.items[1]).toMatchObject({
      slot: { index: 1 },
      location: { kind: 'table', number: 1 },
      onlineLink: null,
      counterpart: { participantId: b!.pid },
      citedItem: { type: 'result', id: 'r-1' },
      message: '成果转化合作',
    });
    expect(agenda.breaks).toBe(0);
    const outsider = await person(env, 'member');
    expect(problem(await outsider.client.get(`/api/meeting-sessions/${s.id}/agenda`))).toMatchObject({
      status: 403,
      code: 'not_a_participant',
    });
    void m1;
  });

  it('downloads the agenda as iCalendar with UTC times (09:00 Beijing → 010000Z), CRLF lines and escaped text', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, {
      tables: 1,
      slots: slots(2),
      venue: '会议中心B厅; 2层, 东侧',
    });
    const [a, b] = await joined(env, s.id, 2);
    await meet(s.id, a!, b!);
    const res = await a!.client.get(`/api/meeting-sessions/${s.id}/agenda.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const text = res.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('DTSTART:20200910T010000Z');
    expect(unfolded).toContain('DTEND:20200910T013000Z');
    expect(unfolded).toContain('LOCATION:会议中心B厅\\; 2层\\, 东侧 1号桌');
    expect(unfolded).toContain(`SUMMARY:一对一洽谈：${b!.org.name}`);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('folds long lines at 75 octets without splitting a Chinese character', () => {
    const line = `DESCRIPTION:${'融通创新主题日'.repeat(20)}`;
    const folded = icsFold(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    const ics = buildIcs({
      name: 'a,b',
      now: new Date('2020-09-01T00:00:00Z'),
      events: [{ uid: 'x', start: '2020-09-10T01:00:00Z', end: '2020-09-10T01:30:00Z', summary: '第一行\n第二行' }],
    });
    expect(ics).toContain('SUMMARY:第一行\\n第二行');
    expect(ics).toContain('X-WR-CALNAME:a\\,b');
  });

  it('records outcomes from both sides only after the meeting, refusing earlier with meeting_not_over', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { tables: 1, slots: slots(1) });
    const [a, b, c] = await joined(env, s.id, 3);
    const m = await meet(s.id, a!, b!);
    expect(
      problem(await a!.client.put(`/api/meetings/${m}/outcome`, { outcome: 'cooperation_possible' })),
    ).toMatchObject({ status: 409, code: 'meeting_not_over' });
    const back = env.clock.now();
    env.clock.set('2020-09-10T01:30:00Z');
    try {
      for (const p of [a!, b!, c!, w.host]) await p.client.login(p.user.email, p.user.password);
      expect((await a!.client.get(`/api/meetings/${m}`)).json().abilities).toMatchObject({
        recordOutcome: true,
        cancel: false,
      });
      expect(problem(await c!.client.put(`/api/meetings/${m}/outcome`, { outcome: 'no_interest' })).status).toBe(404);
      expect(problem(await a!.client.put(`/api/meetings/${m}/outcome`, { outcome: 'maybe' })).code).toBe(
        'validation_failed',
      );
      expect(
        (
          await a!.client.put(`/api/meetings/${m}/outcome`, {
            outcome: 'cooperation_possible',
            note: '拟签订技术开发合同',
          })
        ).statusCode,
      ).toBe(200);
      const bRes = await b!.client.put(`/api/meetings/${m}/outcome`, { outcome: 'useful_no_cooperation' });
      // Each side sees only its own answer.
      expect(bRes.json().outcomes).toEqual([
        expect.objectContaining({ participantId: b!.pid, outcome: 'useful_no_cooperation' }),
      ]);
      expect((await a!.client.put(`/api/meetings/${m}/outcome`, { outcome: 'did_not_take_place' })).statusCode).toBe(
        200,
      );
      const rows = await db()
        .selectFrom('meeting_outcomes')
        .select(['participant_id', 'outcome'])
        .where('meeting_id', '=', m)
        .orderBy('outcome')
        .execute();
      expect(rows).toEqual([
        { participant_id: a!.pid, outcome: 'did_not_take_place' },
        { participant_id: b!.pid, outcome: 'useful_no_cooperation' },
      ]);
      expect(await auditActions(env, 'meeting', m)).toEqual([
        'place',
        'record_outcome',
        'record_outcome',
        'record_outcome',
      ]);
      expect(problem(await a!.client.post(`/api/meetings/${m}/cancel`)).code).toBe('invalid_state');
      // The organiser sees both answers.
      expect((await w.host.client.get(`/api/meetings/${m}`)).json().outcomes).toHaveLength(2);
    } finally {
      env.clock.set(back);
      await w.host.client.login(w.host.user.email, w.host.user.password);
    }
  });

  it('gives the organiser an overview grid and printable table sheets', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { tables: 2, slots: slots(2) });
    const [a, b, c, d] = await joined(env, s.id, 4);
    await meet(s.id, a!, b!);
    await meet(s.id, c!, d!);
    await requestVia(a!, s.id, c!);
    const ov = (await w.host.client.get(`/api/meeting-sessions/${s.id}/overview`)).json();
    expect(ov.counts).toEqual({
      participants: 4,
      pendingRequests: 1,
      accepted: 2,
      scheduled: 2,
      unscheduled: 0,
      cancelled: 0,
    });
    expect(ov.grid[0].meetings.map((m: { location: { number: number } }) => m.location.number)).toEqual([1, 2]);
    expect(ov.totalBreaks).toBe(0);
    const sheets = (await w.support.client.get(`/api/meeting-sessions/${s.id}/table-sheets`)).json();
    expect(sheets.sheets).toHaveLength(2);
    expect(sheets.sheets[0].rows[0].participants).toHaveLength(2);
    expect(sheets.sheets[0].rows[1]).toMatchObject({ meetingId: null, participants: [] });
    expect(problem(await a!.client.get(`/api/meeting-sessions/${s.id}/overview`)).code).toBe('forbidden');
    expect(problem(await a!.client.get(`/api/meeting-sessions/${s.id}/table-sheets`)).code).toBe('forbidden');
  });
});
