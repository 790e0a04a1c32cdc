import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, createTestEnv, problem, Client, type TestEnv } from '../../test/harness.ts';
import { eventWorld, person, type EventWorld, type Person } from '../events/testkit.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import type { ResourceStatus } from '../../../common/contracts/resources.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});
const db = () => env.database.db;

async function resourceOf(orgId: string, userId: string, status: ResourceStatus = 'published'): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db()
    .insertInto('resources')
    .values({
      id,
      organisation_id: orgId,
      theme_day_id: null,
      type: 'lab',
      title: `开放实验室${id.slice(-4)}`,
      description: '5G 射频测试实验室',
      region_code: null,
      location: null,
      conditions: null,
      price_model: 'free',
      price_note: null,
      quota: null,
      quota_period: 'total',
      graduate_teams: 0,
      status,
      published_at: now,
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

const BODY = {
  title: '智芯 5G 模组展台',
  intro: '工业级 5G 模组与边缘网关，支持 URLLC。',
  contactName: '李经理',
  contactPhone: '13900000000',
  contactEmail: 'li@example.cn',
};

interface Hall {
  w: EventWorld;
  exhibitor: Person;
  visitor: Person;
  boothId: string;
}

/** A theme day with one booth filed by a member organisation, approved by the host. */
async function hall(approve = true): Promise<Hall> {
  const w = await eventWorld(env);
  const exhibitor = await person(env, 'member');
  const visitor = await person(env, 'member');
  const res = await exhibitor.client.post(`/api/theme-days/${w.themeDay.id}/booths`, BODY);
  expect(res.statusCode).toBe(201);
  const boothId = res.json().id as string;
  if (approve)
    expect(
      (await w.host.client.post(`/api/exhibition/booths/${boothId}/review`, { decision: 'approve' })).statusCode,
    ).toBe(200);
  return { w, exhibitor, visitor, boothId };
}

describe('booths', () => {
  it('files a booth as pending, invisible to the public until the host staff approve it, and audits both steps', async () => {
    const h = await hall(false);
    const anon = new Client(env.app);
    expect(problem(await anon.get(`/api/public/booths/${h.boothId}`))).toMatchObject({ status: 404 });
    expect(problem(await h.visitor.client.get(`/api/public/booths/${h.boothId}`))).toMatchObject({ status: 404 });
    expect((await anon.get(`/api/public/theme-days/${h.w.themeDay.id}/booths`)).json().total).toBe(0);
    const own = (await h.exhibitor.client.get(`/api/public/booths/${h.boothId}`)).json();
    expect(own).toMatchObject({
      status: 'pending',
      contact: { name: '李经理' },
      abilities: { edit: true, review: false },
    });
    const staffView = (await h.w.support.client.get(`/api/public/booths/${h.boothId}`)).json();
    expect(staffView.abilities).toMatchObject({ review: true, edit: false });
    const review = (await h.w.host.client.get('/api/exhibition/booths?scope=review')).json();
    expect(review.items.map((b: { id: string }) => b.id)).toContain(h.boothId);
    const n = await db().selectFrom('notifications').select('kind').where('user_id', '=', h.w.host.user.id).execute();
    expect(n.map((x) => x.kind)).toContain('exhibition_booth_submitted');

    expect(
      (await h.w.support.client.post(`/api/exhibition/booths/${h.boothId}/review`, { decision: 'approve' })).json()
        .status,
    ).toBe('approved');
    const list = (await anon.get(`/api/public/theme-days/${h.w.themeDay.id}/booths`)).json();
    expect(list).toMatchObject({ total: 1, page: 1 });
    expect(list.items[0]).toMatchObject({ title: BODY.title, contact: null, abilities: { requestContact: false } });
    expect(await auditActions(env, 'exhibition_booth', h.boothId)).toEqual(['approve', 'create']);
    const en = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', h.exhibitor.user.id)
      .execute();
    expect(en.map((x) => x.kind)).toEqual(['exhibition_booth_approved']);
  });

  it('searches approved booths by title, introduction and organisation', async () => {
    const h = await hall();
    const anon = new Client(env.app);
    const url = `/api/public/theme-days/${h.w.themeDay.id}/booths`;
    expect((await anon.get(`${url}?q=${encodeURIComponent('URLLC')}`)).json().total).toBe(1);
    expect((await anon.get(`${url}?q=${encodeURIComponent('模组')}`)).json().total).toBe(1);
    expect((await anon.get(`${url}?q=${encodeURIComponent('新能源')}`)).json().total).toBe(0);
  });

  it('refuses a second booth for the same organisation and theme day, and non-exhibitor roles', async () => {
    const h = await hall();
    expect(problem(await h.exhibitor.client.post(`/api/theme-days/${h.w.themeDay.id}/booths`, BODY))).toMatchObject({
      status: 409,
      code: 'booth_exists',
    });
    const evaluator = await person(env, 'evaluator');
    expect(problem(await evaluator.client.post(`/api/theme-days/${h.w.themeDay.id}/booths`, BODY))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(problem(await new Client(env.app).post(`/api/theme-days/${h.w.themeDay.id}/booths`, BODY))).toMatchObject({
      status: 401,
    });
    expect(problem(await h.visitor.client.post('/api/theme-days/nope/booths', BODY))).toMatchObject({ status: 404 });
    expect(
      problem(await h.visitor.client.post(`/api/theme-days/${h.w.themeDay.id}/booths`, { ...BODY, title: '' })),
    ).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('two colleagues filing at once leave exactly one booth', async () => {
    const w = await eventWorld(env);
    const a = await person(env, 'member');
    const b = await person(env, 'member', a.org);
    const rs = await Promise.all(
      [a, b, a, b].map((p) => p.client.post(`/api/theme-days/${w.themeDay.id}/booths`, BODY)),
    );
    expect(rs.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(rs.filter((r) => r.statusCode === 409).every((r) => problem(r).code === 'booth_exists')).toBe(true);
  });

  it('links only the exhibitor’s own records and shows non-public ones to the exhibitor alone', async () => {
    const h = await hall();
    const pub = await resourceOf(h.exhibitor.org.id, h.exhibitor.user.id);
    const draft = await resourceOf(h.exhibitor.org.id, h.exhibitor.user.id, 'draft');
    const others = await resourceOf(h.visitor.org.id, h.visitor.user.id);
    const bad = problem(
      await h.exhibitor.client.patch(`/api/exhibition/booths/${h.boothId}`, {
        items: [
          { type: 'resource', id: pub },
          { type: 'resource', id: others },
          { type: 'result', id: 'missing' },
        ],
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'booth_item_invalid' });
    expect(bad.errors?.map((e) => e.field)).toEqual(['items.1', 'items.2']);
    const ok = await h.exhibitor.client.patch(`/api/exhibition/booths/${h.boothId}`, {
      items: [
        { type: 'resource', id: pub },
        { type: 'resource', id: draft },
      ],
    });
    expect(ok.statusCode).toBe(200);
    // An edit goes back to review.
    expect(ok.json()).toMatchObject({
      status: 'pending',
      items: [
        { id: pub, public: true },
        { id: draft, public: false },
      ],
    });
    expect(problem(await h.visitor.client.get(`/api/public/booths/${h.boothId}`))).toMatchObject({ status: 404 });
    await h.w.host.client.post(`/api/exhibition/booths/${h.boothId}/review`, { decision: 'approve' });
    const seen = (await h.visitor.client.get(`/api/public/booths/${h.boothId}`)).json();
    expect(seen.items.map((i: { id: string }) => i.id)).toEqual([pub]);
    expect(await auditActions(env, 'exhibition_booth', h.boothId)).toEqual(['approve', 'approve', 'create', 'update']);
  });

  it('lets only the exhibitor edit and only the host staff review, once, with 404 for outsiders on a pending booth', async () => {
    const h = await hall(false);
    const url = `/api/exhibition/booths/${h.boothId}`;
    expect(problem(await h.visitor.client.patch(url, { title: '改' }))).toMatchObject({ status: 404 });
    expect(problem(await h.visitor.client.post(`${url}/review`, { decision: 'approve' }))).toMatchObject({
      status: 404,
    });
    expect(problem(await h.w.host.client.patch(url, { title: '改' }))).toMatchObject({ status: 403 });
    expect(problem(await h.exhibitor.client.post(`${url}/review`, { decision: 'approve' }))).toMatchObject({
      status: 403,
    });
    const otherHost = await eventWorld(env);
    expect(problem(await otherHost.host.client.post(`${url}/review`, { decision: 'approve' }))).toMatchObject({
      status: 404,
    });
    expect(
      (await h.w.host.client.post(`${url}/review`, { decision: 'reject', note: '简介过于简单' })).json(),
    ).toMatchObject({ status: 'rejected', reviewNote: '简介过于简单' });
    expect(problem(await h.w.host.client.post(`${url}/review`, { decision: 'approve' }))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    // Approved booths are visible, but still not editable by others.
    const h2 = await hall();
    expect(
      problem(await h2.visitor.client.patch(`/api/exhibition/booths/${h2.boothId}`, { title: '改' })),
    ).toMatchObject({ status: 403 });
    expect(
      (await h2.exhibitor.client.get('/api/exhibition/booths?scope=mine'))
        .json()
        .items.map((b: { id: string }) => b.id),
    ).toEqual([h2.boothId]);
  });
});

describe('contact requests', () => {
  it('sends a request, notifies the exhibitor, reveals the contact person once accepted, and audits each step', async () => {
    const h = await hall();
    const r = await h.visitor.client.post(`/api/exhibition/booths/${h.boothId}/contact-requests`, {
      message: '希望采购 200 套 5G 模组用于产线改造。',
    });
    expect(r.statusCode).toBe(201);
    const reqId = r.json().id as string;
    expect(r.json()).toMatchObject({ status: 'pending', abilities: { decide: false } });
    const n = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', h.exhibitor.user.id)
      .execute();
    expect(n.map((x) => x.kind)).toContain('exhibition_contact_requested');
    const before = (await h.visitor.client.get(`/api/public/booths/${h.boothId}`)).json();
    expect(before).toMatchObject({
      contact: null,
      myRequest: { status: 'pending' },
      abilities: { requestContact: false },
    });
    const incoming = (await h.exhibitor.client.get('/api/exhibition/contact-requests?direction=incoming')).json();
    expect(incoming.items).toHaveLength(1);
    expect(incoming.items[0]).toMatchObject({
      id: reqId,
      abilities: { decide: true },
      requester: { id: h.visitor.user.id },
    });
    expect((await h.visitor.client.get('/api/exhibition/contact-requests?direction=outgoing')).json().total).toBe(1);

    expect(
      (await h.exhibitor.client.post(`/api/exhibition/contact-requests/${reqId}/decide`, { decision: 'accept' })).json()
        .status,
    ).toBe('accepted');
    const after = (await h.visitor.client.get(`/api/public/booths/${h.boothId}`)).json();
    expect(after.contact).toEqual({ name: '李经理', phone: '13900000000', email: 'li@example.cn' });
    const vn = await db().selectFrom('notifications').select('kind').where('user_id', '=', h.visitor.user.id).execute();
    // project_candidate: an accepted contact request proposes a cooperation project to both sides (issue 10).
    expect(vn.map((x) => x.kind).sort()).toEqual(['exhibition_contact_accepted', 'project_candidate']);
    expect(await auditActions(env, 'exhibition_contact_request', reqId)).toEqual(['accept', 'create']);
    expect(
      problem(
        await h.exhibitor.client.post(`/api/exhibition/contact-requests/${reqId}/decide`, { decision: 'decline' }),
      ),
    ).toMatchObject({ status: 409, code: 'contact_request_decided' });
  });

  it('keeps the contact person hidden after a decline', async () => {
    const h = await hall();
    const reqId = (
      await h.visitor.client.post(`/api/exhibition/booths/${h.boothId}/contact-requests`, { message: '合作咨询' })
    ).json().id;
    expect(
      (
        await h.exhibitor.client.post(`/api/exhibition/contact-requests/${reqId}/decide`, { decision: 'decline' })
      ).json().status,
    ).toBe('declined');
    expect((await h.visitor.client.get(`/api/public/booths/${h.boothId}`)).json()).toMatchObject({
      contact: null,
      myRequest: { status: 'declined' },
    });
  });

  it('refuses anonymous visitors, one’s own booth, a second request, an empty message and pending booths', async () => {
    const h = await hall();
    const url = `/api/exhibition/booths/${h.boothId}/contact-requests`;
    expect(problem(await new Client(env.app).post(url, { message: '你好' }))).toMatchObject({ status: 401 });
    expect(problem(await h.exhibitor.client.post(url, { message: '你好' }))).toMatchObject({
      status: 409,
      code: 'contact_own_booth',
    });
    expect(problem(await h.visitor.client.post(url, { message: '' }))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    const parallel = await Promise.all([1, 2, 3].map(() => h.visitor.client.post(url, { message: '你好' })));
    expect(parallel.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(parallel.filter((r) => r.statusCode !== 201).map((r) => problem(r).code)).toEqual([
      'contact_request_exists',
      'contact_request_exists',
    ]);
    const pending = await hall(false);
    expect(
      problem(
        await h.visitor.client.post(`/api/exhibition/booths/${pending.boothId}/contact-requests`, { message: '你好' }),
      ),
    ).toMatchObject({ status: 404 });
  });

  it('lets only the exhibitor decide; strangers get 404 and the requester 403', async () => {
    const h = await hall();
    const reqId = (
      await h.visitor.client.post(`/api/exhibition/booths/${h.boothId}/contact-requests`, { message: '你好' })
    ).json().id;
    const url = `/api/exhibition/contact-requests/${reqId}/decide`;
    const stranger = await person(env, 'member');
    expect(problem(await stranger.client.post(url, { decision: 'accept' }))).toMatchObject({ status: 404 });
    expect(problem(await h.w.host.client.post(url, { decision: 'accept' }))).toMatchObject({ status: 404 });
    expect(problem(await h.visitor.client.post(url, { decision: 'accept' }))).toMatchObject({ status: 403 });
    expect((await stranger.client.get('/api/exhibition/contact-requests?direction=incoming')).json().total).toBe(0);
  });
});
