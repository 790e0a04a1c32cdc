import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions as auditActionsOf, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createUser } from '../../test/factories.ts';
import { clientFor, eventWorld, person, type EventWorld, type Person } from '../events/testkit.ts';
import { DECLARATION_TEXT } from '../../../common/contracts/results.ts';
import { NON_CLASSIFIED_NOTICE } from '../../../common/contracts/common.ts';

let env: TestEnv;
let w: EventWorld;
let author: Person; // a university researcher
let reviewer: Person; // the university's 保密 officer (member), designated
let admin: Person; // the university's base_admin
let other: Person; // another organisation
let owner: Person; // NDRC
beforeAll(async () => {
  env = await createTestEnv();
  w = await eventWorld(env);
  author = await person(env, 'member', undefined, { kind: 'university' });
  reviewer = await person(env, 'member', author.org);
  admin = await person(env, 'base_admin', author.org);
  other = await person(env, 'member', undefined, { sizeClass: 'small' });
  owner = await person(env, 'programme_owner');
  const r = await admin.client.post(`/api/organisations/${author.org.id}/confidentiality-reviewers`, {
    userId: reviewer.user.id,
  });
  expect(r.statusCode, r.body).toBe(201);
});
afterAll(async () => {
  await env?.close();
});

const db = () => env.database.db;
const auditActions = (entityType: string, entityId: string) => auditActionsOf(env, entityType, entityId);

const body = (over: Record<string, unknown> = {}) => ({
  title: '高精度工业视觉缺陷检测算法',
  fieldCode: 'I65',
  description: '基于深度学习的表面缺陷检测，检出率99.5%。',
  trl: 6,
  patents: ['ZL202010123456.7'],
  transferMode: 'licence',
  priceExpectation: '面议',
  ...over,
});
async function draft(p: Person = author, over: Record<string, unknown> = {}) {
  const r = await p.client.post('/api/results', body(over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}
const submit = (id: string, p: Person = author) =>
  p.client.post(`/api/results/${id}/submit`, { declaration: true, declarationText: DECLARATION_TEXT });
const publicIds = async () =>
  (await env.app.inject({ method: 'GET', url: '/api/results?pageSize=200' }))
    .json<{ items: { id: string }[] }>()
    .items.map((i) => i.id);

describe('the confidentiality gate', () => {
  it('keeps a result 404 to others and out of public lists until the review says 可以公开', async () => {
    const id = await draft();
    const created = (await author.client.get(`/api/results/${id}`)).json<{
      notice: string;
      declarationWording: string;
      fieldCode: string;
    }>();
    expect(created.notice).toBe(NON_CLASSIFIED_NOTICE);
    expect(created.declarationWording).toBe(DECLARATION_TEXT);
    expect(created.fieldCode).toBe('I65');
    const outsiders = [other.client, owner.client, w.host.client];
    const check404 = async () => {
      for (const c of outsiders) expect((await c.get(`/api/results/${id}`)).statusCode).toBe(404);
      expect((await env.app.inject({ method: 'GET', url: `/api/results/${id}` })).statusCode).toBe(404);
      expect(await publicIds()).not.toContain(id);
    };
    await check404();
    expect((await submit(id)).statusCode).toBe(200);
    await check404();
    // the reviewer sees it in their queue
    const queue = (await reviewer.client.get('/api/results?box=review')).json<{
      items: { id: string; abilities: { review: boolean } }[];
    }>();
    expect(queue.items.find((i) => i.id === id)?.abilities.review).toBe(true);
    const r = await reviewer.client.post(`/api/results/${id}/review`, { outcome: 'public' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ status: string; publishedAt: string }>().status).toBe('public');
    expect(await publicIds()).toContain(id);
    const anon = await env.app.inject({ method: 'GET', url: `/api/results/${id}` });
    expect(anon.statusCode).toBe(200);
    expect(anon.json<{ declaration: unknown }>().declaration).toBeNull(); // the declaration record is internal
    expect(await auditActions('result', id)).toEqual(['create', 'declare_and_submit', 'review_public']);
  });

  it('records the declaration with user, organisation and time', async () => {
    env.clock.advance(60_000);
    const at = env.clock.now().toISOString();
    const id = await draft();
    await submit(id);
    const row = await db().selectFrom('results').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.declaration_text).toBe(DECLARATION_TEXT);
    expect(row.declared_by).toBe(author.user.id);
    expect(row.declared_org_id).toBe(author.org.id);
    expect(row.declared_at).toBe(at);
    const v = (await author.client.get(`/api/results/${id}`)).json<{ declaration: { userId: string; at: string } }>();
    expect(v.declaration.userId).toBe(author.user.id);
  });

  it('refuses to submit without the explicit declaration or with altered wording', async () => {
    const id = await draft();
    expect(problem(await author.client.post(`/api/results/${id}/submit`, { declaration: false })).code).toBe(
      'declaration_required',
    );
    expect(
      problem(
        await author.client.post(`/api/results/${id}/submit`, { declaration: true, declarationText: '本成果不涉密' }),
      ).code,
    ).toBe('declaration_required');
    expect(problem(await author.client.post(`/api/results/${id}/submit`, {})).status).toBe(400);
  });

  it('refuses to submit when the organisation has no designated reviewer', async () => {
    const lone = await person(env, 'member', undefined, { kind: 'institute' });
    const id = await draft(lone);
    expect(problem(await submit(id, lone)).code).toBe('no_confidentiality_reviewer');
  });

  it('sends a result back with 修改后公开, lets the author edit and declare again, then publishes', async () => {
    const id = await draft();
    await submit(id);
    expect(problem(await author.client.patch(`/api/results/${id}`, { title: '改个名称' })).code).toBe('invalid_state');
    expect(problem(await reviewer.client.post(`/api/results/${id}/review`, { outcome: 'revise' })).status).toBe(422);
    const back = await reviewer.client.post(`/api/results/${id}/review`, {
      outcome: 'revise',
      comment: '删去第三段中的具体工艺参数',
    });
    expect(back.json<{ status: string }>().status).toBe('changes_requested');
    expect((await other.client.get(`/api/results/${id}`)).statusCode).toBe(404);
    const n = await db().selectFrom('notifications').select('title').where('user_id', '=', author.user.id).execute();
    expect(n.some((x) => x.title.includes('修改后公开'))).toBe(true);
    expect(
      (await author.client.patch(`/api/results/${id}`, { description: '基于深度学习的表面缺陷检测。' })).statusCode,
    ).toBe(200);
    expect((await submit(id)).statusCode).toBe(200);
    expect((await reviewer.client.post(`/api/results/${id}/review`, { outcome: 'public' })).statusCode).toBe(200);
    expect((await other.client.get(`/api/results/${id}`)).statusCode).toBe(200);
  });

  it('ends a result with 不同意公开; it never becomes visible', async () => {
    const id = await draft();
    await submit(id);
    const r = await reviewer.client.post(`/api/results/${id}/review`, {
      outcome: 'reject',
      comment: '涉及未公开的军工配套信息',
    });
    expect(r.json<{ status: string }>().status).toBe('rejected');
    expect((await other.client.get(`/api/results/${id}`)).statusCode).toBe(404);
    expect(problem(await submit(id)).code).toBe('invalid_state');
    expect(await publicIds()).not.toContain(id);
  });

  it('lets only a designated reviewer review, never their own declaration', async () => {
    const id = await draft();
    await submit(id);
    expect(problem(await admin.client.post(`/api/results/${id}/review`, { outcome: 'public' })).code).toBe(
      'not_confidentiality_reviewer',
    );
    expect(problem(await author.client.post(`/api/results/${id}/review`, { outcome: 'public' })).code).toBe(
      'not_confidentiality_reviewer',
    );
    expect(problem(await other.client.post(`/api/results/${id}/review`, { outcome: 'public' })).status).toBe(404);
    const own = await draft(reviewer);
    await submit(own, reviewer);
    expect(problem(await reviewer.client.post(`/api/results/${own}/review`, { outcome: 'public' })).code).toBe(
      'self_review',
    );
  });
});

describe('reviewer designations', () => {
  it('are managed by the organisation’s base_admin or a system_admin, for members only, and audited', async () => {
    const newcomer = await createUser(db(), { memberships: [{ organisationId: author.org.id, role: 'member' }] });
    expect(
      problem(
        await author.client.post(`/api/organisations/${author.org.id}/confidentiality-reviewers`, {
          userId: newcomer.id,
        }),
      ).code,
    ).toBe('forbidden');
    expect(
      problem(
        await other.client.post(`/api/organisations/${author.org.id}/confidentiality-reviewers`, {
          userId: newcomer.id,
        }),
      ).status,
    ).toBe(404);
    expect(
      problem(
        await admin.client.post(`/api/organisations/${author.org.id}/confidentiality-reviewers`, {
          userId: other.user.id,
        }),
      ).code,
    ).toBe('reviewer_not_member');
    expect(
      problem(
        await admin.client.post(`/api/organisations/${author.org.id}/confidentiality-reviewers`, {
          userId: reviewer.user.id,
        }),
      ).code,
    ).toBe('duplicate_member');
    const sys = await person(env, 'system_admin');
    const r = await sys.client.post(`/api/organisations/${author.org.id}/confidentiality-reviewers`, {
      userId: newcomer.id,
    });
    expect(r.statusCode).toBe(201);
    const id = r.json<{ id: string }>().id;
    expect(await auditActions('confidentiality_reviewer', id)).toEqual(['designate']);
    const list = (await author.client.get(`/api/organisations/${author.org.id}/confidentiality-reviewers`)).json<{
      items: { user: { id: string } }[];
    }>();
    expect(list.items.map((i) => i.user.id)).toEqual(expect.arrayContaining([reviewer.user.id, newcomer.id]));
    expect((await admin.client.delete(`/api/confidentiality-reviewers/${id}`)).statusCode).toBe(204);
    expect(await auditActions('confidentiality_reviewer', id)).toEqual(['designate', 'revoke']);
  });
});

describe('reviewer candidates', () => {
  it('lists the organisation’s people to its base_admin (who may manage), 403 to its members and 404 to outsiders', async () => {
    const c = await admin.client.get(`/api/organisations/${author.org.id}/confidentiality-reviewer-candidates`);
    expect(c.statusCode, c.body).toBe(200);
    const ids = c.json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([author.user.id, reviewer.user.id, admin.user.id]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(other.user.id);
    expect(
      problem(await author.client.get(`/api/organisations/${author.org.id}/confidentiality-reviewer-candidates`)).code,
    ).toBe('forbidden');
    expect(
      problem(await other.client.get(`/api/organisations/${author.org.id}/confidentiality-reviewer-candidates`)).status,
    ).toBe(404);
    expect(
      problem(
        await env.app.inject({
          method: 'GET',
          url: `/api/organisations/${author.org.id}/confidentiality-reviewer-candidates`,
        }),
      ).status,
    ).toBe(401);
    const asAdmin = (await admin.client.get(`/api/organisations/${author.org.id}/confidentiality-reviewers`)).json<{
      canManage: boolean;
    }>();
    expect(asAdmin.canManage).toBe(true);
    const asAuthor = (await author.client.get(`/api/organisations/${author.org.id}/confidentiality-reviewers`)).json<{
      canManage: boolean;
    }>();
    expect(asAuthor.canManage).toBe(false);
  });
});

describe('results on theme days, filters and applications', () => {
  it('finds public results by a keyword in the title or description, never drafts', async () => {
    const shown = await draft(author, { title: '钙钛矿叠层电池封装工艺', description: '柔性封装，寿命提升' });
    await submit(shown);
    await reviewer.client.post(`/api/results/${shown}/review`, { outcome: 'public' });
    const hidden = await draft(author, { title: '钙钛矿未公开草稿' });
    const r = (await env.app.inject({ method: 'GET', url: `/api/results?q=${encodeURIComponent('钙钛矿')}` })).json<{
      items: { id: string }[];
    }>();
    expect(r.items.map((i) => i.id)).toEqual([shown]);
    expect(r.items.map((i) => i.id)).not.toContain(hidden);
  });

  it('links to a theme day that enables joint commercialisation and validates TRL and field', async () => {
    expect((await author.client.post('/api/results', body({ themeDayId: w.themeDay.id }))).statusCode).toBe(201);
    expect(problem(await author.client.post('/api/results', body({ trl: 10 }))).status).toBe(400);
    expect(problem(await author.client.post('/api/results', body({ fieldCode: 'C65' }))).status).toBe(400);
    expect(problem(await env.app.inject({ method: 'POST', url: '/api/results', payload: body() })).status).toBe(401);
  });

  it('filters public results by field, TRL and transfer mode', async () => {
    const id = await draft(author, { fieldCode: '39', trl: 8, transferMode: 'equity' });
    await submit(id);
    await reviewer.client.post(`/api/results/${id}/review`, { outcome: 'public' });
    const r = (
      await env.app.inject({ method: 'GET', url: '/api/results?fieldCode=C39&trlMin=7&transferMode=equity' })
    ).json<{ items: { id: string }[]; total: number }>();
    expect(r.items.map((i) => i.id)).toEqual([id]);
    const none = (await env.app.inject({ method: 'GET', url: '/api/results?fieldCode=C39&trlMax=5' })).json<{
      total: number;
    }>();
    expect(none.total).toBe(0);
  });

  it('takes applications to public results only, once per organisation, decided by the publisher', async () => {
    const id = await draft();
    expect(
      problem(await other.client.post(`/api/results/${id}/applications`, { message: '希望许可使用' })).status,
    ).toBe(404);
    await submit(id);
    await reviewer.client.post(`/api/results/${id}/review`, { outcome: 'public' });
    const a = await other.client.post(`/api/results/${id}/applications`, {
      message: '希望许可使用，用于汽车零部件质检',
    });
    expect(a.statusCode, a.body).toBe(201);
    const appId = a.json<{ id: string }>().id;
    expect(problem(await other.client.post(`/api/results/${id}/applications`, { message: '再申请' })).code).toBe(
      'already_applied',
    );
    expect(problem(await author.client.post(`/api/results/${id}/applications`, { message: 'x' })).code).toBe(
      'own_result',
    );
    const third = await person(env, 'member');
    expect(problem(await third.client.post(`/api/result-applications/${appId}/accept`, {})).status).toBe(404);
    expect(problem(await other.client.post(`/api/result-applications/${appId}/accept`, {})).code).toBe('forbidden');
    const received = (await author.client.get('/api/result-applications?box=received')).json<{
      items: { id: string }[];
    }>();
    expect(received.items.map((i) => i.id)).toContain(appId);
    expect(
      (await author.client.post(`/api/result-applications/${appId}/accept`, { note: '欢迎洽谈' })).statusCode,
    ).toBe(200);
    expect(problem(await author.client.post(`/api/result-applications/${appId}/decline`, {})).code).toBe(
      'invalid_state',
    );
    expect(await auditActions('result_application', appId)).toEqual(['accept', 'create']);
    const mine = (await other.client.get('/api/result-applications')).json<{ items: { status: string }[] }>();
    expect(mine.items[0]?.status).toBe('accepted');
    void clientFor;
  });
});

describe('policy per role', () => {
  it('keeps a result under review 404 for every role outside the organisation, including NDRC, the local DRC and system admins', async () => {
    const id = await draft();
    await submit(id);
    for (const role of [
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
    ] as const) {
      const p = await person(env, role, undefined, { regionCode: '110108' });
      expect((await p.client.get(`/api/results/${id}`)).statusCode, role).toBe(404);
      expect((await p.client.post(`/api/results/${id}/review`, { outcome: 'public' })).statusCode, role).toBe(404);
      expect((await p.client.patch(`/api/results/${id}`, { title: '别人的成果' })).statusCode, role).toBe(404);
      const box = (await p.client.get('/api/results?box=review')).json<{ items: { id: string }[] }>();
      expect(
        box.items.map((i) => i.id),
        role,
      ).not.toContain(id);
    }
    // a colleague in the same organisation sees the draft but cannot review it
    const colleague = await person(env, 'member', author.org);
    expect((await colleague.client.get(`/api/results/${id}`)).statusCode).toBe(200);
    expect(problem(await colleague.client.post(`/api/results/${id}/review`, { outcome: 'public' })).code).toBe(
      'not_confidentiality_reviewer',
    );
  });
});

describe('export', () => {
  it('exports only public results to .xlsx for the public', async () => {
    const hidden = await draft(author, { title: '尚未公开的保密成果样例' });
    void hidden;
    const r = await env.app.inject({ method: 'GET', url: '/api/results.xlsx' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const titles: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) titles.push(row.getCell(1).text);
    });
    expect(titles).not.toContain('尚未公开的保密成果样例');
    expect(titles.length).toBeGreaterThan(0);
  });
});
