/**
 * Issue 12 §1 on both databases: a person without an organisation registers one (unverified, they administer
 * it), an unverified organisation may not publish, verifiers decide within their scope (a local DRC only in its
 * province), decisions are made once even when two arrive together, and requests to join are decided by the
 * organisation's administrators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SMTPServer } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { makeUscc } from '../../../common/uscc-make.ts';
import { auditActions, auditRows, Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createOrganisation, createUser, createUserWithRole } from '../../test/factories.ts';

let env: TestEnv;
let smtp: SMTPServer;
const mails: ParsedMail[] = [];
let owner: Client;
let jsDrc: Client;
let zjDrc: Client;
let outsider: Client;
let jsDrcUserId: string;
let zjDrcUserId: string;
let ownerUserId: string;
let seq = 70_000;
const freshUscc = (region = '320102') => makeUscc(++seq * 1000 + Math.floor(Math.random() * 1000), region);
const PILOT_USCC = '91350211M0000XUF46'; // pilot-era Xiamen code failing the GB 32100 check character

async function signedIn(u: { email: string; password: string }): Promise<Client> {
  const c = new Client(env.app);
  const res = await c.login(u.email, u.password);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return c;
}

/** A person who just signed up: no organisation. */
async function newcomer(): Promise<{ client: Client; userId: string }> {
  const u = await createUser(env.database.db, {});
  return { client: await signedIn(u), userId: u.id };
}

const registration = (extra: Record<string, unknown> = {}) => ({
  name: `南京融通注册测试科技有限公司${++seq}`,
  uscc: freshUscc(),
  kind: 'enterprise',
  regionCode: '320102',
  industryCode: '65',
  employees: 35,
  revenueWan: 1200,
  ...extra,
});

/** A newcomer with a freshly registered organisation. */
async function registered(extra: Record<string, unknown> = {}) {
  const n = await newcomer();
  const res = await n.client.post('/api/onboarding/organisations', registration(extra));
  expect(res.statusCode, res.body).toBe(201);
  return { ...n, org: res.json<{ id: string; name: string; verificationStatus: string }>() };
}

const notificationsOf = (userId: string) =>
  env.database.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).execute();

beforeAll(async () => {
  let port: number;
  ({ server: smtp, port } = await startSmtpSink(mails));
  // E-mail on (to an in-process SMTP server), so decisions queue an e-mail copy.
  env = await createTestEnv({ env: { RT_SMTP_URL: `smtp://127.0.0.1:${port}` } });
  const db = env.database.db;
  const ndrc = await createOrganisation(db, { kind: 'government', regionCode: '110000' });
  const o = await createUserWithRole(db, 'programme_owner', ndrc);
  ownerUserId = o.id;
  owner = await signedIn(o);
  const js = await createUserWithRole(
    db,
    'local_drc',
    await createOrganisation(db, { kind: 'government', regionCode: '320000' }),
  );
  jsDrcUserId = js.id;
  jsDrc = await signedIn(js);
  const zj = await createUserWithRole(
    db,
    'local_drc',
    await createOrganisation(db, { kind: 'government', regionCode: '330000' }),
  );
  zjDrcUserId = zj.id;
  zjDrc = await signedIn(zj);
  outsider = await signedIn(await createUserWithRole(db, 'member'));
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

describe(`registering an organisation (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('refuses an anonymous registration', async () => {
    const res = await new Client(env.app).post('/api/onboarding/organisations', registration());
    expect(problem(res)).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('registers the organisation unverified, makes the registrant its administrator and tells the province’s verifiers', async () => {
    const { client, userId, org } = await registered();
    expect(org.verificationStatus).toBe('unverified');
    const me = (await client.get('/api/auth/me')).json<{
      activeOrganisationId: string;
      roles: string[];
      nav: string[];
    }>();
    expect(me.activeOrganisationId).toBe(org.id);
    expect(me.roles).toEqual(['member']);
    expect(me.nav).toContain('joinRequests');
    expect(me.nav).not.toContain('onboarding');
    const status = (await client.get('/api/onboarding/status')).json<{ organisations: unknown[] }>();
    expect(status.organisations).toEqual([
      { id: org.id, name: org.name, verificationStatus: 'unverified', rejectionReason: null, orgAdmin: true },
    ]);
    expect(await auditActions(env, 'organisation', org.id)).toEqual(['register']);
    const row = await env.database.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', org.id)
      .executeTakeFirst();
    expect(row).toMatchObject({ registered_by: userId, verification_status: 'unverified', size_class: 'small' });
    expect(
      (await notificationsOf(jsDrcUserId)).some(
        (n) => n.kind === 'organisation_to_verify' && n.title.includes(org.name),
      ),
    ).toBe(true);
    expect((await notificationsOf(ownerUserId)).some((n) => n.title.includes(org.name))).toBe(true);
    expect((await notificationsOf(zjDrcUserId)).some((n) => n.title.includes(org.name))).toBe(false);
  });

  it('checks the credit code as the register does and names a code already registered', async () => {
    const { client } = await newcomer();
    const bad = await client.post('/api/onboarding/organisations', registration({ uscc: '91320102MA1XXXXX00' }));
    expect(problem(bad)).toMatchObject({ status: 400, code: 'invalid_uscc' });
    const taken = await registered();
    const takenRow = await env.database.db
      .selectFrom('organisations')
      .select('uscc')
      .where('id', '=', taken.org.id)
      .executeTakeFirstOrThrow();
    const dup = await client.post('/api/onboarding/organisations', registration({ uscc: takenRow.uscc }));
    expect(problem(dup)).toMatchObject({ status: 409, code: 'duplicate' });
    expect(problem(dup).detail).toContain(takenRow.uscc);
    expect(problem(dup).detail).not.toContain(taken.org.name);
    expect(problem(dup).errors?.[0]?.field).toBe('uscc');
  });

  it('refuses a second registration by someone who already belongs to an organisation', async () => {
    const { client } = await registered();
    const res = await client.post('/api/onboarding/organisations', registration());
    expect(problem(res)).toMatchObject({ status: 409, code: 'already_in_organisation' });
    expect(problem(await outsider.post('/api/onboarding/organisations', registration()))).toMatchObject({
      status: 409,
      code: 'already_in_organisation',
    });
  });
  it('registers one organisation when the same person sends several registrations at once', async () => {
    for (let round = 0; round < 2; round++) {
      const { client, userId } = await newcomer();
      // Distinct credit codes (and no Idempotency-Key): only the "no organisation yet" claim can stop the others.
      const results = await Promise.all(
        Array.from({ length: 4 }, () => client.post('/api/onboarding/organisations', registration())),
      );
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes, results.map((r) => r.body).join('\n')).toEqual([201, 409, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409))
        expect(problem(r).code).toBe('already_in_organisation');
      const orgs = await env.database.db
        .selectFrom('organisations')
        .select('id')
        .where('registered_by', '=', userId)
        .execute();
      const memberships = await env.database.db
        .selectFrom('memberships')
        .select('organisation_id')
        .where('user_id', '=', userId)
        .execute();
      const winner = results.find((r) => r.statusCode === 201)!.json<{ id: string }>();
      expect(orgs.map((o) => o.id)).toEqual([winner.id]);
      expect(memberships.map((m) => m.organisation_id)).toEqual([winner.id]);
    }
  });
});

describe('an unverified organisation may not publish', () => {
  const GATED: [string, string][] = [
    ['需求', '/api/demands'],
    ['需求导入', '/api/demands/import'],
    ['发布需求', '/api/demands/x/publish'],
    ['发布资源', '/api/resources/x/publish'],
    ['资源/技术', '/api/resources'],
    ['资源导入', '/api/resources/import'],
    ['成果', '/api/results'],
    ['成果送审', '/api/results/x/submit'],
    ['新闻', '/api/news'],
    ['路演申报', '/api/roadshows/x/projects'],
    ['合作项目', '/api/projects'],
    ['合作项目（来源）', '/api/projects/from-source'],
  ];
  let unverified: Client;
  let rejected: Client;
  let verified: Client;
  beforeAll(async () => {
    unverified = (await registered()).client;
    const r = await registered();
    rejected = r.client;
    expect(
      (
        await owner.post(`/api/onboarding/verifications/${r.org.id}/decision`, {
          decision: 'reject',
          reason: '营业执照信息不符',
        })
      ).statusCode,
    ).toBe(200);
    const v = await registered();
    verified = v.client;
    expect(
      (await jsDrc.post(`/api/onboarding/verifications/${v.org.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(200);
  });

  it.each(GATED)('refuses %s (%s) with organisation_unverified', async (_label, url) => {
    const res = await unverified.post(url, {});
    expect(problem(res)).toMatchObject({ status: 403, code: 'organisation_unverified' });
    expect(problem(res).detail).toContain('等待审核');
    const res2 = await rejected.post(url, {});
    expect(problem(res2)).toMatchObject({ status: 403, code: 'organisation_unverified' });
    expect(problem(res2).detail).toContain('未通过审核');
  });

  it('lets the same request through the gate once the organisation is verified', async () => {
    for (const [, url] of GATED) {
      const res = await verified.post(url, {});
      expect(res.json<{ code: string }>().code, url).not.toBe('organisation_unverified');
    }
  });

  it('still lets an unverified organisation see theme-day sessions and its own workspace', async () => {
    expect((await unverified.get('/api/todo')).statusCode).toBe(200);
    expect((await unverified.get('/api/onboarding/status')).statusCode).toBe(200);
  });
});

describe('the verification queue', () => {
  it('shows a local DRC only its province and hides the organisation from another province (404)', async () => {
    const { org } = await registered();
    const list = async (c: Client) =>
      (await c.get('/api/onboarding/verifications?pageSize=100'))
        .json<{ items: { id: string }[] }>()
        .items.map((i) => i.id);
    expect(await list(owner)).toContain(org.id);
    expect(await list(jsDrc)).toContain(org.id);
    expect(await list(zjDrc)).not.toContain(org.id);
    const wrong = await zjDrc.post(`/api/onboarding/verifications/${org.id}/decision`, { decision: 'approve' });
    expect(problem(wrong)).toMatchObject({ status: 404, code: 'not_found' });
    expect(problem(await outsider.get('/api/onboarding/verifications'))).toMatchObject({ status: 404 });
    const byMember = await outsider.post(`/api/onboarding/verifications/${org.id}/decision`, { decision: 'approve' });
    expect(problem(byMember)).toMatchObject({ status: 404 });
  });

  it('approves once, tells the registrant in-app and by e-mail, audits, and refuses a second decision', async () => {
    const { org, userId } = await registered();
    const res = await jsDrc.post(`/api/onboarding/verifications/${org.id}/decision`, { decision: 'approve' });
    expect(res.json()).toEqual({ id: org.id, verificationStatus: 'verified' });
    const notes = await notificationsOf(userId);
    expect(notes.map((n) => n.kind)).toContain('organisation_verified');
    const queued = await env.database.db
      .selectFrom('notification_deliveries')
      .select(['channel', 'kind'])
      .where('user_id', '=', userId)
      .execute();
    expect(queued).toContainEqual({ channel: 'email', kind: 'organisation_verified' });
    expect(await auditActions(env, 'organisation', org.id)).toEqual(['register', 'verify']);
    const again = await owner.post(`/api/onboarding/verifications/${org.id}/decision`, {
      decision: 'reject',
      reason: '重复提交',
    });
    expect(problem(again)).toMatchObject({ status: 409, code: 'already_decided' });
    const verifiedList = (await owner.get('/api/onboarding/verifications?status=verified&pageSize=100')).json<{
      items: { id: string; abilities: { decide: boolean } }[];
    }>();
    expect(verifiedList.items.find((i) => i.id === org.id)?.abilities.decide).toBe(false);
  });

  it('needs a reason to reject and shows it to the registrant', async () => {
    const { org, client } = await registered();
    const noReason = await owner.post(`/api/onboarding/verifications/${org.id}/decision`, { decision: 'reject' });
    expect(problem(noReason).status).toBe(400);
    await owner.post(`/api/onboarding/verifications/${org.id}/decision`, {
      decision: 'reject',
      reason: '单位名称与代码不符',
    });
    const status = (await client.get('/api/onboarding/status')).json<{
      organisations: { verificationStatus: string; rejectionReason: string }[];
    }>();
    expect(status.organisations[0]).toMatchObject({
      verificationStatus: 'rejected',
      rejectionReason: '单位名称与代码不符',
    });
  });

  it('leaves exactly one decision when two verifiers decide at once', async () => {
    for (let i = 0; i < 3; i++) {
      const { org } = await registered();
      const [a, b] = await Promise.all([
        owner.post(`/api/onboarding/verifications/${org.id}/decision`, { decision: 'approve' }),
        jsDrc.post(`/api/onboarding/verifications/${org.id}/decision`, { decision: 'reject', reason: '并发测试' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(problem(loser).code).toBe('already_decided');
      const row = await env.database.db
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', org.id)
        .executeTakeFirstOrThrow();
      expect(row.verification_status).toBe(a.statusCode === 200 ? 'verified' : 'rejected');
      const decisions = (await auditActions(env, 'organisation', org.id)).filter((x) => x !== 'register');
      expect(decisions).toHaveLength(1);
    }
  });

  it('keeps the pilot-era code’s manual verification and marks it verified on approval', async () => {
    const { org } = await registered({ uscc: PILOT_USCC, regionCode: '350203' });
    const before = await owner.get(`/api/organisations/${org.id}`);
    expect(before.json()).toMatchObject({ usccStatus: 'needs_manual_verification' });
    // Fujian has no local DRC here: Jiangsu's does not see it.
    expect(
      problem(await jsDrc.post(`/api/onboarding/verifications/${org.id}/decision`, { decision: 'approve' })).status,
    ).toBe(404);
    expect(
      (await owner.post(`/api/onboarding/verifications/${org.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(200);
    expect((await owner.get(`/api/organisations/${org.id}`)).json()).toMatchObject({ usccStatus: 'manually_verified' });
  });
});

describe('requests to join an organisation', () => {
  it('finds an organisation by name or exact credit code, and leaves rejected ones out', async () => {
    const { org } = await registered();
    const row = await env.database.db
      .selectFrom('organisations')
      .select('uscc')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    const { client } = await newcomer();
    const byCode = (await client.get(`/api/onboarding/organisations?q=${row.uscc.toLowerCase()}`)).json<{
      items: { id: string }[];
    }>();
    expect(byCode.items.map((i) => i.id)).toEqual([org.id]);
    const byName = (
      await client.get(`/api/onboarding/organisations?q=${encodeURIComponent(org.name.slice(-8))}`)
    ).json<{
      items: { id: string }[];
    }>();
    expect(byName.items.map((i) => i.id)).toContain(org.id);
    await owner.post(`/api/onboarding/verifications/${org.id}/decision`, { decision: 'reject', reason: '不予通过' });
    const after = (await client.get(`/api/onboarding/organisations?q=${row.uscc}`)).json<{ items: unknown[] }>();
    expect(after.items).toEqual([]);
    const ask = await client.post('/api/onboarding/join-requests', { organisationId: org.id, message: '我是员工' });
    expect(problem(ask)).toMatchObject({ status: 404 });
  });

  it('asks once (a double click inserts one request), the administrator approves, and the requester becomes a member', async () => {
    const admin = await registered();
    const asker = await newcomer();
    const body = { organisationId: admin.org.id, message: '我是研发部的张工' };
    const [a, b] = await Promise.all([
      asker.client.post('/api/onboarding/join-requests', body),
      asker.client.post('/api/onboarding/join-requests', body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(problem(a.statusCode === 409 ? a : b).code).toBe('join_request_pending');
    const again = await asker.client.post('/api/onboarding/join-requests', body);
    expect(problem(again)).toMatchObject({ status: 409, code: 'join_request_pending' });
    const rows = await env.database.db
      .selectFrom('join_requests')
      .selectAll()
      .where('user_id', '=', asker.userId)
      .execute();
    expect(rows).toHaveLength(1);
    expect((await notificationsOf(admin.userId)).map((n) => n.kind)).toContain('join_request');

    const list = (await admin.client.get('/api/onboarding/join-requests?status=pending')).json<{
      items: { id: string; requester: { id: string }; message: string; abilities: { decide: boolean } }[];
    }>();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      requester: { id: asker.userId },
      message: '我是研发部的张工',
      abilities: { decide: true },
    });
    const id = list.items[0]!.id;

    // Someone who does not administer the organisation: the request does not exist for them.
    expect(
      problem(await outsider.post(`/api/onboarding/join-requests/${id}/decision`, { decision: 'approve' })),
    ).toMatchObject({ status: 404 });
    expect(problem(await outsider.get('/api/onboarding/join-requests'))).toMatchObject({ status: 403 });
    expect(
      problem(await asker.client.post(`/api/onboarding/join-requests/${id}/decision`, { decision: 'approve' })),
    ).toMatchObject({ status: 404 });

    const ok = await admin.client.post(`/api/onboarding/join-requests/${id}/decision`, {
      decision: 'approve',
      note: '欢迎',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const me = (await asker.client.get('/api/auth/me')).json<{
      activeOrganisationId: string;
      roles: string[];
      nav: string[];
    }>();
    expect(me).toMatchObject({ activeOrganisationId: admin.org.id, roles: ['member'] });
    expect(me.nav).not.toContain('joinRequests');
    expect((await notificationsOf(asker.userId)).map((n) => n.kind)).toContain('join_request_approved');
    expect(await auditActions(env, 'join_request', id)).toEqual(['approve', 'create']);

    // A new member is no administrator: they neither list nor decide requests.
    expect(problem(await asker.client.get('/api/onboarding/join-requests'))).toMatchObject({ status: 403 });
    const twice = await admin.client.post(`/api/onboarding/join-requests/${id}/decision`, { decision: 'decline' });
    expect(problem(twice)).toMatchObject({ status: 409, code: 'already_decided' });
    const member = await asker.client.post('/api/onboarding/join-requests', body);
    expect(problem(member)).toMatchObject({ status: 409, code: 'already_member' });
  });

  it('declines with a note the requester reads, after which they may ask again', async () => {
    const admin = await registered();
    const asker = await newcomer();
    const r = await asker.client.post('/api/onboarding/join-requests', { organisationId: admin.org.id });
    const id = r.json<{ id: string }>().id;
    expect(
      (
        await admin.client.post(`/api/onboarding/join-requests/${id}/decision`, {
          decision: 'decline',
          note: '查无此人',
        })
      ).statusCode,
    ).toBe(200);
    const status = (await asker.client.get('/api/onboarding/status')).json<{
      organisations: unknown[];
      joinRequests: { status: string; decisionNote: string }[];
    }>();
    expect(status.organisations).toEqual([]);
    expect(status.joinRequests[0]).toMatchObject({ status: 'declined', decisionNote: '查无此人' });
    expect(
      (await asker.client.post('/api/onboarding/join-requests', { organisationId: admin.org.id })).statusCode,
    ).toBe(201);
  });

  it('refuses an anonymous join request', async () => {
    const res = await new Client(env.app).post('/api/onboarding/join-requests', { organisationId: 'x' });
    expect(problem(res)).toMatchObject({ status: 401 });
  });
});

describe('the to-do list shows what awaits the verifier and the organisation admin', () => {
  interface Item {
    kind: string;
    detail: string;
    link: string;
    awaitsAnswer?: boolean;
  }
  const todo = async (c: Client, kind: string): Promise<Item | undefined> => {
    const r = await c.get('/api/todo');
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ items: Item[] }>().items.find((i) => i.kind === kind);
  };
  const pendingIn = async (province: string) =>
    (
      await env.database.db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('verification_status', '=', 'unverified')
        .where('region_code', 'like', `${province}%`)
        .executeTakeFirstOrThrow()
    ).n;

  it('counts unverified organisations in the verifier’s own province and links to 单位审核', async () => {
    const zhejiang = await registered({ regionCode: '330106' });
    const item = await todo(zjDrc, 'org_verification');
    expect(item).toMatchObject({ link: '/workspace/org-verification', awaitsAnswer: true });
    expect(item!.detail).toContain(`${Number(await pendingIn('33'))}家单位待审核`);
    // Jiangsu's DRC counts its own province only; a member has no queue at all.
    const js = await todo(jsDrc, 'org_verification');
    if (Number(await pendingIn('32')) === 0) expect(js).toBeUndefined();
    else expect(js!.detail).toContain(`${Number(await pendingIn('32'))}家单位待审核`);
    expect(await todo(outsider, 'org_verification')).toBeUndefined();
    // Once decided, it leaves the Zhejiang DRC's list (it was the only one there).
    const res = await zjDrc.post(`/api/onboarding/verifications/${zhejiang.org.id}/decision`, { decision: 'approve' });
    expect(res.statusCode, res.body).toBe(200);
    expect(Number(await pendingIn('33'))).toBe(0);
    expect(await todo(zjDrc, 'org_verification')).toBeUndefined();
  });

  it('shows a pending join request to the organisation’s admin only, until it is decided', async () => {
    const admin = await registered();
    expect(await todo(admin.client, 'join_requests')).toBeUndefined();
    const asker = await newcomer();
    const ask = await asker.client.post('/api/onboarding/join-requests', { organisationId: admin.org.id });
    expect(ask.statusCode, ask.body).toBe(201);
    const item = await todo(admin.client, 'join_requests');
    expect(item).toMatchObject({ link: '/workspace/join-requests', detail: '1份加入申请待处理', awaitsAnswer: true });
    expect(await todo(asker.client, 'join_requests')).toBeUndefined();
    const id = ask.json<{ id: string }>().id;
    const decided = await admin.client.post(`/api/onboarding/join-requests/${id}/decision`, { decision: 'decline' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await todo(admin.client, 'join_requests')).toBeUndefined();
  });
});

describe('correcting and resubmitting a rejected organisation', () => {
  const resubmitUrl = (id: string) => `/api/onboarding/organisations/${id}/resubmit`;
  const reject = async (id: string, reason: string) => {
    const res = await owner.post(`/api/onboarding/verifications/${id}/decision`, { decision: 'reject', reason });
    expect(res.statusCode, res.body).toBe(200);
  };
  const orgRow = (id: string) =>
    env.database.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  interface StatusOrg {
    id: string;
    verificationStatus: string;
    rejectionReason: string | null;
    registration?: Record<string, unknown>;
  }
  const myOrg = async (c: Client, id: string) =>
    (await c.get('/api/onboarding/status'))
      .json<{ organisations: StatusOrg[] }>()
      .organisations.find((o) => o.id === id);

  it('shows the admin its details, takes the corrected ones, awaits verification again and tells the new province', async () => {
    const r = await registered({ employees: 12 });
    await reject(r.org.id, '营业执照名称与填写不符');
    const before = await orgRow(r.org.id);
    const shown = await myOrg(r.client, r.org.id);
    expect(shown).toMatchObject({ verificationStatus: 'rejected', rejectionReason: '营业执照名称与填写不符' });
    expect(shown!.registration).toEqual({
      name: before.name,
      uscc: before.uscc,
      kind: 'enterprise',
      regionCode: '320102',
      industryCode: '65',
      employees: 12,
      revenueWan: 1200,
      assetsWan: null,
    });

    // Corrected: another name, another credit code, and the organisation is in Zhejiang after all.
    const corrected = registration({ regionCode: '330106', employees: 400 });
    const res = await r.client.post(resubmitUrl(r.org.id), corrected);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: r.org.id, name: corrected.name, verificationStatus: 'unverified' });
    const after = await orgRow(r.org.id);
    expect(after).toMatchObject({
      name: corrected.name,
      uscc: corrected.uscc,
      region_code: '330106',
      employees: 400,
      size_class: 'medium',
      verification_status: 'unverified',
      rejection_reason: null,
      verified_by: null,
      verified_at: null,
      registered_by: r.userId,
    });
    const shownAfter = await myOrg(r.client, r.org.id);
    expect(shownAfter).toMatchObject({ verificationStatus: 'unverified', rejectionReason: null });
    expect(shownAfter!.registration).toBeUndefined();

    // The reason stays in the audit trail.
    expect(await auditActions(env, 'organisation', r.org.id)).toEqual(['register', 'reject', 'resubmit']);
    const resubmit = (await auditRows(env, 'organisation', r.org.id)).find((a) => a.action === 'resubmit')!;
    expect(resubmit.actor_user_id).toBe(r.userId);
    expect(JSON.parse(resubmit.before!)).toMatchObject({
      verification_status: 'rejected',
      rejection_reason: '营业执照名称与填写不符',
      name: before.name,
    });
    expect(JSON.parse(resubmit.after!)).toMatchObject({ verification_status: 'unverified', name: corrected.name });

    // The verifiers of its (corrected) province are told again; Jiangsu's no longer covers it.
    const resubmitted = (n: { kind: string; title: string }) =>
      n.kind === 'organisation_to_verify' && n.title.includes('重新提交') && n.title.includes(corrected.name);
    expect((await notificationsOf(zjDrcUserId)).some(resubmitted)).toBe(true);
    expect((await notificationsOf(ownerUserId)).some(resubmitted)).toBe(true);
    expect((await notificationsOf(jsDrcUserId)).some(resubmitted)).toBe(false);

    // The old credit code is free again; the new one is taken.
    const { client } = await newcomer();
    expect((await client.post('/api/onboarding/organisations', registration({ uscc: before.uscc }))).statusCode).toBe(
      201,
    );

    // Back in the queue: Zhejiang's DRC decides it (which also keeps Zhejiang's queue empty for the to-do test).
    const ok = await zjDrc.post(`/api/onboarding/verifications/${r.org.id}/decision`, { decision: 'approve' });
    expect(ok.json()).toEqual({ id: r.org.id, verificationStatus: 'verified' });
  });

  it('refuses resubmitting an organisation that is not rejected (409 not_rejected)', async () => {
    const waiting = await registered();
    const res = await waiting.client.post(resubmitUrl(waiting.org.id), registration());
    expect(problem(res)).toMatchObject({ status: 409, code: 'not_rejected' });
    const verified = await registered();
    await owner.post(`/api/onboarding/verifications/${verified.org.id}/decision`, { decision: 'approve' });
    const res2 = await verified.client.post(resubmitUrl(verified.org.id), registration());
    expect(problem(res2)).toMatchObject({ status: 409, code: 'not_rejected' });
    expect((await orgRow(verified.org.id)).verification_status).toBe('verified');
    expect(await auditActions(env, 'organisation', waiting.org.id)).toEqual(['register']);
  });

  it('refuses anyone who is not its administrator (404), and the anonymous (401)', async () => {
    const admin = await registered();
    // A member who joined while it awaited verification, but does not administer it.
    const member = await newcomer();
    const ask = await member.client.post('/api/onboarding/join-requests', { organisationId: admin.org.id });
    expect(ask.statusCode, ask.body).toBe(201);
    const decided = await admin.client.post(`/api/onboarding/join-requests/${ask.json<{ id: string }>().id}/decision`, {
      decision: 'approve',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await reject(admin.org.id, '资料不全');
    for (const c of [member.client, outsider, owner, jsDrc, (await newcomer()).client]) {
      expect(problem(await c.post(resubmitUrl(admin.org.id), registration()))).toMatchObject({
        status: 404,
        code: 'not_found',
      });
    }
    expect((await myOrg(member.client, admin.org.id))!.registration).toBeUndefined();
    expect(problem(await new Client(env.app).post(resubmitUrl(admin.org.id), registration())).status).toBe(401);
    expect(problem(await admin.client.post(resubmitUrl('no-such-organisation'), registration())).status).toBe(404);
    expect((await orgRow(admin.org.id)).verification_status).toBe('rejected');
  });

  it('checks the corrected details as registration does, and leaves it rejected when they are wrong', async () => {
    const r = await registered();
    await reject(r.org.id, '代码有误');
    const bad = await r.client.post(resubmitUrl(r.org.id), registration({ uscc: '91320102MA1XXXXX00' }));
    expect(problem(bad)).toMatchObject({ status: 400, code: 'invalid_uscc' });
    expect(problem(bad).errors?.[0]?.field).toBe('uscc');
    const region = await r.client.post(resubmitUrl(r.org.id), registration({ regionCode: '999999' }));
    expect(problem(region)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem(region).errors?.map((e) => e.field)).toEqual(['regionCode']);
    const shortName = await r.client.post(resubmitUrl(r.org.id), registration({ name: 'x' }));
    expect(problem(shortName).status).toBe(400);
    const other = await registered();
    const taken = (await orgRow(other.org.id)).uscc;
    const dup = await r.client.post(resubmitUrl(r.org.id), registration({ uscc: taken }));
    expect(problem(dup)).toMatchObject({ status: 409, code: 'duplicate' });
    expect(problem(dup).errors?.[0]?.field).toBe('uscc');
    expect(await orgRow(r.org.id)).toMatchObject({ verification_status: 'rejected', rejection_reason: '代码有误' });
    expect(await auditActions(env, 'organisation', r.org.id)).toEqual(['register', 'reject']);
  });

  it('keeps an unchanged credit code and resubmits once when two resubmissions arrive together', async () => {
    const r = await registered();
    await reject(r.org.id, '名称有误');
    const uscc = (await orgRow(r.org.id)).uscc;
    const [a, b] = await Promise.all([
      r.client.post(resubmitUrl(r.org.id), registration({ uscc })),
      r.client.post(resubmitUrl(r.org.id), registration({ uscc })),
    ]);
    expect([a.statusCode, b.statusCode].sort(), a.body + b.body).toEqual([200, 409]);
    expect(problem(a.statusCode === 409 ? a : b).code).toBe('not_rejected');
    expect(await auditActions(env, 'organisation', r.org.id)).toEqual(['register', 'reject', 'resubmit']);
    expect(await orgRow(r.org.id)).toMatchObject({ uscc, verification_status: 'unverified' });
  });
});
