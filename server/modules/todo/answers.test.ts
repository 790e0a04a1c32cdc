/**
 * Issue 12 §2: the to-do list shows what awaits my answer — responses to my demands, requests for my
 * resources, meeting requests sent to me, contact requests at my booths, consortium agreements my
 * organisation has to sign — each linking to where it is answered, and gone once answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type Client, type TestEnv } from '../../test/harness.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { clientFor, person, type Person } from '../events/testkit.ts';
import { createSessionVia, joined, meetingWorld, requestVia } from '../meetings/testkit.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2020-05-20T02:00:00Z' });
});
afterAll(async () => {
  await env?.close();
});

const db = () => env.database.db;
interface Item {
  id: string;
  kind: string;
  title: string;
  detail: string;
  dueAt: string | null;
  link: string;
  awaitsAnswer?: boolean;
}
async function answers(c: Client): Promise<Item[]> {
  const r = await c.get('/api/todo');
  expect(r.statusCode).toBe(200);
  return r.json<{ items: Item[] }>().items.filter((i) => i.awaitsAnswer);
}

describe(`awaiting my answer (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let owner: Person;
  let smeA: Person;
  let smeB: Person;
  let colleague: Person;
  let demandId: string;
  let responseA: string;
  beforeAll(async () => {
    owner = await person(env, 'member', undefined, { sizeClass: 'large' });
    colleague = await person(env, 'member', owner.org);
    smeA = await person(env, 'member', undefined, { sizeClass: 'small' });
    smeB = await person(env, 'member', undefined, { sizeClass: 'small' });
    const c = await owner.client.post('/api/demands', {
      kind: 'demand',
      title: '电池热管理芯片联合攻关',
      fieldCode: 'C39',
      description: '面向动力电池热失控预警的专用传感芯片。',
      cooperationMode: 'joint_rd',
      deadline: '2020-06-30',
    });
    expect(c.statusCode, c.body).toBe(201);
    demandId = c.json<{ id: string }>().id;
    expect((await owner.client.post(`/api/demands/${demandId}/publish`)).statusCode).toBe(200);
    const respond = async (p: Person) => {
      const r = await p.client.post(`/api/demands/${demandId}/responses`, { proposal: '我司有成熟的温度传感方案。' });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: string }>().id;
    };
    responseA = await respond(smeA);
    await respond(smeB);
  });

  it('shows the demand owner’s organisation the responses to decide, linking to the demand', async () => {
    const mine = (await answers(owner.client)).filter((i) => i.kind === 'demand_responses');
    expect(mine).toEqual([
      {
        id: `demand_responses:${demandId}`,
        kind: 'demand_responses',
        title: '处理需求「电池热管理芯片联合攻关」收到的响应',
        detail: '2份响应待确定是否采纳',
        dueAt: null,
        link: `/workspace/demands/${demandId}`,
        awaitsAnswer: true,
        severity: 'info',
      },
    ]);
    // Anyone acting for the owner's organisation sees it; the responders do not.
    expect((await answers(colleague.client)).map((i) => i.kind)).toContain('demand_responses');
    expect((await answers(smeA.client)).some((i) => i.kind === 'demand_responses')).toBe(false);
  });

  it('asks the consortium members to sign until they have, and counts a decided response out', async () => {
    for (const id of [responseA])
      expect((await owner.client.post(`/api/demand-responses/${id}/accept`, {})).statusCode).toBe(200);
    expect((await answers(owner.client)).find((i) => i.kind === 'demand_responses')?.detail).toBe(
      '1份响应待确定是否采纳',
    );
    const c = await owner.client.post(`/api/demands/${demandId}/consortia`, {
      name: '热管理芯片创新联合体',
      ipTerms: '新产生的知识产权共有',
      members: [
        { organisationId: owner.org.id, role: '牵头单位', costShareBp: 6000, benefitShareBp: 6000 },
        { organisationId: smeA.org.id, role: '芯片设计', costShareBp: 4000, benefitShareBp: 4000 },
      ],
    });
    expect(c.statusCode, c.body).toBe(201);
    const consortiumId = c.json<{ id: string }>().id;
    const item = (await answers(smeA.client)).find((i) => i.kind === 'consortium_signature');
    expect(item).toMatchObject({
      id: `consortium_signature:${consortiumId}`,
      title: '签署创新联合体协议「热管理芯片创新联合体」',
      link: '/workspace/demands?tab=consortia',
    });
    expect((await answers(smeB.client)).some((i) => i.kind === 'consortium_signature')).toBe(false);
    const signed = await smeA.client.post(`/api/consortia/${consortiumId}/sign`, {});
    expect(signed.statusCode, signed.body).toBe(200);
    expect((await answers(smeA.client)).some((i) => i.kind === 'consortium_signature')).toBe(false);
    // The lead organisation has not signed yet.
    expect((await answers(owner.client)).some((i) => i.kind === 'consortium_signature')).toBe(true);
  });

  it('shows the resource owner pending use requests, linking to the received requests', async () => {
    const resourceId = newId();
    const at = nowIso(env.clock.now());
    await db()
      .insertInto('resources')
      .values({
        id: resourceId,
        organisation_id: owner.org.id,
        theme_day_id: null,
        type: 'lab',
        title: '电池安全实验室',
        description: '热失控测试平台',
        region_code: null,
        location: null,
        conditions: null,
        price_model: 'free',
        price_note: null,
        quota: null,
        quota_period: 'total',
        graduate_teams: 0,
        status: 'published',
        published_at: at,
        created_by: owner.user.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const request = (p: Person, status: 'pending' | 'approved', start: string) =>
      db()
        .insertInto('resource_requests')
        .values({
          id: newId(),
          resource_id: resourceId,
          organisation_id: p.org.id,
          user_id: p.user.id,
          purpose: '样品测试',
          start_date: start,
          end_date: '2020-07-30',
          period_key: newId(),
          status,
          decision_reason: null,
          decided_by: null,
          decided_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    await request(smeA, 'pending', '2020-07-01');
    await request(smeB, 'pending', '2020-06-20');
    await request(smeB, 'approved', '2020-06-01');
    expect((await answers(owner.client)).find((i) => i.kind === 'resource_requests')).toMatchObject({
      title: '审批资源「电池安全实验室」的使用申请',
      detail: '2份申请待审批，最早使用日期2020-06-20',
      link: '/workspace/resources?tab=received',
    });
    expect((await answers(smeA.client)).some((i) => i.kind === 'resource_requests')).toBe(false);
  });

  it('shows a booth’s organisation the contact requests to answer', async () => {
    const w = await meetingWorld(env);
    const boothId = newId();
    const at = nowIso(env.clock.now());
    await db()
      .insertInto('exhibition_booths')
      .values({
        id: boothId,
        theme_day_id: w.themeDayId,
        organisation_id: owner.org.id,
        title: '热管理芯片展位',
        intro: '展示样片',
        contact_name: '张工',
        contact_phone: null,
        contact_email: null,
        items: '[]',
        status: 'approved',
        review_note: null,
        reviewed_by: null,
        reviewed_at: null,
        created_by: owner.user.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (const [p, status] of [
      [smeA, 'pending'],
      [smeB, 'declined'],
    ] as const)
      await db()
        .insertInto('exhibition_contact_requests')
        .values({
          id: newId(),
          booth_id: boothId,
          requester_user_id: p.user.id,
          requester_organisation_id: p.org.id,
          message: '希望了解样片',
          status,
          decided_by: null,
          decided_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    expect((await answers(owner.client)).find((i) => i.kind === 'contact_requests')).toMatchObject({
      title: '答复展位「热管理芯片展位」收到的联系请求',
      detail: '1份联系请求待答复',
      link: '/workspace/roadshows/hall/requests',
    });
  });

  it('shows me the meeting requests sent to me until they are answered or expire, due when they expire', async () => {
    const w = await meetingWorld(env);
    const s = await createSessionVia(w.host.client, w.themeDayId, { title: '答复洽谈会', requestTtlHours: 48 });
    const [from, to, third] = await joined(env, s.id, 3);
    const req = await requestVia(from!, s.id, to!);
    const declined = await requestVia(third!, s.id, to!);
    expect((await to!.client.post(`/api/meeting-requests/${declined.id}/decline`, {})).statusCode).toBe(200);
    const items = (await answers(to!.client)).filter((i) => i.kind === 'meeting_request');
    expect(items).toEqual([
      {
        id: `meeting_request:${req.id}`,
        kind: 'meeting_request',
        title: `答复${from!.org.name}的一对一洽谈邀约`,
        detail: '「答复洽谈会」；逾期未答复将自动过期',
        dueAt: new Date(env.clock.now().getTime() + 48 * 3_600_000).toISOString(),
        link: `/workspace/meetings/${s.id}`,
        awaitsAnswer: true,
        severity: 'danger',
      },
    ]);
    expect((await answers(from!.client)).some((i) => i.kind === 'meeting_request')).toBe(false);
    env.clock.set(new Date(env.clock.now().getTime() + 49 * 3_600_000).toISOString());
    // The clock moved past the sign-in's idle limit: a fresh session.
    const fresh = (await answers(await clientFor(env, to!.user.id))).filter((i) => i.kind === 'meeting_request');
    expect(fresh).toEqual([]);
  });
});
