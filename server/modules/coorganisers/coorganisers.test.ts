/**
 * The coordinating roles (issue 12 §3): a partner base and an alliance manage exactly the parts the host gave
 * them (404 for the others), NDRC keeps the alliances, a support organisation acts within its delegation's
 * scope and before its expiry (clear refusals when out of scope, expired or revoked), every write it makes is
 * audited with the host it acted for, and parallel grants yield one delegation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createOrganisation, createUser } from '../../test/factories.ts';
import { createBaseWithAdmin } from '../themedays/test-helpers.ts';
import { clientFor, eventWorld, person, sessionBody, type EventWorld, type Person } from '../events/testkit.ts';

let env: TestEnv;
let w: EventWorld;
let owner: Person;
let partner: Person & { baseId: string };
let stranger: Person; // a base administrator of a base that is no partner
beforeAll(async () => {
  env = await createTestEnv();
  w = await eventWorld(env);
  owner = await person(env, 'programme_owner');
  const db = env.database.db;
  const p = await createBaseWithAdmin(db, { shortName: `协办${Math.random().toString(36).slice(2, 6)}` });
  partner = { user: p.admin, org: p.org, baseId: p.base.id, client: await clientFor(env, p.admin.id) };
  const s = await createBaseWithAdmin(db, { shortName: `无关${Math.random().toString(36).slice(2, 6)}` });
  stranger = { user: s.admin, org: s.org, client: await clientFor(env, s.admin.id) };
  await db
    .updateTable('theme_days')
    .set({ partner_base_ids: JSON.stringify([partner.baseId]) })
    .where('id', '=', w.themeDay.id)
    .execute();
  // The plan also has the deep-docking content area, so docking sessions may hang on the theme day.
  const plan = await db
    .selectFrom('activity_plans')
    .select('content')
    .where('id', '=', w.activityPlanId)
    .executeTakeFirstOrThrow();
  const content = JSON.parse(plan.content) as { parts: { key: string; description: string }[] };
  content.parts.push({ key: 'deep_docking', description: '产业链上下游深度对接' });
  await db
    .updateTable('activity_plans')
    .set({ content: JSON.stringify(content) })
    .where('id', '=', w.activityPlanId)
    .execute();
});
afterAll(async () => {
  await env?.close();
});

const tdUrl = () => `/api/theme-days/${w.themeDay.id}`;
const newSession = (c: Person['client'], over: Record<string, unknown> = {}) =>
  c.post(`${tdUrl()}/sessions`, sessionBody(over));

async function actingForOf(entityType: string, entityId: string) {
  return env.database.db
    .selectFrom('audit_events')
    .select(['action', 'organisation_id', 'acting_for_organisation_id'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .execute();
}

describe('partner bases co-organise the parts they are given', () => {
  it('shows a partner base the theme day and its (empty) assignment; a base with no role gets 404', async () => {
    const mine = await partner.client.get(`${tdUrl()}/coorganisation`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      coorganisers: [{ kind: 'base', party: { id: partner.baseId }, namedInPlan: true, parts: [] }],
      myParts: [],
      abilities: { manage: false },
      delegations: [],
    });
    expect(problem(await stranger.client.get(`${tdUrl()}/coorganisation`)).status).toBe(404);
    // It reads the approved activity plan that names it (no 404 from its own invitation); others still cannot.
    expect((await partner.client.get(`${tdUrl()}/activity-plan`)).statusCode).toBe(200);
    expect(problem(await stranger.client.get(`${tdUrl()}/activity-plan`)).status).toBe(404);
    // Without a part, the sessions of the theme day do not exist for the partner as its staff.
    expect(problem(await newSession(partner.client)).status).toBe(404);
    expect(problem(await newSession(stranger.client))).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('lets only the host or NDRC assign parts, and only to partner bases of the approved plan', async () => {
    const body = { kind: 'base', partyId: partner.baseId, parts: ['sessions'] };
    expect(problem(await partner.client.put(`${tdUrl()}/coorganisers`, body))).toMatchObject({ status: 403 });
    expect(problem(await stranger.client.put(`${tdUrl()}/coorganisers`, body)).status).toBe(404);
    const notPartner = {
      kind: 'base',
      partyId: (await createBaseWithAdmin(env.database.db)).base.id,
      parts: ['sessions'],
    };
    expect(problem(await w.host.client.put(`${tdUrl()}/coorganisers`, notPartner))).toMatchObject({
      status: 422,
      code: 'not_a_partner_base',
    });
    const r = await w.host.client.put(`${tdUrl()}/coorganisers`, body);
    expect(r.statusCode).toBe(200);
    expect(r.json().coorganisers).toEqual([expect.objectContaining({ parts: ['sessions'] })]);
  });

  it('lets the partner manage sessions (audited as acting for the host) and 404s the roadshow part it was not given', async () => {
    const r = await newSession(partner.client);
    expect(r.statusCode).toBe(201);
    const id = r.json().id as string;
    expect(r.json().abilities).toMatchObject({ edit: true, createRoadshow: false });
    const rows = await actingForOf('event_session', id);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ organisation_id: partner.org.id, acting_for_organisation_id: w.host.org.id });
    expect((await partner.client.patch(`/api/event-sessions/${id}`, { title: '协办基地的对接会' })).statusCode).toBe(
      200,
    );
    expect(problem(await partner.client.post(`/api/event-sessions/${id}/roadshow`, {})).status).toBe(404);
    // The host's own writes name no one acted for.
    const own = await newSession(w.host.client, { title: '承办基地自己的场次' });
    expect((await actingForOf('event_session', own.json().id))[0]?.acting_for_organisation_id).toBeNull();
    // The docking part: edits the theme day's docking sessions another organisation organises (not before).
    const firm = await person(env, 'member', undefined, { sizeClass: 'large' });
    const dock = await firm.client.post('/api/docking-sessions', {
      kind: 'supply_demand',
      title: '汽车电子产业链供需对接会',
      agenda: [{ time: '14:00—16:30', item: '一对一洽谈' }],
      startsAt: '2020-09-15T14:00',
      endsAt: '2020-09-15T16:30',
      venue: '青岛国际会议中心B厅',
      themeDayId: w.themeDay.id,
    });
    expect(dock.statusCode, dock.body).toBe(201);
    const dockId = dock.json().id as string;
    expect(problem(await partner.client.patch(`/api/docking-sessions/${dockId}`, { title: '改名' })).status).toBe(404);
    await w.host.client.put(`${tdUrl()}/coorganisers`, {
      kind: 'base',
      partyId: partner.baseId,
      parts: ['sessions', 'docking'],
    });
    const edited = await partner.client.patch(`/api/docking-sessions/${dockId}`, { title: '协办基地调整后的对接会' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().abilities).toEqual({ edit: true });
    expect((await actingForOf('docking_session', dockId)).find((r) => r.action === 'update')).toMatchObject({
      acting_for_organisation_id: w.host.org.id,
    });
    expect(problem(await partner.client.patch(`/api/docking-sessions/${dockId}`, { themeDayId: null }))).toMatchObject({
      status: 403,
    });
    expect(problem(await stranger.client.patch(`/api/docking-sessions/${dockId}`, { title: '无关' })).status).toBe(403);
    // Taking the part back ends it.
    await w.host.client.put(`${tdUrl()}/coorganisers`, { kind: 'base', partyId: partner.baseId, parts: [] });
    expect(problem(await partner.client.patch(`/api/event-sessions/${id}`, { title: '再改' })).status).toBe(404);
  });
});

describe('双创示范基地联盟', () => {
  let staff: Person;
  let allianceId: string;

  it('is created and edited by NDRC only; staff see their own alliance', async () => {
    const db = env.database.db;
    const org = await createOrganisation(db, { kind: 'enterprise' });
    const u = await createUser(db, { memberships: [{ organisationId: org.id, role: 'member' }] });
    staff = { user: u, org, client: await clientFor(env, u.id) };
    const body = {
      name: `京津冀双创示范基地联盟${Math.random().toString(36).slice(2, 6)}`,
      regionCode: '110000',
      description: '区域示范基地协同',
      baseIds: [partner.baseId, w.host.baseId],
      staffEmails: [u.email],
    };
    expect(problem(await w.host.client.post('/api/base-alliances', body)).status).toBe(403);
    expect(
      problem(await owner.client.post('/api/base-alliances', { ...body, staffEmails: ['nobody@example.cn'] })),
    ).toMatchObject({ status: 422, code: 'user_not_found' });
    const r = await owner.client.post('/api/base-alliances', body);
    expect(r.statusCode).toBe(201);
    allianceId = r.json().id;
    expect(r.json().bases).toHaveLength(2);
    expect(problem(await owner.client.post('/api/base-alliances', body))).toMatchObject({
      status: 409,
      code: 'alliance_name_taken',
    });
    const mine = await staff.client.get('/api/base-alliances');
    expect(mine.json()).toMatchObject({ items: [{ id: allianceId }], abilities: { create: false } });
    expect((await stranger.client.get('/api/base-alliances')).json().items).toEqual([]);
    expect(problem(await stranger.client.get(`/api/base-alliances/${allianceId}`)).status).toBe(404);
    expect(problem(await staff.client.put(`/api/base-alliances/${allianceId}`, body)).status).toBe(403);
  });

  it('manages the roadshow part it is given as co-organiser, and nothing else', async () => {
    const rs = (await newSession(w.host.client, { title: '联盟路演场次' })).json().id as string;
    expect(problem(await staff.client.post(`/api/event-sessions/${rs}/roadshow`, {})).status).toBe(403);
    const r = await w.host.client.put(`${tdUrl()}/coorganisers`, {
      kind: 'alliance',
      partyId: allianceId,
      parts: ['roadshows'],
    });
    expect(r.statusCode).toBe(200);
    const created = await staff.client.post(`/api/event-sessions/${rs}/roadshow`, {});
    expect(created.statusCode).toBe(201);
    const rows = await actingForOf('roadshow', created.json().id);
    expect(rows[0]).toMatchObject({ acting_for_organisation_id: w.host.org.id });
    expect(problem(await newSession(staff.client)).status).toBe(404);
    const view = (await staff.client.get(`${tdUrl()}/coorganisation`)).json();
    expect(view.myParts).toEqual(['roadshows']);
    expect(view.coorganisers).toEqual([
      expect.objectContaining({ kind: 'alliance', party: expect.objectContaining({ id: allianceId }) }),
    ]);
  });
});

describe('support organisations act by a delegation with a scope and an expiry', () => {
  const grant = (c: Person['client'], body: unknown) => c.put(`${tdUrl()}/delegations/${w.support.org.id}`, body);

  it('keeps today’s rule for a support organisation the plan names (报名 and 项目征集) until it is delegated explicitly', async () => {
    expect((await newSession(w.support.client, { title: '支撑机构（方案列明）' })).statusCode).toBe(201);
    const view = (await w.host.client.get(`${tdUrl()}/coorganisation`)).json();
    expect(view.delegations).toEqual([
      expect.objectContaining({ organisation: expect.objectContaining({ id: w.support.org.id }), status: 'implicit' }),
    ]);
  });

  it('refuses grants by others, to non-support organisations and with a past expiry', async () => {
    const body = { scopes: ['project_call'], expiresOn: '2020-06-30' };
    expect(problem(await w.support.client.put(`${tdUrl()}/delegations/${w.support.org.id}`, body)).status).toBe(403);
    expect(problem(await w.host.client.put(`${tdUrl()}/delegations/${partner.org.id}`, body))).toMatchObject({
      status: 422,
      code: 'not_a_support_organisation',
    });
    expect(problem(await grant(w.host.client, { ...body, expiresOn: '2020-05-19' }))).toMatchObject({
      status: 422,
      code: 'expiry_in_past',
    });
    expect(problem(await grant(w.host.client, { ...body, scopes: ['judging'] })).status).toBe(400);
  });

  it('acts in scope, is refused out of scope, after expiry and once revoked', async () => {
    const g = await grant(w.host.client, { scopes: ['project_call'], expiresOn: '2020-06-30' });
    expect(g.statusCode).toBe(200);
    expect(g.json().delegations).toEqual([
      expect.objectContaining({ scopes: ['project_call'], expiresOn: '2020-06-30', status: 'active' }),
    ]);
    const stored = await env.database.db
      .selectFrom('support_delegations')
      .select('expires_at')
      .where('organisation_id', '=', w.support.org.id)
      .executeTakeFirstOrThrow();
    expect(stored.expires_at).toBe('2020-06-30T15:59:59.999Z');

    // Out of scope: 报名 (sessions) and 宣传 (news) are not theirs.
    expect(problem(await newSession(w.support.client))).toMatchObject({ status: 403, code: 'delegation_out_of_scope' });
    expect(
      problem(
        await w.support.client.post('/api/news', { themeDayId: w.themeDay.id, title: '越权稿件', body: '<p>x</p>' }),
      ),
    ).toMatchObject({ status: 403, code: 'delegation_out_of_scope' });
    // The delegate is told, with a link to the theme day's co-organisation page.
    const told = await env.database.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('user_id', '=', w.support.user.id)
      .where('kind', '=', 'delegation_granted')
      .execute();
    expect(told).toEqual([{ kind: 'delegation_granted', link: `/workspace/coorganisation/${w.themeDay.id}` }]);
    // In scope: 项目征集 (a roadshow), audited as acting for the host.
    const rs = (await newSession(w.host.client, { title: '受托路演' })).json().id as string;
    const created = await w.support.client.post(`/api/event-sessions/${rs}/roadshow`, {});
    expect(created.statusCode).toBe(201);
    const roadshowId = created.json().id as string;
    expect((await actingForOf('roadshow', roadshowId))[0]).toMatchObject({
      organisation_id: w.support.org.id,
      acting_for_organisation_id: w.host.org.id,
    });

    // Expired: the day after the last day (Beijing time), with a clear code.
    // (Fresh sign-ins at the moved clock: the suite's sessions would have timed out by then.)
    const saved = env.clock.t;
    env.clock.t = new Date('2020-06-30T15:59:59Z');
    const lastDay = await clientFor(env, w.support.user.id);
    expect((await lastDay.patch(`/api/roadshows/${roadshowId}`, { title: '最后一天' })).statusCode).toBe(200);
    env.clock.t = new Date('2020-06-30T16:00:01Z');
    const dayAfter = await clientFor(env, w.support.user.id);
    expect(problem(await dayAfter.patch(`/api/roadshows/${roadshowId}`, { title: '过期' }))).toMatchObject({
      status: 403,
      code: 'delegation_expired',
    });
    const hostLater = await clientFor(env, w.host.user.id);
    expect((await hostLater.get(`${tdUrl()}/coorganisation`)).json().delegations[0].status).toBe('expired');
    env.clock.t = saved;

    // Revoked: refused although the plan still names it.
    const rv = await w.host.client.delete(`${tdUrl()}/delegations/${w.support.org.id}`);
    expect(rv.statusCode).toBe(200);
    expect(rv.json().delegations[0]).toMatchObject({ status: 'revoked' });
    expect(problem(await w.support.client.patch(`/api/roadshows/${roadshowId}`, { title: '撤销后' }))).toMatchObject({
      status: 403,
      code: 'delegation_revoked',
    });
    expect(problem(await newSession(w.support.client))).toMatchObject({ status: 403, code: 'delegation_revoked' });
    // Its own assignment stays visible to it.
    expect((await w.support.client.get(`${tdUrl()}/coorganisation`)).statusCode).toBe(200);
  });

  it('creates one delegation when the same grant arrives twice at once', async () => {
    const body = { scopes: ['registration', 'publicity'], expiresOn: '2020-09-16' };
    const [a, b] = await Promise.all([grant(w.host.client, body), grant(owner.client, body)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const rows = await env.database.db
      .selectFrom('support_delegations')
      .selectAll()
      .where('theme_day_id', '=', w.themeDay.id)
      .where('organisation_id', '=', w.support.org.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ revoked_at: null, expires_on: '2020-09-16' });
    // Renewed with 报名 and 宣传: sessions and news are theirs again, news audited as written for the host.
    expect((await newSession(w.support.client, { title: '续期后' })).statusCode).toBe(201);
    const news = await w.support.client.post('/api/news', {
      themeDayId: w.themeDay.id,
      title: '受托撰写的新闻',
      body: '<p>主题日首日签约12项。</p>',
    });
    expect(news.statusCode).toBe(201);
    expect((await actingForOf('news', news.json().id))[0]).toMatchObject({
      organisation_id: w.support.org.id,
      acting_for_organisation_id: w.host.org.id,
    });
  });
});
