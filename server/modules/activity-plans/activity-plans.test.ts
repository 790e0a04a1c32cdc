import { unzip } from '../../lib/zip.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { FULL_AREAS, createBaseWithAdmin, hostWorld, signIn, userWithRole } from '../themedays/test-helpers.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});
// Tests that move the clock put it back (sessions expire when it jumps, so they sign in again).
afterEach(() => {
  env.clock.set('2020-05-20T02:00:00Z');
});

const db = () => env.database.db;

/** A selected host with its theme day; every test takes its own year so dates never clash. */
async function scheduled(
  year: number,
  start: string,
  end: string,
  opts: { shortName?: string; regionCode?: string } = {},
) {
  const w = await hostWorld(env, {
    year,
    shortName: opts.shortName ?? `基地${year}`,
    ...(opts.regionCode ? { regionCode: opts.regionCode } : {}),
  });
  const owner = await signIn(env, w.owner.user);
  const r = await owner.post(`/api/programmes/${w.programme.id}/theme-days`, {
    planId: w.plan.id,
    startDate: start,
    endDate: end,
  });
  expect(r.statusCode).toBe(201);
  const host = await signIn(env, w.host.admin);
  return {
    ...w,
    owner,
    ownerUser: w.owner.user,
    hostClient: host,
    themeDayId: r.json().themeDay.id as string,
    shortName: opts.shortName ?? `基地${year}`,
  };
}

function completeBody(s: { shortName: string; partner: { base: { id: string } } }, date: string) {
  return {
    title: `${s.shortName}融通创新主题日活动方案`,
    agenda: [
      { date, time: '09:00—09:30', item: '开幕式暨融通创新成果发布', location: '主会场' },
      { date, time: '09:30—11:30', item: '创新团队对接路演' },
    ],
    parts: FULL_AREAS,
    partnerBaseIds: [s.partner.base.id],
    supportOrganisationIds: [],
    venue: '青岛国际会议中心',
    headcountLimit: 200,
    onlineChannel: '融通平台云直播',
    epidemicMeasures: '参会人员实名登记、测温、佩戴口罩，线下人数控制在200人以内。',
    emergencyPlan: '设立应急处置小组，发现发热人员立即隔离并报告属地卫生健康部门。',
  };
}

const url = (id: string, suffix = '') => `/api/theme-days/${id}/activity-plan${suffix}`;

async function auditActions(entityId: string) {
  const rows = await db()
    .selectFrom('audit_events')
    .select('action')
    .where('entity_type', '=', 'activity_plan')
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .execute();
  return rows.map((r) => r.action);
}

describe(`activity plan drafting (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('offers a pre-filled skeleton (template title with the short name, parts from the plan, partners) without writing', async () => {
    const s = await scheduled(2030, '2030-09-10', '2030-09-11', { shortName: '海尔卡奥斯' });
    const r = await s.hostClient.get(url(s.themeDayId));
    expect(r.statusCode).toBe(200);
    const v = r.json();
    expect(v).toMatchObject({
      id: null,
      status: 'none',
      title: '海尔卡奥斯融通创新主题日活动方案',
      expectedTitle: '海尔卡奥斯融通创新主题日活动方案',
      partners: [{ id: s.partner.base.id }],
      epidemicMeasures: '线上为主，线下限流',
      dueDate: '2030-08-10',
      abilities: { edit: true, submit: false, approve: false, return: false, export: true },
    });
    expect(v.parts.map((p: { key: string }) => p.key)).toEqual(FULL_AREAS.map((a) => a.key));
    expect(v.parts[0].name).toBe('创新资源开放共享');
    expect(v.issues.map((i: { field: string }) => i.field)).toEqual(
      expect.arrayContaining(['agenda', 'venue', 'headcountLimit', 'onlineChannel', 'emergencyPlan']),
    );
    expect(
      await db().selectFrom('activity_plans').select('id').where('theme_day_id', '=', s.themeDayId).execute(),
    ).toEqual([]);
  });

  it('saves and updates a draft, auditing both writes', async () => {
    const s = await scheduled(2031, '2031-09-10', '2031-09-11');
    const r1 = await s.hostClient.put(url(s.themeDayId), { title: '草稿', venue: '会议中心' });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ status: 'draft', title: '草稿', venue: '会议中心', headcountLimit: null });
    const id = r1.json().id as string;
    const r2 = await s.hostClient.put(url(s.themeDayId), completeBody(s, '2031-09-10'));
    expect(r2.json()).toMatchObject({ id, status: 'draft', headcountLimit: 200, issues: [] });
    expect(await auditActions(id)).toEqual(['create', 'update']);
  });

  it('refuses unknown partner bases, non-support organisations, unknown areas and a zero head-count on save', async () => {
    const s = await scheduled(2032, '2032-09-10', '2032-09-11');
    const plainOrg = await userWithRole(db(), 'member');
    const bad = await s.hostClient.put(url(s.themeDayId), {
      partnerBaseIds: ['no-such-base', s.host.base.id],
      supportOrganisationIds: [plainOrg.org.id],
      parts: [{ key: 'astrology', description: 'x' }],
    });
    const p = problem(bad);
    expect(p).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(p.errors?.map((e) => e.code)).toEqual(
      expect.arrayContaining(['unknown_base', 'host_as_partner', 'not_support_org', 'unknown_area']),
    );
    expect(problem(await s.hostClient.put(url(s.themeDayId), { headcountLimit: 0 }))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
  });
});

describe('activity plan submission rules', () => {
  it('refuses a title that does not match the template, with title_mismatch as the field error', async () => {
    const s = await scheduled(2033, '2033-09-10', '2033-09-11', { shortName: '航天云网' });
    await s.hostClient.put(url(s.themeDayId), { ...completeBody(s, '2033-09-10'), title: '航天云网2033年活动方案' });
    const p = problem(await s.hostClient.post(url(s.themeDayId, '/submit')));
    expect(p).toMatchObject({ status: 422, code: 'activity_plan_incomplete' });
    expect(p.errors).toEqual([expect.objectContaining({ field: 'title', code: 'title_mismatch' })]);
    // Book-title marks and quotes are tolerated.
    await s.hostClient.put(url(s.themeDayId), {
      ...completeBody(s, '2033-09-10'),
      title: '《航天云网“融通创新”主题日活动方案》',
    });
    expect((await s.hostClient.post(url(s.themeDayId, '/submit'))).statusCode).toBe(200);
  });

  it('refuses a plan that covers only 3 content areas', async () => {
    const s = await scheduled(2034, '2034-09-10', '2034-09-11');
    await s.hostClient.put(url(s.themeDayId), { ...completeBody(s, '2034-09-10'), parts: FULL_AREAS.slice(0, 3) });
    const p = problem(await s.hostClient.post(url(s.themeDayId, '/submit')));
    expect(p).toMatchObject({ status: 422, code: 'activity_plan_incomplete' });
    expect(p.errors).toEqual([expect.objectContaining({ field: 'parts', code: 'too_few_areas' })]);
    expect(p.errors?.[0]?.message).toContain('至少包括4个板块');
  });

  it('refuses a plan without an emergency plan', async () => {
    const s = await scheduled(2035, '2035-09-10', '2035-09-11');
    await s.hostClient.put(url(s.themeDayId), { ...completeBody(s, '2035-09-10'), emergencyPlan: '   ' });
    const p = problem(await s.hostClient.post(url(s.themeDayId, '/submit')));
    expect(p).toMatchObject({ status: 422, code: 'activity_plan_incomplete' });
    expect(p.errors).toEqual([expect.objectContaining({ field: 'emergencyPlan', code: 'field_required' })]);
  });

  it('lists every missing item at once: agenda, venue, head-count, online channel, epidemic measures, emergency plan', async () => {
    const s = await scheduled(2036, '2036-09-10', '2036-09-11');
    await s.hostClient.put(url(s.themeDayId), { title: `${s.shortName}融通创新主题日活动方案`, parts: FULL_AREAS });
    const p = problem(await s.hostClient.post(url(s.themeDayId, '/submit')));
    expect(p.code).toBe('activity_plan_incomplete');
    expect(p.errors?.map((e) => e.field).sort()).toEqual([
      'agenda',
      'emergencyPlan',
      'epidemicMeasures',
      'headcountLimit',
      'onlineChannel',
      'venue',
    ]);
  });

  it('refuses agenda items dated outside the theme day', async () => {
    const s = await scheduled(2037, '2037-09-10', '2037-09-11');
    await s.hostClient.put(url(s.themeDayId), completeBody(s, '2037-09-12'));
    const p = problem(await s.hostClient.post(url(s.themeDayId, '/submit')));
    expect(p.errors).toEqual([
      expect.objectContaining({ field: 'agenda.0.date', code: 'agenda_date_out_of_range' }),
      expect.objectContaining({ field: 'agenda.1.date', code: 'agenda_date_out_of_range' }),
    ]);
  });

  it('refuses submission without a saved draft with invalid_state', async () => {
    const s = await scheduled(2038, '2038-09-10', '2038-09-11');
    expect(problem(await s.hostClient.post(url(s.themeDayId, '/submit')))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
  });
});

describe('activity plan due date (one calendar month before the first day, Asia/Shanghai)', () => {
  it('takes a plan for a theme day on 31 March 2021 until 28 February 23:59:59 Beijing time and refuses it a second later', async () => {
    env.clock.set('2021-02-28T15:50:00Z');
    const s = await scheduled(2021, '2021-03-31', '2021-04-01');
    await s.hostClient.put(url(s.themeDayId), completeBody(s, '2021-03-31'));
    expect((await s.hostClient.get(url(s.themeDayId))).json()).toMatchObject({
      dueDate: '2021-02-28',
      deadline: '2021-02-28T15:59:59.999Z',
    });
    env.clock.set('2021-02-28T16:00:00Z');
    const late = problem(await s.hostClient.post(url(s.themeDayId, '/submit')));
    expect(late).toMatchObject({ status: 422, code: 'deadline_passed' });
    expect(late.detail).toContain('2021年2月28日');
    expect((await s.hostClient.get(url(s.themeDayId))).json()).toMatchObject({
      overdue: true,
      abilities: { submit: false },
    });
    env.clock.set('2021-02-28T15:59:59Z');
    const ok = await s.hostClient.post(url(s.themeDayId, '/submit'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'submitted', submittedAt: '2021-02-28T15:59:59.000Z' });
  });

  it('takes a plan for a theme day on 31 March 2020 (leap year) until 29 February 23:59:59 Beijing time', async () => {
    env.clock.set('2020-02-29T15:50:00Z');
    const s = await scheduled(2020, '2020-03-31', '2020-03-31');
    await s.hostClient.put(url(s.themeDayId), completeBody(s, '2020-03-31'));
    env.clock.set('2020-02-29T16:00:00Z');
    expect(problem(await s.hostClient.post(url(s.themeDayId, '/submit')))).toMatchObject({
      status: 422,
      code: 'deadline_passed',
    });
    env.clock.set('2020-02-29T15:59:59Z');
    expect((await s.hostClient.post(url(s.themeDayId, '/submit'))).statusCode).toBe(200);
  });
});

describe('approval workflow', () => {
  it('runs draft → submitted → returned → resubmitted → approved, notifying owners and host admins, auditing each step', async () => {
    const s = await scheduled(2039, '2039-09-10', '2039-09-11');
    const owners = await db()
      .selectFrom('memberships')
      .select('user_id')
      .where('role', '=', 'programme_owner')
      .execute();
    await s.hostClient.put(url(s.themeDayId), completeBody(s, '2039-09-10'));
    expect(problem(await s.owner.post(url(s.themeDayId, '/approve')))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    const sub = await s.hostClient.post(url(s.themeDayId, '/submit'));
    expect(sub.json()).toMatchObject({ status: 'submitted', abilities: { edit: false, submit: false } });
    const id = sub.json().id as string;
    const ownerN = await db()
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('kind', '=', 'activity_plan_submitted')
      .where('body', 'like', `%2039%`)
      .execute();
    expect(new Set(ownerN.map((n) => n.user_id))).toEqual(new Set(owners.map((o) => o.user_id)));

    // While submitted the host cannot edit or resubmit.
    expect(problem(await s.hostClient.put(url(s.themeDayId), completeBody(s, '2039-09-10')))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    expect(problem(await s.hostClient.post(url(s.themeDayId, '/submit')))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });

    const ownerView = (await s.owner.get(url(s.themeDayId))).json();
    expect(ownerView.abilities).toMatchObject({ approve: true, return: true, edit: false });
    expect(problem(await s.owner.post(url(s.themeDayId, '/return'), { reason: '  ' }))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    const ret = await s.owner.post(url(s.themeDayId, '/return'), { reason: '请补充线上渠道的具体平台和报名方式' });
    expect(ret.json()).toMatchObject({ status: 'returned', returnReason: '请补充线上渠道的具体平台和报名方式' });
    const hostN = await db()
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('user_id', '=', s.host.admin.id)
      .where('kind', '=', 'activity_plan_returned')
      .execute();
    expect(hostN[0]?.body).toContain('请补充线上渠道');
    expect(problem(await s.owner.post(url(s.themeDayId, '/return'), { reason: '再退' }))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });

    // A returned plan may be revised and resubmitted even after the due date (NDRC asked for it).
    env.clock.set('2039-08-20T00:00:00Z');
    s.hostClient = await signIn(env, s.host.admin);
    s.owner = await signIn(env, s.ownerUser);
    const newcomer = await createBaseWithAdmin(db());
    await s.hostClient.put(url(s.themeDayId), {
      ...completeBody(s, '2039-09-10'),
      partnerBaseIds: [s.partner.base.id, newcomer.base.id],
      onlineChannel: '融通平台直播（报名：rongtong.example.cn）',
    });
    expect((await s.hostClient.post(url(s.themeDayId, '/submit'))).json().status).toBe('submitted');
    const ok = await s.owner.post(url(s.themeDayId, '/approve'));
    expect(ok.json()).toMatchObject({ status: 'approved', abilities: { approve: false, return: false, edit: false } });
    expect(
      (
        await db()
          .selectFrom('notifications')
          .select('kind')
          .where('user_id', '=', s.host.admin.id)
          .where('kind', '=', 'activity_plan_approved')
          .execute()
      ).length,
    ).toBe(1);
    expect(problem(await s.hostClient.put(url(s.themeDayId), completeBody(s, '2039-09-10')))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    expect(problem(await s.owner.post(url(s.themeDayId, '/approve')))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    expect(await auditActions(id)).toEqual(['create', 'submit', 'return', 'update', 'submit', 'approve']);
    // The approved plan's partners become the theme day's partners; the newcomer is told.
    const td = await db()
      .selectFrom('theme_days')
      .select('partner_base_ids')
      .where('id', '=', s.themeDayId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(td.partner_base_ids)).toEqual([s.partner.base.id, newcomer.base.id]);
    expect(
      (await db().selectFrom('notifications').select('kind').where('user_id', '=', newcomer.admin.id).execute()).map(
        (n) => n.kind,
      ),
    ).toEqual(['theme_day_partner']);
    const tdAudit = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'theme_day')
      .where('entity_id', '=', s.themeDayId)
      .execute();
    expect(tdAudit.map((a) => a.action)).toContain('update_partners');
  });
});

describe('activity plan policy', () => {
  it('lets the host admins, the owner, evaluators, the local DRC of the province and named support organisations read it; others get 404', async () => {
    const s = await scheduled(2042, '2042-09-10', '2042-09-11', { regionCode: '370212' });
    const support = await userWithRole(db(), 'support_org', { kind: 'support_org' });
    const otherSupport = await userWithRole(db(), 'support_org', { kind: 'support_org' });
    await s.hostClient.put(url(s.themeDayId), {
      ...completeBody(s, '2042-09-10'),
      supportOrganisationIds: [support.org.id],
    });

    const readers = [
      s.hostClient,
      s.owner,
      await signIn(env, (await userWithRole(db(), 'evaluator', { kind: 'evaluator' })).user),
      await signIn(env, (await userWithRole(db(), 'local_drc', { kind: 'government', regionCode: '370000' })).user),
      await signIn(env, support.user),
    ];
    for (const c of readers) expect((await c.get(url(s.themeDayId))).statusCode).toBe(200);

    const other = await createBaseWithAdmin(db());
    const outsiders = [
      await signIn(env, other.admin),
      await signIn(env, s.partner.admin),
      await signIn(env, (await userWithRole(db(), 'member')).user),
      await signIn(
        env,
        (await userWithRole(db(), 'department_reviewer', { kind: 'government', departmentCode: 'MIIT' })).user,
      ),
      await signIn(env, (await userWithRole(db(), 'local_drc', { kind: 'government', regionCode: '110000' })).user),
      await signIn(env, otherSupport.user),
    ];
    for (const c of outsiders) {
      expect(problem(await c.get(url(s.themeDayId)))).toMatchObject({ status: 404, code: 'not_found' });
      expect(problem(await c.get(url(s.themeDayId, '.docx')))).toMatchObject({ status: 404, code: 'not_found' });
      expect(problem(await c.put(url(s.themeDayId), completeBody(s, '2042-09-10')))).toMatchObject({
        status: 404,
        code: 'not_found',
      });
      expect(problem(await c.post(url(s.themeDayId, '/submit')))).toMatchObject({ status: 404, code: 'not_found' });
      expect(problem(await c.post(url(s.themeDayId, '/approve')))).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect(problem(await new Client(env.app).get(url(s.themeDayId)))).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });

    // Readers who are not the host may not write; only the owner decides.
    for (const c of readers.slice(1)) {
      expect(problem(await c.put(url(s.themeDayId), completeBody(s, '2042-09-10')))).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
      expect(problem(await c.post(url(s.themeDayId, '/submit')))).toMatchObject({ status: 403, code: 'forbidden' });
    }
    expect((await s.hostClient.post(url(s.themeDayId, '/submit'))).statusCode).toBe(200);
    for (const c of [s.hostClient, ...readers.slice(2)]) {
      expect(problem(await c.post(url(s.themeDayId, '/approve')))).toMatchObject({ status: 403, code: 'forbidden' });
      expect(problem(await c.post(url(s.themeDayId, '/return'), { reason: 'x' }))).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    }
    expect(problem(await s.owner.get(url('no-such-theme-day')))).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('Word export', () => {
  it("exports a .docx in the official layout with the title, numbered sections, the agenda table and the host's 落款, named after the title", async () => {
    // 23:45 Beijing time on 1 August; the plan is submitted before midnight and exported after it.
    env.clock.set('2043-08-01T15:45:00Z');
    const s = await scheduled(2043, '2043-09-10', '2043-09-11', { shortName: '中国电科' });
    await s.hostClient.put(url(s.themeDayId), completeBody(s, '2043-09-10'));
    const r = await s.owner.get(url(s.themeDayId, '.docx'));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const cd = String(r.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="_+\.docx"; /);
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('中国电科融通创新主题日活动方案.docx')}`);
    const buf = r.rawPayload;
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = unzip(buf);
    const xml = files.get('word/document.xml')?.toString('utf8') ?? '';

    // Content: title, the eight sections, the parts, the agenda table, partners and the free-text fields.
    expect(xml).toContain('>中国电科融通创新主题日活动方案<');
    for (const h of [
      '一、活动主题',
      '二、时间地点',
      '三、参与单位',
      '四、活动内容（板块）',
      '五、活动议程',
      '六、线上渠道',
      '七、疫情防控措施',
      '八、应急预案',
    ]) {
      expect(xml).toContain(`>${h}<`);
    }
    expect(xml).toContain('>（一）创新资源开放共享<');
    expect(xml).toContain('<w:tbl>');
    for (const cell of ['日期', '时间', '内容', '地点', '开幕式暨融通创新成果发布', '2043年9月10日', '主会场'])
      expect(xml).toContain(`>${cell}<`);
    expect(xml).toContain('时间：2043年9月10日至2043年9月11日');
    expect(xml).toContain('地点：青岛国际会议中心');
    expect(xml).toContain('线下参加人数上限：200人');
    expect(xml).toContain(`承办基地：${s.host.base.name}`);
    expect(xml).toContain(s.partner.base.name);
    expect(xml).toContain('>融通平台云直播<');
    expect(xml).toContain('设立应急处置小组');

    // GB/T 9704-2012 layout: A4, 方正小标宋简体 title, 仿宋 三号 body on fixed 29 pt lines, 黑体 / 楷体 headings.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toMatch(/<w:sz w:val="44"\/>/); // 二号 title
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toMatch(/<w:sz w:val="32"\/>/); // 三号 body
    expect(xml).toMatch(/w:line="580" w:lineRule="exact"/);
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).not.toContain('w:eastAsia="宋体"'); // the old plain layout's body font
    // Page numbers "— 1 —" on odd and even pages.
    const footers = [...files.entries()]
      .filter(([k]) => /^word\/footer\d*\.xml$/.test(k))
      .map(([, v]) => v.toString('utf8'));
    expect(footers.length).toBeGreaterThanOrEqual(2);
    for (const f of footers) {
      expect(f).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>|<w:fldSimple w:instr="PAGE/);
      expect(f).toContain('— ');
      expect(f).toContain(' —');
    }
    expect(files.get('word/settings.xml')!.toString('utf8')).toContain('evenAndOddHeaders');
    // 落款: the host organisation, and today's date while the plan is a draft.
    expect(s.host.org.name).not.toBe(s.host.base.name); // signed by the organisation, not the base
    expect(xml).toContain(`>${s.host.org.name}<`);
    expect(xml).toContain('>2043年8月1日<');

    // Submitted at 23:55 on 1 August, exported at 00:05 on 2 August: dated the day it was submitted.
    env.clock.set('2043-08-01T15:55:00Z');
    expect((await s.hostClient.post(url(s.themeDayId, '/submit'))).statusCode).toBe(200);
    env.clock.set('2043-08-01T16:05:00Z');
    const after = await s.owner.get(url(s.themeDayId, '.docx'));
    expect(after.statusCode).toBe(200);
    const xml2 = unzip(after.rawPayload).get('word/document.xml')!.toString('utf8');
    expect(xml2).toContain(`>${s.host.org.name}<`);
    expect(xml2).toContain('>2043年8月1日<');
    expect(xml2).not.toContain('2043年8月2日');
  });
});
