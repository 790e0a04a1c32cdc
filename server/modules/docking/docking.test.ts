import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllianceView } from '../../../common/contracts/docking.ts';
import { auditActions as auditActionsOf, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createSessionVia, eventWorld, person, type EventWorld, type Person } from '../events/testkit.ts';

let env: TestEnv;
let w: EventWorld; // theme day WITHOUT deep docking (the testkit's plan enables 4 other areas)
let wd: EventWorld; // theme day WITH deep docking
let firm: Person;
let partner: Person;
let outsider: Person;
beforeAll(async () => {
  env = await createTestEnv();
  w = await eventWorld(env);
  wd = await eventWorld(env);
  const plan = await env.database.db
    .selectFrom('activity_plans')
    .select('content')
    .where('id', '=', wd.activityPlanId)
    .executeTakeFirstOrThrow();
  const content = JSON.parse(plan.content) as { parts: { key: string; description: string }[] };
  content.parts.push({ key: 'deep_docking', description: '产业链上下游深度对接' });
  await env.database.db
    .updateTable('activity_plans')
    .set({ content: JSON.stringify(content) })
    .where('id', '=', wd.activityPlanId)
    .execute();
  firm = await person(env, 'member', undefined, { sizeClass: 'large' });
  partner = await person(env, 'member', undefined, { sizeClass: 'small' });
  outsider = await person(env, 'member');
});
afterAll(async () => {
  await env?.close();
});

const auditActions = (entityType: string, entityId: string) => auditActionsOf(env, entityType, entityId);

const session = (over: Record<string, unknown> = {}) => ({
  kind: 'supply_demand',
  title: '汽车电子产业链供需对接会',
  agenda: [
    { time: '14:00—14:30', item: '整车企业发布配套需求' },
    { time: '14:30—16:30', item: '一对一洽谈' },
  ],
  startsAt: '2020-09-15T14:00',
  endsAt: '2020-09-15T16:30',
  venue: '青岛国际会议中心B厅',
  ...over,
});

describe('alliances', () => {
  it('are founded with a charter, public, managed by the founder and audited', async () => {
    const r = await firm.client.post('/api/alliances', {
      name: '汽车电子创新联盟',
      fieldCode: '36',
      charter: '联盟章程：共享测试资源，联合攻关。',
      members: [{ organisationId: partner.org.id, role: '副理事长单位' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json<AllianceView>();
    expect(a.fieldCode).toBe('C36');
    // The partner is invited, not enrolled.
    expect(a.members.map((m) => m.role)).toEqual(['发起单位']);
    expect(a.invitations.map((i) => [i.organisation.id, i.role, i.status])).toEqual([
      [partner.org.id, '副理事长单位', 'invited'],
    ]);
    expect((await env.app.inject({ method: 'GET', url: `/api/alliances/${a.id}` })).statusCode).toBe(200);
    expect(problem(await partner.client.patch(`/api/alliances/${a.id}`, { charter: '改' })).code).toBe('forbidden');
    expect(
      (await firm.client.post(`/api/alliances/${a.id}/members`, { organisationId: outsider.org.id, role: '成员单位' }))
        .statusCode,
    ).toBe(200);
    expect(
      problem(await firm.client.post(`/api/alliances/${a.id}/members`, { organisationId: outsider.org.id })).code,
    ).toBe('duplicate_member');
    expect(problem(await firm.client.delete(`/api/alliances/${a.id}/members/${firm.org.id}`)).code).toBe(
      'invalid_state',
    );
    const after = (await firm.client.delete(`/api/alliances/${a.id}/members/${outsider.org.id}`)).json<AllianceView>();
    expect(after.invitations.map((i) => i.organisation.id)).toEqual([partner.org.id]);
    expect(await auditActions('alliance', a.id)).toEqual(['create', 'invite_member', 'withdraw_invitation']);
    const list = (await env.app.inject({ method: 'GET', url: '/api/alliances?fieldCode=C36' })).json<{
      items: { id: string }[];
    }>();
    expect(list.items.map((i) => i.id)).toContain(a.id);
  });

  it('link to a theme day only when its plan enables deep docking', async () => {
    expect(
      problem(await firm.client.post('/api/alliances', { name: '联盟甲', charter: '章程', themeDayId: w.themeDay.id }))
        .code,
    ).toBe('content_area_not_enabled');
    expect(
      (await firm.client.post('/api/alliances', { name: '联盟乙', charter: '章程', themeDayId: wd.themeDay.id }))
        .statusCode,
    ).toBe(201);
    expect(
      problem(
        await env.app.inject({ method: 'POST', url: '/api/alliances', payload: { name: '联盟丙', charter: '章程' } }),
      ).status,
    ).toBe(401);
  });
});

describe('docking sessions', () => {
  it('are created with an agenda and a venue or an online link, within the theme day, and audited', async () => {
    const r = await firm.client.post('/api/docking-sessions', session({ themeDayId: wd.themeDay.id }));
    expect(r.statusCode, r.body).toBe(201);
    const s = r.json<{ id: string; startsAt: string; registration: unknown; agenda: unknown[] }>();
    expect(s.startsAt).toBe('2020-09-15T06:00:00.000Z');
    expect(s.registration).toBeNull();
    expect(s.agenda.length).toBe(2);
    expect(await auditActions('docking_session', s.id)).toEqual(['create']);
    expect(problem(await firm.client.post('/api/docking-sessions', session({ venue: null }))).code).toBe(
      'venue_or_link_required',
    );
    expect(
      (
        await firm.client.post(
          '/api/docking-sessions',
          session({ kind: 'seminar', venue: null, onlineLink: 'https://meeting.example.cn/123' }),
        )
      ).statusCode,
    ).toBe(201);
    expect(problem(await firm.client.post('/api/docking-sessions', session({ endsAt: '2020-09-15T13:00' }))).code).toBe(
      'invalid_time_range',
    );
    expect(
      problem(
        await firm.client.post(
          '/api/docking-sessions',
          session({ themeDayId: wd.themeDay.id, startsAt: '2020-09-17T09:00', endsAt: '2020-09-17T10:00' }),
        ),
      ).code,
    ).toBe('dates_outside_theme_day');
    expect(problem(await firm.client.post('/api/docking-sessions', session({ themeDayId: w.themeDay.id }))).code).toBe(
      'content_area_not_enabled',
    );
    expect(problem(await firm.client.post('/api/docking-sessions', session({ agenda: [] }))).status).toBe(400);
  });

  it('link to an event session of the same theme day for registration, edited only by the organiser', async () => {
    const s = (await firm.client.post('/api/docking-sessions', session({ themeDayId: wd.themeDay.id }))).json<{
      id: string;
    }>();
    const eventSessionId = await createSessionVia(wd, { kind: 'docking', title: '供需对接会报名' });
    const otherEvent = await createSessionVia(w, { kind: 'docking' });
    expect(problem(await partner.client.patch(`/api/docking-sessions/${s.id}`, { eventSessionId })).code).toBe(
      'forbidden',
    );
    expect(
      problem(await firm.client.patch(`/api/docking-sessions/${s.id}`, { eventSessionId: otherEvent })).status,
    ).toBe(422);
    const r = await firm.client.patch(`/api/docking-sessions/${s.id}`, { eventSessionId });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ registration: { eventSessionId: string } }>().registration.eventSessionId).toBe(eventSessionId);
    const list = (
      await env.app.inject({
        method: 'GET',
        url: `/api/docking-sessions?themeDayId=${wd.themeDay.id}&kind=supply_demand&from=2020-09-15`,
      })
    ).json<{ items: { id: string }[]; total: number }>();
    expect(list.items.map((i) => i.id)).toContain(s.id);
    expect(await auditActions('docking_session', s.id)).toEqual(['create', 'update']);
  });
});
