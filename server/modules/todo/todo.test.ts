import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import type { ReviewStatus } from '../../../common/contracts/reviews.ts';
import { createBaseWithAdmin, createPlan, createProgramme, signIn, userWithRole } from '../themedays/test-helpers.ts';

const START = '2020-05-20T02:00:00Z';
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: START });
});
afterAll(async () => {
  await env?.close();
});
afterEach(() => {
  env.clock.set(START);
});

const db = () => env.database.db;

interface Item {
  id: string;
  kind: string;
  title: string;
  detail: string;
  dueAt: string | null;
  link: string;
  severity: string;
}
async function todo(c: Client, query = ''): Promise<{ items: Item[]; total: number; dueSoon: number }> {
  const r = await c.get(`/api/todo${query}`);
  expect(r.statusCode).toBe(200);
  return r.json();
}

async function assign(planId: string, reviewer: { id: string }, orgId: string, status: ReviewStatus = 'assigned') {
  const id = newId();
  await db()
    .insertInto('review_assignments')
    .values({
      id,
      plan_id: planId,
      reviewer_user_id: reviewer.id,
      reviewer_organisation_id: orgId,
      status,
      scores: null,
      comment: null,
      assigned_at: nowIso(),
      submitted_at: status === 'submitted' ? nowIso() : null,
    })
    .execute();
  return id;
}

/** PLAN_DEADLINE of the 2020 rules: 30 June 23:59:59 Beijing time. */
const PLAN_DEADLINE = '2020-06-30T15:59:59.999Z';

describe(`to-do list (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let programme: Awaited<ReturnType<typeof createProgramme>>;
  let owner: Awaited<ReturnType<typeof userWithRole>>;
  beforeAll(async () => {
    programme = await createProgramme(db(), { year: 2020, status: 'open' });
    owner = await userWithRole(db(), 'programme_owner', { kind: 'government' });
  });

  it('needs a signed-in user', async () => {
    expect(problem(await new Client(env.app).get('/api/todo'))).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('gives a member with no duties an empty list', async () => {
    const m = await userWithRole(db(), 'member');
    expect(await todo(await signIn(env, m.user))).toEqual({ items: [], total: 0, dueSoon: 0 });
  });

  it('shows a reviewer the assigned reviews not yet submitted, without a due date', async () => {
    const rev = await userWithRole(db(), 'department_reviewer', { kind: 'government', departmentCode: 'MIIT' });
    const b1 = await createBaseWithAdmin(db(), { shortName: '评审甲' });
    const b2 = await createBaseWithAdmin(db(), { shortName: '评审乙' });
    const p1 = await createPlan(db(), { programmeId: programme.id, baseId: b1.base.id, createdBy: b1.admin.id });
    const p2 = await createPlan(db(), { programmeId: programme.id, baseId: b2.base.id, createdBy: b2.admin.id });
    const a1 = await assign(p1.id, rev.user, rev.org.id);
    await assign(p2.id, rev.user, rev.org.id, 'submitted');
    const c = await signIn(env, rev.user);
    const t = await todo(c);
    expect(t.items).toEqual([
      {
        id: `review_pending:${a1}`,
        kind: 'review_pending',
        title: '评审评审甲的活动初步计划',
        detail: expect.stringContaining('2020年'),
        dueAt: null,
        link: `/workspace/reviews/${a1}`,
        severity: 'info',
      },
    ]);
    // Undated items are not "due soon".
    expect((await todo(c, '?dueWithinDays=14')).items).toEqual([]);
  });

  it('reminds a base admin of an open call its base may answer, due at the plan deadline, and drops it once submitted', async () => {
    const b = await createBaseWithAdmin(db(), { shortName: '申报丙' });
    const regional = await createBaseWithAdmin(db(), { shortName: '区域丁', kind: 'regional' });
    const c = await signIn(env, b.admin);
    const t = await todo(c);
    expect(t.items).toEqual([
      expect.objectContaining({
        kind: 'plan_to_submit',
        dueAt: PLAN_DEADLINE,
        severity: 'info',
        link: `/workspace/plans?programme=${programme.id}`,
      }),
    ]);
    expect(t.items[0]?.detail).toContain('2020年6月30日 23:59');
    // Regional bases may not host (417号: 承办主体为企业类双创示范基地).
    expect((await todo(await signIn(env, regional.admin))).items).toEqual([]);

    // 41 days ahead: not yet due soon; ten days before: warning; two days before: danger; after: gone.
    expect((await todo(c, '?dueWithinDays=14')).items).toEqual([]);
    env.clock.set('2020-06-20T16:00:00Z');
    const c2 = await signIn(env, b.admin);
    const soon = await todo(c2, '?dueWithinDays=14');
    expect(soon.items.map((i) => [i.kind, i.severity])).toEqual([['plan_to_submit', 'warning']]);
    expect(soon.dueSoon).toBe(1);
    expect((await todo(c2, '?dueWithinDays=')).items.length).toBe(1);
    expect((await todo(c2, '?dueWithinDays=5')).items).toEqual([]);
    env.clock.set('2020-06-29T00:00:00Z');
    expect((await todo(await signIn(env, b.admin))).items.map((i) => i.severity)).toEqual(['danger']);
    env.clock.set('2020-06-30T16:00:00Z');
    expect((await todo(await signIn(env, b.admin))).items).toEqual([]);

    env.clock.set(START);
    const plan = await createPlan(db(), {
      programmeId: programme.id,
      baseId: b.base.id,
      createdBy: b.admin.id,
      status: 'draft',
    });
    const withDraft = await todo(await signIn(env, b.admin));
    expect(withDraft.items).toEqual([
      expect.objectContaining({ kind: 'plan_to_submit', link: `/workspace/plans/${plan.id}` }),
    ]);
    expect(withDraft.items[0]?.detail).toContain('草稿尚未提交');
    await db().updateTable('preliminary_plans').set({ status: 'submitted' }).where('id', '=', plan.id).execute();
    expect((await todo(await signIn(env, b.admin))).items).toEqual([]);
    await db()
      .updateTable('preliminary_plans')
      .set({ status: 'returned', return_reason: '请补充参与基地' })
      .where('id', '=', plan.id)
      .execute();
    const returned = await todo(await signIn(env, b.admin));
    expect(returned.items).toEqual([
      expect.objectContaining({ kind: 'plan_returned', dueAt: PLAN_DEADLINE, link: `/workspace/plans/${plan.id}` }),
    ]);
    expect(returned.items[0]?.detail).toContain('请补充参与基地');
  });

  it('reminds a host to file its activity plan by the due date, then to resubmit a returned one', async () => {
    const h = await createBaseWithAdmin(db(), { shortName: '承办戊' });
    const partner = await createBaseWithAdmin(db());
    const plan = await createPlan(db(), {
      programmeId: programme.id,
      baseId: h.base.id,
      partnerBaseIds: [partner.base.id],
      createdBy: h.admin.id,
    });
    const ownerC = await signIn(env, owner.user);
    const sel = await ownerC.post(`/api/programmes/${programme.id}/theme-days`, {
      planId: plan.id,
      startDate: '2020-07-01',
      endDate: '2020-07-02',
    });
    expect(sel.statusCode).toBe(201);
    const tdId = sel.json().themeDay.id as string;
    const host = await signIn(env, h.admin);
    const t = await todo(host, '?dueWithinDays=14');
    // Due 1 June 23:59:59 Beijing time: 12 days away.
    expect(t.items).toEqual([
      expect.objectContaining({
        id: `activity_plan:${tdId}`,
        kind: 'activity_plan_to_file',
        dueAt: '2020-06-01T15:59:59.999Z',
        severity: 'warning',
        link: `/workspace/activity-plans/${tdId}`,
      }),
    ]);
    // The partner has nothing to file.
    expect(
      (await todo(await signIn(env, partner.admin))).items.filter((i) => i.kind.startsWith('activity_plan')),
    ).toEqual([]);

    await db()
      .insertInto('activity_plans')
      .values({
        id: newId(),
        theme_day_id: tdId,
        status: 'submitted',
        title: '承办戊融通创新主题日活动方案',
        content: '{}',
        submitted_at: nowIso(),
        decided_at: null,
        return_reason: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    expect((await todo(host)).items.filter((i) => i.kind.startsWith('activity_plan'))).toEqual([]);

    // The owner now has it to approve, due before the theme day begins.
    const ownerItems = (await todo(ownerC)).items.filter((i) => i.kind === 'activity_plan_to_approve');
    expect(ownerItems).toEqual([
      expect.objectContaining({ dueAt: '2020-06-30T16:00:00.000Z', link: `/workspace/activity-plans/${tdId}` }),
    ]);

    await db().updateTable('activity_plans').set({ status: 'returned' }).where('theme_day_id', '=', tdId).execute();
    expect((await todo(host)).items.map((i) => i.kind)).toContain('activity_plan_returned');
  });

  it('shows the owner plans without reviewers and plans whose reviews are all in, sorted by due date with undated last', async () => {
    const ownerC = await signIn(env, owner.user);
    const rev = await userWithRole(db(), 'department_reviewer', { kind: 'government', departmentCode: 'CAST' });
    const a = await createBaseWithAdmin(db(), { shortName: '无评审' });
    const b = await createBaseWithAdmin(db(), { shortName: '评审中' });
    const c = await createBaseWithAdmin(db(), { shortName: '已评完' });
    const pa = await createPlan(db(), { programmeId: programme.id, baseId: a.base.id, createdBy: a.admin.id });
    const pb = await createPlan(db(), { programmeId: programme.id, baseId: b.base.id, createdBy: b.admin.id });
    const pc = await createPlan(db(), { programmeId: programme.id, baseId: c.base.id, createdBy: c.admin.id });
    await assign(pb.id, rev.user, rev.org.id);
    await assign(pc.id, rev.user, rev.org.id, 'submitted');
    const t = await todo(ownerC);
    const ids = t.items.map((i) => i.id);
    expect(ids).toContain(`plan_needs_reviewers:${pa.id}`);
    expect(ids).toContain(`plan_awaiting_decision:${pc.id}`);
    expect(ids.filter((i) => i.endsWith(pb.id))).toEqual([]);
    // Dated items first, in due order; undated after.
    const firstUndated = t.items.findIndex((i) => i.dueAt === null);
    expect(t.items.slice(firstUndated).every((i) => i.dueAt === null)).toBe(true);
    const dated = t.items.slice(0, firstUndated).map((i) => i.dueAt as string);
    expect([...dated].sort()).toEqual(dated);
    expect(t.total).toBe(t.items.length);
  });
});
