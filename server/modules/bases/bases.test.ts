import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createBase, createOrganisation } from '../../test/factories.ts';
import { auditRows, signIn } from '../organisations/test-support.ts';

let env: TestEnv;
let admin: Client;
let owner: Client;
let seq = 0;

beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signIn(env, 'system_admin')).client;
  owner = (await signIn(env, 'programme_owner')).client;
});
afterAll(async () => {
  await env?.close();
});

const anon = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  env.app.inject({ method, url, ...(payload ? { payload } : {}) });

async function newBase(extra: Record<string, unknown> = {}) {
  const n = ++seq;
  const org = await createOrganisation(env.database.db, { name: `基地运营集团${n}有限公司` });
  return {
    name: `测试集团${n}双创示范基地`,
    shortName: `测试集团${n}`,
    kind: 'enterprise',
    batch: 2,
    regionCode: '320102',
    supervisingDepartment: 'SASAC',
    organisationId: org.id,
    description: '面向产业链上下游开放应用场景。',
    ...extra,
  };
}

describe(`demonstration bases (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('lets the programme owner register a base, with its organisation and region names, and audits it', async () => {
    const body = await newBase();
    const res = await owner.post('/api/bases', body);
    expect(res.statusCode).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({
      name: body.name,
      shortName: body.shortName,
      kind: 'enterprise',
      batch: 2,
      regionCode: '320102',
      regionName: '江苏省 南京市 玄武区',
      provinceCode: '320000',
      supervisingDepartment: 'SASAC',
      organisationId: body.organisationId,
    });
    expect(b.organisationName).toMatch(/基地运营集团/);
    expect(b.abilities).toEqual({
      edit: true,
      editShortName: true,
      editDescription: true,
      remind: false,
      follow: true,
    });
    const rows = await auditRows(env, 'base', b.id, 'create');
    expect(rows).toHaveLength(1);
  });

  it('lets the system administrator register a base too', async () => {
    expect((await admin.post('/api/bases', await newBase({ kind: 'regional', organisationId: null }))).statusCode).toBe(
      201,
    );
  });

  it('refuses base registration to every other role', async () => {
    for (const role of [
      'base_admin',
      'member',
      'department_reviewer',
      'local_drc',
      'support_org',
      'evaluator',
    ] as const) {
      const c = (await signIn(env, role)).client;
      expect(problem(await c.post('/api/bases', await newBase())), role).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    }
    expect(problem(await anon('POST', '/api/bases', await newBase()))).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
  });

  it('refuses a short name longer than 20 characters, counting each Chinese character as one', async () => {
    const ok = await owner.post('/api/bases', await newBase({ shortName: '一二三四五六七八九十一二三四五六七八九十' }));
    expect(ok.statusCode).toBe(201);
    const p = problem(
      await owner.post('/api/bases', await newBase({ shortName: '一二三四五六七八九十一二三四五六七八九十一' })),
    );
    expect(p).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(p.errors).toEqual([expect.objectContaining({ field: 'shortName', code: 'too_long' })]);
    expect(p.detail).toMatch(/不超过20个字/);
  });

  it('refuses a missing short name, an unknown region, a missing organisation and an unknown base kind', async () => {
    const blank = problem(await owner.post('/api/bases', await newBase({ shortName: '   ' })));
    expect(blank).toMatchObject({ status: 400, code: 'validation_failed' });
    const p = problem(
      await owner.post('/api/bases', await newBase({ regionCode: '990000', organisationId: 'missing' })),
    );
    expect(p.errors?.map((e) => [e.field, e.code])).toEqual([
      ['regionCode', 'unknown_region'],
      ['organisationId', 'not_found'],
    ]);
    const kind = problem(await owner.post('/api/bases', await newBase({ kind: 'startup', batch: 0 })));
    expect(kind.code).toBe('validation_failed');
    expect(kind.errors?.map((e) => e.field).sort()).toEqual(['batch', 'kind']);
  });

  it('refuses a duplicate base name and a duplicate short name with duplicate on the field', async () => {
    const first = await newBase();
    expect((await owner.post('/api/bases', first)).statusCode).toBe(201);
    const sameName = problem(await owner.post('/api/bases', await newBase({ name: first.name })));
    expect(sameName).toMatchObject({ status: 409, code: 'duplicate' });
    expect(sameName.errors).toEqual([expect.objectContaining({ field: 'name', code: 'duplicate' })]);
    const sameShort = problem(await owner.post('/api/bases', await newBase({ shortName: first.shortName })));
    expect(sameShort).toMatchObject({ status: 409, code: 'duplicate' });
    expect(sameShort.errors).toEqual([expect.objectContaining({ field: 'shortName', code: 'duplicate' })]);
  });

  it('lets exactly one of several parallel registrations of the same base name succeed', async () => {
    const body = await newBase();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => owner.post('/api/bases', { ...body, shortName: `并发${seq}${i}` })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).map((r) => problem(r).code)).toEqual(Array(5).fill('duplicate'));
  });

  it('shows the directory and a base to anonymous visitors, with public fields only', async () => {
    const b = await createBase(env.database.db, { name: '公开浏览示范基地', shortName: '公开浏览' });
    const list = await anon('GET', '/api/bases?q=公开浏览');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const item = list.json().items[0];
    expect(item).toMatchObject({
      id: b.id,
      shortName: '公开浏览',
      abilities: { edit: false, editShortName: false, editDescription: false },
    });
    expect(Object.keys(item).sort()).toEqual([
      'abilities',
      'batch',
      'createdAt',
      'description',
      'id',
      'kind',
      'name',
      'organisationId',
      'organisationName',
      'provinceCode',
      'regionCode',
      'regionName',
      'shortName',
      'supervisingDepartment',
      'supervisorOrganisationId',
      'supervisorOrganisationName',
      'updatedAt',
    ]);
    expect((await anon('GET', `/api/bases/${b.id}`)).json().name).toBe('公开浏览示范基地');
    expect(problem(await anon('GET', '/api/bases/unknown'))).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('filters by kind, batch, province, department and text, sorts and paginates', async () => {
    const tag = `过滤${++seq}`;
    await createBase(env.database.db, {
      name: `${tag}甲基地`,
      shortName: `${tag}甲`,
      kind: 'enterprise',
      batch: 1,
      regionCode: '320102',
    });
    await createBase(env.database.db, {
      name: `${tag}乙基地`,
      shortName: `${tag}乙`,
      kind: 'academic',
      batch: 2,
      regionCode: '320582',
    });
    await createBase(env.database.db, {
      name: `${tag}丙基地`,
      shortName: `${tag}丙`,
      kind: 'regional',
      batch: 3,
      regionCode: '330106',
    });
    const get = async (qs: string) => (await anon('GET', `/api/bases?q=${encodeURIComponent(tag)}&${qs}`)).json();
    expect((await get('')).total).toBe(3);
    expect((await get('kind=academic')).items.map((b: { batch: number }) => b.batch)).toEqual([2]);
    expect((await get('batch=3')).total).toBe(1);
    expect((await get('region=320000')).total).toBe(2);
    expect((await get('region=3205')).total).toBe(1);
    expect((await get('supervisingDepartment=SASAC')).total).toBe(3);
    expect((await get('supervisingDepartment=MOE')).total).toBe(0);
    const desc = await get('sort=batch&order=desc&pageSize=2');
    expect(desc.items.map((b: { batch: number }) => b.batch)).toEqual([3, 2]);
    expect((await get('sort=batch&order=desc&pageSize=2&page=2')).items.map((b: { batch: number }) => b.batch)).toEqual(
      [1],
    );
    // The short name is searched too.
    expect((await anon('GET', `/api/bases?q=${encodeURIComponent(`${tag}乙`)}`)).json().total).toBe(1);
    expect(problem(await anon('GET', '/api/bases?region=3')).code).toBe('validation_failed');
  });

  it("lets a base administrator edit its own base's description but not its short name or other fields", async () => {
    const org = await createOrganisation(env.database.db);
    const b = await createBase(env.database.db, { organisationId: org.id });
    const { client } = await signIn(env, 'base_admin', org);
    const seen = (await client.get(`/api/bases/${b.id}`)).json();
    expect(seen.abilities).toEqual({
      edit: false,
      editShortName: false,
      editDescription: true,
      remind: false,
      follow: false,
    });
    const res = await client.patch(`/api/bases/${b.id}`, { description: '新的基地简介', shortName: b.short_name });
    expect(res.statusCode).toBe(200);
    expect(res.json().description).toBe('新的基地简介');
    const rows = await auditRows(env, 'base', b.id, 'update');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ description: '新的基地简介' });
    const short = problem(await client.patch(`/api/bases/${b.id}`, { shortName: '新简称' }));
    expect(short).toMatchObject({ status: 403, code: 'forbidden' });
    expect(short.detail).toMatch(/活动方案标题/);
    expect(problem(await client.patch(`/api/bases/${b.id}`, { batch: 1 }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    const other = await createBase(env.database.db);
    expect(problem(await client.patch(`/api/bases/${other.id}`, { description: '越权' }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });

  it('refuses base edits by a member of the operating organisation who is not its administrator', async () => {
    const org = await createOrganisation(env.database.db);
    const b = await createBase(env.database.db, { organisationId: org.id });
    const { client } = await signIn(env, 'member', org);
    expect(problem(await client.patch(`/api/bases/${b.id}`, { description: 'x' }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(problem(await anon('PATCH', `/api/bases/${b.id}`, { description: 'x' })).status).toBe(401);
  });

  it('lets the programme owner change the short name and every other field, refusing a taken short name', async () => {
    const a = await createBase(env.database.db);
    const b = await createBase(env.database.db);
    const res = await owner.patch(`/api/bases/${a.id}`, {
      shortName: `改名${seq}`,
      batch: 4,
      regionCode: '440305',
      supervisingDepartment: 'MIIT',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      shortName: `改名${seq}`,
      batch: 4,
      provinceCode: '440000',
      supervisingDepartment: 'MIIT',
    });
    const dup = problem(await owner.patch(`/api/bases/${a.id}`, { shortName: b.short_name }));
    expect(dup).toMatchObject({ status: 409, code: 'duplicate' });
    expect(dup.errors).toEqual([expect.objectContaining({ field: 'shortName' })]);
    expect(problem(await owner.patch('/api/bases/unknown', { batch: 1 })).status).toBe(404);
  });
});
