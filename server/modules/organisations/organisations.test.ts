import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../../common/uscc-make.ts';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createOrganisation } from '../../test/factories.ts';
import { auditRows, signIn } from './test-support.ts';

let env: TestEnv;
let admin: Client;
let owner: Client;
let seq = 50_000;
// Distinct by construction (seq × 1000 + r) and far from the factories' range, so codes never collide by chance.
const freshUscc = (region = '110108') => makeUscc(++seq * 1000 + Math.floor(Math.random() * 1000), region);
const PILOT_USCC = '91350211M0000XUF46'; // real Xiamen pilot-era code failing the GB 32100 check character

beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signIn(env, 'system_admin')).client;
  owner = (await signIn(env, 'programme_owner')).client;
});
afterAll(async () => {
  await env?.close();
});

const enterprise = (extra: Record<string, unknown> = {}) => ({
  name: `融通测试科技有限公司${++seq}`,
  uscc: freshUscc(),
  kind: 'enterprise',
  regionCode: '320102',
  industryCode: '65',
  ...extra,
});

describe(`organisations (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('lets the system administrator register an organisation with a valid credit code, and audits it', async () => {
    const body = enterprise();
    const res = await admin.post('/api/organisations', body);
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({
      name: body.name,
      uscc: body.uscc,
      usccStatus: 'valid',
      kind: 'enterprise',
      regionCode: '320102',
      regionName: '江苏省 南京市 玄武区',
      industryCode: '65',
      industryName: '软件和信息技术服务业',
    });
    expect(org.abilities).toEqual({ edit: true, editIdentity: true, verifyUscc: false, viewMembers: true });
    const rows = await auditRows(env, 'organisation', org.id, 'create');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ uscc: body.uscc });
  });

  it('lets the programme owner register an organisation too', async () => {
    const res = await owner.post('/api/organisations', {
      name: '工业和信息化部科技司',
      uscc: freshUscc('110000'),
      kind: 'government',
      departmentCode: 'MIIT',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().departmentCode).toBe('MIIT');
  });

  it('normalises the credit code: lower case and spaces are accepted and stored upper case', async () => {
    const code = freshUscc();
    const res = await admin.post(
      '/api/organisations',
      enterprise({ uscc: ` ${code.slice(0, 9).toLowerCase()} ${code.slice(9)} ` }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().uscc).toBe(code);
  });

  it('accepts a real pilot-era code that fails the checksum as needs_manual_verification', async () => {
    const res = await admin.post('/api/organisations', {
      name: '厦门云上晴空航空科技有限公司',
      uscc: PILOT_USCC,
      kind: 'enterprise',
      regionCode: '350211',
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org.usccStatus).toBe('needs_manual_verification');
    expect(org.abilities.verifyUscc).toBe(true);
    const listed = (await admin.get('/api/organisations?usccStatus=needs_manual_verification')).json();
    expect(listed.items.map((o: { id: string }) => o.id)).toContain(org.id);
  });

  it('records a manual verification of a pilot-era code once, and refuses a second one with invalid_state', async () => {
    const org = (await admin.get(`/api/organisations?q=${PILOT_USCC}`)).json().items[0];
    const res = await owner.post(`/api/organisations/${org.id}/verify-uscc`);
    expect(res.statusCode).toBe(200);
    expect(res.json().usccStatus).toBe('manually_verified');
    expect(await auditRows(env, 'organisation', org.id, 'verify_uscc')).toHaveLength(1);
    expect(problem(await owner.post(`/api/organisations/${org.id}/verify-uscc`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    // A later profile edit keeps the verified status.
    const patched = await owner.patch(`/api/organisations/${org.id}`, { regionCode: '350200' });
    expect(patched.json().usccStatus).toBe('manually_verified');
  });

  it('refuses to verify a code that is already valid', async () => {
    const org = (await admin.post('/api/organisations', enterprise())).json();
    expect(problem(await admin.post(`/api/organisations/${org.id}/verify-uscc`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
  });

  it('refuses an invalid credit code with invalid_uscc and a field error on uscc', async () => {
    const good = freshUscc();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const p = problem(await admin.post('/api/organisations', enterprise({ uscc: bad })));
    expect(p).toMatchObject({ status: 400, code: 'invalid_uscc' });
    expect(p.errors).toEqual([expect.objectContaining({ field: 'uscc', code: 'check_char' })]);
    expect(p.detail).toMatch(/校验码/);
    const short = problem(await admin.post('/api/organisations', enterprise({ uscc: '9111010812345' })));
    expect(short).toMatchObject({ status: 400, code: 'invalid_uscc' });
    expect(short.errors?.[0]).toMatchObject({ field: 'uscc', code: 'length' });
  });

  it('refuses a second organisation with the same credit code with duplicate on uscc', async () => {
    const body = enterprise();
    expect((await admin.post('/api/organisations', body)).statusCode).toBe(201);
    const p = problem(
      await admin.post('/api/organisations', { ...body, name: '另一家公司', uscc: body.uscc.toLowerCase() }),
    );
    expect(p).toMatchObject({ status: 409, code: 'duplicate' });
    expect(p.errors).toEqual([expect.objectContaining({ field: 'uscc', code: 'duplicate' })]);
  });

  it('lets exactly one of many parallel registrations of the same credit code succeed', async () => {
    const uscc = freshUscc();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        admin.post('/api/organisations', enterprise({ uscc, name: `并发登记公司${i}` })),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(7);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(problem(r).code).toBe('duplicate');
    const stored = await env.database.db.selectFrom('organisations').select('id').where('uscc', '=', uscc).execute();
    expect(stored).toHaveLength(1);
    const audits = await env.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('entity_id', '=', stored[0]!.id)
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('derives the size class of an enterprise on the server and ignores a size class sent by the client', async () => {
    const res = await admin.post(
      '/api/organisations',
      enterprise({ employees: 103, revenueWan: 15735.28, sizeClass: 'large' }),
    );
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org.sizeClass).toBe('medium');
    expect(org.sizeBasis).toMatch(/取较小档为中型/);
    const stored = await env.database.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ employees: 103, revenue_wan: 15735.28, size_class: 'medium' });
    // Fewer staff makes it small; one micro indicator alone is enough for micro.
    expect((await admin.patch(`/api/organisations/${org.id}`, { employees: 20 })).json().sizeClass).toBe('small');
    expect(
      (await admin.patch(`/api/organisations/${org.id}`, { employees: 5, revenueWan: null })).json().sizeClass,
    ).toBe('micro');
  });

  it('leaves the size class empty and says why when a needed figure is missing', async () => {
    const org = (await admin.post('/api/organisations', enterprise({ industryCode: '39', employees: 500 }))).json();
    expect(org.sizeClass).toBeNull();
    expect(org.sizeBasis).toMatch(/请填写营业收入/);
  });

  it('gives no size class to organisations that are not enterprises', async () => {
    const org = (
      await admin.post('/api/organisations', {
        name: '北辰理工大学（测试）',
        uscc: freshUscc(),
        kind: 'university',
        industryCode: '83',
        employees: 5000,
      })
    ).json();
    expect(org.sizeClass).toBeNull();
  });

  it('refuses an unknown region, an unknown industry and a 指导部门 code on a non-government organisation', async () => {
    const p = problem(
      await admin.post(
        '/api/organisations',
        enterprise({ regionCode: '999999', industryCode: '00', departmentCode: 'MIIT' }),
      ),
    );
    expect(p).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(p.errors?.map((e) => [e.field, e.code])).toEqual([
      ['regionCode', 'unknown_region'],
      ['industryCode', 'unknown_industry'],
      ['departmentCode', 'department_not_allowed'],
    ]);
  });

  it('refuses a body that fails the schema (unknown kind, negative figures) with validation_failed', async () => {
    const p = problem(await admin.post('/api/organisations', enterprise({ kind: 'club', employees: -1 })));
    expect(p).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(p.errors?.map((e) => e.field).sort()).toEqual(['employees', 'kind']);
  });

  it('filters by kind, region prefix, industry, size and name, sorts and paginates', async () => {
    const tag = `筛选${++seq}`;
    const mk = (name: string, extra: Record<string, unknown>) =>
      admin.post('/api/organisations', enterprise({ name: `${tag}${name}`, ...extra }));
    await mk('甲', { regionCode: '320102', industryCode: '65', employees: 5 }); // micro, 江苏
    await mk('乙', { regionCode: '320582', industryCode: '39', employees: 2000, revenueWan: 500000 }); // large, 江苏
    await mk('丙', { regionCode: '330106', industryCode: '6510', employees: 5 }); // micro, 浙江
    const get = async (qs: string) => (await admin.get(`/api/organisations?q=${encodeURIComponent(tag)}&${qs}`)).json();
    expect((await get('')).total).toBe(3);
    expect((await get('region=320000')).total).toBe(2);
    expect((await get('region=32')).total).toBe(2);
    expect((await get('region=330106')).total).toBe(1);
    expect((await get('industry=65')).items.map((o: { name: string }) => o.name).sort()).toEqual(
      [`${tag}丙`, `${tag}甲`].sort(),
    );
    expect((await get('size=large')).items.map((o: { name: string }) => o.name)).toEqual([`${tag}乙`]);
    expect((await get('kind=university')).total).toBe(0);
    const page1 = await get('sort=regionCode&order=desc&pageSize=2&page=1');
    const page2 = await get('sort=regionCode&order=desc&pageSize=2&page=2');
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.items.map((o: { regionCode: string }) => o.regionCode)).toEqual(['330106', '320582']);
    expect(page2.items.map((o: { regionCode: string }) => o.regionCode)).toEqual(['320102']);
  });

  it('treats % and _ in the search text literally', async () => {
    expect((await admin.post('/api/organisations', enterprise({ name: '百分百_测试%公司' }))).statusCode).toBe(201);
    expect((await admin.get(`/api/organisations?q=${encodeURIComponent('_测试%')}`)).json().total).toBe(1);
    expect((await admin.get(`/api/organisations?q=${encodeURIComponent('%%%')}`)).json().total).toBe(0);
  });

  it('shows the directory to any signed-in member but the size figures only to its own people and the managers', async () => {
    const org = (await admin.post('/api/organisations', enterprise({ employees: 103, revenueWan: 15735.28 }))).json();
    const stranger = (await signIn(env, 'member')).client;
    const seen = (await stranger.get(`/api/organisations/${org.id}`)).json();
    expect(seen).toMatchObject({ id: org.id, sizeClass: 'medium' });
    expect(seen).not.toHaveProperty('employees');
    expect(seen).not.toHaveProperty('revenueWan');
    expect(seen.abilities).toEqual({ edit: false, editIdentity: false, verifyUscc: false, viewMembers: false });
    const insider = (await signIn(env, 'member', org)).client;
    expect((await insider.get(`/api/organisations/${org.id}`)).json()).toMatchObject({
      employees: 103,
      revenueWan: 15735.28,
    });
    const listed = (await stranger.get(`/api/organisations?q=${encodeURIComponent(org.name)}`)).json();
    expect(listed.items[0]).not.toHaveProperty('employees');
  });

  it('refuses anonymous callers the organisation directory, the detail and the USCC check with 401', async () => {
    const org = await createOrganisation(env.database.db);
    expect(problem(await env.app.inject({ method: 'GET', url: '/api/organisations' }))).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    expect(problem(await env.app.inject({ method: 'GET', url: `/api/organisations/${org.id}` })).status).toBe(401);
    expect(
      problem(
        await env.app.inject({ method: 'POST', url: '/api/organisations/check-uscc', payload: { uscc: org.uscc } }),
      ).status,
    ).toBe(401);
  });

  it('answers 404 for an organisation that does not exist', async () => {
    expect(problem(await admin.get('/api/organisations/nope'))).toMatchObject({ status: 404, code: 'not_found' });
    expect(problem(await admin.patch('/api/organisations/nope', { name: '不存在' })).status).toBe(404);
  });

  it('refuses registration to every role other than system administrator and programme owner', async () => {
    for (const role of [
      'member',
      'base_admin',
      'department_reviewer',
      'local_drc',
      'evaluator',
      'support_org',
      'investor',
      'expert',
    ] as const) {
      const c = (await signIn(env, role)).client;
      expect(problem(await c.post('/api/organisations', enterprise())), role).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    }
  });

  it("lets a base administrator edit its own organisation's profile but not its credit code, kind or another organisation", async () => {
    const org = (await admin.post('/api/organisations', enterprise())).json();
    const { client: baseAdmin } = await signIn(env, 'base_admin', org);
    const own = (await baseAdmin.get(`/api/organisations/${org.id}`)).json();
    expect(own.abilities).toMatchObject({ edit: true, editIdentity: false, viewMembers: false });
    const res = await baseAdmin.patch(`/api/organisations/${org.id}`, {
      name: `${org.name}（更名）`,
      regionCode: '320104',
      employees: 8,
      uscc: org.uscc,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ regionCode: '320104', sizeClass: 'micro', usccStatus: 'valid' });
    const rows = await auditRows(env, 'organisation', org.id, 'update');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.before!)).toMatchObject({ region_code: '320102' });
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ region_code: '320104' });
    expect(problem(await baseAdmin.patch(`/api/organisations/${org.id}`, { uscc: freshUscc() }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(problem(await baseAdmin.patch(`/api/organisations/${org.id}`, { kind: 'investor' })).status).toBe(403);
    expect(problem(await baseAdmin.post(`/api/organisations/${org.id}/verify-uscc`)).status).toBe(403);
    const other = await createOrganisation(env.database.db);
    expect(problem(await baseAdmin.patch(`/api/organisations/${other.id}`, { regionCode: '320104' }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });

  it('refuses profile edits by an ordinary member of the organisation', async () => {
    const org = await createOrganisation(env.database.db);
    const { client } = await signIn(env, 'member', org);
    expect(problem(await client.patch(`/api/organisations/${org.id}`, { regionCode: '320104' }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });

  it('lets managers change a credit code, re-checking it and refusing one already taken', async () => {
    const a = (await admin.post('/api/organisations', enterprise())).json();
    const b = (await admin.post('/api/organisations', enterprise())).json();
    const next = freshUscc();
    expect((await owner.patch(`/api/organisations/${a.id}`, { uscc: next })).json().uscc).toBe(next);
    expect(problem(await owner.patch(`/api/organisations/${a.id}`, { uscc: b.uscc }))).toMatchObject({
      status: 409,
      code: 'duplicate',
    });
    expect(problem(await owner.patch(`/api/organisations/${a.id}`, { uscc: '123' })).code).toBe('invalid_uscc');
  });

  it('checks a credit code for live form validation and names the organisation already holding it', async () => {
    const org = await createOrganisation(env.database.db);
    const member = (await signIn(env, 'member')).client;
    const taken = (await member.post('/api/organisations/check-uscc', { uscc: org.uscc.toLowerCase() })).json();
    expect(taken).toMatchObject({
      status: 'valid',
      normalized: org.uscc,
      registeredAs: { id: org.id, name: org.name },
    });
    const free = (await member.post('/api/organisations/check-uscc', { uscc: freshUscc() })).json();
    expect(free).toMatchObject({ status: 'valid', reasonCode: null, registeredAs: null });
    const bad = (await member.post('/api/organisations/check-uscc', { uscc: 'ABC' })).json();
    expect(bad).toMatchObject({ status: 'invalid', reasonCode: 'length' });
    expect(bad.message).toMatch(/18位/);
    const pilot = (await member.post('/api/organisations/check-uscc', { uscc: '91350211M0000XUF4X' })).json();
    expect(pilot).toMatchObject({ status: 'needs_manual_verification', reasonCode: 'pilot_check_char' });
  });

  it('lists the members of an organisation for the system administrator and the programme owner only', async () => {
    const org = (await admin.post('/api/organisations', enterprise())).json();
    const { user: m1, client: memberClient } = await signIn(env, 'member', org);
    const { user: m2, client: baseAdmin } = await signIn(env, 'base_admin', org);
    for (const c of [admin, owner]) {
      const res = await c.get(`/api/organisations/${org.id}/members?sort=role&order=asc`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: 2, page: 1 });
      expect(body.items.map((i: { userId: string; role: string }) => [i.userId, i.role])).toEqual([
        [m2.id, 'base_admin'],
        [m1.id, 'member'],
      ]);
      expect(body.items[0]).not.toHaveProperty('passwordHash');
    }
    expect((await admin.get(`/api/organisations/${org.id}/members?role=member`)).json().total).toBe(1);
    expect(problem(await baseAdmin.get(`/api/organisations/${org.id}/members`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(problem(await memberClient.get(`/api/organisations/${org.id}/members`)).status).toBe(403);
    expect(problem(await admin.get('/api/organisations/nope/members')).status).toBe(404);
  });
});
