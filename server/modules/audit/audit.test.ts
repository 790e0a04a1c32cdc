import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../../common/contracts/audit.ts';
import { audit } from '../../lib/audit.ts';
import { systemContext } from '../../lib/context.ts';
import { createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { eventWorld, person, type EventWorld, type Person } from '../events/testkit.ts';

let env: TestEnv;
let w: EventWorld;
let large: Person;
let owner: Person;
let admin: Person;
/** A system administrator who belongs to the demand publisher's own organisation. */
let insider: Person;
beforeAll(async () => {
  env = await createTestEnv();
  w = await eventWorld(env);
  large = await person(env, 'member', undefined, { sizeClass: 'large' });
  owner = await person(env, 'programme_owner');
  admin = await person(env, 'system_admin');
  insider = await person(env, 'system_admin', large.org);
});
afterAll(async () => {
  await env?.close();
});

const demand = (title: string) => ({
  kind: 'demand',
  title,
  fieldCode: 'C39',
  description: `${title}：尚未公开的技术路线与预算细节`,
  budgetMinWan: 200,
  budgetMaxWan: 500,
  cooperationMode: 'joint_rd',
  deadline: '2020-06-30',
});

async function entries(p: Person, entityType: string, entityId: string): Promise<AuditEventView[]> {
  const r = await p.client.get(`/api/audit-events?entityType=${entityType}&entityId=${entityId}&pageSize=200`);
  expect(r.statusCode, r.body).toBe(200);
  return r
    .json<{ items: AuditEventView[] }>()
    .items.sort((a, b) => a.at.localeCompare(b.at) || a.action.localeCompare(b.action));
}

describe(`audit log without other organisations' drafts (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it("withholds a draft demand's content from the programme owner and the system administrator, not who/what/when", async () => {
    const r = await large.client.post('/api/demands', demand('电池热管理芯片'));
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json<{ id: string }>().id;
    env.clock.advance(1000);
    expect((await large.client.patch(`/api/demands/${id}`, { title: '电池热管理芯片（二稿）' })).statusCode).toBe(200);
    for (const reader of [owner, admin]) {
      const list = await entries(reader, 'demand', id);
      expect(list.map((e) => [e.action, e.contentWithheld])).toEqual([
        ['create', true],
        ['update', true],
      ]);
      expect(list[0]).toMatchObject({ actorUserId: large.user.id, organisationId: large.org.id, entityId: id });
      expect(JSON.stringify(list)).not.toMatch(/电池热管理芯片|技术路线/);
      // What changed stays visible: the field names, and the status (a workflow fact, not content).
      expect(list[0]!.after).toMatchObject({ title: null, description: null, status: 'draft' });
      expect(list[1]!.after).toMatchObject({ title: null });
    }
    // A reader of the publisher's own organisation sees the draft content.
    const own = await entries(insider, 'demand', id);
    expect(own.map((e) => e.contentWithheld)).toEqual([false, false]);
    expect(own[1]!.after).toMatchObject({ title: '电池热管理芯片（二稿）' });
  });

  it('shows the content of what was published, but not of the draft stage before it', async () => {
    const id = (await large.client.post('/api/demands', demand('氢能储运'))).json<{ id: string }>().id;
    env.clock.advance(1000);
    expect((await large.client.post(`/api/demands/${id}/publish`)).statusCode).toBe(200);
    env.clock.advance(1000);
    expect((await large.client.patch(`/api/demands/${id}`, { title: '氢能储运（公开后修订）' })).statusCode).toBe(200);
    const list = await entries(owner, 'demand', id);
    expect(list.map((e) => [e.action, e.contentWithheld])).toEqual([
      ['create', true],
      ['publish', true],
      ['update', false],
    ]);
    expect(list[1]).toMatchObject({ before: { status: 'draft' }, after: { status: 'published' } });
    expect(list[2]!.after).toMatchObject({ title: '氢能储运（公开后修订）' });
  });

  it("withholds an activity plan's draft edits from outside the host's organisation, keeping decisions visible", async () => {
    const ctx = systemContext(env.database, { clock: env.clock });
    await audit(env.database.db, ctx, {
      entityType: 'activity_plan',
      entityId: w.activityPlanId,
      action: 'update',
      before: { title: '旧标题' },
      after: { title: '未报送的活动方案标题' },
      organisationId: w.host.org.id,
    });
    env.clock.advance(1000);
    await audit(env.database.db, ctx, {
      entityType: 'activity_plan',
      entityId: w.activityPlanId,
      action: 'approve',
      before: { status: 'submitted' },
      after: { status: 'approved' },
      organisationId: owner.org.id,
    });
    const list = await entries(owner, 'activity_plan', w.activityPlanId);
    const update = list.find((e) => e.action === 'update')!;
    expect(update).toMatchObject({ contentWithheld: true, before: { title: null }, after: { title: null } });
    expect(list.find((e) => e.action === 'approve')).toMatchObject({
      contentWithheld: false,
      after: { status: 'approved' },
    });
  });

  it('refuses the audit log to everyone but the programme owner and the system administrator', async () => {
    expect(problem(await large.client.get('/api/audit-events')).status).toBe(403);
    expect(problem(await w.host.client.get('/api/audit-events')).status).toBe(403);
    expect(problem(await env.app.inject({ method: 'GET', url: '/api/audit-events' })).status).toBe(401);
  });
});
