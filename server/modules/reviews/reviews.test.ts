import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department } from '../../../common/roles.ts';
import { Client, createTestEnv, problem, testDialect, type TestEnv } from '../../test/harness.ts';
import { createBase, createOrganisation, createUser } from '../../test/factories.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import {
  auditActions,
  baseWithAdmin,
  notificationsOf,
  planContent,
  programmeVia,
  signIn,
  submittedPlan,
  userWith,
} from '../plans/testkit.ts';

let env: TestEnv;
let owner: Awaited<ReturnType<typeof userWith>>;
let p2020: string;
beforeAll(async () => {
  env = await createTestEnv({ now: '2020-05-20T02:00:00Z' });
  owner = await userWith(env, 'programme_owner');
  p2020 = await programmeVia(owner.client, { year: 2020 });
});
afterAll(async () => {
  await env?.close();
});

const reviewer = (dept: Department = 'MIIT') => userWith(env, 'department_reviewer', { departmentCode: dept });
const good = { content_features: 8, demonstration_effect: 7, docking_cycle: 6 };

async function reviewIdOf(c: Client, planId: string): Promise<string> {
  const mine = (await c.get('/api/reviews/mine?pageSize=100')).json();
  return mine.items.find((r: { plan: { id: string } }) => r.plan.id === planId).id;
}

describe(`review assignment (${testDialect()})`, () => {
  it('assigns department reviewers by hand, idempotently, with audit and a notification', async () => {
    const a = await baseWithAdmin(env, { shortName: '中车' });
    const planId = await submittedPlan(a.client, p2020);
    const r1 = await reviewer('MIIT');
    const r2 = await reviewer('SASAC');
    const res = await owner.client.post(`/api/plans/${planId}/reviewers`, { userIds: [r1.user.id, r2.user.id] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items.map((x: { reviewer: { department: string } }) => x.reviewer.department).sort()).toEqual([
      'MIIT',
      'SASAC',
    ]);
    const again = await owner.client.post(`/api/plans/${planId}/reviewers`, { userIds: [r1.user.id] });
    expect(again.json().total).toBe(2);
    const rid = await reviewIdOf(r1.client, planId);
    expect(await auditActions(env, 'review_assignment', rid)).toEqual(['assign']);
    const n = (await notificationsOf(env, r1.user.id)).filter((x) => x.kind === 'review_assigned');
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ title: '请评审中车的活动初步计划', link: `/workspace/reviews/${rid}` });
  });

  it('refuses a user who is not a department reviewer with not_a_reviewer', async () => {
    const a = await baseWithAdmin(env);
    const planId = await submittedPlan(a.client, p2020);
    const member = await userWith(env, 'member');
    const r = problem(await owner.client.post(`/api/plans/${planId}/reviewers`, { userIds: [member.user.id] }));
    expect(r).toMatchObject({
      status: 422,
      code: 'not_a_reviewer',
      errors: [{ field: 'userIds.0', code: 'not_a_reviewer' }],
    });
  });

  it('refuses a reviewer whose organisation runs the host base or a partner base with reviewer_conflict naming the reviewer', async () => {
    const a = await baseWithAdmin(env);
    const partnerOrg = await createOrganisation(env.database.db, {});
    const partner = await createBase(env.database.db, { organisationId: partnerOrg.id });
    const planId = await submittedPlan(a.client, p2020, planContent({ partnerBaseIds: [partner.id] }));
    const deptOrg = await createOrganisation(env.database.db, { kind: 'government', departmentCode: 'SASAC' });
    const hostSide = await createUser(env.database.db, {
      name: '王审',
      memberships: [
        { organisationId: deptOrg.id, role: 'department_reviewer' },
        { organisationId: a.org.id, role: 'member' },
      ],
    });
    const partnerSide = await createUser(env.database.db, {
      name: '李审',
      memberships: [
        { organisationId: deptOrg.id, role: 'department_reviewer' },
        { organisationId: partnerOrg.id, role: 'expert' },
      ],
    });
    const clean = await reviewer('CAST');
    const r = problem(
      await owner.client.post(`/api/plans/${planId}/reviewers`, {
        userIds: [clean.user.id, hostSide.id, partnerSide.id],
      }),
    );
    expect(r).toMatchObject({ status: 422, code: 'reviewer_conflict' });
    expect(r.detail).toContain('王审');
    expect(r.detail).toContain('李审');
    expect(r.errors!.map((e) => e.field)).toEqual(['userIds.1', 'userIds.2']);
    // Nothing was assigned, not even the clean reviewer.
    expect((await owner.client.get(`/api/plans/${planId}/reviews`)).json().total).toBe(0);
  });

  it('assigns only to submitted plans, only by the owner; drafts are 404 and returned plans invalid_state', async () => {
    const a = await baseWithAdmin(env);
    const r1 = await reviewer();
    const draft = (await a.client.post(`/api/programmes/${p2020}/plans`, planContent())).json().id;
    expect(problem(await owner.client.post(`/api/plans/${draft}/reviewers`, { userIds: [r1.user.id] })).status).toBe(
      404,
    );
    await a.client.post(`/api/plans/${draft}/submit`);
    expect(problem(await a.client.post(`/api/plans/${draft}/reviewers`, { userIds: [r1.user.id] }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(problem(await r1.client.post(`/api/plans/${draft}/reviewers`, { userIds: [r1.user.id] })).status).toBe(404);
    await owner.client.post(`/api/plans/${draft}/return`, { reason: '补充' });
    expect(problem(await owner.client.post(`/api/plans/${draft}/reviewers`, { userIds: [r1.user.id] }))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
  });

  it('removes a reviewer who has not yet submitted, and refuses once they have', async () => {
    const a = await baseWithAdmin(env);
    const planId = await submittedPlan(a.client, p2020);
    const r1 = await reviewer();
    const r2 = await reviewer('CAS');
    await owner.client.post(`/api/plans/${planId}/reviewers`, { userIds: [r1.user.id, r2.user.id] });
    const rid1 = await reviewIdOf(r1.client, planId);
    expect((await owner.client.delete(`/api/plans/${planId}/reviewers/${r1.user.id}`)).statusCode).toBe(204);
    expect(await auditActions(env, 'review_assignment', rid1)).toEqual(['assign', 'unassign']);
    expect((await notificationsOf(env, r1.user.id)).some((n) => n.kind === 'review_unassigned')).toBe(true);
    expect(problem(await r1.client.get(`/api/reviews/${rid1}`)).status).toBe(404);
    expect(problem(await owner.client.delete(`/api/plans/${planId}/reviewers/${r1.user.id}`)).status).toBe(404);
    const rid2 = await reviewIdOf(r2.client, planId);
    await r2.client.post(`/api/reviews/${rid2}/submit`, { scores: good, comment: '内容扎实' });
    expect(problem(await owner.client.delete(`/api/plans/${planId}/reviewers/${r2.user.id}`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    expect(problem(await r2.client.delete(`/api/plans/${planId}/reviewers/${r2.user.id}`))).toMatchObject({
      status: 403,
    });
  });
});

describe(`scoring (${testDialect()})`, () => {
  it('saves a draft, refuses an incomplete submission with review_incomplete field errors, then submits once', async () => {
    const a = await baseWithAdmin(env);
    const planId = await submittedPlan(a.client, p2020);
    const r1 = await reviewer();
    await owner.client.post(`/api/plans/${planId}/reviewers`, { userIds: [r1.user.id] });
    const rid = await reviewIdOf(r1.client, planId);
    const view = (await r1.client.get(`/api/reviews/${rid}`)).json();
    expect(view).toMatchObject({
      status: 'assigned',
      scores: {},
      weightedTotal: null,
      scoreMin: 1,
      scoreMax: 10,
      abilities: { save: true, submit: true },
    });
    expect(view.criteria.map((c: { name: string }) => c.name)).toEqual([
      '活动内容特色',
      '示范带动作用',
      '项目对接周期',
    ]);
    const saved = await r1.client.put(`/api/reviews/${rid}`, { scores: { content_features: 8 }, comment: '初稿' });
    expect(saved.json()).toMatchObject({ scores: { content_features: 8 }, comment: '初稿', status: 'assigned' });
    const bad = problem(
      await r1.client.post(`/api/reviews/${rid}/submit`, {
        scores: { content_features: 11, demonstration_effect: 0 },
        comment: ' ',
      }),
    );
    expect(bad).toMatchObject({ status: 422, code: 'review_incomplete' });
    expect(bad.errors!.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'comment:field_required',
      'scores.content_features:score_out_of_range',
      'scores.demonstration_effect:score_out_of_range',
      'scores.docking_cycle:score_required',
    ]);
    // The draft on file is completed and submitted without a body.
    await r1.client.put(`/api/reviews/${rid}`, { scores: good, comment: '对接周期安排合理' });
    const ok = await r1.client.post(`/api/reviews/${rid}/submit`);
    expect(ok.json()).toMatchObject({
      status: 'submitted',
      weightedTotal: 7.1,
      abilities: { save: false, submit: false },
    });
    expect(problem(await r1.client.post(`/api/reviews/${rid}/submit`, { scores: good, comment: 'x' }))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    expect(problem(await r1.client.put(`/api/reviews/${rid}`, { comment: 'x' })).code).toBe('invalid_state');
    expect(await auditActions(env, 'review_assignment', rid)).toEqual(['assign', 'save', 'save', 'submit']);
    // The plan's last review completes it: the owners are told.
    expect((await notificationsOf(env, owner.user.id)).some((n) => n.kind === 'plan_reviews_completed')).toBe(true);
    const mine = (await r1.client.get('/api/reviews/mine?status=submitted')).json();
    expect(mine.items.some((x: { id: string; weightedTotal: number }) => x.id === rid && x.weightedTotal === 7.1)).toBe(
      true,
    );
  });

  it('checks conflict of interest again when scoring: a reviewer who joined the host organisation is refused', async () => {
    const a = await baseWithAdmin(env, { shortName: '鞍钢' });
    const planId = await submittedPlan(a.client, p2020);
    const r1 = await reviewer('SASAC');
    const r2 = await reviewer('CAST');
    await owner.client.post(`/api/plans/${planId}/reviewers`, { userIds: [r1.user.id, r2.user.id] });
    const rid1 = await reviewIdOf(r1.client, planId);
    const rid2 = await reviewIdOf(r2.client, planId);
    // After the assignment r1 takes a post in the host's organisation.
    await env.database.db
      .insertInto('memberships')
      .values({
        id: newId(),
        user_id: r1.user.id,
        organisation_id: a.org.id,
        role: 'member',
        created_at: nowIso(new Date()),
      })
      .execute();
    const refused = problem(await r1.client.post(`/api/reviews/${rid1}/submit`, { scores: good, comment: '很好' }));
    expect(refused).toMatchObject({ status: 422, code: 'reviewer_conflict' });
    expect(refused.detail).toContain('鞍钢');
    expect(refused.detail).toContain('回避');
    expect(problem(await r1.client.put(`/api/reviews/${rid1}`, { comment: '草稿' })).code).toBe('reviewer_conflict');
    expect((await r1.client.get(`/api/reviews/${rid1}`)).json()).toMatchObject({ status: 'assigned', comment: null });
    expect(await auditActions(env, 'review_assignment', rid1)).toEqual(['assign']);
    // A reviewer without a conflict scores the same plan.
    const ok = await r2.client.post(`/api/reviews/${rid2}/submit`, { scores: good, comment: '很好' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('submitted');
  });

  it('keeps a review private: another reviewer, the base and a stranger get 404; the owner may read it', async () => {
    const a = await baseWithAdmin(env);
    const planId = await submittedPlan(a.client, p2020);
    const r1 = await reviewer();
    const r2 = await reviewer('MOE');
    await owner.client.post(`/api/plans/${planId}/reviewers`, { userIds: [r1.user.id, r2.user.id] });
    const rid1 = await reviewIdOf(r1.client, planId);
    const outsider = await reviewer('CAS');
    for (const c of [r2.client, a.client, outsider.client]) {
      expect(problem(await c.get(`/api/reviews/${rid1}`))).toMatchObject({ status: 404, code: 'not_found' });
      expect(problem(await c.put(`/api/reviews/${rid1}`, { comment: 'x' })).status).toBe(404);
      expect(problem(await c.post(`/api/reviews/${rid1}/submit`, { scores: good, comment: 'x' })).status).toBe(404);
    }
    expect((await owner.client.get(`/api/reviews/${rid1}`)).json().abilities).toEqual({ save: false, submit: false });
    expect(problem(await owner.client.put(`/api/reviews/${rid1}`, { comment: 'x' })).status).toBe(403);
    expect(problem(await new Client(env.app).get(`/api/reviews/${rid1}`)).status).toBe(401);
  });

  it('shows a reviewer the other scores only after submitting their own; the owner sees all; the base is refused', async () => {
    const a = await baseWithAdmin(env);
    const planId = await submittedPlan(a.client, p2020);
    const r1 = await reviewer('MIIT');
    const r2 = await reviewer('SASAC');
    await owner.client.post(`/api/plans/${planId}/reviewers`, { userIds: [r1.user.id, r2.user.id] });
    const rid1 = await reviewIdOf(r1.client, planId);
    const rid2 = await reviewIdOf(r2.client, planId);
    await r1.client.post(`/api/reviews/${rid1}/submit`, { scores: good, comment: '甲意见' });
    await r2.client.put(`/api/reviews/${rid2}`, { scores: { content_features: 3 } });
    const before = (await r2.client.get(`/api/plans/${planId}/reviews`)).json();
    expect(before.othersHidden).toBe(true);
    expect(before.items).toHaveLength(1);
    expect(before.items[0]).toMatchObject({ id: rid2, mine: true, scores: { content_features: 3 } });
    const ownerView = (await owner.client.get(`/api/plans/${planId}/reviews`)).json();
    expect(ownerView.othersHidden).toBe(false);
    const byId = Object.fromEntries(ownerView.items.map((i: { id: string }) => [i.id, i]));
    expect(byId[rid1]).toMatchObject({ status: 'submitted', scores: good, comment: '甲意见', weightedTotal: 7.1 });
    expect(byId[rid2]).toMatchObject({ status: 'assigned', scores: null, comment: null }); // a draft stays private
    await r2.client.post(`/api/reviews/${rid2}/submit`, {
      scores: { content_features: 5, demonstration_effect: 5, docking_cycle: 5 },
      comment: '乙意见',
    });
    const after = (await r2.client.get(`/api/plans/${planId}/reviews`)).json();
    expect(after.othersHidden).toBe(false);
    expect(after.items.find((i: { id: string }) => i.id === rid1)).toMatchObject({
      scores: good,
      comment: '甲意见',
      mine: false,
    });
    expect(problem(await a.client.get(`/api/plans/${planId}/reviews`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    const stranger = await reviewer('CAS');
    expect(problem(await stranger.client.get(`/api/plans/${planId}/reviews`)).status).toBe(404);
  });

  it('reopens submitted reviews when a returned plan is resubmitted, and tells the reviewers', async () => {
    const a = await baseWithAdmin(env);
    const planId = await submittedPlan(a.client, p2020);
    const r1 = await reviewer();
    await owner.client.post(`/api/plans/${planId}/reviewers`, { userIds: [r1.user.id] });
    const rid = await reviewIdOf(r1.client, planId);
    await r1.client.post(`/api/reviews/${rid}/submit`, { scores: good, comment: '需补充' });
    await owner.client.post(`/api/plans/${planId}/return`, { reason: '补充对接周期' });
    expect(problem(await r1.client.put(`/api/reviews/${rid}`, { comment: 'x' })).code).toBe('invalid_state');
    await a.client.post(`/api/plans/${planId}/submit`);
    const view = (await r1.client.get(`/api/reviews/${rid}`)).json();
    expect(view).toMatchObject({ status: 'assigned', scores: good, plan: { version: 2 } });
    expect((await notificationsOf(env, r1.user.id)).some((n) => n.kind === 'plan_resubmitted')).toBe(true);
    expect(await auditActions(env, 'review_assignment', rid)).toEqual(['assign', 'reopen', 'submit']);
  });
});

describe(`review summary (${testDialect()})`, () => {
  it('puts every submitted plan side by side with weighted totals, mean, spread and rank (ties by base name)', async () => {
    const pid = await programmeVia(owner.client, { year: 2050 });
    const x = await baseWithAdmin(env);
    const y = await baseWithAdmin(env);
    const z = await baseWithAdmin(env);
    const none = await baseWithAdmin(env);
    const db = env.database.db;
    await db.updateTable('bases').set({ name: '丙示范基地' }).where('id', '=', x.base.id).execute();
    await db.updateTable('bases').set({ name: '乙示范基地' }).where('id', '=', y.base.id).execute();
    await db.updateTable('bases').set({ name: '甲示范基地' }).where('id', '=', z.base.id).execute();
    const px = await submittedPlan(x.client, pid);
    const py = await submittedPlan(y.client, pid);
    const pz = await submittedPlan(z.client, pid);
    const pn = await submittedPlan(none.client, pid);
    const [r1, r2, r3] = [await reviewer('MIIT'), await reviewer('SASAC'), await reviewer('CAST')];
    const score = async (r: typeof r1, planId: string, scores: Record<string, number>) => {
      const rid = await reviewIdOf(r.client, planId);
      const res = await r.client.post(`/api/reviews/${rid}/submit`, { scores, comment: '意见' });
      expect(res.statusCode).toBe(200);
    };
    for (const p of [px, py, pz, pn])
      await owner.client.post(`/api/plans/${p}/reviewers`, { userIds: [r1.user.id, r2.user.id] });
    await owner.client.post(`/api/plans/${px}/reviewers`, { userIds: [r3.user.id] });
    await score(r1, px, { content_features: 8, demonstration_effect: 7, docking_cycle: 6 }); // 7.1
    await score(r2, px, { content_features: 6, demonstration_effect: 6, docking_cycle: 6 }); // 6
    await score(r1, py, { content_features: 9, demonstration_effect: 9, docking_cycle: 9 }); // 9
    await score(r1, pz, { content_features: 10, demonstration_effect: 8, docking_cycle: 9 }); // 4 + 2.4 + 2.7 = 9.1
    await score(r2, pz, { content_features: 9, demonstration_effect: 9, docking_cycle: 8 }); // 3.6 + 2.7 + 2.4 = 8.7 → mean 8.9
    await score(r2, py, { content_features: 8, demonstration_effect: 9, docking_cycle: 9 }); // 3.2 + 2.7 + 2.7 = 8.6 → mean 8.8
    const res = await owner.client.get(`/api/programmes/${pid}/review-summary`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.criteria.map((c: { weight: number }) => c.weight)).toEqual([0.4, 0.3, 0.3]);
    expect(s.total).toBe(4);
    const rows = s.items.map(
      (i: {
        plan: { id: string };
        mean: number | null;
        spread: number | null;
        rank: number | null;
        assigned: number;
        submitted: number;
      }) => [i.plan.id, i.mean, i.spread, i.rank, i.submitted, i.assigned],
    );
    expect(rows).toEqual([
      [pz, 8.9, 0.4, 1, 2, 2],
      [py, 8.8, 0.4, 2, 2, 2],
      [px, 6.55, 1.1, 3, 2, 3],
      [pn, null, null, null, 0, 2],
    ]);
    const xRow = s.items.find((i: { plan: { id: string } }) => i.plan.id === px);
    expect(xRow.reviews.map((r: { weightedTotal: number | null }) => r.weightedTotal).sort()).toEqual(
      [6, 7.1, null].sort(),
    );
    // A tie on the mean is broken by base name: lower 甲 (z) to 8.8 as well.
    await db
      .updateTable('review_assignments')
      .set({ scores: JSON.stringify({ content_features: 9, demonstration_effect: 9, docking_cycle: 8 }) })
      .where('plan_id', '=', pz)
      .where('reviewer_user_id', '=', r1.user.id)
      .execute(); // 8.7
    await db
      .updateTable('review_assignments')
      .set({ scores: JSON.stringify({ content_features: 9, demonstration_effect: 9, docking_cycle: 9 }) })
      .where('plan_id', '=', pz)
      .where('reviewer_user_id', '=', r2.user.id)
      .execute(); // 9 → 甲 mean 8.85
    await db
      .updateTable('review_assignments')
      .set({ scores: JSON.stringify({ content_features: 9, demonstration_effect: 9, docking_cycle: 8 }) })
      .where('plan_id', '=', py)
      .where('reviewer_user_id', '=', r2.user.id)
      .execute(); // 8.7 → 乙 mean (9 + 8.7) / 2 = 8.85
    const tie = (await owner.client.get(`/api/programmes/${pid}/review-summary?pageSize=2`)).json();
    expect(
      tie.items.map((i: { plan: { base: { name: string } }; mean: number; rank: number }) => [
        i.plan.base.name,
        i.mean,
        i.rank,
      ]),
    ).toEqual([
      ['甲示范基地', 8.85, 1],
      ['乙示范基地', 8.85, 2],
    ]);
    expect(tie).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    const bySpread = (await owner.client.get(`/api/programmes/${pid}/review-summary?sort=spread&order=desc`)).json();
    expect(bySpread.items[0].plan.id).toBe(px);
    // Only the owner.
    expect(problem(await r1.client.get(`/api/programmes/${pid}/review-summary`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(problem(await x.client.get(`/api/programmes/${pid}/review-summary`)).status).toBe(403);
  });
});

describe(`my reviews (${testDialect()})`, () => {
  it('lists the reviewer’s assignments with a plan summary, paged and filtered', async () => {
    const a = await baseWithAdmin(env, { shortName: '潍柴' });
    const planId = await submittedPlan(a.client, p2020);
    const lone = await reviewer('CAS');
    await owner.client.post(`/api/plans/${planId}/reviewers`, { userIds: [lone.user.id] });
    const r = (await lone.client.get('/api/reviews/mine')).json();
    expect(r).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(r.items[0]).toMatchObject({
      status: 'assigned',
      plan: { id: planId, status: 'submitted', base: { shortName: '潍柴' }, programmeYear: 2020 },
      abilities: { save: true, submit: true },
    });
    expect(r.items[0]).not.toHaveProperty('scores');
    expect((await lone.client.get('/api/reviews/mine?status=submitted')).json().total).toBe(0);
    const member = await signIn(env, (await userWith(env, 'member')).user);
    expect((await member.get('/api/reviews/mine')).json().total).toBe(0);
  });
});
