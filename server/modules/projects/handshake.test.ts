/**
 * Cooperation projects (issue 10): the handshake (nothing counts until every party confirms; decline with a
 * reason), one project per source under concurrency, merge, scoping (404 for outsiders), and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createSessionVia, joined, meet, meetingWorld, slots } from '../meetings/testkit.ts';
import { at, commissionEvaluation, notificationKinds, party, projectBody, type Party } from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
let a: Party; // small firm
let b: Party; // large firm
let c: Party;
let outsider: Party;
beforeAll(async () => {
  env = await createTestEnv();
  w = await meetingWorld(env);
  a = await party(env, { sizeClass: 'small', regionCode: '370211' });
  b = await party(env, { sizeClass: 'large' });
  c = await party(env, { sizeClass: 'medium' });
  outsider = await party(env, {});
});
afterAll(async () => {
  await env?.close();
});

const db = () => env.database.db;
const stats = async (p: Party, q = '') => (await p.client.get(`/api/projects/stats${q}`)).json();

describe('the handshake', () => {
  it('counts a project only when every party has confirmed it', async () => {
    const res = await a.client.post('/api/projects', projectBody([a, b], { themeDayId: w.themeDayId }));
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      stage: 'candidate',
      counted: false,
      declined: false,
      themeDay: { id: w.themeDayId },
      intendedAmount: 1_000_000,
      source: { type: 'manual', id: null },
    });
    expect(
      p.parties.map((x: { organisation: { id: string }; confirmation: string }) => [x.organisation.id, x.confirmation]),
    ).toEqual([
      [a.org.id, 'confirmed'],
      [b.org.id, 'pending'],
    ]);
    expect(p.abilities).toMatchObject({ confirm: false, decline: true, changeStage: false });
    expect(await notificationKinds(env, b.user.id)).toContain('project_candidate');

    // Not counted yet: the owner's numbers show a candidate, no project.
    expect((await stats(w.owner, `?themeDayId=${w.themeDayId}`)).total).toMatchObject({ projects: 0, candidates: 1 });
    const todo = (await b.client.get('/api/todo')).json();
    expect(todo.items).toContainEqual(
      expect.objectContaining({ kind: 'project_to_confirm', link: `/workspace/projects/${p.id}` }),
    );
    const awaiting = (await b.client.get('/api/projects?box=awaiting_me')).json();
    expect(awaiting.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect((await a.client.get('/api/projects?box=awaiting_me')).json().total).toBe(0);
    expect(problem(await a.client.post(`/api/projects/${p.id}/confirm`, {}))).toMatchObject({
      status: 409,
      code: 'already_confirmed',
    });
    expect(
      problem(await a.client.post(`/api/projects/${p.id}/stage`, { stage: 'signed', date: '2020-05-20' })),
    ).toMatchObject({ status: 409, code: 'not_confirmed' });

    const done = await b.client.post(`/api/projects/${p.id}/confirm`, { publishConsent: true });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ stage: 'intent', counted: true, dates: { intentOn: '2020-05-20' } });
    expect((await stats(w.owner, `?themeDayId=${w.themeDayId}`)).total).toMatchObject({
      projects: 1,
      candidates: 0,
      byStage: { intent: 1 },
      amounts: { intended: 1_000_000 },
    });
    expect(await auditActions(env, 'cooperation_project', p.id)).toEqual(['confirm', 'counted', 'propose']);
    expect(await notificationKinds(env, a.user.id)).toContain('project_confirmed');
    expect(problem(await b.client.post(`/api/projects/${p.id}/decline`, { reason: '改变主意了' }))).toMatchObject({
      status: 409,
      code: 'already_confirmed',
    });
  });

  it('lets a party decline with a reason; the candidate stays uncounted and the others are told', async () => {
    const p = (await a.client.post('/api/projects', projectBody([a, c]))).json();
    expect(problem(await c.client.post(`/api/projects/${p.id}/decline`, {}))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    const res = await c.client.post(`/api/projects/${p.id}/decline`, { reason: '双方仅初步接触，尚无合作' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'candidate', counted: false, declined: true });
    expect(res.json().parties[1]).toMatchObject({
      confirmation: 'declined',
      declineReason: '双方仅初步接触，尚无合作',
    });
    expect(problem(await c.client.post(`/api/projects/${p.id}/decline`, { reason: '再次拒绝' }))).toMatchObject({
      status: 409,
      code: 'already_declined',
    });
    expect(await notificationKinds(env, a.user.id)).toContain('project_declined');
    expect(await auditActions(env, 'cooperation_project', p.id)).toEqual(['decline', 'propose']);
    // A party that declined may still change its mind while the project is a candidate.
    expect((await c.client.post(`/api/projects/${p.id}/confirm`, {})).json()).toMatchObject({
      stage: 'intent',
      declined: false,
    });
  });

  it('lets the people of an investment firm or a service organisation act for their party (told, list, confirm, answer)', async () => {
    const fund = await party(env, { role: 'investor', kind: 'investor' });
    const service = await party(env, { role: 'support_org', kind: 'support_org' });
    const p = (await a.client.post('/api/projects', projectBody([a, fund, service], { type: 'investment' }))).json();
    expect(await notificationKinds(env, fund.user.id)).toContain('project_candidate');
    const awaiting = (await fund.client.get('/api/projects?box=awaiting_me')).json();
    expect(awaiting.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect((await fund.client.get(`/api/projects/${p.id}`)).json().abilities).toMatchObject({ confirm: true });
    expect((await fund.client.post(`/api/projects/${p.id}/confirm`, {})).statusCode).toBe(200);
    const done = (await service.client.post(`/api/projects/${p.id}/confirm`, {})).json();
    expect(done).toMatchObject({ stage: 'intent', counted: true });
    expect((await service.client.get('/api/projects?box=mine')).json().total).toBe(1);
  });

  it("lets the host's staff file a project for its theme day's parties, who all still confirm", async () => {
    const res = await w.host.client.post(
      '/api/projects',
      projectBody([a, b], { themeDayId: w.themeDayId, title: '承办基地代填项目' }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().parties.map((x: { confirmation: string }) => x.confirmation)).toEqual(['pending', 'pending']);
    // Without a theme day it has no standing to file for others.
    expect(problem(await w.host.client.post('/api/projects', projectBody([a, b])))).toMatchObject({
      status: 403,
      code: 'not_a_party',
    });
    // Nor can the staff confirm for a party.
    expect(problem(await w.host.client.post(`/api/projects/${res.json().id}/confirm`, {}))).toMatchObject({
      status: 403,
      code: 'not_a_party',
    });
  });
});

describe('refusals', () => {
  it('refuses bad proposals with stable codes and Chinese messages, never 500', async () => {
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [projectBody([a]), 400, 'validation_failed', 'parties'],
      [projectBody([a, b], { intendedAmount: 1000.5 }), 400, 'validation_failed', 'intendedAmount'],
      [projectBody([a, b], { intendedAmount: -1 }), 400, 'validation_failed', 'intendedAmount'],
      [projectBody([a, b], { type: 'friendship' }), 400, 'validation_failed', 'type'],
      [
        {
          ...projectBody([a, b]),
          parties: [
            { organisationId: a.org.id, role: 'lead' },
            { organisationId: a.org.id, role: 'participant' },
          ],
        },
        422,
        'duplicate_party',
      ],
      [
        {
          ...projectBody([a, b]),
          parties: [
            { organisationId: a.org.id, role: 'participant' },
            { organisationId: b.org.id, role: 'participant' },
          ],
        },
        422,
        'lead_required',
      ],
      [
        {
          ...projectBody([a, b]),
          parties: [
            { organisationId: a.org.id, role: 'lead' },
            { organisationId: 'nope', role: 'participant' },
          ],
        },
        422,
        'unknown_organisation',
      ],
      [projectBody([a, b], { contentAreas: ['space_travel'] }), 422, 'unknown_content_area'],
      [projectBody([a, b], { themeDayId: 'nope' }), 422, 'unknown_theme_day'],
    ];
    for (const [body, status, code, field] of cases) {
      const pr = problem(await a.client.post('/api/projects', body));
      expect(pr, JSON.stringify(body)).toMatchObject({ status, code });
      expect(pr.detail).toMatch(/[\u4e00-\u9fa5]/);
      if (field) expect(pr.errors?.map((e) => e.field)).toContain(field);
    }
    expect(problem(await outsider.client.post('/api/projects', projectBody([a, b])))).toMatchObject({
      status: 403,
      code: 'not_a_party',
    });
    const anon = await env.app.inject({ method: 'POST', url: '/api/projects', payload: projectBody([a, b]) });
    expect(anon.statusCode).toBeGreaterThanOrEqual(401);
    expect(anon.statusCode).toBeLessThan(500);
  });

  it('refuses bad stage changes and edits', async () => {
    const p = (await a.client.post('/api/projects', projectBody([a, b]))).json();
    await b.client.post(`/api/projects/${p.id}/confirm`, {});
    expect(
      problem(await a.client.post(`/api/projects/${p.id}/stage`, { stage: 'completed', date: '2020-05-20' })),
    ).toMatchObject({ status: 409, code: 'invalid_stage_transition' });
    expect(
      problem(await a.client.post(`/api/projects/${p.id}/stage`, { stage: 'signed', date: '2020-06-01' })),
    ).toMatchObject({ status: 422, code: 'date_in_future' });
    expect(
      problem(await a.client.post(`/api/projects/${p.id}/stage`, { stage: 'signed', date: '2020-02-30' })),
    ).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(
      problem(await a.client.post(`/api/projects/${p.id}/stage`, { stage: 'terminated', date: '2020-05-20' })),
    ).toMatchObject({ status: 422, code: 'reason_required' });
    expect(problem(await a.client.patch(`/api/projects/${p.id}`, { contractedAmount: 12.34 }))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    expect(problem(await a.client.patch(`/api/projects/${p.id}`, { stage: 'completed' }))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    expect(problem(await a.client.put(`/api/projects/${p.id}/follow-ups/3`, { status: 'on_track' }))).toMatchObject({
      status: 404,
      code: 'follow_up_not_found',
    });
    const ok = await a.client.patch(`/api/projects/${p.id}`, { contractedAmount: 9_007_199_254, jobsCreated: 12 });
    expect(ok.json()).toMatchObject({ contractedAmount: 9_007_199_254, jobsCreated: 12 });
    const row = await db()
      .selectFrom('cooperation_projects')
      .select('contracted_amount')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.contracted_amount)).toBe(9_007_199_254);
    const terminated = await a.client.post(`/api/projects/${p.id}/stage`, {
      stage: 'terminated',
      date: '2020-05-20',
      reason: '技术路线调整',
    });
    expect(terminated.json()).toMatchObject({
      stage: 'terminated',
      terminationReason: '技术路线调整',
      dates: { terminatedOn: '2020-05-20' },
    });
    expect(problem(await a.client.patch(`/api/projects/${p.id}`, { title: '新名称' }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(
      problem(await a.client.post(`/api/projects/from-source`, { sourceType: 'demand_response', sourceId: 'x' })),
    ).toMatchObject({ status: 422, code: 'source_type_unsupported' });
    expect(
      problem(await a.client.post(`/api/projects/from-source`, { sourceType: 'meeting', sourceId: 'nope' })),
    ).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('scoping', () => {
  it('shows a project to its parties, the host, NDRC, the department and local DRC in remit and its theme day’s evaluator; 404 for everyone else', async () => {
    const p = (
      await a.client.post('/api/projects', projectBody([a, b], { themeDayId: w.themeDayId, title: '范围测试项目' }))
    ).json();
    const see = async (x: Party) => (await x.client.get(`/api/projects/${p.id}`)).statusCode;
    const drcHere = await party(env, { role: 'local_drc', regionCode: '110000' });
    const drcPartyProvince = await party(env, { role: 'local_drc', regionCode: '370000' });
    const drcElsewhere = await party(env, { role: 'local_drc', regionCode: '440000' });
    const sasac = await party(env, { role: 'department_reviewer', departmentCode: 'SASAC' });
    const moe = await party(env, { role: 'department_reviewer', departmentCode: 'MOE' });
    const evaluator = await party(env, { role: 'evaluator' });
    const evaluatorElsewhere = await party(env, { role: 'evaluator' });
    const otherBase = await party(env, { role: 'base_admin' });
    // Not commissioned yet: an evaluator reads nothing.
    expect(await see(evaluator)).toBe(404);
    await commissionEvaluation(w.owner, evaluator, [w.themeDayId]);
    for (const x of [a, b, w.host, w.owner, w.support, drcHere, drcPartyProvince, sasac, evaluator])
      expect(await see(x)).toBe(200);
    for (const x of [outsider, c, drcElsewhere, moe, otherBase, evaluatorElsewhere]) expect(await see(x)).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: `/api/projects/${p.id}` })).statusCode).toBe(401);
    // Acting on it: outsiders get 404 before anything else; the host (who can see it) is not a party.
    expect(problem(await outsider.client.post(`/api/projects/${p.id}/confirm`, {}))).toMatchObject({ status: 404 });
    expect(problem(await outsider.client.post(`/api/projects/${p.id}/merge`, { otherId: p.id }))).toMatchObject({
      status: 404,
    });
    expect(problem(await w.host.client.patch(`/api/projects/${p.id}`, { title: '主办方改名' }))).toMatchObject({
      status: 403,
      code: 'not_a_party',
    });
    // Lists and numbers are scoped the same way.
    const ids = async (x: Party) =>
      (await x.client.get('/api/projects?pageSize=200')).json().items.map((i: { id: string }) => i.id);
    expect(await ids(outsider)).not.toContain(p.id);
    expect(await ids(drcElsewhere)).not.toContain(p.id);
    expect(await ids(w.host)).toContain(p.id);
    expect(await ids(evaluator)).toContain(p.id);
    expect(await ids(evaluatorElsewhere)).toEqual([]);
    expect((await stats(evaluatorElsewhere)).total.candidates).toBe(0);
    expect((await stats(outsider)).total.candidates).toBe(0);
  });
});

describe('signals', () => {
  it('makes one candidate per 1:1 meeting marked "cooperation possible", even when both sides report in the same second', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { tables: 1, slots: slots(1) });
    const [x, y] = await joined(env, s.id, 2);
    const m = await meet(s.id, x!, y!);
    expect(
      problem(await x!.client.post('/api/projects/from-source', { sourceType: 'meeting', sourceId: m })),
    ).toMatchObject({ status: 409, code: 'source_not_eligible' });
    const back = env.clock.now();
    await at(env, '2020-09-10T01:30:00Z', [x!, y!, outsider]);
    try {
      const both = await Promise.all(
        [x!, y!].map((p) => p.client.put(`/api/meetings/${m}/outcome`, { outcome: 'cooperation_possible' })),
      );
      expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
      const rows = await db()
        .selectFrom('cooperation_projects')
        .selectAll()
        .where('source_type', '=', 'meeting')
        .where('source_id', '=', m)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ stage: 'candidate', theme_day_id: w.themeDayId });
      // Named after the session ("…（工业互联网供需洽谈会）"), without a doubled "洽谈".
      expect(rows[0]!.title).toMatch(/与.+合作（工业互联网供需洽谈会）$/);
      // Asking for the candidate through the API, in parallel, yields the same project.
      const asked = await Promise.all(
        [x!, y!, x!, y!].map((p) => p.client.post('/api/projects/from-source', { sourceType: 'meeting', sourceId: m })),
      );
      expect(asked.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
      expect(new Set(asked.map((r) => r.json().id))).toEqual(new Set([rows[0]!.id]));
      const parties = asked[0]!
        .json()
        .parties.map((q: { organisation: { id: string }; confirmation: string }) => [
          q.organisation.id,
          q.confirmation,
        ]);
      expect(parties).toEqual([
        [x!.org.id, 'pending'],
        [y!.org.id, 'pending'],
      ]);
      expect(await notificationKinds(env, y!.user.id)).toContain('project_candidate');
      // Someone who was not at the meeting cannot raise it.
      expect(
        problem(await outsider.client.post('/api/projects/from-source', { sourceType: 'meeting', sourceId: m })),
      ).toMatchObject({ status: 404 });
    } finally {
      await at(env, back.toISOString(), [outsider]);
    }
  });

  it('makes one project when two proposals of the same source race directly (service level)', async () => {
    const { proposeFromSource } = await import('./service.ts');
    const { systemContext } = await import('../../lib/context.ts');
    const ctx = systemContext(env.database, { clock: env.clock });
    const spec = {
      sourceType: 'demand_response' as const,
      sourceId: 'resp-1',
      themeDayId: null,
      title: '需求响应合作',
      type: 'joint_rd' as const,
      contentAreas: ['collaborative_rd'],
      parties: [
        { organisationId: a.org.id, role: 'lead' as const },
        { organisationId: c.org.id, role: 'participant' as const },
      ],
    };
    const results = await Promise.all(
      [0, 1, 2].map(() => ctx.db.transaction().execute((trx) => proposeFromSource(trx, ctx, spec))),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(
      await db().selectFrom('project_parties').select('id').where('project_id', '=', results[0]!.id).execute(),
    ).toHaveLength(2);
  });
});

describe('merge', () => {
  it('merges two candidates describing the same cooperation; the absorbed one points at the survivor', async () => {
    const one = (await a.client.post('/api/projects', projectBody([a, b], { title: '合并甲' }))).json();
    const two = (await b.client.post('/api/projects', projectBody([b, a, c], { title: '合并乙' }))).json();
    const unrelated = (await c.client.post('/api/projects', projectBody([c, outsider], { title: '无关' }))).json();
    expect(problem(await a.client.post(`/api/projects/${one.id}/merge`, { otherId: one.id }))).toMatchObject({
      status: 422,
      code: 'merge_same_project',
    });
    expect(problem(await a.client.post(`/api/projects/${one.id}/merge`, { otherId: unrelated.id }))).toMatchObject({
      status: 404,
    });
    const hostX = (
      await w.host.client.post('/api/projects', projectBody([a, b], { themeDayId: w.themeDayId, title: '主办甲' }))
    ).json();
    const hostY = (
      await w.host.client.post(
        '/api/projects',
        projectBody([c, outsider], { themeDayId: w.themeDayId, title: '主办乙' }),
      )
    ).json();
    expect(problem(await w.host.client.post(`/api/projects/${hostX.id}/merge`, { otherId: hostY.id }))).toMatchObject({
      status: 409,
      code: 'merge_no_common_party',
    });
    expect(problem(await a.client.post(`/api/projects/${one.id}/merge`, { otherId: hostX.id }))).toMatchObject({
      status: 409,
      code: 'merge_theme_day_mismatch',
    });
    env.clock.advance(1000); // parties added by the merge come after the survivor's own
    const res = await a.client.post(`/api/projects/${one.id}/merge`, { otherId: two.id });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .parties.map((x: { organisation: { id: string }; confirmation: string }) => [
          x.organisation.id,
          x.confirmation,
        ]),
    ).toEqual([
      [a.org.id, 'confirmed'],
      [b.org.id, 'pending'],
      [c.org.id, 'pending'],
    ]);
    expect((await b.client.get(`/api/projects/${two.id}`)).json()).toMatchObject({
      mergedIntoId: one.id,
      abilities: { confirm: false },
    });
    expect(problem(await b.client.post(`/api/projects/${two.id}/confirm`, {}))).toMatchObject({
      status: 409,
      code: 'project_merged',
    });
    const listed = (await b.client.get('/api/projects?box=mine&pageSize=200'))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(listed).toContain(one.id);
    expect(listed).not.toContain(two.id);
    expect(await auditActions(env, 'cooperation_project', one.id)).toEqual(['merge', 'propose']);
    await b.client.post(`/api/projects/${one.id}/confirm`, {});
    const counted = await c.client.post(`/api/projects/${one.id}/confirm`, {});
    expect(counted.json()).toMatchObject({ stage: 'intent', counted: true });
    const three = (await a.client.post('/api/projects', projectBody([a, b], { title: '合并丙' }))).json();
    expect(problem(await a.client.post(`/api/projects/${three.id}/merge`, { otherId: one.id }))).toMatchObject({
      status: 409,
      code: 'merge_not_candidates',
    });
  });
});
