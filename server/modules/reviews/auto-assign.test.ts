import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department } from '../../../common/roles.ts';
import { createTestEnv, problem, testDialect, type TestEnv } from '../../test/harness.ts';
import { createOrganisation, createUser } from '../../test/factories.ts';
import { auditActions, baseWithAdmin, programmeVia, signIn, submittedPlan, userWith } from '../plans/testkit.ts';
import { autoAssign } from './auto-assign.ts';

describe('autoAssign (pure)', () => {
  const reviewers = [
    { id: 'r1', name: '甲', department: 'MIIT', orgIds: ['o1'] },
    { id: 'r2', name: '乙', department: 'MIIT', orgIds: ['o2'] },
    { id: 'r3', name: '丙', department: 'SASAC', orgIds: ['o3'] },
  ];

  it('prefers a reviewer from a department the plan does not have yet when loads are equal', () => {
    const r = autoAssign({
      plans: [{ id: 'p1', conflictOrgIds: [], assignedReviewerIds: [] }],
      reviewers,
      load: new Map(),
      perPlan: 2,
    });
    const picked = r.assignments.map((a) => a.reviewerId);
    expect(picked).toHaveLength(2);
    expect(new Set(picked.map((id) => reviewers.find((x) => x.id === id)!.department)).size).toBe(2);
  });

  it('is deterministic and never picks a conflicted reviewer', () => {
    const input = {
      plans: [
        { id: 'p1', conflictOrgIds: ['o1'], assignedReviewerIds: [] },
        { id: 'p2', conflictOrgIds: [], assignedReviewerIds: [] },
      ],
      reviewers,
      load: new Map<string, number>(),
      perPlan: 2,
    };
    const a = autoAssign(input);
    expect(autoAssign(input)).toEqual(a);
    expect(a.assignments.filter((x) => x.planId === 'p1').map((x) => x.reviewerId)).not.toContain('r1');
    expect(a.understaffed).toEqual([]);
  });

  it('reports plans it cannot fully staff', () => {
    const r = autoAssign({
      plans: [{ id: 'p1', conflictOrgIds: ['o1', 'o2'], assignedReviewerIds: [] }],
      reviewers,
      load: new Map(),
      perPlan: 3,
    });
    expect(r.assignments.map((a) => a.reviewerId)).toEqual(['r3']);
    expect(r.understaffed).toEqual([{ planId: 'p1', assigned: 1, needed: 3 }]);
  });
});

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2020-05-20T02:00:00Z' });
});
afterAll(async () => {
  await env?.close();
});

describe(`automatic reviewer assignment over the API (${testDialect()})`, () => {
  it('staffs every submitted plan with balanced load, avoids conflicts, spreads departments and reports shortfalls', async () => {
    const owner = await userWith(env, 'programme_owner');
    const pid = await programmeVia(owner.client, { year: 2020 });
    const admins: Awaited<ReturnType<typeof baseWithAdmin>>[] = [];
    for (let i = 0; i < 4; i++) admins.push(await baseWithAdmin(env));
    const plans: string[] = [];
    for (const a of admins) plans.push(await submittedPlan(a.client, pid));
    const draftAdmin = await baseWithAdmin(env);
    await draftAdmin.client.post(`/api/programmes/${pid}/plans`, {});
    const depts: Department[] = ['MIIT', 'MIIT', 'SASAC', 'CAST'];
    const reviewers: Awaited<ReturnType<typeof userWith>>[] = [];
    for (const d of depts) reviewers.push(await userWith(env, 'department_reviewer', { departmentCode: d }));
    // The first reviewer also belongs to the organisation running plan 0's base.
    await env.database.db
      .insertInto('memberships')
      .values({
        id: 'm-conflict',
        user_id: reviewers[0]!.user.id,
        organisation_id: admins[0]!.org.id,
        role: 'member',
        created_at: '2020-05-01T00:00:00.000Z',
      })
      .execute();

    const r = await owner.client.post(`/api/programmes/${pid}/review-assignments/auto`, { perPlan: 2 });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.created).toBe(8);
    expect(body.understaffed).toEqual([]);
    const rows = await env.database.db
      .selectFrom('review_assignments')
      .select(['plan_id', 'reviewer_user_id'])
      .execute();
    const perReviewer = new Map<string, number>();
    for (const x of rows) perReviewer.set(x.reviewer_user_id, (perReviewer.get(x.reviewer_user_id) ?? 0) + 1);
    expect([...perReviewer.values()]).toEqual([2, 2, 2, 2]);
    for (const p of plans) {
      const on = rows.filter((x) => x.plan_id === p).map((x) => x.reviewer_user_id);
      expect(on).toHaveLength(2);
      const ds = on.map((id) => depts[reviewers.findIndex((rv) => rv.user.id === id)]);
      expect(new Set(ds).size).toBe(2); // two departments on each plan
    }
    expect(rows.filter((x) => x.plan_id === plans[0] && x.reviewer_user_id === reviewers[0]!.user.id)).toHaveLength(0);
    expect(await auditActions(env, 'programme', pid)).toContain('auto_assign_reviewers');

    // Running again adds nothing; asking for 4 per plan reports what cannot be staffed.
    expect(
      (await owner.client.post(`/api/programmes/${pid}/review-assignments/auto`, { perPlan: 2 })).json().created,
    ).toBe(0);
    const more = (await owner.client.post(`/api/programmes/${pid}/review-assignments/auto`, { perPlan: 4 })).json();
    expect(more.created).toBe(7);
    expect(more.understaffed).toEqual([{ planId: plans[0], baseName: admins[0]!.base.name, assigned: 3, needed: 4 }]);
  });

  it('holds perPlan when two automatic runs race', async () => {
    const owner = await userWith(env, 'programme_owner');
    const pid = await programmeVia(owner.client, { year: 2031 });
    const plans: string[] = [];
    for (let i = 0; i < 3; i++) plans.push(await submittedPlan((await baseWithAdmin(env)).client, pid));
    const results = await Promise.all(
      [1, 2, 3].map(() => owner.client.post(`/api/programmes/${pid}/review-assignments/auto`, { perPlan: 3 })),
    );
    expect(results.every((x) => x.statusCode === 200)).toBe(true);
    const counts = await env.database.db
      .selectFrom('review_assignments')
      .select(['plan_id'])
      .where('plan_id', 'in', plans)
      .execute();
    for (const p of plans) expect(counts.filter((c) => c.plan_id === p)).toHaveLength(3);
  });

  it('refuses a perPlan outside 2..5 and anyone but the owner', async () => {
    const owner = await userWith(env, 'programme_owner');
    const pid = (await owner.client.get('/api/programmes?year=2020')).json().items[0].id;
    expect(
      problem(await owner.client.post(`/api/programmes/${pid}/review-assignments/auto`, { perPlan: 1 })).code,
    ).toBe('validation_failed');
    expect(
      problem(await owner.client.post(`/api/programmes/${pid}/review-assignments/auto`, { perPlan: 6 })).code,
    ).toBe('validation_failed');
    const reviewerOrg = await createOrganisation(env.database.db, { kind: 'government', departmentCode: 'MOE' });
    const rv = await createUser(env.database.db, {
      memberships: [{ organisationId: reviewerOrg.id, role: 'department_reviewer' }],
    });
    const c = await signIn(env, rv);
    expect(problem(await c.post(`/api/programmes/${pid}/review-assignments/auto`, { perPlan: 2 }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });
});
