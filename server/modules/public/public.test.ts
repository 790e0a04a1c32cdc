import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { newId } from '../../lib/ids.ts';
import type { ActivityPlanStatus } from '../../../common/contracts/themedays.ts';
import {
  FULL_AREAS,
  createBaseWithAdmin,
  createPlan,
  createProgramme,
  scheduledWorld,
} from '../themedays/test-helpers.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2020-05-20T02:00:00Z' });
});
afterAll(async () => {
  await env?.close();
});

const db = () => env.database.db;
const anon = (url: string) => env.app.inject({ method: 'GET', url });

const SECRET_EMERGENCY = '应急预案：发现发热人员立即隔离';
const SECRET_VENUE = '内部会场B座';

const schedule = (year: number, start: string, end: string, shortName: string, regionCode = '370212') =>
  scheduledWorld(env, year, start, end, { shortName, regionCode });

async function putPlan(themeDayId: string, status: ActivityPlanStatus, date: string) {
  await db().deleteFrom('activity_plans').where('theme_day_id', '=', themeDayId).execute();
  await db()
    .insertInto('activity_plans')
    .values({
      id: newId(),
      theme_day_id: themeDayId,
      status,
      title: '方案',
      content: JSON.stringify({
        agenda: [{ date, time: '09:00', item: '开幕式', location: '主会场' }],
        parts: [...FULL_AREAS, { key: 'deep_docking', description: '' }],
        partnerBaseIds: [],
        supportOrganisationIds: [],
        venue: SECRET_VENUE,
        headcountLimit: 123,
        onlineChannel: '云直播',
        epidemicMeasures: '测温',
        emergencyPlan: SECRET_EMERGENCY,
      }),
      submitted_at: null,
      decided_at: null,
      return_reason: null,
      created_at: '2020-05-01T00:00:00Z',
      updated_at: '2020-05-01T00:00:00Z',
    })
    .execute();
}

describe(`public portal data (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it("lists the year's theme days without login, with host, region, theme, dates and partners, hiding draft programmes", async () => {
    const a = await schedule(2020, '2020-09-10', '2020-09-11', '海尔卡奥斯');
    await schedule(2020, '2020-07-01', '2020-07-01', '航天云网', '110108');
    // A theme day in a draft programme (written directly) must not show.
    const draft = await createProgramme(db(), { year: 2050, status: 'draft' });
    const b = await createBaseWithAdmin(db());
    const plan = await createPlan(db(), {
      programmeId: draft.id,
      baseId: b.base.id,
      status: 'selected',
      createdBy: b.admin.id,
    });
    await db()
      .insertInto('theme_days')
      .values({
        id: newId(),
        programme_id: draft.id,
        plan_id: plan.id,
        base_id: b.base.id,
        title: '草稿主题日',
        theme: 'x',
        start_date: '2050-01-01',
        end_date: '2050-01-01',
        partner_base_ids: '[]',
        created_at: '2020-05-01T00:00:00Z',
        updated_at: '2020-05-01T00:00:00Z',
      })
      .execute();

    const r = await anon('/api/public/theme-days?year=2020');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBe(2);
    expect(body.items.map((i: { host: { shortName: string } }) => i.host.shortName)).toEqual([
      '航天云网',
      '海尔卡奥斯',
    ]);
    expect(body.items[1]).toMatchObject({
      id: a.themeDayId,
      year: 2020,
      title: '海尔卡奥斯融通创新主题日',
      theme: '工业互联网',
      startDate: '2020-09-10',
      endDate: '2020-09-11',
      host: { name: a.host.base.name, shortName: '海尔卡奥斯', regionCode: '370212', provinceName: '山东省' },
      partners: [{ id: a.partner.base.id, name: a.partner.base.name }],
    });
    expect(body.items[1].host.regionName).toMatch(/青岛/);
    expect(Object.keys(body.items[1].host).sort()).toEqual([
      'id',
      'name',
      'provinceName',
      'regionCode',
      'regionName',
      'shortName',
    ]);

    const all = (await anon('/api/public/theme-days')).json();
    expect(all.items.map((i: { title: string }) => i.title)).not.toContain('草稿主题日');
    expect((await anon('/api/public/theme-days?year=2050')).json().total).toBe(0);
    // A stale cookie does not turn a public page into a 401.
    const stale = await env.app.inject({
      method: 'GET',
      url: '/api/public/theme-days',
      headers: { cookie: 'rt_sid=garbage' },
    });
    expect(stale.statusCode).toBe(200);
  });

  it("shows a theme day's agenda and content parts only once its activity plan is approved, and nothing else of the plan", async () => {
    const s = await schedule(2044, '2044-09-10', '2044-09-11', '宝武');
    const page = async () => {
      const r = await anon(`/api/public/theme-days/${s.themeDayId}`);
      expect(r.statusCode).toBe(200);
      return r;
    };
    expect((await page()).json()).toMatchObject({
      planPublished: false,
      agenda: [],
      parts: [],
      host: { shortName: '宝武' },
    });
    for (const status of ['draft', 'submitted', 'returned'] as const) {
      await putPlan(s.themeDayId, status, '2044-09-10');
      expect((await page()).json()).toMatchObject({ planPublished: false, agenda: [], parts: [] });
    }
    await putPlan(s.themeDayId, 'approved', '2044-09-10');
    const r = await page();
    const v = r.json();
    expect(v.planPublished).toBe(true);
    expect(v.agenda).toEqual([{ date: '2044-09-10', time: '09:00', item: '开幕式', location: '主会场' }]);
    expect(v.parts.map((p: { name: string }) => p.name)).toEqual([
      '创新资源开放共享',
      '创新项目协作攻关',
      '创新成果联合转化',
      '创新团队对接路演',
    ]);
    expect(r.body).not.toContain(SECRET_EMERGENCY);
    expect(r.body).not.toContain(SECRET_VENUE);
    // As a number of its own (a random UUID may hold the digits 123).
    expect(r.body).not.toMatch(/\b123\b/);
    expect(Object.keys(v).sort()).toEqual([
      'agenda',
      'endDate',
      'host',
      'id',
      'partners',
      'parts',
      'planPublished',
      'startDate',
      'theme',
      'title',
      'year',
    ]);
  });

  it('answers 404 for an unknown theme day or one of a draft programme', async () => {
    expect(problem(await anon('/api/public/theme-days/does-not-exist'))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    const draftDay = await db()
      .selectFrom('theme_days')
      .select('id')
      .where('title', '=', '草稿主题日')
      .executeTakeFirstOrThrow();
    expect(problem(await anon(`/api/public/theme-days/${draftDay.id}`))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('lists published programme years, newest first, without drafts', async () => {
    const r = await anon('/api/public/programmes');
    expect(r.statusCode).toBe(200);
    const years = r.json().items.map((p: { year: number }) => p.year);
    expect(years).toEqual([2044, 2020]);
    // The deadline comes from each year's rules, as an instant: 30 June 23:59:59 Beijing time.
    const y2020 = r.json().items.find((p: { year: number }) => p.year === 2020);
    expect(y2020.planDeadlineAt).toBe('2020-06-30T15:59:59.999Z');
    // Cacheable, but always revalidated, so owner decisions show on the portal at once.
    expect(r.headers['cache-control']).toBe('public, no-cache');
    expect(r.json().total).toBe(2);
  });

  it('gives the home-page counters', async () => {
    const r = await anon('/api/public/stats');
    expect(r.statusCode).toBe(200);
    const s = r.json();
    const bases = await db()
      .selectFrom('bases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(s).toMatchObject({
      year: 2020,
      bases: Number(bases.n),
      themeDaysThisYear: 2,
      themeDaysTotal: 3,
      upcomingThemeDays: 3,
      basesTakingPartThisYear: 4,
    });
    expect(s.enterpriseBases).toBeGreaterThan(0);
  });
});
