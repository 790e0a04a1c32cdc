import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMAND_TEMPLATE_HEADERS } from '../../../common/contracts/demands.ts';
import { auditActions as auditActionsOf, Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { eventWorld, person, type EventWorld, type Person } from '../events/testkit.ts';
import { NON_CLASSIFIED_NOTICE } from '../../../common/contracts/common.ts';

let env: TestEnv;
let w: EventWorld;
let large: Person;
let smeA: Person;
let smeB: Person;
let smeC: Person;
beforeAll(async () => {
  env = await createTestEnv();
  w = await eventWorld(env);
  large = await person(env, 'member', undefined, { sizeClass: 'large', regionCode: '370211' });
  smeA = await person(env, 'member', undefined, { sizeClass: 'small' });
  smeB = await person(env, 'member', undefined, { sizeClass: 'medium' });
  smeC = await person(env, 'member', undefined, { sizeClass: 'micro' });
});
afterAll(async () => {
  await env?.close();
});

const db = () => env.database.db;
const auditActions = (entityType: string, entityId: string) => auditActionsOf(env, entityType, entityId);

const body = (over: Record<string, unknown> = {}) => ({
  kind: 'demand',
  title: '新能源汽车电池热管理芯片联合攻关',
  fieldCode: 'C39',
  description: '面向动力电池热失控预警的专用传感芯片。',
  indicators: '温度精度±0.5℃；工作温度-40℃~125℃',
  budgetMinWan: 200,
  budgetMaxWan: 500,
  cooperationMode: 'joint_rd',
  deadline: '2020-06-30',
  ipTerms: '背景知识产权归各自所有，新产生的知识产权共有',
  ...over,
});
async function published(over: Record<string, unknown> = {}) {
  const r = await large.client.post('/api/demands', body(over));
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json<{ id: string }>().id;
  expect((await large.client.post(`/api/demands/${id}/publish`)).statusCode).toBe(200);
  return id;
}
async function respond(p: Person, demandId: string) {
  const r = await p.client.post(`/api/demands/${demandId}/responses`, {
    proposal: '我司有成熟的MEMS温度传感方案，可在6个月内完成样片。',
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}

function form(file: { name: string; data: Buffer; type?: string }) {
  const boundary = `----rt${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(512, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
const DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.alloc(26),
  Buffer.from('[Content_Types].xml'),
  Buffer.alloc(20),
  Buffer.from('word/document.xml'),
  Buffer.alloc(64),
]);
const XLSX_ZIP = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.alloc(26),
  Buffer.from('xl/workbook.xml'),
  Buffer.alloc(64),
]);

describe('publishing demands and technology catalogues', () => {
  it('lets a large firm publish a demand that is a draft (404 to others) until published, and audits it', async () => {
    const r = await large.client.post('/api/demands', body());
    const id = r.json<{ id: string; fieldName: string }>().id;
    expect(r.json<{ fieldName: string }>().fieldName).toBeTruthy();
    expect((await smeA.client.get(`/api/demands/${id}`)).statusCode).toBe(404);
    expect((await large.client.post(`/api/demands/${id}/publish`)).statusCode).toBe(200);
    const v = (await smeA.client.get(`/api/demands/${id}`)).json<{
      abilities: { respond: boolean };
      expired: boolean;
    }>();
    expect(v.abilities.respond).toBe(true);
    expect(v.expired).toBe(false);
    expect(await auditActions('demand', id)).toEqual(['create', 'publish']);
  });

  it('tells the page whether the active organisation may publish (large firms, universities, institutes) or only respond', async () => {
    expect((await large.client.get('/api/demands/abilities')).json()).toEqual({ publish: true, respond: true });
    expect((await smeA.client.get('/api/demands/abilities')).json()).toEqual({ publish: false, respond: true });
    expect((await new Client(env.app).get('/api/demands/abilities')).json()).toEqual({
      publish: false,
      respond: false,
    });
  });

  it('refuses small firms, bad budgets and fields, and a theme day without the collaborative R&D area', async () => {
    expect(problem(await smeA.client.post('/api/demands', body())).code).toBe('publisher_not_eligible');
    expect(problem(await large.client.post('/api/demands', body({ budgetMinWan: 500, budgetMaxWan: 100 }))).code).toBe(
      'invalid_budget_range',
    );
    expect(problem(await large.client.post('/api/demands', body({ fieldCode: 'Z99' }))).status).toBe(400);
    expect(problem(await large.client.post('/api/demands', body({ deadline: '2020-06-31' }))).status).toBe(400);
    expect(
      (await large.client.post('/api/demands', body({ kind: 'technology', themeDayId: w.themeDay.id }))).statusCode,
    ).toBe(201);
    const other = await eventWorld(env);
    await db()
      .updateTable('activity_plans')
      .set({ content: JSON.stringify({ parts: [{ key: 'resource_sharing', description: 'x' }] }) })
      .where('id', '=', other.activityPlanId)
      .execute();
    expect(problem(await large.client.post('/api/demands', body({ themeDayId: other.themeDay.id }))).code).toBe(
      'content_area_not_enabled',
    );
  });

  it('filters by kind, field, region (a province code too), keyword and open deadline; exports .xlsx', async () => {
    const tech = await published({ kind: 'technology', title: '工业互联网边缘计算网关技术', fieldCode: 'I65' });
    const list = (
      await env.app.inject({ method: 'GET', url: '/api/demands?kind=technology&fieldCode=65&region=37&open=true' })
    ).json<{ items: { id: string }[] }>();
    expect(list.items.map((i) => i.id)).toContain(tech);
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/demands?kind=technology&region=11' })).json<{ total: number }>()
        .total,
    ).toBe(0);
    const byProvince = (
      await env.app.inject({ method: 'GET', url: '/api/demands?kind=technology&region=370000' })
    ).json<{ items: { id: string }[] }>();
    expect(byProvince.items.map((i) => i.id)).toContain(tech);
    const byWord = (
      await env.app.inject({ method: 'GET', url: `/api/demands?q=${encodeURIComponent('边缘计算')}` })
    ).json<{ items: { id: string }[] }>();
    expect(byWord.items.map((i) => i.id)).toEqual([tech]);
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/demands?q=${encodeURIComponent('100%')}` })).json<{
        total: number;
      }>().total,
    ).toBe(0);
    const x = await env.app.inject({ method: 'GET', url: '/api/demands.xlsx?kind=technology' });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('responses', () => {
  it('takes one response per organisation until the deadline day ends, never the publisher’s own', async () => {
    const id = await published({ deadline: '2020-05-20' }); // today in Beijing: still open
    const rid = await respond(smeA, id);
    const v = (await smeA.client.get(`/api/demand-responses/${rid}`)).json<{ notice: string }>();
    expect(v.notice).toBe(NON_CLASSIFIED_NOTICE);
    expect(problem(await smeA.client.post(`/api/demands/${id}/responses`, { proposal: '再投一次' })).code).toBe(
      'already_responded',
    );
    expect(problem(await large.client.post(`/api/demands/${id}/responses`, { proposal: 'x' })).code).toBe('own_demand');
    const past = await published({ deadline: '2020-05-19' });
    expect(problem(await smeA.client.post(`/api/demands/${past}/responses`, { proposal: 'x' })).code).toBe(
      'deadline_passed',
    );
    const draft = (await large.client.post('/api/demands', body())).json<{ id: string }>();
    expect(problem(await smeA.client.post(`/api/demands/${draft.id}/responses`, { proposal: 'x' })).status).toBe(404);
    await large.client.post(`/api/demands/${id}/close`);
    expect(problem(await smeB.client.post(`/api/demands/${id}/responses`, { proposal: 'x' })).code).toBe(
      'demand_not_open',
    );
    expect(await auditActions('demand_response', rid)).toEqual(['create']);
  });

  it('keeps one response per organisation when colleagues submit at the same moment', async () => {
    const id = await published();
    const org = await person(env, 'member', undefined, { sizeClass: 'small' });
    const colleagues = [org, ...(await Promise.all(Array.from({ length: 5 }, () => person(env, 'member', org.org))))];
    const res = await Promise.all(
      colleagues.map((p) => p.client.post(`/api/demands/${id}/responses`, { proposal: '同一单位的方案' })),
    );
    expect(res.filter((r) => r.statusCode === 201).length).toBe(1);
    expect(res.filter((r) => r.statusCode === 409).every((r) => problem(r).code === 'already_responded')).toBe(true);
    expect(res.filter((r) => r.statusCode === 409).length).toBe(5);
  });

  it('accepts PDF, DOCX, PNG and JPEG attachments by their content and refuses everything else', async () => {
    const id = await published();
    const rid = await respond(smeB, id);
    const up = (f: { name: string; data: Buffer; type?: string }, c = smeB.client) =>
      c.request({ method: 'POST', url: `/api/demand-responses/${rid}/attachments`, ...form(f) });
    for (const [name, data] of [
      ['方案.pdf', PDF],
      ['方案.docx', DOCX],
      ['架构图.png', PNG],
      ['现场.jpg', JPEG],
    ] as const) {
      const r = await up({ name, data });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json<{ notice: string }>().notice).toBe(NON_CLASSIFIED_NOTICE);
    }
    expect(
      problem(await up({ name: '伪装.pdf', data: Buffer.from('MZ\x90\x00 not a pdf'), type: 'application/pdf' })).code,
    ).toBe('attachment_type_not_allowed');
    expect(problem(await up({ name: '表格.docx', data: XLSX_ZIP })).code).toBe('attachment_type_not_allowed');
    expect(problem(await up({ name: 'x.pdf', data: PDF }, smeA.client)).status).toBe(404);
    expect(problem(await up({ name: 'x.pdf', data: PDF }, large.client)).code).toBe('forbidden');
    expect((await up({ name: '第五个.pdf', data: PDF })).statusCode).toBe(201);
    expect(problem(await up({ name: '第六个.pdf', data: PDF })).code).toBe('too_many_attachments');
    const v = (await large.client.get(`/api/demand-responses/${rid}`)).json<{
      attachments: { id: string; type: string }[];
    }>();
    expect(v.attachments.map((a) => a.type)).toEqual(['pdf', 'docx', 'png', 'jpeg', 'pdf']);
    const dl = await large.client.get(`/api/demand-responses/${rid}/attachments/${v.attachments[1]!.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toContain('wordprocessingml');
    expect(await auditActions('demand_response', rid)).toContain('attach');
  });

  it('keeps every attachment of uploads sent at the same moment, up to the limit of five', async () => {
    const id = await published();
    const rid = await respond(smeA, id);
    const rs = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        smeA.client.request({
          method: 'POST',
          url: `/api/demand-responses/${rid}/attachments`,
          ...form({ name: `并发${i}.pdf`, data: PDF }),
        }),
      ),
    );
    expect(rs.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(rs.filter((r) => r.statusCode === 409).every((r) => problem(r).code === 'too_many_attachments')).toBe(true);
    const v = (await smeA.client.get(`/api/demand-responses/${rid}`)).json<{ attachments: { name: string }[] }>();
    expect(v.attachments).toHaveLength(5);
  });

  it('refuses attachments over 10 MB', async () => {
    const id = await published();
    const rid = await respond(smeC, id);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    expect(
      problem(
        await smeC.client.request({
          method: 'POST',
          url: `/api/demand-responses/${rid}/attachments`,
          ...form({ name: 'big.pdf', data: big }),
        }),
      ).code,
    ).toBe('attachment_too_large');
  });

  it('lets only the publisher shortlist, accept and decline, and the responder withdraw', async () => {
    const id = await published();
    const a = await respond(smeA, id);
    const b = await respond(smeB, id);
    expect(problem(await smeA.client.post(`/api/demand-responses/${a}/accept`, {})).code).toBe('forbidden');
    expect(problem(await smeA.client.get(`/api/demand-responses/${b}`)).status).toBe(404);
    expect((await large.client.post(`/api/demand-responses/${a}/shortlist`, {})).statusCode).toBe(200);
    expect((await large.client.post(`/api/demand-responses/${a}/accept`, { note: '方案成熟' })).statusCode).toBe(200);
    expect(problem(await smeA.client.post(`/api/demand-responses/${a}/withdraw`, {})).code).toBe('invalid_state');
    expect((await smeB.client.post(`/api/demand-responses/${b}/withdraw`, {})).statusCode).toBe(200);
    const received = (await large.client.get(`/api/demand-responses?box=received&demandId=${id}`)).json<{
      items: { id: string; status: string }[];
    }>();
    expect(received.items.map((i) => i.status).sort()).toEqual(['accepted', 'withdrawn']);
    const mine = (await smeA.client.get('/api/demand-responses')).json<{ items: { id: string }[] }>();
    expect(mine.items.map((i) => i.id)).toContain(a);
    expect(await auditActions('demand_response', a)).toEqual(['accept', 'create', 'shortlist']);
  });
});

describe('innovation consortia', () => {
  async function setup() {
    const id = await published();
    const a = await respond(smeA, id);
    const b = await respond(smeB, id);
    const c = await respond(smeC, id);
    await large.client.post(`/api/demand-responses/${a}/accept`, {});
    await large.client.post(`/api/demand-responses/${b}/accept`, {});
    void c; // smeC's response stays submitted
    return id;
  }
  const members = (over: Partial<Record<'lead' | 'a' | 'b', [number, number]>> = {}) => [
    {
      organisationId: large.org.id,
      role: '牵头单位',
      costShareBp: (over.lead ?? [5000, 4000])[0],
      benefitShareBp: (over.lead ?? [5000, 4000])[1],
    },
    {
      organisationId: smeA.org.id,
      role: '芯片设计',
      costShareBp: (over.a ?? [3333, 3333])[0],
      benefitShareBp: (over.a ?? [3333, 3333])[1],
    },
    {
      organisationId: smeB.org.id,
      role: '封装测试',
      costShareBp: (over.b ?? [1667, 2667])[0],
      benefitShareBp: (over.b ?? [1667, 2667])[1],
    },
  ];

  it('refuses shares that do not sum to 100 % with a field error for each set', async () => {
    const id = await setup();
    const p = problem(
      await large.client.post(`/api/demands/${id}/consortia`, {
        name: '热管理芯片创新联合体',
        ipTerms: '共有',
        members: members({ b: [1666, 2000] }),
      }),
    );
    expect(p.status).toBe(422);
    expect(p.code).toBe('shares_not_100');
    expect(p.errors?.map((e) => e.field).sort()).toEqual(['members.benefitShareBp', 'members.costShareBp']);
    expect(
      problem(
        await large.client.post(`/api/demands/${id}/consortia`, {
          name: '联合体',
          ipTerms: '共有',
          members: members({ a: [33.3, 3333] }),
        }),
      ).status,
    ).toBe(400);
  });

  it('admits only the publisher and accepted responders, once each', async () => {
    const id = await setup();
    const withC = [...members(), { organisationId: smeC.org.id, role: '测试', costShareBp: 0, benefitShareBp: 0 }];
    expect(
      problem(
        await large.client.post(`/api/demands/${id}/consortia`, { name: '联合体', ipTerms: '共有', members: withC }),
      ).code,
    ).toBe('consortium_member_not_eligible');
    const noLead = members()
      .slice(1)
      .map((m, i) => ({ ...m, costShareBp: i ? 5000 : 5000, benefitShareBp: 5000 }));
    expect(
      problem(
        await large.client.post(`/api/demands/${id}/consortia`, { name: '联合体', ipTerms: '共有', members: noLead }),
      ).code,
    ).toBe('publisher_not_in_consortium');
    const dup = [...members(), members()[1]!].map((m) => ({ ...m, costShareBp: 2500, benefitShareBp: 2500 }));
    expect(
      problem(
        await large.client.post(`/api/demands/${id}/consortia`, { name: '联合体', ipTerms: '共有', members: dup }),
      ).code,
    ).toBe('duplicate_member');
    expect(
      problem(
        await smeA.client.post(`/api/demands/${id}/consortia`, { name: '联合体', ipTerms: '共有', members: members() }),
      ).code,
    ).toBe('forbidden');
  });

  it('is signed by every member; an edit after a signature clears all signatures; signed is frozen', async () => {
    const id = await setup();
    const r = await large.client.post(`/api/demands/${id}/consortia`, {
      name: '热管理芯片创新联合体',
      ipTerms: '新产生的知识产权按利益分享比例共有',
      members: members(),
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json<{ id: string; version: number; abilities: { sign: boolean } }>();
    expect(c.abilities.sign).toBe(true);
    expect((await smeC.client.get(`/api/consortia/${c.id}`)).statusCode).toBe(404);
    expect((await smeA.client.post(`/api/consortia/${c.id}/sign`, { version: 1 })).statusCode).toBe(200);
    expect(problem(await smeA.client.post(`/api/consortia/${c.id}/sign`, {})).code).toBe('already_signed');
    // the lead edits: version 2, signatures cleared
    const e = await large.client.patch(`/api/consortia/${c.id}`, {
      ipTerms: '新产生的知识产权归牵头单位，成员单位免费使用',
    });
    const edited = e.json<{ version: number; members: { signedAt: string | null }[] }>();
    expect(edited.version).toBe(2);
    expect(edited.members.every((m) => m.signedAt === null)).toBe(true);
    expect(problem(await smeA.client.post(`/api/consortia/${c.id}/sign`, { version: 1 })).code).toBe('invalid_state');
    const signs = await Promise.all(
      [large, smeA, smeB].map((p) => p.client.post(`/api/consortia/${c.id}/sign`, { version: 2 })),
    );
    expect(signs.map((s) => s.statusCode)).toEqual([200, 200, 200]);
    const done = (await large.client.get(`/api/consortia/${c.id}`)).json<{ status: string; signedAt: string }>();
    expect(done.status).toBe('signed');
    expect(done.signedAt).toBeTruthy();
    expect(problem(await large.client.patch(`/api/consortia/${c.id}`, { name: '改名联合体' })).code).toBe(
      'consortium_signed',
    );
    expect(problem(await smeC.client.post(`/api/consortia/${c.id}/sign`, {})).status).toBe(404);
    const actions = await auditActions('consortium', c.id);
    expect(actions.filter((a) => a === 'sign').length).toBe(4);
    expect(actions).toContain('update');
    const list = (await smeB.client.get(`/api/demands/${id}/consortia`)).json<{ items: { id: string }[] }>();
    expect(list.items.map((i) => i.id)).toEqual([c.id]);
  });
});

describe('my consortia and organisation pages', () => {
  it('lists the consortia my organisation leads or belongs to, with the demand title, and nothing to outsiders', async () => {
    const id = await published({ title: '联合体列表测试需求' });
    const a = await respond(smeA, id);
    await large.client.post(`/api/demand-responses/${a}/accept`, {});
    const r = await large.client.post(`/api/demands/${id}/consortia`, {
      name: '列表测试联合体',
      ipTerms: '共有',
      members: [
        { organisationId: large.org.id, role: '牵头单位', costShareBp: 6000, benefitShareBp: 7000 },
        { organisationId: smeA.org.id, role: '芯片设计', costShareBp: 4000, benefitShareBp: 3000 },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const cid = r.json<{ id: string }>().id;
    for (const p of [large, smeA]) {
      const list = (await p.client.get('/api/consortia?status=draft')).json<{
        items: { id: string; demand: { title: string }; abilities: { sign: boolean } }[];
        total: number;
      }>();
      const mine = list.items.find((i) => i.id === cid);
      expect(mine?.demand.title).toBe('联合体列表测试需求');
      expect(mine?.abilities.sign).toBe(true);
    }
    const outsider = (await smeC.client.get('/api/consortia')).json<{ items: { id: string }[] }>();
    expect(outsider.items.map((i) => i.id)).not.toContain(cid);
    const signed = (await smeA.client.get('/api/consortia?status=signed')).json<{ items: { id: string }[] }>();
    expect(signed.items.map((i) => i.id)).not.toContain(cid);
    expect((await new Client(env.app).get('/api/consortia')).statusCode).toBe(401);
  });

  it('shows an organisation’s public card with its published demand counts to anonymous visitors, 404 for an unknown id', async () => {
    await published({ kind: 'technology', title: '公开名片测试技术' });
    const anon = new Client(env.app);
    const r = await anon.get(`/api/public/organisations/${large.org.id}`);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json<{
      name: string;
      sizeLabel: string;
      kindLabel: string;
      counts: { demands: number; technologies: number };
    }>();
    expect(v.name).toBe(large.org.name);
    expect(v.sizeLabel).toBe('大型');
    expect(v.kindLabel).toBe('企业');
    expect(v.counts.technologies).toBeGreaterThanOrEqual(1);
    expect(v.counts.demands).toBeGreaterThanOrEqual(1);
    expect(problem(await anon.get('/api/public/organisations/nope')).status).toBe(404);
  });
});

describe('import', () => {
  async function sheet(rows: (string | Date)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导入');
    ws.addRow([...DEMAND_TEMPLATE_HEADERS]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const good = [
    '新技术目录',
    '边缘计算网关',
    'I65',
    '工业现场边缘计算网关。',
    '时延<10ms',
    '50',
    '100',
    '技术许可',
    new Date(Date.UTC(2020, 11, 31)),
    '许可使用',
  ];
  const upload = (p: Person, data: Buffer) =>
    p.client.request({ method: 'POST', url: '/api/demands/import', ...form({ name: 'd.xlsx', data }) });

  it('imports the downloadable template back as drafts, dates typed into Excel included', async () => {
    const t = await env.app.inject({ method: 'GET', url: '/api/demands/import-template.xlsx' });
    expect(t.statusCode).toBe(200);
    expect((await upload(large, t.rawPayload)).statusCode).toBe(201);
    const r = await upload(large, await sheet([good]));
    expect(r.statusCode, r.body).toBe(201);
    const row = await db()
      .selectFrom('demands')
      .selectAll()
      .where('id', '=', r.json<{ ids: string[] }>().ids[0]!)
      .executeTakeFirstOrThrow();
    expect([row.kind, row.field_code, row.deadline, row.cooperation_mode, row.status]).toEqual([
      'technology',
      'I65',
      '2020-12-31',
      'licensing',
      'draft',
    ]);
  });

  it('reports row-level errors and imports nothing when any row is wrong', async () => {
    const before = Number(
      (
        await db()
          .selectFrom('demands')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const bad = [...good];
    bad[2] = 'Q99';
    bad[5] = '多少';
    const p = problem(await upload(large, await sheet([good, bad])));
    expect(p.code).toBe('import_rows_invalid');
    expect(p.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['row3.所属领域代码', 'row3.预算下限（万元）']),
    );
    expect(
      Number(
        (
          await db()
            .selectFrom('demands')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(before);
    expect(problem(await upload(smeA, await sheet([good]))).code).toBe('publisher_not_eligible');
  });
});

describe('the deadline boundary', () => {
  it('closes responses at midnight Beijing time after the deadline day', async () => {
    const id = await published({ deadline: '2020-05-20' });
    env.clock.set('2020-05-20T15:59:00Z'); // 23:59 in Beijing
    const late = await person(env, 'member', undefined, { sizeClass: 'small' });
    expect((await late.client.post(`/api/demands/${id}/responses`, { proposal: '赶在截止前' })).statusCode).toBe(201);
    env.clock.set('2020-05-20T16:00:00Z'); // 00:00 on the 21st
    const later = await person(env, 'member', undefined, { sizeClass: 'small' });
    expect(problem(await later.client.post(`/api/demands/${id}/responses`, { proposal: '晚了' })).code).toBe(
      'deadline_passed',
    );
  });
});
