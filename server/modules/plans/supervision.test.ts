/**
 * Issue 12 §3 and §4 rule 4: the supervising department (基地主管部门) and the local DRC follow, comment on and
 * remind the bases they look after; the ~800字 target counts the configured fields; a plan names partner bases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBase, createOrganisation, createUser } from '../../test/factories.ts';
import { createTestEnv, problem, testDialect, type TestEnv } from '../../test/harness.ts';
import { scheduledWorld } from '../themedays/test-helpers.ts';
import {
  auditActions,
  baseWithAdmin,
  bodyOf,
  moveTo,
  notificationsOf,
  planContent,
  programmeVia,
  signIn,
  submittedPlan,
  userWith,
} from './testkit.ts';

let env: TestEnv;
let owner: Awaited<ReturnType<typeof userWith>>;
let p2020: string;
let partnerId: string;
beforeAll(async () => {
  // E-mail on (queued in the outbox; nothing is dispatched in tests), so reminders can be seen going out by mail.
  env = await createTestEnv({ now: '2020-05-20T02:00:00Z', env: { RT_SMTP_URL: 'smtp://127.0.0.1:2525' } });
  owner = await userWith(env, 'programme_owner');
  p2020 = await programmeVia(owner.client, { year: 2020 });
  partnerId = (await createBase(env.database.db, { shortName: '伙伴' })).id;
});
afterAll(async () => {
  await env?.close();
});

/** A supervising department (government organisation) with one base_supervisor person, signed in. */
async function supervisor() {
  const org = await createOrganisation(env.database.db, { kind: 'government', name: `主管部门${Math.random()}` });
  const user = await createUser(env.database.db, {
    memberships: [{ organisationId: org.id, role: 'base_supervisor' }],
  });
  return { org, user, client: await signIn(env, user) };
}

/** A base in `regionCode` supervised by `supervisorOrgId`, with its administrator and a draft plan. */
async function baseWithDraft(opts: { regionCode?: string; supervisorOrgId?: string } = {}) {
  const a = await baseWithAdmin(env, { regionCode: opts.regionCode ?? '440300' });
  if (opts.supervisorOrgId) {
    await env.database.db
      .updateTable('bases')
      .set({ supervisor_organisation_id: opts.supervisorOrgId })
      .where('id', '=', a.base.id)
      .execute();
  }
  const r = await a.client.post(`/api/programmes/${p2020}/plans`, { theme: '工业互联网' });
  expect(r.statusCode).toBe(201);
  return { ...a, planId: r.json<{ id: string }>().id };
}

describe(`基地主管部门 follows its bases (${testDialect()})`, () => {
  it('lets the owner record a base’s supervising department, refuses an unknown one and a base admin (403)', async () => {
    const sup = await supervisor();
    const a = await baseWithAdmin(env);
    const set = await owner.client.patch(`/api/bases/${a.base.id}`, { supervisorOrganisationId: sup.org.id });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({
      supervisorOrganisationId: sup.org.id,
      supervisorOrganisationName: sup.org.name,
    });
    const unknown = problem(await owner.client.patch(`/api/bases/${a.base.id}`, { supervisorOrganisationId: 'nope' }));
    expect(unknown).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'supervisorOrganisationId', code: 'not_found' })]);
    expect(problem(await a.client.patch(`/api/bases/${a.base.id}`, { supervisorOrganisationId: null })).status).toBe(
      403,
    );
    const mine = (await sup.client.get(`/api/bases?supervisorOrganisationId=${sup.org.id}`)).json();
    expect(mine.items.map((b: { id: string }) => b.id)).toEqual([a.base.id]);
    expect(mine.items[0].abilities).toMatchObject({ remind: true, follow: true, edit: false });
  });

  it('reads its bases’ plans from the draft on (read-only), lists only them, and gets 404 for other bases', async () => {
    const sup = await supervisor();
    const own = await baseWithDraft({ regionCode: '110108', supervisorOrgId: sup.org.id });
    const other = await baseWithDraft({ regionCode: '110108' });
    const seen = await sup.client.get(`/api/plans/${own.planId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toMatchObject({
      edit: false,
      submit: false,
      return: false,
      comment: true,
      remind: true,
    });
    expect(problem(await sup.client.patch(`/api/plans/${own.planId}`, { theme: '改' })).status).toBe(403);
    expect(problem(await sup.client.post(`/api/plans/${own.planId}/submit`)).status).toBe(403);
    expect(problem(await sup.client.get(`/api/plans/${other.planId}`))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    const list = (await sup.client.get(`/api/programmes/${p2020}/plans?pageSize=100`)).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([own.planId]);
    // The supervision overview of its base; another base's is 404, and so for an ordinary member.
    const overview = await sup.client.get(`/api/bases/${own.base.id}/supervision`);
    expect(overview.statusCode).toBe(200);
    expect(overview.json().plans).toEqual([expect.objectContaining({ id: own.planId, status: 'draft', comments: 0 })]);
    expect(problem(await sup.client.get(`/api/bases/${other.base.id}/supervision`)).status).toBe(404);
    const member = await userWith(env, 'member');
    expect(problem(await member.client.get(`/api/bases/${own.base.id}/supervision`)).status).toBe(404);
    // The owner follows every base but sees no drafts.
    expect((await owner.client.get(`/api/bases/${own.base.id}/supervision`)).json().plans).toEqual([]);
  });

  it('reads the activity plan of a theme day its base hosts; another supervisor gets 404', async () => {
    const sup = await supervisor();
    const stranger = await supervisor();
    const w = await scheduledWorld(env, 2031, '2031-09-10', '2031-09-10');
    await env.database.db
      .updateTable('bases')
      .set({ supervisor_organisation_id: sup.org.id })
      .where('id', '=', w.host.base.id)
      .execute();
    const r = await sup.client.get(`/api/theme-days/${w.themeDayId}/activity-plan`);
    expect(r.statusCode).toBe(200);
    expect(r.json().abilities).toMatchObject({ edit: false });
    expect(problem(await stranger.client.get(`/api/theme-days/${w.themeDayId}/activity-plan`)).status).toBe(404);
    const overview = (await sup.client.get(`/api/bases/${w.host.base.id}/supervision`)).json();
    expect(overview.themeDays).toEqual([
      expect.objectContaining({
        id: w.themeDayId,
        activityPlanStatus: 'none',
        results: expect.objectContaining({ projects: 0, registrations: 0 }),
      }),
    ]);
  });
});

describe(`comments on a plan before submission (${testDialect()})`, () => {
  it('lets the local DRC comment on a draft in its province; the base is notified and reads the thread', async () => {
    const b = await baseWithDraft({ regionCode: '440300' });
    const drc = await userWith(env, 'local_drc', { regionCode: '440000' });
    const c = await drc.client.post(`/api/plans/${b.planId}/comments`, { body: '请补充参与基地的分工安排。' });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ authorRole: 'local_drc', body: '请补充参与基地的分工安排。', planVersion: 0 });
    const n = (await notificationsOf(env, b.admin.id)).find((x) => x.kind === 'plan_comment');
    expect(n).toMatchObject({ link: `/workspace/plans/${b.planId}`, body: '请补充参与基地的分工安排。' });
    const thread = (await b.client.get(`/api/plans/${b.planId}/comments`)).json();
    expect(thread.items.map((x: { body: string }) => x.body)).toEqual(['请补充参与基地的分工安排。']);
    expect(thread.canComment).toBe(true);
    // The base answers; the DRC hears of it.
    expect((await b.client.post(`/api/plans/${b.planId}/comments`, { body: '已补充。' })).json().authorRole).toBe(
      'base_admin',
    );
    expect((await notificationsOf(env, drc.user.id)).some((x) => x.kind === 'plan_comment')).toBe(true);
    expect(await auditActions(env, 'preliminary_plan', b.planId)).toEqual(['comment', 'comment', 'create']);
    expect(problem(await drc.client.post(`/api/plans/${b.planId}/comments`, { body: '  ' })).code).toBe(
      'validation_failed',
    );
  });

  it('answers 404 to a local DRC of another province, and 404 to other bases and members', async () => {
    const b = await baseWithDraft({ regionCode: '440300' });
    const far = await userWith(env, 'local_drc', { regionCode: '320000' });
    const other = await baseWithAdmin(env);
    const member = await userWith(env, 'member');
    for (const c of [far.client, other.client, member.client]) {
      expect(problem(await c.post(`/api/plans/${b.planId}/comments`, { body: '意见' }))).toMatchObject({
        status: 404,
        code: 'not_found',
      });
      expect(problem(await c.get(`/api/plans/${b.planId}/comments`)).status).toBe(404);
    }
  });

  it('refuses a comment on a submitted plan with plan_not_editable, and takes one again once it is withdrawn', async () => {
    const sup = await supervisor();
    const a = await baseWithAdmin(env, { regionCode: '110108' });
    await env.database.db
      .updateTable('bases')
      .set({ supervisor_organisation_id: sup.org.id })
      .where('id', '=', a.base.id)
      .execute();
    const id = await submittedPlan(a.client, p2020, planContent({ partnerBaseIds: [partnerId] }));
    const refused = problem(await sup.client.post(`/api/plans/${id}/comments`, { body: '再改改' }));
    expect(refused).toMatchObject({ status: 409, code: 'plan_not_editable' });
    expect(refused.detail).toContain('计划已提交');
    expect((await sup.client.get(`/api/plans/${id}/comments`)).json().canComment).toBe(false);
    await a.client.post(`/api/plans/${id}/withdraw`);
    const ok = await sup.client.post(`/api/plans/${id}/comments`, { body: '撤回后请补充对接周期。' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ authorRole: 'base_supervisor', planVersion: 1 });
  });
});

describe(`督促提醒 reminders to a base (${testDialect()})`, () => {
  it('delivers a local DRC’s reminder in-app and by e-mail, once per base and day (429 reminder_rate_limited)', async () => {
    const b = await baseWithDraft({ regionCode: '440300' });
    const drc = await userWith(env, 'local_drc', { regionCode: '440000' });
    const r = await drc.client.post(`/api/bases/${b.base.id}/reminders`, {
      message: '请于6月30日前提交活动初步计划。',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ senderRole: 'local_drc', recipients: 1, organisation: { id: drc.org.id } });
    const n = (await notificationsOf(env, b.admin.id)).find((x) => x.kind === 'base_reminder');
    expect(n).toMatchObject({ body: '请于6月30日前提交活动初步计划。', link: `/workspace/plans/${b.planId}` });
    const mails = await env.database.db
      .selectFrom('notification_deliveries')
      .select(['channel', 'kind'])
      .where('user_id', '=', b.admin.id)
      .where('kind', '=', 'base_reminder')
      .execute();
    expect(mails).toEqual([{ channel: 'email', kind: 'base_reminder' }]);
    const again = problem(await drc.client.post(`/api/bases/${b.base.id}/reminders`, { message: '再提醒' }));
    expect(again).toMatchObject({ status: 429, code: 'reminder_rate_limited' });
    // The supervising department has its own reminder that day.
    const sup = await supervisor();
    await env.database.db
      .updateTable('bases')
      .set({ supervisor_organisation_id: sup.org.id })
      .where('id', '=', b.base.id)
      .execute();
    expect((await sup.client.post(`/api/bases/${b.base.id}/reminders`, { message: '请抓紧' })).json().senderRole).toBe(
      'base_supervisor',
    );
    // The next Beijing day (16:00Z is midnight in Beijing) the DRC may remind again.
    await moveTo(env, '2020-05-20T16:00:00Z', drc, b);
    expect((await drc.client.post(`/api/bases/${b.base.id}/reminders`, { message: '再次提醒' })).statusCode).toBe(201);
    const list = (await b.client.get(`/api/bases/${b.base.id}/reminders`)).json();
    const messages = list.items.map((x: { message: string }) => x.message);
    expect(messages[0]).toBe('再次提醒'); // newest first
    expect([...messages].sort()).toEqual(['再次提醒', '请于6月30日前提交活动初步计划。', '请抓紧'].sort());
    expect(await auditActions(env, 'base', b.base.id)).toEqual(['remind', 'remind', 'remind']);
    await moveTo(env, '2020-05-20T02:00:00Z', owner);
  });

  it('answers 404 to a local DRC of another province, a supervisor of other bases, a member and the owner', async () => {
    const b = await baseWithDraft({ regionCode: '440300' });
    const far = await userWith(env, 'local_drc', { regionCode: '320000' });
    const sup = await supervisor();
    const member = await userWith(env, 'member');
    for (const c of [far.client, sup.client, member.client, owner.client]) {
      expect(problem(await c.post(`/api/bases/${b.base.id}/reminders`, { message: '提醒' }))).toMatchObject({
        status: 404,
        code: 'not_found',
      });
    }
    const drc = await userWith(env, 'local_drc', { regionCode: '440000' });
    expect(problem(await drc.client.post(`/api/bases/${b.base.id}/reminders`, { message: '' })).code).toBe(
      'validation_failed',
    );
    expect((await b.client.get(`/api/bases/${b.base.id}/reminders`)).json().items).toEqual([]);
  });
});

describe(`the whole plan counts and partner bases are required, as rules (${testDialect()})`, () => {
  it('counts 字数 over the configured fields: all text fields by default, only the body when the rule says so', async () => {
    const pid = await programmeVia(owner.client, { year: 2033, rules: { planDeadline: '2033-06-30T23:59:59' } });
    const bodyOnly = await programmeVia(owner.client, {
      year: 2034,
      rules: { planDeadline: '2034-06-30T23:59:59', zishuFields: ['body'] },
    });
    const a = await baseWithAdmin(env);
    const b = await baseWithAdmin(env);
    const content = { ...planContent({ partnerBaseIds: [partnerId] }), body: bodyOf(800) };
    const all = (await a.client.post(`/api/programmes/${pid}/plans`, content)).json();
    const body = (await b.client.post(`/api/programmes/${bodyOnly}/plans`, content)).json();
    expect(body.zishu).toBe(800);
    expect(all.zishu).toBeGreaterThan(800);
    const check = (await a.client.post(`/api/plans/${all.id}/check`, { body: bodyOf(950) })).json();
    expect(check.ok).toBe(false);
    expect(check.issues).toEqual([expect.objectContaining({ code: 'length_out_of_range', field: 'body' })]);
    expect(check.issues[0].message).toContain('计划全文应为800字左右');
    expect(check.issues[0].message).toContain('计入活动主题、计划标题、计划正文、内容板块说明、疫情防控措施');
    expect((await b.client.post(`/api/plans/${body.id}/check`, { body: bodyOf(950) })).json().ok).toBe(true);
    const bad = problem(await owner.client.post('/api/programmes', { year: 2035, rules: { zishuFields: ['nope'] } }));
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(bad.errors![0]!.field).toBe('rules.zishuFields.0');
  });

  it('refuses a plan naming fewer partner bases than the rule with too_few_partner_bases on the field', async () => {
    const pid = await programmeVia(owner.client, {
      year: 2036,
      rules: { planDeadline: '2036-06-30T23:59:59', minPartnerBases: 2 },
    });
    const a = await baseWithAdmin(env);
    const id = (
      await a.client.post(`/api/programmes/${pid}/plans`, planContent({ partnerBaseIds: [partnerId] }))
    ).json().id;
    const r = problem(await a.client.post(`/api/plans/${id}/submit`));
    expect(r).toMatchObject({ status: 422, code: 'plan_incomplete' });
    expect(r.errors).toEqual([
      { field: 'partnerBaseIds', code: 'too_few_partner_bases', message: '请至少填写2个参与基地，当前1个' },
    ]);
    const second = await createBase(env.database.db, {});
    await a.client.patch(`/api/plans/${id}`, { partnerBaseIds: [partnerId, second.id] });
    expect((await a.client.post(`/api/plans/${id}/submit`)).statusCode).toBe(200);
    // The default programme asks for one; a programme whose rule is 0 takes a plan without any.
    const dflt = await baseWithAdmin(env);
    const none = (await dflt.client.post(`/api/programmes/${p2020}/plans`, planContent({ partnerBaseIds: [] }))).json()
      .id;
    expect(problem(await dflt.client.post(`/api/plans/${none}/submit`)).errors).toEqual([
      expect.objectContaining({ field: 'partnerBaseIds', code: 'too_few_partner_bases' }),
    ]);
    const zero = await programmeVia(owner.client, {
      year: 2037,
      rules: { planDeadline: '2037-06-30T23:59:59', minPartnerBases: 0 },
    });
    const z = await baseWithAdmin(env);
    const zid = (await z.client.post(`/api/programmes/${zero}/plans`, planContent({ partnerBaseIds: [] }))).json().id;
    expect((await z.client.post(`/api/plans/${zid}/submit`)).statusCode).toBe(200);
  });
});
