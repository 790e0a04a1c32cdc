import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, auditActions as auditActionsOf, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { eventWorld, person, type EventWorld, type Person } from '../events/testkit.ts';
import { RESOURCE_IMPORT_HEADERS as TEMPLATE_HEADERS } from '../../../common/contracts/resources.ts';

let env: TestEnv;
let w: EventWorld;
let large: Person; // a large firm (publisher)
let sme: Person; // a small firm (applicant)
let sme2: Person;
let uni: Person;
beforeAll(async () => {
  env = await createTestEnv();
  w = await eventWorld(env);
  large = await person(env, 'member', undefined, { sizeClass: 'large', regionCode: '370211' });
  sme = await person(env, 'member', undefined, { sizeClass: 'small' });
  sme2 = await person(env, 'member', undefined, { sizeClass: 'micro' });
  uni = await person(env, 'member', undefined, { kind: 'university' });
});
afterAll(async () => {
  await env?.close();
});

const db = () => env.database.db;
const auditActions = (entityType: string, entityId: string) => auditActionsOf(env, entityType, entityId);

const body = (over: Record<string, unknown> = {}) => ({
  type: 'scenario',
  title: '智能工厂视觉质检场景开放',
  description: '开放焊装车间视觉质检场景，供中小企业验证缺陷检测算法。',
  priceModel: 'free',
  quota: 3,
  quotaPeriod: 'month',
  graduateTeams: true,
  ...over,
});

async function published(p: Person = large, over: Record<string, unknown> = {}): Promise<string> {
  const r = await p.client.post('/api/resources', body(over));
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json<{ id: string }>().id;
  expect((await p.client.post(`/api/resources/${id}/publish`)).statusCode).toBe(200);
  return id;
}

async function apply(p: Person, id: string, startDate = '2020-06-10', endDate = '2020-06-12'): Promise<string> {
  const r = await p.client.post(`/api/resources/${id}/requests`, {
    purpose: '验证表面缺陷检测算法',
    startDate,
    endDate,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}

describe('publishing resources', () => {
  it('lets a large firm create a draft that only its own organisation sees, then publish it for everyone', async () => {
    const r = await large.client.post('/api/resources', body());
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json<{ id: string; status: string; regionCode: string; abilities: { publish: boolean } }>();
    expect(v.status).toBe('draft');
    expect(v.regionCode).toBe('370211'); // the organisation's region by default
    expect(v.abilities.publish).toBe(true);
    expect((await sme.client.get(`/api/resources/${v.id}`)).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: `/api/resources/${v.id}` })).statusCode).toBe(404);
    const pub = (await env.app.inject({ method: 'GET', url: '/api/resources?pageSize=200' })).json<{
      items: { id: string }[];
    }>();
    expect(pub.items.map((i) => i.id)).not.toContain(v.id);
    const mine = (await large.client.get('/api/resources?mine=true')).json<{ items: { id: string }[] }>();
    expect(mine.items.map((i) => i.id)).toContain(v.id);

    expect((await large.client.post(`/api/resources/${v.id}/publish`)).statusCode).toBe(200);
    const anon = await env.app.inject({ method: 'GET', url: `/api/resources/${v.id}` });
    expect(anon.statusCode).toBe(200);
    expect(anon.json<{ abilities: { request: boolean } }>().abilities.request).toBe(false);
    expect(
      (await sme.client.get(`/api/resources/${v.id}`)).json<{ abilities: { request: boolean } }>().abilities.request,
    ).toBe(true);
    expect(await auditActions('resource', v.id)).toEqual(['create', 'publish']);
  });

  it('lets universities publish too but refuses small firms with publisher_not_eligible', async () => {
    expect((await uni.client.post('/api/resources', body({ type: 'lab' }))).statusCode).toBe(201);
    expect(problem(await sme.client.post('/api/resources', body())).code).toBe('publisher_not_eligible');
  });

  it('refuses anonymous writes and people without an acting role', async () => {
    expect((await env.app.inject({ method: 'POST', url: '/api/resources', payload: body() })).statusCode).toBe(401);
    const expert = await person(env, 'expert', undefined, { sizeClass: 'large' });
    expect(problem(await expert.client.post('/api/resources', body())).code).toBe('not_acting_for_organisation');
  });

  it('attaches a resource to a theme day only when its activity plan enables resource sharing', async () => {
    const r = await large.client.post('/api/resources', body({ themeDayId: w.themeDay.id, quotaPeriod: 'theme_day' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<{ themeDay: { id: string } }>().themeDay.id).toBe(w.themeDay.id);
    const other = await eventWorld(env);
    await db()
      .updateTable('activity_plans')
      .set({ content: JSON.stringify({ parts: [{ key: 'roadshow', description: 'x' }] }) })
      .where('id', '=', other.activityPlanId)
      .execute();
    const p = problem(await large.client.post('/api/resources', body({ themeDayId: other.themeDay.id })));
    expect(p.code).toBe('content_area_not_enabled');
    expect(p.status).toBe(422);
    expect(problem(await large.client.post('/api/resources', body({ themeDayId: 'nope' }))).status).toBe(404);
    expect(problem(await large.client.post('/api/resources', body({ quotaPeriod: 'theme_day' }))).code).toBe(
      'theme_day_required',
    );
  });

  it('validates fields and refuses edits by another organisation with 403 and of a draft with 404', async () => {
    expect(problem(await large.client.post('/api/resources', body({ priceModel: 'cheap' }))).status).toBe(400);
    expect(problem(await large.client.post('/api/resources', body({ regionCode: '999999' }))).status).toBe(400);
    const id = await published();
    expect(problem(await uni.client.patch(`/api/resources/${id}`, { title: '改名' })).code).toBe('forbidden');
    const draft = (await large.client.post('/api/resources', body())).json<{ id: string }>();
    expect(problem(await uni.client.patch(`/api/resources/${draft.id}`, { title: '改名' })).status).toBe(404);
    const ok = await large.client.patch(`/api/resources/${id}`, { title: '智能工厂质检场景（第二期）' });
    expect(ok.json<{ title: string }>().title).toBe('智能工厂质检场景（第二期）');
    expect(await auditActions('resource', id)).toContain('update');
  });

  it('filters the public list by type, region, price model and graduate-team flag, sorted and paged', async () => {
    await published(large, {
      type: 'instrument',
      title: '扫描电镜开放共享',
      priceModel: 'paid',
      graduateTeams: false,
      regionCode: '370202',
    });
    const res = (
      await env.app.inject({
        method: 'GET',
        url: '/api/resources?type=instrument&region=37&priceModel=paid&graduateTeams=false&sort=title&order=asc&pageSize=5',
      })
    ).json<{
      items: { title: string; type: string }[];
      total: number;
      pageSize: number;
    }>();
    expect(res.total).toBeGreaterThanOrEqual(1);
    expect(res.items.every((i) => i.type === 'instrument')).toBe(true);
    expect(res.pageSize).toBe(5);
    const none = (await env.app.inject({ method: 'GET', url: '/api/resources?type=instrument&region=11' })).json<{
      total: number;
    }>();
    expect(none.total).toBe(0);
  });
});

describe('requests and the quota', () => {
  it('finds published resources by a keyword in the title or description, case-insensitively, with % taken literally', async () => {
    const id = await published(large, { title: 'X射线衍射仪共享', description: '可做 XRD 物相分析，100% 开放' });
    const hit = (await env.app.inject({ method: 'GET', url: `/api/resources?q=${encodeURIComponent('xrd')}` })).json<{
      items: { id: string }[];
    }>();
    expect(hit.items.map((i) => i.id)).toContain(id);
    const pct = (await env.app.inject({ method: 'GET', url: `/api/resources?q=${encodeURIComponent('100%')}` })).json<{
      items: { id: string }[];
    }>();
    expect(pct.items.map((i) => i.id)).toEqual([id]);
    const none = (
      await env.app.inject({ method: 'GET', url: `/api/resources?q=${encodeURIComponent('不存在的关键词')}` })
    ).json<{ total: number }>();
    expect(none.total).toBe(0);
  });

  it('shows the remaining quota of the period a date falls in, to anyone who may see the resource', async () => {
    const id = await published(large, { quota: 2, quotaPeriod: 'month' });
    const a = await apply(sme, id, '2020-06-01', '2020-06-02');
    await large.client.post(`/api/resource-requests/${a}/approve`, {});
    const june = (await env.app.inject({ method: 'GET', url: `/api/resources/${id}/quota?date=2020-06-15` })).json();
    expect(june).toEqual({ quota: 2, quotaPeriod: 'month', periodKey: '2020-06', used: 1, remaining: 1 });
    const july = (await env.app.inject({ method: 'GET', url: `/api/resources/${id}/quota?date=2020-07-01` })).json<{
      remaining: number;
    }>();
    expect(july.remaining).toBe(2);
    const open = await published(large, { quota: null });
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/resources/${open}/quota` })).json<{ remaining: null }>()
        .remaining,
    ).toBeNull();
    const r = await large.client.post('/api/resources', body());
    const draftId = r.json<{ id: string }>().id;
    expect((await env.app.inject({ method: 'GET', url: `/api/resources/${draftId}/quota` })).statusCode).toBe(404);
    expect((await sme.client.get(`/api/resources/${draftId}/quota`)).statusCode).toBe(404);
  });

  it('runs a request through approve, used and closed, notifying and auditing each step', async () => {
    const id = await published();
    const q = await apply(sme, id);
    const owners = (await large.client.get('/api/resource-requests?box=received')).json<{
      items: { id: string; abilities: { approve: boolean } }[];
    }>();
    expect(owners.items.find((i) => i.id === q)?.abilities.approve).toBe(true);
    expect(
      (await sme.client.get('/api/resource-requests')).json<{ items: { id: string }[] }>().items.map((i) => i.id),
    ).toContain(q);
    expect((await large.client.post(`/api/resource-requests/${q}/approve`, {})).statusCode).toBe(200);
    expect((await large.client.post(`/api/resource-requests/${q}/mark-used`, {})).statusCode).toBe(200);
    const closed = await large.client.post(`/api/resource-requests/${q}/close`, {});
    expect(closed.json<{ status: string }>().status).toBe('closed');
    expect(await auditActions('resource_request', q)).toEqual(['approve', 'close', 'create', 'mark_used']);
    const n = await db().selectFrom('notifications').select('title').where('user_id', '=', sme.user.id).execute();
    expect(n.some((x) => x.title.includes('已同意'))).toBe(true);
  });

  it('requires a reason to decline, and only the owner decides', async () => {
    const id = await published();
    const q = await apply(sme, id);
    expect(problem(await large.client.post(`/api/resource-requests/${q}/decline`, {})).status).toBe(400);
    expect(problem(await sme.client.post(`/api/resource-requests/${q}/approve`, {})).code).toBe('forbidden');
    expect(problem(await sme2.client.get(`/api/resource-requests/${q}`)).status).toBe(404);
    const d = await large.client.post(`/api/resource-requests/${q}/decline`, { reason: '档期已满' });
    expect(d.json<{ status: string; decisionReason: string }>().decisionReason).toBe('档期已满');
    expect(problem(await large.client.post(`/api/resource-requests/${q}/approve`, {})).code).toBe('invalid_state');
  });

  it('refuses inverted dates, own resources, closed resources and dates outside a theme-day quota', async () => {
    const id = await published();
    expect(
      problem(
        await sme.client.post(`/api/resources/${id}/requests`, {
          purpose: 'x',
          startDate: '2020-06-12',
          endDate: '2020-06-10',
        }),
      ).code,
    ).toBe('invalid_date_range');
    expect(
      problem(
        await sme.client.post(`/api/resources/${id}/requests`, {
          purpose: 'x',
          startDate: '2020-02-30',
          endDate: '2020-03-01',
        }),
      ).status,
    ).toBe(400);
    expect(
      problem(
        await large.client.post(`/api/resources/${id}/requests`, {
          purpose: 'x',
          startDate: '2020-06-10',
          endDate: '2020-06-10',
        }),
      ).code,
    ).toBe('own_resource');
    const tdId = await published(large, { themeDayId: w.themeDay.id, quotaPeriod: 'theme_day' });
    expect(
      problem(
        await sme.client.post(`/api/resources/${tdId}/requests`, {
          purpose: 'x',
          startDate: '2020-09-14',
          endDate: '2020-09-15',
        }),
      ).code,
    ).toBe('dates_outside_theme_day');
    await apply(sme, tdId, '2020-09-15', '2020-09-16');
    await large.client.post(`/api/resources/${id}/close`);
    expect(
      problem(
        await sme.client.post(`/api/resources/${id}/requests`, {
          purpose: 'x',
          startDate: '2020-06-10',
          endDate: '2020-06-10',
        }),
      ).code,
    ).toBe('resource_not_open');
  });

  it('counts a monthly quota per month of the start date and refuses new requests once it is used up', async () => {
    const id = await published(large, { quota: 1, quotaPeriod: 'month' });
    const a = await apply(sme, id, '2020-06-01', '2020-06-02');
    const b = await apply(sme2, id, '2020-06-20', '2020-06-21');
    const c = await apply(sme2, id, '2020-07-01', '2020-07-01');
    expect((await large.client.post(`/api/resource-requests/${a}/approve`, {})).statusCode).toBe(200);
    expect(problem(await large.client.post(`/api/resource-requests/${b}/approve`, {})).code).toBe('quota_exhausted');
    expect((await large.client.post(`/api/resource-requests/${c}/approve`, {})).statusCode).toBe(200); // July is its own period
    expect(
      problem(
        await sme.client.post(`/api/resources/${id}/requests`, {
          purpose: 'x',
          startDate: '2020-06-25',
          endDate: '2020-06-25',
        }),
      ).code,
    ).toBe('quota_exhausted');
    // a withdrawn approval frees its place
    expect((await sme.client.post(`/api/resource-requests/${a}/withdraw`, {})).statusCode).toBe(200);
    expect((await large.client.post(`/api/resource-requests/${b}/approve`, {})).statusCode).toBe(200);
  });

  it('never exceeds a quota of 3 when 12 approvals arrive at once (exactly 3 win, the rest get quota_exhausted)', async () => {
    const id = await published(large, { quota: 3, quotaPeriod: 'total' });
    const applicants = await Promise.all(
      Array.from({ length: 12 }, () => person(env, 'member', undefined, { sizeClass: 'small' })),
    );
    const ids: string[] = [];
    for (const p of applicants) ids.push(await apply(p, id));
    // several owner sessions, as several staff would click at once
    const owners: Client[] = [large.client];
    const results = await Promise.all(
      ids.map((q, i) => owners[i % owners.length]!.post(`/api/resource-requests/${q}/approve`, {})),
    );
    const ok = results.filter((r) => r.statusCode === 200).length;
    const refused = results.filter((r) => r.statusCode === 409);
    expect(ok).toBe(3);
    expect(refused.length).toBe(9);
    expect(refused.every((r) => problem(r).code === 'quota_exhausted')).toBe(true);
    const approved = await db()
      .selectFrom('resource_requests')
      .select('id')
      .where('resource_id', '=', id)
      .where('status', '=', 'approved')
      .execute();
    expect(approved.length).toBe(3);
  });
});

describe('excel', () => {
  const form = (data: Buffer) => {
    const boundary = `----rt${Math.random().toString(16).slice(2)}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };
  async function sheet(rows: string[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('导入');
    ws.addRow([...TEMPLATE_HEADERS]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const good = [
    '实验室',
    '材料分析实验室开放',
    '开放材料分析实验室。',
    '370211',
    '青岛',
    '',
    '面议',
    '',
    '2',
    '每月',
    '否',
  ];

  it('exports the public list as .xlsx with Chinese headers', async () => {
    await published();
    const r = await env.app.inject({ method: 'GET', url: '/api/resources.xlsx' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).text).toBe('名称');
    expect(ws.rowCount).toBeGreaterThan(1);
  });

  it('serves a template that imports back', async () => {
    const t = await env.app.inject({ method: 'GET', url: '/api/resources/import-template.xlsx' });
    expect(t.statusCode).toBe(200);
    const f = form(t.rawPayload);
    const r = await large.client.request({ method: 'POST', url: '/api/resources/import', ...f });
    expect(r.statusCode, r.body).toBe(201);
    const { ids } = r.json<{ ids: string[] }>();
    expect(ids.length).toBe(1);
    const row = await db().selectFrom('resources').selectAll().where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    expect(row.status).toBe('draft');
    expect(row.quota_period).toBe('month');
    expect(row.graduate_teams).toBe(1);
  });

  it('reports every bad row and imports nothing when any row is wrong', async () => {
    const before = await db()
      .selectFrom('resources')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad1 = [...good];
    bad1[0] = '飞船';
    const bad2 = [...good];
    bad2[8] = '-1';
    const r = await large.client.request({
      method: 'POST',
      url: '/api/resources/import',
      ...form(await sheet([good, bad1, bad2])),
    });
    const p = problem(r);
    expect(p.code).toBe('import_rows_invalid');
    expect(p.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['row3.资源类型', 'row4.名额']));
    const after = await db()
      .selectFrom('resources')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a file that is not an .xlsx, one missing columns, and small firms', async () => {
    expect(
      problem(
        await large.client.request({ method: 'POST', url: '/api/resources/import', ...form(Buffer.from('hello')) }),
      ).code,
    ).toBe('import_file_invalid');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['名称']);
    const partial = Buffer.from(await wb.xlsx.writeBuffer());
    expect(
      problem(await large.client.request({ method: 'POST', url: '/api/resources/import', ...form(partial) })).code,
    ).toBe('import_file_invalid');
    expect(
      problem(await sme.client.request({ method: 'POST', url: '/api/resources/import', ...form(await sheet([good])) }))
        .code,
    ).toBe('publisher_not_eligible');
  });
});

describe('policy per role', () => {
  it('hides drafts and requests from every role outside the two organisations (404), and refuses their writes', async () => {
    const draft = (await large.client.post('/api/resources', body())).json<{ id: string }>().id;
    const id = await published();
    const q = await apply(sme, id);
    const roles = [
      'programme_owner',
      'local_drc',
      'department_reviewer',
      'evaluator',
      'expert',
      'investor',
      'support_org',
      'system_admin',
      'base_admin',
      'member',
    ] as const;
    for (const role of roles) {
      const p = await person(env, role, undefined, { regionCode: '370211', sizeClass: 'large' });
      expect((await p.client.get(`/api/resources/${draft}`)).statusCode, role).toBe(404);
      expect((await p.client.get(`/api/resource-requests/${q}`)).statusCode, role).toBe(404);
      expect((await p.client.post(`/api/resource-requests/${q}/approve`, {})).statusCode, role).toBe(404);
      expect((await p.client.post(`/api/resources/${draft}/publish`)).statusCode, role).toBe(404);
      const pub = await p.client.post(`/api/resources/${id}/close`);
      expect(pub.statusCode, role).toBe(403);
      expect((await p.client.get('/api/resource-requests?box=received')).json<{ total: number }>().total, role).toBe(0);
    }
    // a base administrator of the owning organisation acts for it
    const ownerAdmin = await person(env, 'base_admin', large.org);
    expect((await ownerAdmin.client.get(`/api/resource-requests/${q}`)).statusCode).toBe(200);
    expect((await ownerAdmin.client.get(`/api/resources/${draft}`)).statusCode).toBe(200);
  });
});
