import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { newId } from '../../lib/ids.ts';
import { createBaseWithAdmin, createPlan, createProgramme, hostWorld, signIn, userWithRole } from './test-helpers.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const db = () => env.database.db;
/** A problem with its extra members (reviews, earliestStartDate…), which `problem` leaves out. */
const withExtras = (res: Parameters<typeof problem>[0]) => ({
  ...res.json<Record<string, unknown>>(),
  ...problem(res),
});

async function auditRows(entityType: string, entityId: string) {
  return db()
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .execute();
}

async function notificationsOf(userId: string) {
  return db().selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
}

describe(`host selection (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('selects a submitted plan as host, copies theme and partners, defaults the title, and marks the plan selected', async () => {
    const w = await hostWorld(env, { shortName: '海尔卡奥斯' });
    const owner = await signIn(env, w.owner.user);
    const res = await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
      planId: w.plan.id,
      startDate: '2020-09-10',
      endDate: '2020-09-11',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.themeDay).toMatchObject({
      title: '海尔卡奥斯融通创新主题日',
      theme: '工业互联网',
      startDate: '2020-09-10',
      endDate: '2020-09-11',
      host: { id: w.host.base.id, shortName: '海尔卡奥斯' },
      partners: [{ id: w.partner.base.id }],
      activityPlan: { status: 'none', dueDate: '2020-08-10' },
      abilities: { update: true, delete: true, readActivityPlan: true, editActivityPlan: false },
    });
    expect(body.quota).toEqual({ hostQuota: 5, selected: 1, exceeded: false });
    const plan = await db()
      .selectFrom('preliminary_plans')
      .select('status')
      .where('id', '=', w.plan.id)
      .executeTakeFirstOrThrow();
    expect(plan.status).toBe('selected');

    const tdAudit = await auditRows('theme_day', body.themeDay.id);
    expect(tdAudit.map((a) => a.action)).toEqual(['select_host']);
    expect(tdAudit[0]?.actor_user_id).toBe(w.owner.user.id);
    expect((await auditRows('preliminary_plan', w.plan.id)).map((a) => a.action)).toEqual(['select']);
  });

  it('notifies the host base admins and the partner base admins in the app', async () => {
    const w = await hostWorld(env, { shortName: '航天云网' });
    const owner = await signIn(env, w.owner.user);
    const res = await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
      planId: w.plan.id,
      startDate: '2020-10-15',
      endDate: '2020-10-15',
    });
    expect(res.statusCode).toBe(201);
    const hostN = await notificationsOf(w.host.admin.id);
    expect(hostN.map((n) => n.kind)).toEqual(['theme_day_selected']);
    expect(hostN[0]?.body).toMatch(/2020年9月15日前报送活动方案/);
    const partnerN = await notificationsOf(w.partner.admin.id);
    expect(partnerN.map((n) => n.kind)).toEqual(['theme_day_partner']);
    expect(partnerN[0]?.title).toContain('航天云网');
    // The owner is told nothing about their own action.
    expect(await notificationsOf(w.owner.user.id)).toEqual([]);
  });

  it('refuses dates outside the programme year with date_out_of_year', async () => {
    const w = await hostWorld(env);
    const owner = await signIn(env, w.owner.user);
    for (const [startDate, endDate] of [
      ['2019-12-31', '2020-01-01'],
      ['2020-12-31', '2021-01-01'],
      ['2021-03-01', '2021-03-02'],
    ]) {
      const r = await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
        planId: w.plan.id,
        startDate,
        endDate,
      });
      expect(problem(r)).toMatchObject({ status: 422, code: 'date_out_of_year' });
    }
    const plan = await db()
      .selectFrom('preliminary_plans')
      .select('status')
      .where('id', '=', w.plan.id)
      .executeTakeFirstOrThrow();
    expect(plan.status).toBe('submitted');
  });

  it('refuses an end date before the start date and impossible calendar dates as validation errors', async () => {
    const w = await hostWorld(env);
    const owner = await signIn(env, w.owner.user);
    const r1 = problem(
      await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
        planId: w.plan.id,
        startDate: '2020-09-12',
        endDate: '2020-09-11',
      }),
    );
    expect(r1).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(r1.errors?.[0]).toMatchObject({ field: 'endDate', code: 'end_before_start' });
    const r2 = problem(
      await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
        planId: w.plan.id,
        startDate: '2020-02-30',
        endDate: '2020-03-01',
      }),
    );
    expect(r2).toMatchObject({ status: 400, code: 'validation_failed' });
    const r3 = problem(
      await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
        planId: w.plan.id,
        startDate: '2020/09/01',
        endDate: '2020-09-01',
      }),
    );
    expect(r3).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('refuses a plan that is not submitted (draft, returned, already selected) with invalid_state', async () => {
    const w = await hostWorld(env);
    const owner = await signIn(env, w.owner.user);
    for (const status of ['draft', 'returned', 'withdrawn']) {
      const b = await createBaseWithAdmin(db());
      const plan = await createPlan(db(), {
        programmeId: w.programme.id,
        baseId: b.base.id,
        status,
        createdBy: b.admin.id,
      });
      const r = await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
        planId: plan.id,
        startDate: '2020-11-01',
        endDate: '2020-11-01',
      });
      expect(problem(r)).toMatchObject({ status: 409, code: 'invalid_state' });
    }
    expect(
      (
        await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
          planId: w.plan.id,
          startDate: '2020-11-02',
          endDate: '2020-11-02',
        })
      ).statusCode,
    ).toBe(201);
    const again = await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
      planId: w.plan.id,
      startDate: '2020-11-20',
      endDate: '2020-11-20',
    });
    expect(problem(again)).toMatchObject({ status: 409, code: 'invalid_state' });
  });

  it('refuses a plan of another programme as not found', async () => {
    const w = await hostWorld(env);
    const other = await createProgramme(db(), { year: 2031 });
    const owner = await signIn(env, w.owner.user);
    const r = await owner.post(`/api/programmes/${other.id}/theme-days`, {
      planId: w.plan.id,
      startDate: '2031-05-01',
      endDate: '2031-05-01',
    });
    expect(problem(r)).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses a base kind the rules do not let host with base_not_eligible', async () => {
    const w = await hostWorld(env);
    const regional = await createBaseWithAdmin(db(), { kind: 'regional' });
    const plan = await createPlan(db(), {
      programmeId: w.programme.id,
      baseId: regional.base.id,
      createdBy: regional.admin.id,
    });
    const owner = await signIn(env, w.owner.user);
    const r = await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
      planId: plan.id,
      startDate: '2020-12-01',
      endDate: '2020-12-01',
    });
    expect(problem(r)).toMatchObject({ status: 422, code: 'base_not_eligible' });
  });

  it('needs an override with a reason to select a plan with fewer submitted reviews than minReviews, and audits the reason', async () => {
    await createProgramme(db(), { year: 2091, rules: { minReviews: 2 } });
    const w = await hostWorld(env, { year: 2091 });
    const owner = await signIn(env, w.owner.user);
    const addReview = async (status: 'assigned' | 'submitted') => {
      const r = await userWithRole(db(), 'department_reviewer', { kind: 'government', departmentCode: 'MIIT' });
      await db()
        .insertInto('review_assignments')
        .values({
          id: newId(),
          plan_id: w.plan.id,
          reviewer_user_id: r.user.id,
          reviewer_organisation_id: r.org.id,
          status,
          scores: null,
          comment: null,
          assigned_at: '2020-05-01T00:00:00.000Z',
          submitted_at: status === 'submitted' ? '2020-05-02T00:00:00.000Z' : null,
        })
        .execute();
    };
    await addReview('submitted');
    await addReview('assigned'); // not yet submitted: does not count
    const url = `/api/programmes/${w.programme.id}/theme-days`;
    const body = { planId: w.plan.id, startDate: '2091-09-01', endDate: '2091-09-01' };
    for (const extra of [
      {},
      { override: true },
      { override: true, overrideReason: '  ' },
      { overrideReason: '急需' },
    ]) {
      const r = withExtras(await owner.post(url, { ...body, ...extra }));
      expect(r).toMatchObject({
        status: 422,
        code: 'insufficient_reviews',
        reviews: 1,
        minReviews: 2,
        errors: [{ field: 'overrideReason', code: 'override_reason_required' }],
      });
      expect(r.detail).toContain('仅有1份');
    }
    expect(await db().selectFrom('theme_days').select('id').where('plan_id', '=', w.plan.id).execute()).toHaveLength(0);
    const ok = await owner.post(url, {
      ...body,
      override: true,
      overrideReason: '该基地对接成效突出，评审专家时间冲突',
    });
    expect(ok.statusCode).toBe(201);
    const a = await auditRows('theme_day', ok.json().themeDay.id);
    expect(JSON.parse(a[0]?.after ?? '{}').reviewOverride).toEqual({
      reviews: 1,
      minReviews: 2,
      reason: '该基地对接成效突出，评审专家时间冲突',
    });
  });

  it('selects without override once the plan has minReviews submitted reviews, and records no override', async () => {
    await createProgramme(db(), { year: 2092, rules: { minReviews: 1 } });
    const w = await hostWorld(env, { year: 2092 });
    const owner = await signIn(env, w.owner.user);
    const r = await userWithRole(db(), 'department_reviewer', { kind: 'government', departmentCode: 'CAST' });
    await db()
      .insertInto('review_assignments')
      .values({
        id: newId(),
        plan_id: w.plan.id,
        reviewer_user_id: r.user.id,
        reviewer_organisation_id: r.org.id,
        status: 'submitted',
        scores: '{}',
        comment: '好',
        assigned_at: '2020-05-01T00:00:00.000Z',
        submitted_at: '2020-05-02T00:00:00.000Z',
      })
      .execute();
    const ok = await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
      planId: w.plan.id,
      startDate: '2092-09-01',
      endDate: '2092-09-01',
    });
    expect(ok.statusCode).toBe(201);
    const a = await auditRows('theme_day', ok.json().themeDay.id);
    expect(JSON.parse(a[0]?.after ?? '{}').reviewOverride).toBeUndefined();
  });

  it('refuses a start date whose activity-plan due date has passed, naming the earliest start that leaves time', async () => {
    // The clock is 2020-05-20 (Beijing): a 1-month lead needs a start on 2020-06-20 or later.
    const w = await hostWorld(env, { year: 2020 });
    const owner = await signIn(env, w.owner.user);
    const url = `/api/programmes/${w.programme.id}/theme-days`;
    const late = withExtras(
      await owner.post(url, { planId: w.plan.id, startDate: '2020-06-19', endDate: '2020-06-19' }),
    );
    expect(late).toMatchObject({
      status: 422,
      code: 'activity_plan_due_passed',
      earliestStartDate: '2020-06-20',
      errors: [{ field: 'startDate', code: 'activity_plan_due_passed' }],
    });
    expect(late.detail).toContain('2020年5月19日');
    expect(late.detail).toContain('2020年6月20日');
    const ok = await owner.post(url, { planId: w.plan.id, startDate: '2020-06-20', endDate: '2020-06-20' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().themeDay.activityPlan).toMatchObject({ dueDate: '2020-05-20' });
    // Moving it earlier is refused the same way; the host is told of the new due date when it moves later.
    const id = ok.json().themeDay.id as string;
    const move = withExtras(
      await owner.patch(`/api/theme-days/${id}`, { startDate: '2020-06-01', endDate: '2020-06-01' }),
    );
    expect(move).toMatchObject({ status: 422, code: 'activity_plan_due_passed', earliestStartDate: '2020-06-20' });
    expect(
      (await owner.patch(`/api/theme-days/${id}`, { startDate: '2020-07-15', endDate: '2020-07-15' })).statusCode,
    ).toBe(200);
    const n = await db()
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('user_id', '=', w.host.admin.id)
      .where('kind', '=', 'theme_day_rescheduled')
      .execute();
    expect(n).toHaveLength(1);
    expect(n[0]!.body).toContain('活动方案报送截止日期为2020年6月15日');
  });

  it('refuses overlapping theme days in the same programme, naming the clashing host and its dates', async () => {
    const w = await hostWorld(env, { year: 2022, shortName: '中国电科' });
    const owner = await signIn(env, w.owner.user);
    expect(
      (
        await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
          planId: w.plan.id,
          startDate: '2022-06-10',
          endDate: '2022-06-12',
        })
      ).statusCode,
    ).toBe(201);
    const b = await createBaseWithAdmin(db());
    const plan = await createPlan(db(), { programmeId: w.programme.id, baseId: b.base.id, createdBy: b.admin.id });
    for (const [startDate, endDate] of [
      ['2022-06-12', '2022-06-13'],
      ['2022-06-01', '2022-06-10'],
      ['2022-06-11', '2022-06-11'],
      ['2022-06-01', '2022-06-30'],
    ]) {
      const r = await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
        planId: plan.id,
        startDate,
        endDate,
      });
      const p = problem(r);
      expect(p).toMatchObject({ status: 409, code: 'date_overlap' });
      expect(p.detail).toContain('中国电科');
      expect(p.detail).toContain('2022年6月10日至2022年6月12日');
      expect(r.json().conflict).toMatchObject({
        baseShortName: '中国电科',
        startDate: '2022-06-10',
        endDate: '2022-06-12',
      });
    }
    // The day after is free (ranges are inclusive, adjacency is not overlap).
    expect(
      (
        await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
          planId: plan.id,
          startDate: '2022-06-13',
          endDate: '2022-06-13',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('lets exactly one of two parallel selections for overlapping dates succeed', async () => {
    const w = await hostWorld(env, { year: 2023 });
    const owner1 = await signIn(env, w.owner.user);
    const second = await userWithRole(db(), 'programme_owner', { kind: 'government' });
    const owner2 = await signIn(env, second.user);
    for (let round = 0; round < 4; round++) {
      const a = await createBaseWithAdmin(db());
      const b = await createBaseWithAdmin(db());
      const pa = await createPlan(db(), { programmeId: w.programme.id, baseId: a.base.id, createdBy: a.admin.id });
      const pb = await createPlan(db(), { programmeId: w.programme.id, baseId: b.base.id, createdBy: b.admin.id });
      const month = String(round + 3).padStart(2, '0');
      const [r1, r2] = await Promise.all([
        owner1.post(`/api/programmes/${w.programme.id}/theme-days`, {
          planId: pa.id,
          startDate: `2023-${month}-10`,
          endDate: `2023-${month}-12`,
        }),
        owner2.post(`/api/programmes/${w.programme.id}/theme-days`, {
          planId: pb.id,
          startDate: `2023-${month}-12`,
          endDate: `2023-${month}-14`,
        }),
      ]);
      const codes = [r1, r2].map((r) => r.statusCode).sort();
      expect(codes).toEqual([201, 409]);
      const loser = r1.statusCode === 409 ? r1 : r2;
      expect(problem(loser).code).toBe('date_overlap');
    }
    const days = await db()
      .selectFrom('theme_days')
      .select(['start_date', 'end_date'])
      .where('programme_id', '=', w.programme.id)
      .execute();
    expect(days.length).toBe(4);
    // The losing plans stay submitted.
    const selected = await db()
      .selectFrom('preliminary_plans')
      .select('status')
      .where('programme_id', '=', w.programme.id)
      .where('status', '=', 'selected')
      .execute();
    expect(selected.length).toBe(4);
  });

  it('allows selection beyond the host quota but flags it', async () => {
    const programme = await createProgramme(db(), { year: 2024, rules: { hostQuota: 2 } });
    const { user } = await userWithRole(db(), 'programme_owner', { kind: 'government' });
    const owner = await signIn(env, user);
    const quotas = [];
    for (let i = 0; i < 3; i++) {
      const b = await createBaseWithAdmin(db());
      const plan = await createPlan(db(), { programmeId: programme.id, baseId: b.base.id, createdBy: b.admin.id });
      const r = await owner.post(`/api/programmes/${programme.id}/theme-days`, {
        planId: plan.id,
        startDate: `2024-0${i + 4}-01`,
        endDate: `2024-0${i + 4}-02`,
      });
      expect(r.statusCode).toBe(201);
      quotas.push(r.json().quota);
    }
    expect(quotas).toEqual([
      { hostQuota: 2, selected: 1, exceeded: false },
      { hostQuota: 2, selected: 2, exceeded: false },
      { hostQuota: 2, selected: 3, exceeded: true },
    ]);
  });

  it('lets only the programme owner select: 401 anonymous, 403 for other roles, 404 for a draft programme', async () => {
    const w = await hostWorld(env);
    const url = `/api/programmes/${w.programme.id}/theme-days`;
    const payload = { planId: w.plan.id, startDate: '2020-12-20', endDate: '2020-12-20' };
    expect(problem(await new Client(env.app).post(url, payload))).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    for (const role of [
      'base_admin',
      'department_reviewer',
      'local_drc',
      'member',
      'evaluator',
      'support_org',
      'system_admin',
    ] as const) {
      const { user } = await userWithRole(db(), role);
      const c = await signIn(env, user);
      expect(problem(await c.post(url, payload))).toMatchObject({ status: 403, code: 'forbidden' });
    }
    const hostAdmin = await signIn(env, w.host.admin);
    expect(problem(await hostAdmin.post(url, payload))).toMatchObject({ status: 403, code: 'forbidden' });
    const draft = await createProgramme(db(), { year: 2040, status: 'draft' });
    expect(problem(await hostAdmin.post(`/api/programmes/${draft.id}/theme-days`, payload))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(problem(await hostAdmin.post(`/api/programmes/nope/theme-days`, payload))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(await db().selectFrom('theme_days').select('id').where('plan_id', '=', w.plan.id).execute()).toEqual([]);
  });
});

describe('rescheduling and cancelling', () => {
  async function scheduled(year: number, start: string, end: string) {
    const w = await hostWorld(env, { year });
    const owner = await signIn(env, w.owner.user);
    const r = await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
      planId: w.plan.id,
      startDate: start,
      endDate: end,
    });
    expect(r.statusCode).toBe(201);
    return { ...w, ownerClient: owner, themeDayId: r.json().themeDay.id as string };
  }

  it('moves a theme day (its own old dates do not clash), notifies host and partners, and audits the change', async () => {
    const w = await scheduled(2025, '2025-05-10', '2025-05-12');
    const r = await w.ownerClient.patch(`/api/theme-days/${w.themeDayId}`, {
      startDate: '2025-05-11',
      endDate: '2025-05-13',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().themeDay).toMatchObject({
      startDate: '2025-05-11',
      endDate: '2025-05-13',
      activityPlan: { dueDate: '2025-04-11' },
    });
    const a = await auditRows('theme_day', w.themeDayId);
    expect(a.map((x) => x.action)).toEqual(['select_host', 'reschedule']);
    expect(JSON.parse(a[1]?.before ?? '{}')).toMatchObject({ startDate: '2025-05-10' });
    expect((await notificationsOf(w.host.admin.id)).map((n) => n.kind)).toContain('theme_day_rescheduled');
    expect((await notificationsOf(w.partner.admin.id)).map((n) => n.kind)).toContain('theme_day_rescheduled');
  });

  it('refuses a move onto another theme day or out of the year', async () => {
    const w = await scheduled(2026, '2026-05-10', '2026-05-12');
    const b = await createBaseWithAdmin(db());
    const plan = await createPlan(db(), { programmeId: w.programme.id, baseId: b.base.id, createdBy: b.admin.id });
    const other = await w.ownerClient.post(`/api/programmes/${w.programme.id}/theme-days`, {
      planId: plan.id,
      startDate: '2026-07-01',
      endDate: '2026-07-02',
    });
    expect(other.statusCode).toBe(201);
    expect(
      problem(
        await w.ownerClient.patch(`/api/theme-days/${w.themeDayId}`, {
          startDate: '2026-06-30',
          endDate: '2026-07-01',
        }),
      ),
    ).toMatchObject({ status: 409, code: 'date_overlap' });
    expect(
      problem(
        await w.ownerClient.patch(`/api/theme-days/${w.themeDayId}`, {
          startDate: '2026-12-31',
          endDate: '2027-01-01',
        }),
      ),
    ).toMatchObject({ status: 422, code: 'date_out_of_year' });
    const td = await db().selectFrom('theme_days').selectAll().where('id', '=', w.themeDayId).executeTakeFirstOrThrow();
    expect([td.start_date, td.end_date]).toEqual(['2026-05-10', '2026-05-12']);
  });

  it('lets only the owner move or cancel a theme day', async () => {
    const w = await scheduled(2027, '2027-05-10', '2027-05-12');
    const hostAdmin = await signIn(env, w.host.admin);
    expect(
      problem(
        await hostAdmin.patch(`/api/theme-days/${w.themeDayId}`, { startDate: '2027-06-01', endDate: '2027-06-01' }),
      ),
    ).toMatchObject({ status: 403, code: 'forbidden' });
    expect(problem(await hostAdmin.delete(`/api/theme-days/${w.themeDayId}`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(
      problem(await w.ownerClient.patch(`/api/theme-days/unknown`, { startDate: '2027-06-01', endDate: '2027-06-01' })),
    ).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('cancels a theme day before its activity plan is approved and puts the plan back to submitted', async () => {
    const w = await scheduled(2028, '2028-05-10', '2028-05-12');
    const r = await w.ownerClient.delete(`/api/theme-days/${w.themeDayId}`);
    expect(r.statusCode).toBe(204);
    expect(await db().selectFrom('theme_days').select('id').where('id', '=', w.themeDayId).execute()).toEqual([]);
    const plan = await db()
      .selectFrom('preliminary_plans')
      .select('status')
      .where('id', '=', w.plan.id)
      .executeTakeFirstOrThrow();
    expect(plan.status).toBe('submitted');
    // Two requests can write in the same millisecond, and rows with equal times have no order: compare times.
    const inOrder = async (entityType: string, id: string, actions: string[]) => {
      const rows = await auditRows(entityType, id);
      expect(rows.map((x) => x.action).sort()).toEqual([...actions].sort());
      const at = (a: string) => rows.find((x) => x.action === a)!.at;
      for (let i = 1; i < actions.length; i++) expect(at(actions[i - 1]!) <= at(actions[i]!)).toBe(true);
    };
    await inOrder('theme_day', w.themeDayId, ['select_host', 'delete']);
    await inOrder('preliminary_plan', w.plan.id, ['select', 'deselect']);
    expect((await notificationsOf(w.host.admin.id)).map((n) => n.kind)).toContain('theme_day_cancelled');
  });

  it('refuses to cancel a theme day whose activity plan is approved', async () => {
    const w = await scheduled(2029, '2029-05-10', '2029-05-12');
    await db()
      .insertInto('activity_plans')
      .values({
        id: `ap-${w.themeDayId}`,
        theme_day_id: w.themeDayId,
        status: 'approved',
        title: 't',
        content: '{}',
        submitted_at: null,
        decided_at: null,
        return_reason: null,
        created_at: '2020-01-01T00:00:00Z',
        updated_at: '2020-01-01T00:00:00Z',
      })
      .execute();
    expect(problem(await w.ownerClient.delete(`/api/theme-days/${w.themeDayId}`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    const view = (await w.ownerClient.get(`/api/theme-days/${w.themeDayId}`)).json();
    expect(view.abilities.delete).toBe(false);
  });

  it('refuses to cancel a theme day that already has 1:1 meeting sessions, leaving everything in place', async () => {
    const w = await scheduled(2030, '2030-05-10', '2030-05-12');
    await db()
      .insertInto('meeting_sessions')
      .values({
        id: `ms-${w.themeDayId}`,
        theme_day_id: w.themeDayId,
        title: '一对一洽谈',
        mode: 'organiser',
        status: 'open',
        date: '2030-05-10',
        slots: '[]',
        morning_slots: 0,
        tables: 1,
        online_rooms: 0,
        online_url_template: null,
        venue: null,
        request_limit: 10,
        request_ttl_hours: 48,
        fairness: 2,
        published_at: null,
        created_by: w.owner.user.id,
        created_at: '2030-01-01T00:00:00Z',
        updated_at: '2030-01-01T00:00:00Z',
      })
      .execute();
    const p = problem(await w.ownerClient.delete(`/api/theme-days/${w.themeDayId}`));
    expect(p).toMatchObject({ status: 409, code: 'invalid_state' });
    expect(p.detail).toMatch(/请先删除这些场次/);
    expect(await db().selectFrom('theme_days').select('id').where('id', '=', w.themeDayId).execute()).toHaveLength(1);
  });

  /**
   * One row of each kind that can hang on a theme day (every table with a theme_day_id foreign key besides
   * its activity plan). Written directly: the point is what the theme-day guard sees, whatever module made it.
   */
  async function attach(kind: string, themeDayId: string, orgId: string, userId: string) {
    const id = `${kind}-${themeDayId}`;
    const t = '2030-01-01T00:00:00.000Z';
    const by = { created_by: userId, created_at: t, updated_at: t };
    switch (kind) {
      case 'event_sessions':
        return db()
          .insertInto('event_sessions')
          .values({
            id,
            theme_day_id: themeDayId,
            title: '开幕式',
            kind: 'opening',
            mode: 'offline',
            description: null,
            starts_at: t,
            ends_at: t,
            venue: null,
            venue_capacity: null,
            capacity: 100,
            online_limit: null,
            online_channel: null,
            registration_opens_at: t,
            registration_closes_at: t,
            questions: '[]',
            ...by,
          })
          .execute();
      case 'meeting_sessions':
        return db()
          .insertInto('meeting_sessions')
          .values({
            id,
            theme_day_id: themeDayId,
            title: '一对一洽谈',
            mode: 'organiser',
            status: 'open',
            date: '2051-05-10',
            slots: '[]',
            morning_slots: 0,
            tables: 1,
            online_rooms: 0,
            online_url_template: null,
            venue: null,
            request_limit: 10,
            request_ttl_hours: 48,
            fairness: 2,
            published_at: null,
            ...by,
          })
          .execute();
      case 'resources':
        return db()
          .insertInto('resources')
          .values({
            id,
            organisation_id: orgId,
            theme_day_id: themeDayId,
            type: 'lab',
            title: '开放实验室',
            description: '说明',
            region_code: null,
            location: null,
            conditions: null,
            price_model: 'free',
            price_note: null,
            quota: null,
            quota_period: 'total',
            graduate_teams: 0,
            status: 'published',
            published_at: t,
            ...by,
          })
          .execute();
      case 'demands':
        return db()
          .insertInto('demands')
          .values({
            id,
            kind: 'demand',
            organisation_id: orgId,
            theme_day_id: themeDayId,
            title: '技术需求',
            field_code: '39',
            description: '说明',
            indicators: null,
            budget_min_wan: null,
            budget_max_wan: null,
            cooperation_mode: 'joint_rd',
            deadline: '2059-12-31',
            ip_terms: null,
            status: 'published',
            published_at: t,
            ...by,
          })
          .execute();
      case 'results':
        return db()
          .insertInto('results')
          .values({
            id,
            organisation_id: orgId,
            theme_day_id: themeDayId,
            title: '科技成果',
            field_code: '39',
            description: '说明',
            trl: 5,
            patents: '[]',
            transfer_mode: 'transfer',
            price_expectation: null,
            status: 'draft',
            declaration_text: null,
            declared_by: null,
            declared_org_id: null,
            declared_at: null,
            review_outcome: null,
            review_comment: null,
            reviewed_by: null,
            reviewed_at: null,
            published_at: null,
            ...by,
          })
          .execute();
      case 'alliances':
        return db()
          .insertInto('alliances')
          .values({
            id,
            organisation_id: orgId,
            theme_day_id: themeDayId,
            name: '产业创新联盟',
            field_code: null,
            charter: '章程',
            ...by,
          })
          .execute();
      case 'docking_sessions':
        return db()
          .insertInto('docking_sessions')
          .values({
            id,
            organisation_id: orgId,
            theme_day_id: themeDayId,
            kind: 'seminar',
            title: '专家研讨会',
            description: null,
            agenda: '[]',
            starts_at: t,
            ends_at: t,
            venue: null,
            online_link: null,
            event_session_id: null,
            ...by,
          })
          .execute();
      case 'exhibition_booths':
        return db()
          .insertInto('exhibition_booths')
          .values({
            id,
            theme_day_id: themeDayId,
            organisation_id: orgId,
            title: '展位',
            intro: '简介',
            contact_name: '联系人',
            contact_phone: null,
            contact_email: null,
            items: '[]',
            status: 'pending',
            review_note: null,
            reviewed_by: null,
            reviewed_at: null,
            ...by,
          })
          .execute();
      default:
        throw new Error(`unknown child kind ${kind}`);
    }
  }

  it('refuses (409, nothing removed) to cancel a theme day with any kind of item attached, naming what is attached', async () => {
    const cases: [kind: string, code: string, detail: RegExp][] = [
      ['event_sessions', 'invalid_state', /请先删除这些场次/],
      ['meeting_sessions', 'invalid_state', /请先删除这些场次/],
      ['resources', 'theme_day_has_content', /开放资源（1项）/],
      ['demands', 'theme_day_has_content', /需求（1项）/],
      ['results', 'theme_day_has_content', /科技成果（1项）/],
      ['alliances', 'theme_day_has_content', /创新联盟（1项）/],
      ['docking_sessions', 'theme_day_has_content', /对接活动（1项）/],
      ['exhibition_booths', 'theme_day_has_content', /展位（1项）/],
    ];
    let year = 2051;
    for (const [kind, code, detail] of cases) {
      const y = year++;
      const w = await scheduled(y, `${y}-05-10`, `${y}-05-12`);
      // An unapproved activity plan would go with the theme day: it must stay too.
      await db()
        .insertInto('activity_plans')
        .values({
          id: `ap-${w.themeDayId}`,
          theme_day_id: w.themeDayId,
          status: 'draft',
          title: 't',
          content: '{}',
          submitted_at: null,
          decided_at: null,
          return_reason: null,
          created_at: '2020-01-01T00:00:00Z',
          updated_at: '2020-01-01T00:00:00Z',
        })
        .execute();
      await attach(kind, w.themeDayId, w.partner.org.id, w.owner.user.id);
      const res = await w.ownerClient.delete(`/api/theme-days/${w.themeDayId}`);
      const p = problem(res);
      expect(p, kind).toMatchObject({ status: 409, code });
      expect(p.detail, kind).toMatch(detail);
      expect(
        await db().selectFrom('theme_days').select('id').where('id', '=', w.themeDayId).execute(),
        kind,
      ).toHaveLength(1);
      expect(
        await db().selectFrom('activity_plans').select('id').where('theme_day_id', '=', w.themeDayId).execute(),
        kind,
      ).toHaveLength(1);
      const plan = await db()
        .selectFrom('preliminary_plans')
        .select('status')
        .where('id', '=', w.plan.id)
        .executeTakeFirstOrThrow();
      expect(plan.status, kind).toBe('selected');
      expect(
        (await auditRows('theme_day', w.themeDayId)).map((x) => x.action),
        kind,
      ).toEqual(['select_host']);
    }

    // Several kinds at once: every kind is named, with how many.
    const w = await scheduled(2060, '2060-05-10', '2060-05-12');
    for (const kind of ['resources', 'results', 'exhibition_booths'])
      await attach(kind, w.themeDayId, w.partner.org.id, w.owner.user.id);
    const res = await w.ownerClient.delete(`/api/theme-days/${w.themeDayId}`);
    expect(problem(res)).toMatchObject({ status: 409, code: 'theme_day_has_content' });
    expect(problem(res).detail).toBe(
      '该主题日下已有开放资源（1项）、科技成果（1项）、展位（1项），请先删除或移出这些内容再取消主题日',
    );
    expect(res.json().attached).toEqual({ resources: 1, results: 1, exhibition_booths: 1 });

    // Once the items are gone, the theme day can be cancelled.
    for (const table of ['resources', 'results', 'exhibition_booths'] as const) {
      await db().deleteFrom(table).where('theme_day_id', '=', w.themeDayId).execute();
    }
    expect((await w.ownerClient.delete(`/api/theme-days/${w.themeDayId}`)).statusCode).toBe(204);
    expect(await db().selectFrom('theme_days').select('id').where('id', '=', w.themeDayId).execute()).toEqual([]);
  });

  it('still cancels a theme day that has nothing attached but its unapproved activity plan, removing the plan with it', async () => {
    const w = await scheduled(2061, '2061-05-10', '2061-05-12');
    await db()
      .insertInto('activity_plans')
      .values({
        id: `ap-${w.themeDayId}`,
        theme_day_id: w.themeDayId,
        status: 'submitted',
        title: 't',
        content: '{}',
        submitted_at: null,
        decided_at: null,
        return_reason: null,
        created_at: '2020-01-01T00:00:00Z',
        updated_at: '2020-01-01T00:00:00Z',
      })
      .execute();
    expect((await w.ownerClient.delete(`/api/theme-days/${w.themeDayId}`)).statusCode).toBe(204);
    expect(await db().selectFrom('theme_days').select('id').where('id', '=', w.themeDayId).execute()).toEqual([]);
    expect(
      await db().selectFrom('activity_plans').select('id').where('theme_day_id', '=', w.themeDayId).execute(),
    ).toEqual([]);
    expect((await auditRows('activity_plan', `ap-${w.themeDayId}`)).map((x) => x.action)).toEqual(['delete']);
  });
});

describe('year calendar', () => {
  it('shows every theme day with host, partners, dates, activity-plan status, due date and the quota', async () => {
    const w = await hostWorld(env, { year: 2021, shortName: '宝武' });
    const owner = await signIn(env, w.owner.user);
    const b = await createBaseWithAdmin(db(), { shortName: '东方电气' });
    const plan2 = await createPlan(db(), { programmeId: w.programme.id, baseId: b.base.id, createdBy: b.admin.id });
    expect(
      (
        await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
          planId: plan2.id,
          startDate: '2021-09-01',
          endDate: '2021-09-02',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
          planId: w.plan.id,
          startDate: '2021-03-31',
          endDate: '2021-04-01',
        })
      ).statusCode,
    ).toBe(201);
    const r = await owner.get(`/api/programmes/${w.programme.id}/calendar`);
    expect(r.statusCode).toBe(200);
    const cal = r.json();
    expect(cal.programme).toMatchObject({ year: 2021 });
    expect(cal.total).toBe(2);
    expect(cal.quota).toEqual({ hostQuota: 5, selected: 2, exceeded: false });
    expect(cal.items.map((i: { host: { shortName: string } }) => i.host.shortName)).toEqual(['宝武', '东方电气']);
    expect(cal.items[0]).toMatchObject({
      startDate: '2021-03-31',
      endDate: '2021-04-01',
      host: { name: w.host.base.name, shortName: '宝武' },
      partners: [{ id: w.partner.base.id, name: w.partner.base.name }],
      activityPlan: { status: 'none', dueDate: '2021-02-28', deadline: '2021-02-28T15:59:59.999Z' },
    });

    // A base admin sees the calendar, but the activity-plan status only of its own theme day.
    const hostAdmin = await signIn(env, w.host.admin);
    const hc = (await hostAdmin.get(`/api/programmes/${w.programme.id}/calendar?sort=startDate&order=desc`)).json();
    expect(
      hc.items.map((i: { host: { shortName: string }; activityPlan: { status: string | null } }) => [
        i.host.shortName,
        i.activityPlan.status,
      ]),
    ).toEqual([
      ['东方电气', null],
      ['宝武', 'none'],
    ]);
    expect(hc.items[1].abilities).toMatchObject({
      update: false,
      delete: false,
      readActivityPlan: true,
      editActivityPlan: true,
    });
    // Paging.
    const p2 = (await owner.get(`/api/programmes/${w.programme.id}/calendar?page=2&pageSize=1`)).json();
    expect(p2).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(p2.items[0].host.shortName).toBe('东方电气');
  });

  it('hides a draft programme calendar from everyone but the owner', async () => {
    const draft = await createProgramme(db(), { year: 2041, status: 'draft' });
    const { user } = await userWithRole(db(), 'department_reviewer', { kind: 'government', departmentCode: 'MIIT' });
    const reviewer = await signIn(env, user);
    expect(problem(await reviewer.get(`/api/programmes/${draft.id}/calendar`))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    const { user: ownerUser } = await userWithRole(db(), 'programme_owner', { kind: 'government' });
    const owner = await signIn(env, ownerUser);
    expect((await owner.get(`/api/programmes/${draft.id}/calendar`)).statusCode).toBe(200);
    expect(problem(await new Client(env.app).get(`/api/programmes/${draft.id}/calendar`))).toMatchObject({
      status: 401,
    });
  });
});

describe('what keeps a theme day from being removed', () => {
  it('names every table with a foreign key to theme_days (besides the activity plan, which goes with the day)', async () => {
    const { sql } = await import('kysely');
    const { THEME_DAY_CHILDREN } = await import('./repository.ts');
    let referencing: string[];
    if (env.dialect === 'postgres') {
      const r = await sql<{ table_name: string }>`
        select distinct tc.table_name from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
        where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'theme_days'`.execute(db());
      referencing = r.rows.map((x) => x.table_name);
    } else {
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db());
      referencing = [];
      for (const { name } of tables.rows) {
        const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db());
        if (fks.rows.some((f) => f.table === 'theme_days')) referencing.push(name);
      }
    }
    expect(referencing).toContain('cooperation_projects');
    expect(referencing.filter((t) => t !== 'activity_plans').sort()).toEqual([...THEME_DAY_CHILDREN].sort());
  });
});
