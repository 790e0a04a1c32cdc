import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, testDialect, type TestEnv } from '../../test/harness.ts';
import { createBase } from '../../test/factories.ts';
import {
  auditActions,
  baseWithAdmin,
  bodyOf,
  moveTo,
  notificationsOf,
  planContent as contentOf,
  programmeVia,
  submittedPlan,
  userWith,
} from './testkit.ts';

let env: TestEnv;
let owner: Awaited<ReturnType<typeof userWith>>;
let p2020: string;
let partnerId: string;
beforeAll(async () => {
  env = await createTestEnv({ now: '2020-05-20T02:00:00Z' });
  owner = await userWith(env, 'programme_owner');
  p2020 = await programmeVia(owner.client, { year: 2020 });
  partnerId = (await createBase(env.database.db, { name: '共同参与示范基地', shortName: '共参' })).id;
});

/** Complete content naming one partner base (a plan must name at least one). */
const planContent = (o: Parameters<typeof contentOf>[0] = {}) => contentOf({ partnerBaseIds: [partnerId], ...o });
afterAll(async () => {
  await env?.close();
});

const create = (c: Client, programmeId: string, body: Record<string, unknown> = {}) =>
  c.post(`/api/programmes/${programmeId}/plans`, body);

describe(`preliminary plans: drafting and submission (${testDialect()})`, () => {
  it('lets a base administrator create a draft, save any subset of fields, and see 字数 and areas covered', async () => {
    const a = await baseWithAdmin(env, { shortName: '国网' });
    const partner = await createBase(env.database.db, { name: '合作示范基地甲', shortName: '甲' });
    const r = await create(a.client, p2020, { theme: '能源互联网' });
    expect(r.statusCode).toBe(201);
    const plan = r.json();
    expect(plan).toMatchObject({
      status: 'draft',
      version: 0,
      theme: '能源互联网',
      title: null,
      zishu: 5, // 能源互联网: the theme counts towards the whole plan
      areasCovered: 0,
      minContentAreas: 4,
      base: { id: a.base.id, shortName: '国网', kind: 'enterprise' },
      programmeYear: 2020,
      abilities: { edit: true, check: true, submit: true, withdraw: false, return: false },
    });
    const s = await a.client.patch(`/api/plans/${plan.id}`, {
      body: bodyOf(300),
      partnerBaseIds: [partner.id],
      areas: [
        { key: 'roadshow', description: '组织路演' },
        { key: 'deep_docking', description: '' },
      ],
    });
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({
      theme: '能源互联网',
      zishu: 309, // the whole plan counts: body 300, theme 5, the roadshow area's description 4
      areasCovered: 1,
      partnerBases: [{ id: partner.id, name: '合作示范基地甲', shortName: '甲' }],
    });
    expect(s.json().areas[0]).toEqual({ key: 'roadshow', name: '创新团队对接路演', description: '组织路演' });
    expect(await auditActions(env, 'preliminary_plan', plan.id)).toEqual(['create', 'update']);
  });

  it('reports the live check for the current draft (and for unsaved text sent with the request)', async () => {
    const a = await baseWithAdmin(env);
    const id = (await create(a.client, p2020, planContent({ areas: 3, zishu: 500 }))).json().id;
    const r = await a.client.post(`/api/plans/${id}/check`, {});
    expect(r.statusCode).toBe(200);
    const check = r.json();
    expect(check).toMatchObject({
      ok: false,
      zishu: 500,
      areasCovered: 3,
      minContentAreas: 4,
      length: { target: 800, min: 600, max: 1000 },
      planDeadlineAt: '2020-06-30T15:59:59.999Z',
    });
    expect(check.issues.map((i: { code: string }) => i.code).sort()).toEqual(['length_out_of_range', 'too_few_areas']);
    expect((await a.client.post(`/api/plans/${id}/check`)).json().zishu).toBe(500);
    const unsaved = await a.client.post(`/api/plans/${id}/check`, planContent({ areas: 5 }));
    expect(unsaved.json()).toMatchObject({ ok: true, zishu: 800, areasCovered: 5, issues: [] });
  });

  it('refuses a second plan for the same base and programme with duplicate, also when creates arrive in parallel', async () => {
    const a = await baseWithAdmin(env);
    const results = await Promise.all(Array.from({ length: 6 }, () => create(a.client, p2020, {})));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(problem(r).code).toBe('duplicate');
    const count = await env.database.db
      .selectFrom('preliminary_plans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('base_id', '=', a.base.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    expect(problem(await create(a.client, p2020, {})).code).toBe('duplicate');
  });

  it('asks an administrator of several bases which base the plan is for, and refuses a base it does not run', async () => {
    const a = await baseWithAdmin(env);
    const second = await createBase(env.database.db, { organisationId: a.org.id });
    const other = await createBase(env.database.db, {});
    const r = await create(a.client, p2020, {});
    expect(problem(r)).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'baseId' }] });
    expect(problem(await create(a.client, p2020, { baseId: other.id }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    const ok = await create(a.client, p2020, { baseId: second.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().base.id).toBe(second.id);
  });

  it('refuses a plan from a base whose kind may not host with base_not_eligible, at creation and at submission', async () => {
    const academic = await baseWithAdmin(env, { kind: 'academic' });
    expect(problem(await create(academic.client, p2020, {}))).toMatchObject({ status: 422, code: 'base_not_eligible' });
    const a = await baseWithAdmin(env);
    const id = (await create(a.client, p2020, planContent())).json().id;
    await env.database.db.updateTable('bases').set({ kind: 'regional' }).where('id', '=', a.base.id).execute();
    const r = problem(await a.client.post(`/api/plans/${id}/submit`));
    expect(r).toMatchObject({ status: 422, code: 'base_not_eligible' });
    expect(r.errors).toEqual([
      { field: 'baseId', code: 'base_not_eligible', message: '仅企业类双创示范基地可申请承办主题日' },
    ]);
  });

  it('refuses a plan that covers only 3 content areas, naming the missing ones', async () => {
    const a = await baseWithAdmin(env);
    const id = (await create(a.client, p2020, planContent({ areas: 3 }))).json().id;
    const r = problem(await a.client.post(`/api/plans/${id}/submit`));
    expect(r).toMatchObject({ status: 422, code: 'plan_incomplete' });
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]).toMatchObject({ field: 'areas', code: 'too_few_areas' });
    expect(r.detail).toContain('内容板块至少覆盖4个，当前仅3个');
    expect(r.detail).toContain('创新团队对接路演');
  });

  it('refuses a body outside 800±200 字 and accepts the edges', async () => {
    const a = await baseWithAdmin(env);
    const id = (await create(a.client, p2020, planContent({ zishu: 599 }))).json().id;
    const short = problem(await a.client.post(`/api/plans/${id}/submit`));
    expect(short).toMatchObject({ code: 'plan_incomplete', errors: [{ field: 'body', code: 'length_out_of_range' }] });
    expect(short.detail).toContain('当前599字');
    await a.client.patch(`/api/plans/${id}`, { body: planContent({ zishu: 1001 }).body });
    expect(problem(await a.client.post(`/api/plans/${id}/submit`)).errors![0]!.code).toBe('length_out_of_range');
    await a.client.patch(`/api/plans/${id}`, { body: planContent({ zishu: 1000 }).body });
    expect((await a.client.post(`/api/plans/${id}/submit`)).statusCode).toBe(200);
    const b = await baseWithAdmin(env);
    const id2 = (await create(b.client, p2020, planContent({ zishu: 600 }))).json().id;
    expect((await b.client.post(`/api/plans/${id2}/submit`)).statusCode).toBe(200);
  });

  it('refuses each empty required field with field_required naming that field', async () => {
    const a = await baseWithAdmin(env);
    const full = planContent();
    const id = (await create(a.client, p2020, full)).json().id;
    const blanks: [string, unknown][] = [
      ['theme', '  '],
      ['title', null],
      ['body', ''],
      ['plannedMonths', []],
      ['epidemicMeasures', null],
    ];
    for (const [field, empty] of blanks) {
      await a.client.patch(`/api/plans/${id}`, { [field]: empty });
      const r = problem(await a.client.post(`/api/plans/${id}/submit`));
      expect(r.code, field).toBe('plan_incomplete');
      expect(r.errors, field).toEqual([expect.objectContaining({ field, code: 'field_required' })]);
      expect(r.detail).toMatch(/^请填写/);
      await a.client.patch(`/api/plans/${id}`, { [field]: (full as Record<string, unknown>)[field] });
    }
    expect((await a.client.post(`/api/plans/${id}/submit`)).statusCode).toBe(200);
  });

  it('lists every issue at once when a plan fails several rules', async () => {
    const a = await baseWithAdmin(env);
    const id = (await create(a.client, p2020, { theme: '智能制造' })).json().id;
    const r = problem(await a.client.post(`/api/plans/${id}/submit`));
    expect(r.code).toBe('plan_incomplete');
    expect(r.errors!.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'areas:too_few_areas',
      'body:field_required',
      'epidemicMeasures:field_required',
      'partnerBaseIds:too_few_partner_bases',
      'plannedMonths:field_required',
      'title:field_required',
    ]);
    expect(r.detail!.split('；')).toHaveLength(6);
  });

  it('accepts a submission at 23:59:59 Shanghai on 30 June and refuses one a second later with deadline_passed', async () => {
    const a = await baseWithAdmin(env);
    const b = await baseWithAdmin(env);
    const idA = (await create(a.client, p2020, planContent())).json().id;
    const idB = (await create(b.client, p2020, planContent())).json().id;
    await moveTo(env, '2020-06-30T15:59:59Z', a, b);
    const ok = await a.client.post(`/api/plans/${idA}/submit`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'submitted', version: 1, submittedAt: '2020-06-30T15:59:59.000Z' });
    env.clock.set('2020-06-30T16:00:00Z');
    const late = problem(await b.client.post(`/api/plans/${idB}/submit`));
    expect(late).toMatchObject({ status: 422, code: 'deadline_passed' });
    expect(late.detail).toContain('2020年6月30日 23:59');
    // A new draft after the deadline is refused too.
    const c = await baseWithAdmin(env);
    expect(problem(await create(c.client, p2020, {}))).toMatchObject({ status: 422, code: 'deadline_passed' });
    // And a submitted plan can no longer be withdrawn.
    expect(problem(await a.client.post(`/api/plans/${idA}/withdraw`))).toMatchObject({
      status: 422,
      code: 'deadline_passed',
    });
    await moveTo(env, '2020-05-20T02:00:00Z', owner);
  });

  it('refuses submission while the call is not open with call_not_open', async () => {
    const year = 2040;
    const pid = await programmeVia(owner.client, { year });
    const a = await baseWithAdmin(env);
    const id = (await create(a.client, pid, planContent())).json().id;
    await owner.client.post(`/api/programmes/${pid}/close`);
    const r = problem(await a.client.post(`/api/plans/${id}/submit`));
    expect(r).toMatchObject({ status: 422, code: 'call_not_open' });
    expect(problem(await a.client.patch(`/api/plans/${id}`, { theme: 'x' })).code).toBe('call_not_open');
    const b = await baseWithAdmin(env);
    expect(problem(await create(b.client, pid, {})).code).toBe('call_not_open');
    // With content problems as well, the answer is plan_incomplete listing the closed call too.
    await env.database.db.updateTable('preliminary_plans').set({ title: null }).where('id', '=', id).execute();
    const both = problem(await a.client.post(`/api/plans/${id}/submit`));
    expect(both.code).toBe('plan_incomplete');
    expect(both.errors!.map((e) => e.code).sort()).toEqual(['call_not_open', 'field_required']);
  });

  it('keeps every submission as a version across withdraw and resubmit, and audits and notifies each step', async () => {
    const a = await baseWithAdmin(env, { shortName: '海尔' });
    const content = planContent();
    const id = await submittedPlan(a.client, p2020, content);
    const n = await notificationsOf(env, owner.user.id);
    expect(
      n.some(
        (x) =>
          x.kind === 'plan_submitted' && x.title === '海尔提交了活动初步计划' && x.link === `/workspace/plans/${id}`,
      ),
    ).toBe(true);
    expect(problem(await a.client.patch(`/api/plans/${id}`, { theme: '改' })).code).toBe('invalid_state');
    expect(problem(await a.client.post(`/api/plans/${id}/submit`)).code).toBe('invalid_state');
    const w = await a.client.post(`/api/plans/${id}/withdraw`);
    expect(w.json()).toMatchObject({ status: 'withdrawn', version: 1 });
    expect((await notificationsOf(env, owner.user.id)).some((x) => x.kind === 'plan_withdrawn')).toBe(true);
    expect(problem(await a.client.post(`/api/plans/${id}/withdraw`)).code).toBe('invalid_state');
    await a.client.patch(`/api/plans/${id}`, { theme: '工业互联网平台' });
    const s2 = await a.client.post(`/api/plans/${id}/submit`);
    expect(s2.json()).toMatchObject({ status: 'submitted', version: 2, theme: '工业互联网平台' });
    const versions = (await a.client.get(`/api/plans/${id}/versions`)).json();
    expect(versions).toMatchObject({ total: 2, page: 1 });
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.items[0].submittedBy.id).toBe(a.admin.id);
    const v1 = (await a.client.get(`/api/plans/${id}/versions/1`)).json();
    expect(v1.content).toMatchObject({
      theme: '工业互联网',
      title: content.title,
      body: content.body,
      zishu: 800,
      areasCovered: 4,
      plannedMonths: [9, 10],
    });
    expect((await a.client.get(`/api/plans/${id}/versions/2`)).json().content.theme).toBe('工业互联网平台');
    expect(problem(await a.client.get(`/api/plans/${id}/versions/3`)).status).toBe(404);
    // The owner reads the versions too.
    expect((await owner.client.get(`/api/plans/${id}/versions`)).json().total).toBe(2);
    expect(await auditActions(env, 'preliminary_plan', id)).toEqual([
      'create',
      'submit',
      'submit',
      'update',
      'withdraw',
    ]);
    expect(
      await env.database.db
        .selectFrom('plan_versions')
        .select('version')
        .where('plan_id', '=', id)
        .orderBy('version')
        .execute(),
    ).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('refuses to withdraw a plan that has been selected as a host', async () => {
    const a = await baseWithAdmin(env);
    const id = await submittedPlan(a.client, p2020);
    await env.database.db.updateTable('preliminary_plans').set({ status: 'selected' }).where('id', '=', id).execute();
    expect(problem(await a.client.post(`/api/plans/${id}/withdraw`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    expect((await a.client.get(`/api/plans/${id}`)).json().abilities.withdraw).toBe(false);
  });

  it('lets only the owner return a submitted plan with reasons while the call is open, and tells the base', async () => {
    const a = await baseWithAdmin(env);
    const id = await submittedPlan(a.client, p2020);
    expect(problem(await a.client.post(`/api/plans/${id}/return`, { reason: '自己退回' }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(problem(await owner.client.post(`/api/plans/${id}/return`, { reason: '' })).code).toBe('validation_failed');
    const r = await owner.client.post(`/api/plans/${id}/return`, { reason: '请补充项目对接周期安排' });
    expect(r.json()).toMatchObject({ status: 'returned', returnReason: '请补充项目对接周期安排' });
    const n = (await notificationsOf(env, a.admin.id)).find((x) => x.kind === 'plan_returned');
    expect(n?.body).toContain('请补充项目对接周期安排');
    expect(problem(await owner.client.post(`/api/plans/${id}/return`, { reason: '再退' })).code).toBe('invalid_state');
    expect((await a.client.get(`/api/plans/${id}`)).json().abilities).toMatchObject({ edit: true, submit: true });
    const again = await a.client.post(`/api/plans/${id}/submit`);
    expect(again.json()).toMatchObject({ status: 'submitted', version: 2, returnReason: null });
    expect(await auditActions(env, 'preliminary_plan', id)).toEqual(['create', 'return', 'submit', 'submit']);
    // Once the call is closed, returning is refused.
    const pid = await programmeVia(owner.client, { year: 2041 });
    const b = await baseWithAdmin(env);
    const id2 = await submittedPlan(b.client, pid);
    await owner.client.post(`/api/programmes/${pid}/close`);
    expect(problem(await owner.client.post(`/api/plans/${id2}/return`, { reason: '太晚' }))).toMatchObject({
      status: 422,
      code: 'call_not_open',
    });
  });

  it('validates partner bases: known, distinct and not the plan’s own base', async () => {
    const a = await baseWithAdmin(env);
    const id = (await create(a.client, p2020, {})).json().id;
    const r = problem(await a.client.patch(`/api/plans/${id}`, { partnerBaseIds: [a.base.id, 'nope', 'nope'] }));
    expect(r.code).toBe('validation_failed');
    expect(r.errors!.map((e) => e.code).sort()).toEqual(['duplicate', 'own_base', 'unknown_base']);
    expect(problem(await a.client.patch(`/api/plans/${id}`, { areas: 'x' })).code).toBe('validation_failed');
    expect(problem(await a.client.patch(`/api/plans/${id}`, { plannedMonths: [13] })).code).toBe('validation_failed');
  });
});

describe(`preliminary plans: who sees what (${testDialect()})`, () => {
  it('hides a draft from everyone but its base administrators, its local DRC and its supervisor (404), including the owner', async () => {
    const a = await baseWithAdmin(env);
    const other = await baseWithAdmin(env);
    const drc = await userWith(env, 'local_drc', { regionCode: '440000' });
    const reviewer = await userWith(env, 'department_reviewer', { departmentCode: 'MIIT' });
    const id = (await create(a.client, p2020, {})).json().id;
    for (const c of [other.client, owner.client, drc.client, reviewer.client]) {
      expect(problem(await c.get(`/api/plans/${id}`))).toMatchObject({ status: 404, code: 'not_found' });
      expect(problem(await c.patch(`/api/plans/${id}`, { theme: 'x' })).status).toBe(404);
      expect(problem(await c.post(`/api/plans/${id}/submit`)).status).toBe(404);
      expect(problem(await c.get(`/api/plans/${id}/versions`)).status).toBe(404);
    }
    expect(problem(await new Client(env.app).get(`/api/plans/${id}`))).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
  });

  it('lets another base administrator neither see nor act on a submitted plan (404), and the owner read but not edit it (403)', async () => {
    const a = await baseWithAdmin(env);
    const other = await baseWithAdmin(env);
    const id = await submittedPlan(a.client, p2020);
    expect(problem(await other.client.get(`/api/plans/${id}`)).status).toBe(404);
    expect(problem(await other.client.post(`/api/plans/${id}/withdraw`)).status).toBe(404);
    const seen = await owner.client.get(`/api/plans/${id}`);
    expect(seen.json().abilities).toMatchObject({
      edit: false,
      submit: false,
      withdraw: false,
      return: true,
      assignReviewers: true,
      viewReviews: true,
    });
    expect(problem(await owner.client.post(`/api/plans/${id}/withdraw`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(problem(await owner.client.post(`/api/plans/${id}/check`, {})).status).toBe(403);
  });

  it('lists plans by role: owner all non-draft, base its own incl. drafts, local DRC its province, reviewer its assignments, member 403', async () => {
    const pid = await programmeVia(owner.client, { year: 2042 });
    const bj = await baseWithAdmin(env, { regionCode: '110108' });
    const gd = await baseWithAdmin(env, { regionCode: '440300' });
    const gdDraft = await baseWithAdmin(env, { regionCode: '440100' });
    const idBj = await submittedPlan(bj.client, pid);
    const idGd = await submittedPlan(gd.client, pid);
    const idDraft = (await create(gdDraft.client, pid, { theme: '草稿' })).json().id;
    const ids = async (c: Client, qs = '') => {
      const r = await c.get(`/api/programmes/${pid}/plans?pageSize=50${qs}`);
      expect(r.statusCode).toBe(200);
      return (r.json().items as { id: string }[]).map((x) => x.id).sort();
    };
    expect(await ids(owner.client)).toEqual([idBj, idGd].sort());
    expect(await ids(gdDraft.client)).toEqual([idDraft]);
    const drc = await userWith(env, 'local_drc', { regionCode: '440000' });
    // The local DRC follows its province's plans from the draft on (it comments before submission).
    expect(await ids(drc.client)).toEqual([idGd, idDraft].sort());
    const drcPlan = (await drc.client.get(`/api/plans/${idGd}`)).json();
    expect(drcPlan.abilities).toMatchObject({ edit: false, submit: false, return: false, viewVersions: true });
    // A submitted plan takes no more comments or reminders; the draft does.
    expect(drcPlan.abilities).toMatchObject({ comment: false, remind: false });
    expect((await drc.client.get(`/api/plans/${idDraft}`)).json().abilities).toMatchObject({
      edit: false,
      submit: false,
      comment: true,
      remind: true,
    });
    expect(problem(await drc.client.get(`/api/plans/${idBj}`)).status).toBe(404);
    const reviewer = await userWith(env, 'department_reviewer', { departmentCode: 'MIIT' });
    expect(await ids(reviewer.client)).toEqual([]);
    await owner.client.post(`/api/plans/${idBj}/reviewers`, { userIds: [reviewer.user.id] });
    expect(await ids(reviewer.client)).toEqual([idBj]);
    expect(problem(await reviewer.client.get(`/api/plans/${idGd}`)).status).toBe(404);
    const member = await userWith(env, 'member');
    expect(problem(await member.client.get(`/api/programmes/${pid}/plans`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    // Paging, sorting and filters.
    const page = (
      await owner.client.get(`/api/programmes/${pid}/plans?pageSize=1&page=2&sort=baseName&order=asc`)
    ).json();
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).not.toHaveProperty('body');
    expect(page.items[0]).toHaveProperty('zishu', 800);
    expect(await ids(owner.client, `&baseId=${gd.base.id}`)).toEqual([idGd]);
    expect(await ids(owner.client, '&status=returned')).toEqual([]);
  });
});

describe(`a 2021 programme with other rules (${testDialect()})`, () => {
  it('applies different rules set up as data: 3 areas, ~1000 字, academic bases, a May deadline', async () => {
    const rules = {
      minContentAreas: 3,
      planLengthTarget: 1000,
      planLengthTolerance: 150,
      planDeadline: '2021-05-31T23:59:59',
      eligibleBaseKinds: ['enterprise', 'academic'],
      titleTemplate: '{简称}融通创新主题日实施方案',
    };
    await moveTo(env, '2021-03-01T02:00:00Z', owner);
    const res = await owner.client.post('/api/programmes', { year: 2021, rules });
    expect(res.json().rules).toMatchObject(rules);
    const pid = res.json().id;
    await owner.client.post(`/api/programmes/${pid}/open`);
    const uni = await baseWithAdmin(env, { kind: 'academic' });
    const late = await baseWithAdmin(env, { kind: 'academic' });
    // An 800-字 body, fine in 2020, is now too short.
    const id = (await create(uni.client, pid, planContent({ areas: 3, zishu: 800 }))).json().id;
    const short = problem(await uni.client.post(`/api/plans/${id}/submit`));
    expect(short.errors).toEqual([expect.objectContaining({ code: 'length_out_of_range' })]);
    expect(short.detail).toContain('1000字左右（850～1150字）');
    await uni.client.patch(`/api/plans/${id}`, { body: planContent({ areas: 3, zishu: 1000 }).body });
    const ok = await uni.client.post(`/api/plans/${id}/submit`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'submitted', areasCovered: 3, minContentAreas: 3, zishu: 1000 });
    const lateId = (await create(late.client, pid, planContent({ areas: 3, zishu: 1000 }))).json().id;
    await moveTo(env, '2021-06-01T02:00:00Z', late);
    const refused = problem(await late.client.post(`/api/plans/${lateId}/submit`));
    expect(refused).toMatchObject({ status: 422, code: 'deadline_passed' });
    expect(refused.detail).toContain('2021年5月31日');
    await moveTo(env, '2020-05-20T02:00:00Z', owner);
  });
});
