import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createOrganisation, createUser, createUserWithRole } from '../../test/factories.ts';
import { auditRows, signIn } from '../organisations/test-support.ts';

let env: TestEnv;
let admin: Client;
let adminUser: { id: string };
let owner: Client;
let ndrc: { id: string };
let miit: { id: string };
let company: { id: string };
let seq = 0;
const STRONG = 'Rongtong@2021x';

beforeAll(async () => {
  env = await createTestEnv();
  const db = env.database.db;
  ndrc = await createOrganisation(db, {
    kind: 'government',
    name: '国家发展改革委高技术司（测试）',
    departmentCode: 'NDRC',
    regionCode: '110000',
  });
  miit = await createOrganisation(db, { kind: 'government', name: '工业和信息化部（测试）', departmentCode: 'MIIT' });
  company = await createOrganisation(db, { kind: 'enterprise', name: '用户测试科技有限公司' });
  const a = await signIn(env, 'system_admin', ndrc);
  admin = a.client;
  adminUser = a.user;
  owner = (await signIn(env, 'programme_owner', ndrc)).client;
});
afterAll(async () => {
  await env?.close();
});

const nextMobile = () => `139${String(10_000_000 + ++seq * 7919).slice(-8)}`;
const newUser = (extra: Record<string, unknown> = {}) => ({
  name: `测试用户${++seq}`,
  email: `user${seq}.${Date.now()}@example.cn`,
  password: STRONG,
  memberships: [{ organisationId: company.id, role: 'member' }],
  ...extra,
});

describe(`users (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('lets the system administrator create a user who can then sign in, normalising e-mail and mobile, and audits it', async () => {
    const mobile = nextMobile();
    const tag = Date.now();
    const body = newUser({
      email: `  Zhang.San${tag}@Example.CN `,
      mobile: `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`,
    });
    const res = await admin.post('/api/users', body);
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u).toMatchObject({ name: body.name, email: `zhang.san${tag}@example.cn`, mobile, disabled: false });
    expect(u.memberships).toEqual([
      expect.objectContaining({ organisationId: company.id, role: 'member', organisationKind: 'enterprise' }),
    ]);
    expect(JSON.stringify(u)).not.toMatch(/argon2|password_?hash|Rongtong@2021x/i);
    expect(u.abilities).toEqual({
      edit: true,
      disable: true,
      enable: false,
      resetPassword: true,
      revokeSessions: true,
      manageMemberships: true,
    });
    const rows = await auditRows(env, 'user', u.id, 'create');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).not.toMatch(/Rongtong@2021x/);
    expect((await new Client(env.app).login(mobile, STRONG)).statusCode).toBe(200);
    expect((await new Client(env.app).login(u.email, STRONG)).statusCode).toBe(200);
  });

  it('creates a user with a mobile number only', async () => {
    const res = await admin.post('/api/users', newUser({ email: null, mobile: nextMobile(), memberships: [] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: null, memberships: [] });
  });

  it('refuses a user with neither e-mail nor mobile', async () => {
    const p = problem(await admin.post('/api/users', newUser({ email: null, mobile: '' })));
    expect(p).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(p.errors?.map((e) => [e.field, e.code])).toEqual([
      ['email', 'identifier_required'],
      ['mobile', 'identifier_required'],
    ]);
  });

  it('refuses a mobile number that is not a mainland number and a malformed e-mail', async () => {
    const p = problem(await admin.post('/api/users', newUser({ email: 'not-an-email', mobile: '12800000000' })));
    expect(p).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(p.errors?.map((e) => [e.field, e.code])).toEqual([
      ['email', 'invalid_email'],
      ['mobile', 'invalid_mobile'],
    ]);
    expect(problem(await admin.post('/api/users', newUser({ mobile: '1380013800' }))).errors?.[0]).toMatchObject({
      field: 'mobile',
    });
  });

  it('refuses an initial password the policy rejects with weak_password on the password field', async () => {
    const weak = problem(await admin.post('/api/users', newUser({ password: 'abc' })));
    expect(weak).toMatchObject({ status: 400, code: 'weak_password' });
    expect(weak.errors?.every((e) => e.field === 'password')).toBe(true);
    const mobile = nextMobile();
    const own = problem(await admin.post('/api/users', newUser({ mobile, password: `Aa!${mobile}` })));
    expect(own.code).toBe('weak_password');
  });

  it('refuses a duplicate e-mail or mobile with duplicate naming the field', async () => {
    const mobile = nextMobile();
    const first = newUser({ mobile });
    expect((await admin.post('/api/users', first)).statusCode).toBe(201);
    const byMail = problem(await admin.post('/api/users', newUser({ email: first.email.toUpperCase() })));
    expect(byMail).toMatchObject({ status: 409, code: 'duplicate' });
    expect(byMail.errors).toEqual([expect.objectContaining({ field: 'email', code: 'duplicate' })]);
    const byMobile = problem(await admin.post('/api/users', newUser({ mobile })));
    expect(byMobile.errors).toEqual([expect.objectContaining({ field: 'mobile', code: 'duplicate' })]);
  });

  it('lets exactly one of several parallel creations with the same e-mail succeed', async () => {
    const email = `parallel${Date.now()}@example.cn`;
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => admin.post('/api/users', newUser({ email, name: `并发${i}` }))),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).map((r) => problem(r).code)).toEqual(Array(4).fill('duplicate'));
    expect(await env.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(1);
  });

  it('adds and removes memberships, notifying the user, auditing both, refusing a duplicate', async () => {
    const u = (await admin.post('/api/users', newUser({ memberships: [] }))).json();
    const res = await admin.post(`/api/users/${u.id}/memberships`, {
      organisationId: miit.id,
      role: 'department_reviewer',
    });
    expect(res.statusCode).toBe(201);
    const m = res.json().memberships[0];
    expect(m).toMatchObject({ organisationId: miit.id, role: 'department_reviewer', departmentCode: 'MIIT' });
    expect(await auditRows(env, 'membership', m.id, 'create')).toHaveLength(1);
    const notes = await env.database.db.selectFrom('notifications').selectAll().where('user_id', '=', u.id).execute();
    expect(notes.map((n) => n.title)).toEqual([expect.stringMatching(/指导部门评审/)]);
    const dup = problem(
      await admin.post(`/api/users/${u.id}/memberships`, { organisationId: miit.id, role: 'department_reviewer' }),
    );
    expect(dup).toMatchObject({ status: 409, code: 'duplicate' });
    const del = await admin.delete(`/api/users/${u.id}/memberships/${m.id}`);
    expect(del.statusCode).toBe(200);
    expect(del.json().memberships).toEqual([]);
    expect(await auditRows(env, 'membership', m.id, 'delete')).toHaveLength(1);
    expect(problem(await admin.delete(`/api/users/${u.id}/memberships/${m.id}`))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('refuses roles that do not fit the organisation with role_not_applicable', async () => {
    const u = (await admin.post('/api/users', newUser({ memberships: [] }))).json();
    const cases: [string, string][] = [
      [company.id, 'department_reviewer'],
      [miit.id, 'programme_owner'],
      [company.id, 'local_drc'],
    ];
    for (const [organisationId, role] of cases) {
      const p = problem(await admin.post(`/api/users/${u.id}/memberships`, { organisationId, role }));
      expect(p, role).toMatchObject({ status: 400, code: 'role_not_applicable' });
      expect(p.errors?.[0]?.field).toBe('role');
    }
    expect(
      (await admin.post(`/api/users/${u.id}/memberships`, { organisationId: ndrc.id, role: 'programme_owner' }))
        .statusCode,
    ).toBe(201);
    const atCreate = problem(
      await admin.post(
        '/api/users',
        newUser({ memberships: [{ organisationId: company.id, role: 'department_reviewer' }] }),
      ),
    );
    expect(atCreate).toMatchObject({ code: 'role_not_applicable' });
    expect(atCreate.errors?.[0]?.field).toBe('memberships.0.role');
    const missing = problem(
      await admin.post(`/api/users/${u.id}/memberships`, { organisationId: 'missing', role: 'member' }),
    );
    expect(missing).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('moves a signed-in user whose active membership is removed to their remaining one', async () => {
    const other = await createOrganisation(env.database.db);
    const u = await createUser(env.database.db, {
      memberships: [
        { organisationId: company.id, role: 'base_admin' },
        { organisationId: other.id, role: 'member' },
      ],
    });
    const c = new Client(env.app);
    await c.login(u.email, u.password);
    await c.post('/api/auth/switch-organisation', { organisationId: company.id });
    expect((await c.get('/api/auth/me')).json().roles).toEqual(['base_admin']);
    const detail = (await admin.get(`/api/users/${u.id}`)).json();
    const active = detail.memberships.find((m: { role: string }) => m.role === 'base_admin');
    expect((await admin.delete(`/api/users/${u.id}/memberships/${active.id}`)).statusCode).toBe(200);
    const me = (await c.get('/api/auth/me')).json();
    expect(me).toMatchObject({ activeOrganisationId: other.id, roles: ['member'] });
  });

  it('refuses to let the system administrator remove their own administrator role or disable themself', async () => {
    const me = (await admin.get(`/api/users/${adminUser.id}`)).json();
    const mine = me.memberships.find((m: { role: string }) => m.role === 'system_admin');
    expect(problem(await admin.delete(`/api/users/${adminUser.id}/memberships/${mine.id}`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    expect(problem(await admin.post(`/api/users/${adminUser.id}/disable`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    expect(me.abilities.disable).toBe(false);
  });

  it('disables a user, ending their sessions at once, and enables them again', async () => {
    const u = await createUserWithRole(env.database.db, 'member', company);
    const c = new Client(env.app);
    await c.login(u.email, u.password);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    const res = await admin.post(`/api/users/${u.id}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ disabled: true, abilities: { disable: false, enable: true } });
    expect(
      await env.database.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute(),
    ).toHaveLength(0);
    expect(problem(await c.get('/api/auth/me')).status).toBe(401);
    // Refused with the same answer as a wrong password (no account enumeration).
    expect(problem(await new Client(env.app).login(u.email, u.password))).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
    });
    expect(await auditRows(env, 'user', u.id, 'disable')).toHaveLength(1);
    expect((await admin.post(`/api/users/${u.id}/enable`)).json().disabled).toBe(false);
    expect(await auditRows(env, 'user', u.id, 'enable')).toHaveLength(1);
    expect((await new Client(env.app).login(u.email, u.password)).statusCode).toBe(200);
  });

  it('resets a password: the old one and every session stop working, a lockout is lifted, the user is told', async () => {
    const u = await createUserWithRole(env.database.db, 'member', company);
    const c = new Client(env.app);
    await c.login(u.email, u.password);
    for (let i = 0; i < 5; i++) await new Client(env.app).login(u.email, 'wrong');
    const lockedNow = await env.database.db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(lockedNow.locked_until).not.toBeNull();
    expect(problem(await new Client(env.app).login(u.email, u.password)).code).toBe('invalid_credentials');
    expect(problem(await admin.post(`/api/users/${u.id}/password`, { password: '12345678' }))).toMatchObject({
      status: 400,
      code: 'weak_password',
    });
    const res = await admin.post(`/api/users/${u.id}/password`, { password: 'Fresh#Start2020' });
    expect(res.statusCode).toBe(204);
    expect(problem(await c.get('/api/auth/me')).status).toBe(401);
    expect(problem(await new Client(env.app).login(u.email, u.password)).code).toBe('invalid_credentials');
    expect((await new Client(env.app).login(u.email, 'Fresh#Start2020')).statusCode).toBe(200);
    const rows = await auditRows(env, 'user', u.id, 'password_reset');
    expect(rows).toHaveLength(1);
    const notes = await env.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', u.id)
      .execute();
    expect(notes.map((n) => n.kind)).toContain('password_reset');
    expect(
      problem(await admin.post(`/api/users/${adminUser.id}/password`, { password: 'Fresh#Start2020' })),
    ).toMatchObject({ status: 409, code: 'invalid_state' });
  });

  it('changes name, e-mail and mobile, refusing a taken e-mail and the removal of both identifiers', async () => {
    const a = (await admin.post('/api/users', newUser())).json();
    const b = (await admin.post('/api/users', newUser())).json();
    const mobile = nextMobile();
    const res = await admin.patch(`/api/users/${a.id}`, { name: '改名后', mobile });
    expect(res.json()).toMatchObject({ name: '改名后', mobile, email: a.email });
    expect(await auditRows(env, 'user', a.id, 'update')).toHaveLength(1);
    const dup = problem(await admin.patch(`/api/users/${a.id}`, { email: b.email }));
    expect(dup).toMatchObject({ status: 409, code: 'duplicate' });
    expect(dup.errors?.[0]?.field).toBe('email');
    expect(problem(await admin.patch(`/api/users/${a.id}`, { email: null, mobile: null })).code).toBe(
      'validation_failed',
    );
    // Keeping one's own identifiers is not a duplicate.
    expect((await admin.patch(`/api/users/${a.id}`, { email: a.email })).statusCode).toBe(200);
  });

  it('lists users with filters by text, organisation, role and state, sorted and paginated', async () => {
    const org = await createOrganisation(env.database.db);
    const tag = `列表${++seq}`;
    for (const [i, role] of (['member', 'base_admin', 'member'] as const).entries()) {
      await admin.post('/api/users', newUser({ name: `${tag}-${i}`, memberships: [{ organisationId: org.id, role }] }));
    }
    const get = async (qs: string) => (await admin.get(`/api/users?${qs}`)).json();
    expect((await get(`organisationId=${org.id}`)).total).toBe(3);
    expect((await get(`organisationId=${org.id}&role=base_admin`)).items.map((u: { name: string }) => u.name)).toEqual([
      `${tag}-1`,
    ]);
    expect(
      (await get(`q=${encodeURIComponent(tag)}&sort=name&order=desc&pageSize=2`)).items.map(
        (u: { name: string }) => u.name,
      ),
    ).toEqual([`${tag}-2`, `${tag}-1`]);
    const page2 = await get(`q=${encodeURIComponent(tag)}&sort=name&order=desc&pageSize=2&page=2`);
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((u: { name: string }) => u.name)).toEqual([`${tag}-0`]);
    const first = (await get(`q=${encodeURIComponent(tag)}&sort=name`)).items[0];
    await admin.post(`/api/users/${first.id}/disable`);
    expect((await get(`organisationId=${org.id}&disabled=true`)).total).toBe(1);
    expect((await get(`organisationId=${org.id}&disabled=false`)).total).toBe(2);
  });

  it('lets the programme owner list reviewers with name, organisation and department only', async () => {
    const r1 = await createUser(env.database.db, {
      name: '评审专家甲',
      mobile: nextMobile(),
      memberships: [{ organisationId: miit.id, role: 'department_reviewer' }],
    });
    const r2 = await createUser(env.database.db, {
      name: '评审专家乙',
      memberships: [{ organisationId: miit.id, role: 'department_reviewer' }],
    });
    await admin.post(`/api/users/${r2.id}/disable`);
    const res = await owner.get(`/api/users?role=department_reviewer&organisationId=${miit.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toEqual([
      {
        id: r1.id,
        name: '评审专家甲',
        organisationId: miit.id,
        organisationName: '工业和信息化部（测试）',
        departmentCode: 'MIIT',
      },
    ]);
    expect(body.total).toBe(1);
    expect(problem(await owner.get('/api/users'))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(problem(await owner.get('/api/users?role=member')).status).toBe(403);
    expect(problem(await owner.get(`/api/users/${r1.id}`))).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('lets nobody but the system administrator manage users; other records do not exist for them', async () => {
    const target = await createUserWithRole(env.database.db, 'member', company);
    for (const role of [
      'programme_owner',
      'base_admin',
      'member',
      'department_reviewer',
      'local_drc',
      'evaluator',
      'support_org',
      'investor',
      'expert',
    ] as const) {
      const { client, user } = await signIn(env, role, role === 'programme_owner' ? ndrc : undefined);
      expect(problem(await client.post('/api/users', newUser())), role).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
      if (role !== 'programme_owner') expect(problem(await client.get('/api/users')).status, role).toBe(403);
      expect(problem(await client.get(`/api/users/${target.id}`)), role).toMatchObject({
        status: 404,
        code: 'not_found',
      });
      expect(problem(await client.patch(`/api/users/${target.id}`, { name: 'x' })).status, role).toBe(404);
      expect(problem(await client.post(`/api/users/${target.id}/disable`)).status, role).toBe(404);
      expect(problem(await client.post(`/api/users/${target.id}/password`, { password: STRONG })).status, role).toBe(
        404,
      );
      expect(
        problem(
          await client.post(`/api/users/${target.id}/memberships`, { organisationId: company.id, role: 'member' }),
        ).status,
        role,
      ).toBe(404);
      // One's own record is readable, not manageable.
      const self = await client.get(`/api/users/${user.id}`);
      expect(self.statusCode, role).toBe(200);
      expect(self.json().abilities).toEqual({
        edit: false,
        disable: false,
        enable: false,
        resetPassword: false,
        revokeSessions: false,
        manageMemberships: false,
      });
      expect(problem(await client.patch(`/api/users/${user.id}`, { name: 'x' })).status, role).toBe(403);
      expect(
        problem(
          await client.post(`/api/users/${user.id}/memberships`, { organisationId: ndrc.id, role: 'system_admin' }),
        ).status,
        role,
      ).toBe(403);
    }
    expect(problem(await env.app.inject({ method: 'GET', url: '/api/users' })).status).toBe(401);
  });

  it('answers 404 for a user that does not exist', async () => {
    expect(problem(await admin.get('/api/users/nobody'))).toMatchObject({ status: 404, code: 'not_found' });
    expect(problem(await admin.post('/api/users/nobody/disable')).status).toBe(404);
  });
});
