import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRules2020 } from '../../../common/programme-rules.ts';
import { Client, createTestEnv, problem, testDialect, type TestEnv } from '../../test/harness.ts';
import { auditActions, auditRows, baseWithAdmin, moveTo, notificationsOf, userWith } from '../plans/testkit.ts';

let env: TestEnv;
let owner: Awaited<ReturnType<typeof userWith>>;
beforeAll(async () => {
  env = await createTestEnv();
  owner = await userWith(env, 'programme_owner');
});
afterAll(async () => {
  await env?.close();
});

describe(`programmes (${testDialect()})`, () => {
  it('creates a programme with the 2020 rules by default, the deadline moved to 30 June of its year, and audits it', async () => {
    const r = await owner.client.post('/api/programmes', { year: 2022 });
    expect(r.statusCode).toBe(201);
    const p = r.json();
    expect(p).toMatchObject({ year: 2022, status: 'draft', name: '2022年融通创新主题日' });
    expect(p.rules).toEqual({ ...defaultRules2020, planDeadline: '2022-06-30T23:59:59' });
    expect(p.planDeadlineAt).toBe('2022-06-30T15:59:59.999Z');
    expect(p.abilities).toMatchObject({ edit: true, open: true, close: false });
    const audits = await auditRows(env, 'programme', p.id);
    expect(audits.map((a) => a.action)).toEqual(['create']);
    expect(audits[0]!.actor_user_id).toBe(owner.user.id);
  });

  it('refuses a second programme for the same year with duplicate', async () => {
    const r = await owner.client.post('/api/programmes', { year: 2022 });
    expect(problem(r)).toMatchObject({ status: 409, code: 'duplicate' });
  });

  it('validates rules with the ProgrammeRules schema and names each problem in Chinese', async () => {
    const r = await owner.client.post('/api/programmes', {
      year: 2023,
      rules: { minContentAreas: 6, planLengthTolerance: 900, titleTemplate: '融通创新主题日活动方案' },
    });
    const pr = problem(r);
    expect(pr).toMatchObject({ status: 400, code: 'validation_failed' });
    const fields = pr.errors!.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['rules.minContentAreas', 'rules.planLengthTolerance', 'rules.titleTemplate']),
    );
    expect(pr.detail).toMatch(/不能超过板块总数/);
    const weights = await owner.client.post('/api/programmes', {
      year: 2023,
      rules: {
        reviewCriteria: [
          { key: 'a', name: '甲', weight: 0.5 },
          { key: 'b', name: '乙', weight: 0.2 },
        ],
      },
    });
    expect(problem(weights).errors![0]).toMatchObject({ field: 'rules.reviewCriteria' });
    const unknown = await owner.client.post('/api/programmes', { year: 2023, rules: { hostQuotaX: 3 } });
    expect(problem(unknown).code).toBe('validation_failed');
  });

  it('lets the owner edit a draft and refuses edits once the call is open with programme_not_editable', async () => {
    const id = (await owner.client.post('/api/programmes', { year: 2024 })).json().id;
    const e = await owner.client.patch(`/api/programmes/${id}`, { name: '2024年方案', rules: { hostQuota: 6 } });
    expect(e.statusCode).toBe(200);
    expect(e.json()).toMatchObject({ name: '2024年方案', rules: { hostQuota: 6, minContentAreas: 4 } });
    expect(await auditActions(env, 'programme', id)).toEqual(['create', 'update']);
    await moveTo(env, '2024-03-01T02:00:00Z', owner);
    expect((await owner.client.post(`/api/programmes/${id}/open`)).statusCode).toBe(200);
    const again = await owner.client.patch(`/api/programmes/${id}`, { rules: { hostQuota: 7 } });
    expect(problem(again)).toMatchObject({ status: 409, code: 'programme_not_editable' });
    await moveTo(env, '2020-05-20T02:00:00Z', owner);
  });

  it('opens and closes the call as a state machine and refuses wrong transitions with invalid_state', async () => {
    await moveTo(env, '2025-04-01T02:00:00Z', owner);
    const id = (await owner.client.post('/api/programmes', { year: 2025 })).json().id;
    expect(problem(await owner.client.post(`/api/programmes/${id}/close`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    const opened = await owner.client.post(`/api/programmes/${id}/open`);
    expect(opened.json()).toMatchObject({
      status: 'open',
      openedAt: '2025-04-01T02:00:00.000Z',
      abilities: { open: false, close: true, edit: false },
    });
    expect(problem(await owner.client.post(`/api/programmes/${id}/open`)).code).toBe('invalid_state');
    const closed = await owner.client.post(`/api/programmes/${id}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: '2025-04-01T02:00:00.000Z' });
    expect(problem(await owner.client.post(`/api/programmes/${id}/open`)).code).toBe('invalid_state');
    expect(await auditActions(env, 'programme', id)).toEqual(['close', 'create', 'open']);
    await moveTo(env, '2020-05-20T02:00:00Z', owner);
  });

  it('reopens a closed call before its deadline and refuses after it with deadline_passed naming the date', async () => {
    await moveTo(env, '2029-05-01T02:00:00Z', owner);
    const created = (await owner.client.post('/api/programmes', { year: 2029 })).json();
    expect(created.name).toBe('2029年融通创新主题日');
    const id = created.id;
    expect(problem(await owner.client.post(`/api/programmes/${id}/reopen`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    await owner.client.post(`/api/programmes/${id}/open`);
    expect(problem(await owner.client.post(`/api/programmes/${id}/reopen`)).code).toBe('invalid_state');
    const closed = (await owner.client.post(`/api/programmes/${id}/close`)).json();
    expect(closed.abilities).toMatchObject({ reopen: true, close: false });
    const member = await userWith(env, 'base_admin');
    expect(problem(await member.client.post(`/api/programmes/${id}/reopen`)).status).toBe(403);
    const reopened = await owner.client.post(`/api/programmes/${id}/reopen`);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({
      status: 'open',
      closedAt: null,
      abilities: { close: true, reopen: false },
    });
    await owner.client.post(`/api/programmes/${id}/close`);
    // 30 June 2029 23:59:59 Beijing time has passed one second later.
    await moveTo(env, '2029-06-30T16:00:01Z', owner);
    expect((await owner.client.get(`/api/programmes/${id}`)).json().abilities.reopen).toBe(false);
    const late = problem(await owner.client.post(`/api/programmes/${id}/reopen`));
    expect(late).toMatchObject({ status: 422, code: 'deadline_passed' });
    expect(late.detail).toContain('2029');
    expect(late.detail).toContain('6月30日');
    expect(await auditActions(env, 'programme', id)).toEqual(['close', 'close', 'create', 'open', 'reopen']);
    await moveTo(env, '2020-05-20T02:00:00Z', owner);
  });

  it('refuses to open a call whose deadline has already passed with deadline_passed', async () => {
    const id = (
      await owner.client.post('/api/programmes', { year: 2021, rules: { planDeadline: '2021-05-31T23:59:59' } })
    ).json().id;
    await moveTo(env, '2021-05-31T16:00:00Z', owner);
    expect(problem(await owner.client.post(`/api/programmes/${id}/open`))).toMatchObject({
      status: 422,
      code: 'deadline_passed',
    });
    await moveTo(env, '2020-05-20T02:00:00Z', owner);
  });

  it('notifies the administrators of eligible bases, and only them, when a call opens', async () => {
    const ent = await baseWithAdmin(env, { kind: 'enterprise' });
    const acad = await baseWithAdmin(env, { kind: 'academic' });
    await moveTo(env, '2026-02-01T02:00:00Z', owner, ent, acad);
    const id = (await owner.client.post('/api/programmes', { year: 2026 })).json().id;
    await owner.client.post(`/api/programmes/${id}/open`);
    const n = await notificationsOf(env, ent.admin.id);
    expect(n.filter((x) => x.kind === 'programme_opened')).toHaveLength(1);
    expect(n[0]!.title).toContain('2026年');
    expect(n[0]!.link).toBe(`/workspace/plans?programme=${id}`);
    expect((await notificationsOf(env, acad.admin.id)).filter((x) => x.kind === 'programme_opened')).toHaveLength(0);
    // The base admin's abilities reflect eligibility.
    expect((await ent.client.get(`/api/programmes/${id}`)).json().abilities.createPlan).toBe(true);
    expect((await acad.client.get(`/api/programmes/${id}`)).json().abilities.createPlan).toBe(false);
    // Once the base has its plan for the year, the button to start one goes away (one plan per base).
    expect((await ent.client.post(`/api/programmes/${id}/plans`, {})).statusCode).toBe(201);
    expect((await ent.client.get(`/api/programmes/${id}`)).json().abilities.createPlan).toBe(false);
    expect(
      (await ent.client.get(`/api/programmes`)).json().items.find((x: { id: string }) => x.id === id).abilities
        .createPlan,
    ).toBe(false);
    await moveTo(env, '2020-05-20T02:00:00Z', owner);
  });

  it('shows drafts only to the owner: others get 404 on a draft and do not see it in the list', async () => {
    const draft = (await owner.client.post('/api/programmes', { year: 2027 })).json().id;
    const member = await userWith(env, 'member');
    expect(problem(await member.client.get(`/api/programmes/${draft}`))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    const list = (await member.client.get('/api/programmes?pageSize=100')).json();
    expect(list.items.map((p: { id: string }) => p.id)).not.toContain(draft);
    expect(list.items.every((p: { status: string }) => p.status !== 'draft')).toBe(true);
    expect(list.items.length).toBeGreaterThan(0);
    const ownerList = (await owner.client.get('/api/programmes?status=draft&sort=year&order=asc')).json();
    expect(ownerList.items.map((p: { id: string }) => p.id)).toContain(draft);
    expect(ownerList).toMatchObject({ page: 1, pageSize: 20 });
    expect(ownerList.total).toBe(ownerList.items.length);
  });

  it('forbids everybody but the owner to create, edit, open or close (403), and anonymous callers get 401', async () => {
    const member = await userWith(env, 'member');
    const admin = await baseWithAdmin(env);
    const reviewer = await userWith(env, 'department_reviewer', { departmentCode: 'MIIT' });
    for (const c of [member.client, admin.client, reviewer.client]) {
      expect(problem(await c.post('/api/programmes', { year: 2030 }))).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    }
    const open = (await owner.client.get('/api/programmes?status=open')).json().items[0].id;
    expect(problem(await member.client.patch(`/api/programmes/${open}`, { name: 'x' })).code).toBe('forbidden');
    expect(problem(await member.client.post(`/api/programmes/${open}/close`)).code).toBe('forbidden');
    const anon = new Client(env.app);
    expect(problem(await anon.get('/api/programmes'))).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(problem(await anon.post('/api/programmes', { year: 2031 })).status).toBe(401);
  });
});
