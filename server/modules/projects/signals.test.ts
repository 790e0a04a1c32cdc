/**
 * The content-area signals of issue 10: an accepted demand response, a fully signed consortium, an accepted
 * result application, a resource request marked used, a roadshow 意向签约 and an accepted booth contact
 * request each make ONE candidate cooperation project for the organisations involved, linked to the source,
 * in the transaction of the event; nobody is taken as confirmed, and it waits in each party's box.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION_TEXT } from '../../../common/contracts/results.ts';
import type { SourceType } from '../../../common/contracts/projects.ts';
import { createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import type { Executor } from '../../db/index.ts';
import { systemContext } from '../../lib/context.ts';
import { createSessionVia, eventWorld, members, person, type EventWorld, type Person } from '../events/testkit.ts';
import {
  proposeFromBoothContact,
  proposeFromConsortium,
  proposeFromDemandResponse,
  proposeFromResourceRequest,
  proposeFromResultApplication,
  proposeFromRoadshowIntent,
} from './signals.ts';

let env: TestEnv;
let w: EventWorld;
beforeAll(async () => {
  env = await createTestEnv();
  w = await eventWorld(env);
});
afterAll(async () => {
  await env?.close();
});

const db = () => env.database.db;
const member = (o: Record<string, unknown> = {}) => person(env, 'member', undefined, o);
/** Every candidate checked below, for the second-path test at the end. */
const seen: { sourceType: SourceType; sourceId: string; id: string }[] = [];

async function projectsOf(sourceType: SourceType, sourceId: string) {
  return db()
    .selectFrom('cooperation_projects')
    .select(['id', 'stage'])
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .execute();
}

/**
 * Exactly one candidate for the source, with these parties (in order: [organisation, role]), type, content
 * area and theme day; nobody has confirmed; it waits in every party's `awaiting_me` box.
 */
async function expectOneCandidate(
  sourceType: SourceType,
  sourceId: string,
  want: {
    type: string;
    area: string;
    themeDayId: string | null;
    parties: [Person, 'lead' | 'participant'][];
    title?: string;
  },
): Promise<string> {
  const rows = await projectsOf(sourceType, sourceId);
  expect(rows).toHaveLength(1);
  const id = rows[0]!.id;
  const lead = want.parties[0]![0];
  const v = (await lead.client.get(`/api/projects/${id}`)).json();
  expect(v).toMatchObject({
    stage: 'candidate',
    counted: false,
    type: want.type,
    contentAreas: [want.area],
    source: { type: sourceType, id: sourceId },
    ...(want.title ? { title: want.title } : {}),
  });
  expect(v.themeDay?.id ?? null).toBe(want.themeDayId);
  // Parties in any order (rows created in the same instant): lead first, then by organisation id.
  const order = (xs: string[][]) => xs.sort((x, y) => (x[1]! + x[0]!).localeCompare(y[1]! + y[0]!));
  expect(
    order(
      v.parties.map((p: { organisation: { id: string }; role: string; confirmation: string }) => [
        p.organisation.id,
        p.role,
        p.confirmation,
      ]),
    ),
  ).toEqual(order(want.parties.map(([p, role]) => [p.org.id, role, 'pending'])));
  seen.push({ sourceType, sourceId, id });
  for (const [p] of want.parties) {
    const box = (await p.client.get('/api/projects?box=awaiting_me&pageSize=100')).json();
    expect(box.items.map((x: { id: string }) => x.id)).toContain(id);
  }
  return id;
}

describe('demand signals', () => {
  let publisher: Person;
  let smeA: Person;
  let smeB: Person;
  beforeAll(async () => {
    publisher = await member({ sizeClass: 'large' });
    smeA = await member({ sizeClass: 'small' });
    smeB = await member({ sizeClass: 'medium' });
  });
  async function published(over: Record<string, unknown> = {}) {
    const r = await publisher.client.post('/api/demands', {
      kind: 'demand',
      title: '电池热管理芯片联合攻关',
      fieldCode: 'C39',
      description: '面向动力电池热失控预警的专用传感芯片。',
      cooperationMode: 'joint_rd',
      deadline: '2020-06-30',
      themeDayId: w.themeDay.id,
      ...over,
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    expect((await publisher.client.post(`/api/demands/${id}/publish`)).statusCode).toBe(200);
    return id;
  }
  async function respond(p: Person, demandId: string) {
    const r = await p.client.post(`/api/demands/${demandId}/responses`, { proposal: '我司有成熟的MEMS温度传感方案。' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  }

  it('makes one candidate when a response is accepted, typed by the cooperation mode, not on shortlisting', async () => {
    const d = await published({ cooperationMode: 'licensing' });
    const r = await respond(smeA, d);
    expect((await publisher.client.post(`/api/demand-responses/${r}/shortlist`, {})).statusCode).toBe(200);
    expect(await projectsOf('demand_response', r)).toHaveLength(0);
    expect((await publisher.client.post(`/api/demand-responses/${r}/accept`, {})).statusCode).toBe(200);
    await expectOneCandidate('demand_response', r, {
      type: 'transfer_licence',
      area: 'collaborative_rd',
      themeDayId: w.themeDay.id,
      parties: [
        [publisher, 'lead'],
        [smeA, 'participant'],
      ],
      title: `${publisher.org.name}与${smeA.org.name}：电池热管理芯片联合攻关`,
    });
    // Accepting again is refused and changes nothing.
    expect(problem(await publisher.client.post(`/api/demand-responses/${r}/accept`, {})).status).toBe(409);
    expect(await projectsOf('demand_response', r)).toHaveLength(1);
  });

  it('maps commissioned R&D to joint R&D and equity to investment', async () => {
    for (const [mode, type] of [
      ['commissioned_rd', 'joint_rd'],
      ['equity', 'investment'],
      ['other', 'other'],
    ] as const) {
      const d = await published({ cooperationMode: mode });
      const r = await respond(smeB, d);
      expect((await publisher.client.post(`/api/demand-responses/${r}/accept`, {})).statusCode).toBe(200);
      const [row] = await projectsOf('demand_response', r);
      const v = (await smeB.client.get(`/api/projects/${row!.id}`)).json();
      expect(v.type).toBe(type);
    }
  });

  it('makes one consortium candidate with every member once all have signed, not before', async () => {
    const d = await published();
    for (const p of [smeA, smeB])
      expect((await publisher.client.post(`/api/demand-responses/${await respond(p, d)}/accept`, {})).statusCode).toBe(
        200,
      );
    const c = await publisher.client.post(`/api/demands/${d}/consortia`, {
      name: '热管理芯片创新联合体',
      ipTerms: '共有',
      members: [
        { organisationId: publisher.org.id, role: '牵头单位', costShareBp: 5000, benefitShareBp: 5000 },
        { organisationId: smeA.org.id, role: '芯片设计', costShareBp: 2500, benefitShareBp: 2500 },
        { organisationId: smeB.org.id, role: '封装测试', costShareBp: 2500, benefitShareBp: 2500 },
      ],
    });
    expect(c.statusCode, c.body).toBe(201);
    const cid = c.json().id as string;
    expect((await smeA.client.post(`/api/consortia/${cid}/sign`, {})).statusCode).toBe(200);
    expect((await publisher.client.post(`/api/consortia/${cid}/sign`, {})).statusCode).toBe(200);
    expect(await projectsOf('consortium', cid)).toHaveLength(0);
    expect((await smeB.client.post(`/api/consortia/${cid}/sign`, {})).statusCode).toBe(200);
    await expectOneCandidate('consortium', cid, {
      type: 'consortium',
      area: 'collaborative_rd',
      themeDayId: w.themeDay.id,
      parties: [
        [publisher, 'lead'],
        [smeA, 'participant'],
        [smeB, 'participant'],
      ],
    });
    expect(problem(await smeB.client.post(`/api/consortia/${cid}/sign`, {})).code).toBe('consortium_signed');
    expect(await projectsOf('consortium', cid)).toHaveLength(1);
  });
});

describe('result application signal', () => {
  it('makes one candidate when the owner accepts an application, typed by the transfer mode', async () => {
    const author = await member({ kind: 'university' });
    const reviewer = await person(env, 'member', author.org);
    const admin = await person(env, 'base_admin', author.org);
    const applicant = await member({ sizeClass: 'small' });
    expect(
      (
        await admin.client.post(`/api/organisations/${author.org.id}/confidentiality-reviewers`, {
          userId: reviewer.user.id,
        })
      ).statusCode,
    ).toBe(201);
    const ids: Record<string, string> = {};
    for (const mode of ['licence', 'equity', 'joint_development'] as const) {
      const r = await author.client.post('/api/results', {
        title: `工业视觉缺陷检测算法（${mode}）`,
        fieldCode: 'I65',
        description: '基于深度学习的表面缺陷检测。',
        trl: 6,
        patents: [],
        transferMode: mode,
        themeDayId: w.themeDay.id,
      });
      expect(r.statusCode, r.body).toBe(201);
      const id = r.json().id as string;
      await author.client.post(`/api/results/${id}/submit`, { declaration: true, declarationText: DECLARATION_TEXT });
      expect((await reviewer.client.post(`/api/results/${id}/review`, { outcome: 'public' })).statusCode).toBe(200);
      const a = await applicant.client.post(`/api/results/${id}/applications`, { message: '希望合作转化' });
      expect(a.statusCode, a.body).toBe(201);
      ids[mode] = a.json().id as string;
      expect((await author.client.post(`/api/result-applications/${ids[mode]}/accept`, {})).statusCode).toBe(200);
    }
    await expectOneCandidate('result_application', ids.licence!, {
      type: 'transfer_licence',
      area: 'joint_commercialisation',
      themeDayId: w.themeDay.id,
      parties: [
        [author, 'lead'],
        [applicant, 'participant'],
      ],
    });
    for (const [mode, type] of [
      ['equity', 'investment'],
      ['joint_development', 'joint_rd'],
    ] as const) {
      const [row] = await projectsOf('result_application', ids[mode]!);
      expect((await author.client.get(`/api/projects/${row!.id}`)).json().type).toBe(type);
    }
    expect(problem(await author.client.post(`/api/result-applications/${ids.licence}/accept`, {})).status).toBe(409);
    expect(await projectsOf('result_application', ids.licence!)).toHaveLength(1);
  });
});

describe('resource request signal', () => {
  it('makes one candidate when an approved request is marked used, not on approval or closing', async () => {
    const owner = await member({ sizeClass: 'large' });
    const sme = await member({ sizeClass: 'small' });
    const r = await owner.client.post('/api/resources', {
      type: 'scenario',
      title: '智能工厂视觉质检场景开放',
      description: '开放焊装车间视觉质检场景。',
      priceModel: 'free',
      quota: 3,
      quotaPeriod: 'month',
      graduateTeams: true,
      themeDayId: w.themeDay.id,
    });
    expect(r.statusCode, r.body).toBe(201);
    const resourceId = r.json().id as string;
    expect((await owner.client.post(`/api/resources/${resourceId}/publish`)).statusCode).toBe(200);
    const q = await sme.client.post(`/api/resources/${resourceId}/requests`, {
      purpose: '验证表面缺陷检测算法',
      startDate: '2020-06-10',
      endDate: '2020-06-12',
    });
    expect(q.statusCode, q.body).toBe(201);
    const qid = q.json().id as string;
    expect((await owner.client.post(`/api/resource-requests/${qid}/approve`, {})).statusCode).toBe(200);
    expect(await projectsOf('resource_request', qid)).toHaveLength(0);
    expect((await owner.client.post(`/api/resource-requests/${qid}/mark-used`, {})).statusCode).toBe(200);
    await expectOneCandidate('resource_request', qid, {
      type: 'resource_use',
      area: 'resource_sharing',
      themeDayId: w.themeDay.id,
      parties: [
        [owner, 'lead'],
        [sme, 'participant'],
      ],
    });
    expect(problem(await owner.client.post(`/api/resource-requests/${qid}/mark-used`, {})).status).toBe(409);
    expect((await owner.client.post(`/api/resource-requests/${qid}/close`, {})).statusCode).toBe(200);
    expect(await projectsOf('resource_request', qid)).toHaveLength(1);
  });
});

describe('roadshow 意向签约 signal', () => {
  it('makes one candidate for an investor judge intending to sign, once per score, none without intent', async () => {
    const rw = await eventWorld(env);
    const sessionId = await createSessionVia(rw, { kind: 'roadshow' });
    const rs = await rw.host.client.post(`/api/event-sessions/${sessionId}/roadshow`, {
      criteria: [
        { key: 'innovation', name: '技术创新性', weight: 60 },
        { key: 'market', name: '市场前景', weight: 40 },
      ],
    });
    expect(rs.statusCode, rs.body).toBe(201);
    const roadshowId = rs.json().id as string;
    const [team] = await members(env, 1);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);
    const boundary = `----rt${Math.random().toString(16).slice(2)}`;
    const fields: Record<string, string> = {
      name: '工业视觉质检平台',
      team: '张三等8人',
      organisationName: '青岛智检科技有限公司',
      field: '工业互联网',
      stage: 'startup',
      financingNeedWan: '2000',
    };
    const parts = Object.entries(fields).map(([k, v]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="businessPlan"; filename="bp.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const applied = await team!.client.request({
      method: 'POST',
      url: `/api/roadshows/${roadshowId}/projects`,
      payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const projectId = applied.json().id as string;
    expect(
      (await rw.host.client.post(`/api/roadshow-projects/${projectId}/screen`, { decision: 'accept' })).statusCode,
    ).toBe(200);
    expect(
      (await rw.host.client.put(`/api/roadshows/${roadshowId}/lineup`, { projectIds: [projectId] })).statusCode,
    ).toBe(200);
    const investor = await person(env, 'investor', undefined, { kind: 'investor' });
    const expert = await person(env, 'expert', undefined, { kind: 'university' });
    const sameOrg = await person(env, 'investor', team!.org);
    // The judge's role does not act for the firm in projects; its member (member role) confirms for it.
    const investorDesk = await person(env, 'member', investor.org);
    for (const j of [investor, expert, sameOrg])
      expect((await rw.host.client.post(`/api/roadshows/${roadshowId}/judges`, { userId: j.user.id })).statusCode).toBe(
        201,
      );
    expect((await rw.host.client.post(`/api/roadshows/${roadshowId}/open-scoring`)).statusCode).toBe(200);
    const score = (j: Person, intentToSign: boolean) =>
      j.client.put(`/api/roadshow-projects/${projectId}/my-score`, {
        scores: { innovation: 9, market: 8 },
        intent: { minWan: 500, maxWan: 1000, intentToSign },
      });
    const scoreIdOf = async (j: Person) =>
      (
        await db()
          .selectFrom('roadshow_scores as s')
          .innerJoin('roadshow_judges as j', 'j.id', 's.judge_id')
          .select('s.id')
          .where('s.project_id', '=', projectId)
          .where('j.user_id', '=', j.user.id)
          .executeTakeFirstOrThrow()
      ).id;

    // An expert's score without intent to sign is no signal.
    expect((await score(expert, false)).statusCode).toBe(200);
    expect(await projectsOf('roadshow_interest', await scoreIdOf(expert))).toHaveLength(0);
    // A judge of the project's own organisation intending to sign: nothing to broker.
    expect((await score(sameOrg, true)).statusCode).toBe(200);
    expect(await projectsOf('roadshow_interest', await scoreIdOf(sameOrg))).toHaveLength(0);

    // The investor first scores without intent, then corrects the score to 意向签约, then again.
    expect((await score(investor, false)).statusCode).toBe(200);
    const sid = await scoreIdOf(investor);
    expect(await projectsOf('roadshow_interest', sid)).toHaveLength(0);
    expect((await score(investor, true)).statusCode).toBe(200);
    expect((await score(investor, true)).statusCode).toBe(200);
    await expectOneCandidate('roadshow_interest', sid, {
      type: 'investment',
      area: 'roadshow',
      themeDayId: rw.themeDay.id,
      parties: [
        [investorDesk, 'lead'],
        [team!, 'participant'],
      ],
    });
  });
});

describe('booth contact signal', () => {
  it('makes one candidate when the exhibitor accepts a contact request, none on decline', async () => {
    const exhibitor = await member();
    const visitor = await member({ sizeClass: 'small' });
    const b = await exhibitor.client.post(`/api/theme-days/${w.themeDay.id}/booths`, {
      title: '智芯 5G 模组展台',
      intro: '工业级 5G 模组与边缘网关。',
      contactName: '李经理',
      contactPhone: '13900000000',
    });
    expect(b.statusCode, b.body).toBe(201);
    const boothId = b.json().id as string;
    expect(
      (await w.host.client.post(`/api/exhibition/booths/${boothId}/review`, { decision: 'approve' })).statusCode,
    ).toBe(200);
    const ask = async (p: Person) => {
      const r = await p.client.post(`/api/exhibition/booths/${boothId}/contact-requests`, { message: '希望洽谈合作' });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const decide = (id: string, decision: 'accept' | 'decline') =>
      exhibitor.client.post(`/api/exhibition/contact-requests/${id}/decide`, { decision });

    const declined = await ask(await member());
    expect((await decide(declined, 'decline')).statusCode).toBe(200);
    expect(await projectsOf('booth_contact', declined)).toHaveLength(0);

    const rid = await ask(visitor);
    expect((await decide(rid, 'accept')).statusCode).toBe(200);
    await expectOneCandidate('booth_contact', rid, {
      type: 'other',
      area: 'deep_docking',
      themeDayId: w.themeDay.id,
      parties: [
        [exhibitor, 'lead'],
        [visitor, 'participant'],
      ],
    });
    expect(problem(await decide(rid, 'accept')).code).toBe('contact_request_decided');
    expect(await projectsOf('booth_contact', rid)).toHaveLength(1);
  });
});

describe('a second path to the same source', () => {
  it('re-running each signal, twice at once, returns the existing project and creates none', async () => {
    const ctx = systemContext(env.database, { clock: env.clock });
    const again: Partial<Record<SourceType, (trx: Executor, id: string) => Promise<unknown>>> = {
      demand_response: (trx, id) => proposeFromDemandResponse(trx, ctx, { responseId: id }),
      consortium: (trx, id) => proposeFromConsortium(trx, ctx, { consortiumId: id }),
      result_application: (trx, id) => proposeFromResultApplication(trx, ctx, { applicationId: id }),
      resource_request: (trx, id) => proposeFromResourceRequest(trx, ctx, { requestId: id }),
      roadshow_interest: (trx, id) => proposeFromRoadshowIntent(trx, ctx, { scoreId: id }),
      booth_contact: (trx, id) => proposeFromBoothContact(trx, ctx, { requestId: id }),
    };
    expect(new Set(seen.map((x) => x.sourceType))).toEqual(new Set(Object.keys(again)));
    for (const x of seen) {
      const rs = await Promise.all(
        [0, 1].map(() => ctx.db.transaction().execute((trx) => again[x.sourceType]!(trx, x.sourceId))),
      );
      // The resource request was closed after use: no longer a signal, so nothing is proposed again.
      const want = x.sourceType === 'resource_request' ? null : { id: x.id, created: false };
      expect(rs, x.sourceType).toEqual([want, want]);
      expect(await projectsOf(x.sourceType, x.sourceId)).toHaveLength(1);
    }
  });
});
