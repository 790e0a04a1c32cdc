/**
 * The numbers (issue 10; 417号 三(四)) on a small fixture computed by hand, the public summary, and the
 * follow-up points as programme rules. Follow-up answers are written straight into the table here (the
 * answering path is tested in follow-ups.test.ts), so the fixture can span a year at one clock time.
 *
 * Fixture (today 2027-09-10, Shanghai). A small (Shandong 370211), B large (Beijing), C medium (Beijing),
 * D large (Guangdong):
 *   P1 A+B  theme day  joint_rd     [collaborative_rd]                  signed 2026-08-31  3: A on_track, B completed
 *                                                                                          6: A on_track, B delayed
 *                                                                                          12: A completed, B completed
 *   P2 A+C  theme day  procurement  [resource_sharing, collaborative_rd] signed 2026-12-15 3: both on_track
 *                                                                                          6: A on_track, C silent
 *   P3 B+D  none       investment   []                                  signed 2027-07-01  (no point due yet)
 *   P4 A+B  none       joint_rd     [collaborative_rd]                  intent only (after P1: A–B cooperate again)
 *   P5 C+D  theme day  candidate (never counted)
 * Expected, by hand:
 *   projects 4, candidates 1; stages signed 3, intent 1; types joint_rd 2, procurement 1, investment 1;
 *   areas collaborative_rd 3, resource_sharing 1; intended 1,000,000 + 500,000 + 2,000,000 = 3,500,000;
 *   contracted 800,000 + 300,000 + 1,500,000 = 2,600,000.
 *   stability  3 months: P1 ✓, P2 ✓ (P3 not yet 3 months)         → 2/2
 *              6 months: P1 ✗ (B delayed), P2 ✗ (C silent)          → 0/2
 *             12 months: P1 ✓ (P2 signed < 12 months ago)            → 1/1
 *   SME share: signed P1 (A small) ✓, P2 (A small, C medium) ✓, P3 (B, D large) ✗ → 2/3
 *   repeat: pairs A–B, A–C, B–D; A–B started P4 after P1            → 1/3
 *   overdue follow-ups: C at 6 months (due 2027-06-15)             → 1
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgrammeRules, defaultRules2020 } from '../../../common/programme-rules.ts';
import { PROJECT_EXPORT_HEADER } from '../../../common/contracts/projects.ts';
import { XLSX_MIME, readXlsx } from '../../lib/xlsx.ts';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { meetingWorld } from '../meetings/testkit.ts';
import { party, projectBody, type Party } from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
let A: Party, B: Party, C: Party, D: Party;
const ids: Record<string, string> = {};

async function make(
  key: string,
  lead: Party,
  other: Party,
  over: Record<string, unknown>,
  sign?: { date: string; contracted: number },
) {
  const p = (await lead.client.post('/api/projects', projectBody([lead, other], over))).json();
  ids[key] = p.id;
  if (key === 'P5') return;
  expect((await other.client.post(`/api/projects/${p.id}/confirm`, {})).statusCode).toBe(200);
  if (sign)
    expect(
      (
        await lead.client.post(`/api/projects/${p.id}/stage`, {
          stage: 'signed',
          date: sign.date,
          contractedAmount: sign.contracted,
        })
      ).statusCode,
    ).toBe(200);
  env.clock.advance(1000);
}

async function answer(key: string, org: Party, point: number, status: 'on_track' | 'completed' | 'delayed') {
  const r = await env.database.db
    .updateTable('project_follow_ups')
    .set({ status, answered_at: '2027-09-01T00:00:00.000Z' })
    .where('project_id', '=', ids[key]!)
    .where('organisation_id', '=', org.org.id)
    .where('point_months', '=', point)
    .executeTakeFirst();
  expect(Number(r.numUpdatedRows)).toBe(1);
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2027-09-10T02:00:00Z' });
  w = await meetingWorld(env);
  A = await party(env, { sizeClass: 'small', regionCode: '370211' });
  B = await party(env, { sizeClass: 'large', regionCode: '110108' });
  C = await party(env, { sizeClass: 'medium', regionCode: '110108' });
  D = await party(env, { sizeClass: 'large', regionCode: '440300' });
  const td = { themeDayId: w.themeDayId };
  await make(
    'P1',
    A,
    B,
    { ...td, type: 'joint_rd', contentAreas: ['collaborative_rd'], intendedAmount: 1_000_000 },
    { date: '2026-08-31', contracted: 800_000 },
  );
  await make(
    'P2',
    A,
    C,
    { ...td, type: 'procurement', contentAreas: ['resource_sharing', 'collaborative_rd'], intendedAmount: 500_000 },
    { date: '2026-12-15', contracted: 300_000 },
  );
  await make(
    'P3',
    B,
    D,
    { type: 'investment', contentAreas: [], intendedAmount: 2_000_000 },
    { date: '2027-07-01', contracted: 1_500_000 },
  );
  await make('P4', A, B, { type: 'joint_rd', contentAreas: ['collaborative_rd'], intendedAmount: null });
  await make('P5', C, D, { ...td, type: 'other', contentAreas: ['collaborative_rd'] });
  await answer('P1', A, 3, 'on_track');
  await answer('P1', B, 3, 'completed');
  await answer('P1', A, 6, 'on_track');
  await answer('P1', B, 6, 'delayed');
  await answer('P1', A, 12, 'completed');
  await answer('P1', B, 12, 'completed');
  await answer('P2', A, 3, 'on_track');
  await answer('P2', C, 3, 'on_track');
  await answer('P2', A, 6, 'on_track');
});
afterAll(async () => {
  await env?.close();
});

const stats = async (q = '', who: Party = w.owner) => {
  const r = await who.client.get(`/api/projects/stats${q}`);
  expect(r.statusCode).toBe(200);
  return r.json();
};
const ratio = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator ? numerator / denominator : null,
});

describe('the numbers', () => {
  it('matches the hand-computed figures in total', async () => {
    const s = await stats();
    expect(s.asOf).toBe('2027-09-10');
    expect(s.followUpMonths).toEqual([3, 6, 12]);
    expect(s.definitions.stability).toContain('合作机制稳定程度');
    expect(s.total).toEqual({
      key: 'all',
      label: '全部',
      projects: 4,
      candidates: 1,
      byStage: { signed: 3, intent: 1 },
      byType: { joint_rd: 2, procurement: 1, investment: 1 },
      byArea: { collaborative_rd: 3, resource_sharing: 1 },
      amounts: { intended: 3_500_000, contracted: 2_600_000, received: 0 },
      jobsCreated: 0,
      stability: [
        { months: 3, ...ratio(2, 2) },
        { months: 6, ...ratio(0, 2) },
        { months: 12, ...ratio(1, 1) },
      ],
      repeatCooperation: ratio(1, 3),
      smeShare: ratio(2, 3),
      overdueFollowUps: 1,
    });
  });

  it('groups by theme day, type, content area, region and year', async () => {
    const byTd = await stats('?groupBy=themeDay');
    const td = byTd.groups.find((g: { key: string }) => g.key === w.themeDayId);
    expect(td).toMatchObject({
      projects: 2,
      candidates: 1,
      repeatCooperation: ratio(1, 2),
      smeShare: ratio(2, 2),
      stability: [
        { months: 3, ...ratio(2, 2) },
        { months: 6, ...ratio(0, 2) },
        { months: 12, ...ratio(1, 1) },
      ],
    });
    const none = byTd.groups.find((g: { key: string }) => g.key === 'none');
    expect(none).toMatchObject({
      projects: 2,
      candidates: 0,
      repeatCooperation: ratio(0, 2),
      smeShare: ratio(0, 1),
      stability: [
        { months: 3, ...ratio(0, 0) },
        { months: 6, ...ratio(0, 0) },
        { months: 12, ...ratio(0, 0) },
      ],
    });

    const byType = await stats('?groupBy=type');
    expect(
      Object.fromEntries(byType.groups.map((g: { key: string; projects: number }) => [g.key, g.projects])),
    ).toEqual({ joint_rd: 2, procurement: 1, investment: 1, other: 0 });
    expect(byType.groups.find((g: { key: string }) => g.key === 'joint_rd').label).toBe('联合研发');

    const byArea = await stats('?groupBy=area');
    expect(
      Object.fromEntries(byArea.groups.map((g: { key: string; projects: number }) => [g.key, g.projects])),
    ).toEqual({ collaborative_rd: 3, resource_sharing: 1, none: 1 });
    expect(byArea.groups.find((g: { key: string }) => g.key === 'collaborative_rd')).toMatchObject({
      label: '创新项目协作攻关',
      candidates: 1,
    });

    const byRegion = await stats('?groupBy=region');
    expect(
      Object.fromEntries(byRegion.groups.map((g: { key: string; projects: number }) => [g.key, g.projects])),
    ).toEqual({ '370000': 3, '110000': 1 });

    const byYear = await stats('?groupBy=year');
    expect(
      Object.fromEntries(byYear.groups.map((g: { key: string; projects: number }) => [g.key, g.projects])),
    ).toEqual({ '2020': 2, '2027': 2 });

    const byHost = await stats(`?groupBy=host&programmeId=${w.programmeId}`);
    expect(byHost.groups).toHaveLength(1);
    expect(byHost.total).toMatchObject({ projects: 2, candidates: 1 });
    expect((await stats(`?themeDayId=${w.themeDayId}`)).total).toMatchObject({
      projects: 2,
      amounts: { intended: 1_500_000, contracted: 1_100_000 },
    });
    expect((await stats('?year=2020')).total.projects).toBe(2);
  });

  it('groups by the size classes of the parties at signing (a project counts once in each of its classes)', async () => {
    const bySize = await stats('?groupBy=sizeClass');
    const count = (k: string) => bySize.groups.find((g: { key: string }) => g.key === k)?.projects;
    // P1 small+large, P2 small+medium, P3 large, P4 small+large; P5 is a candidate.
    expect([count('small'), count('large'), count('medium'), count('micro')]).toEqual([3, 3, 1, undefined]);
    expect(bySize.groups.find((g: { key: string }) => g.key === 'medium').label).toBe('中型企业');
  });

  it('computes only over what the caller may see', async () => {
    const mine = await stats('', A);
    expect(mine.total).toMatchObject({ projects: 3, candidates: 0, smeShare: ratio(2, 2) });
    expect((await stats(`?themeDayId=${w.themeDayId}`, w.host)).total).toMatchObject({ projects: 2, candidates: 1 });
  });
});

describe('lists for the results pages', () => {
  it('lists overdue follow-ups within what the caller may see', async () => {
    // C's 6-month answer (due 2027-06-15) was never given and its window closed on 2027-07-15: missed.
    const r = (await w.owner.client.get('/api/project-follow-ups?state=missed')).json();
    expect(r.total).toBe(1);
    expect(r.items[0]).toMatchObject({
      project: { id: ids.P2 },
      themeDay: { id: w.themeDayId },
      organisation: { id: C.org.id },
      point: 6,
      dueDate: '2027-06-15',
      state: 'missed',
      status: null,
    });
    expect((await w.owner.client.get('/api/project-follow-ups?state=overdue')).json().total).toBe(0);
    expect((await D.client.get('/api/project-follow-ups?state=missed')).json().total).toBe(0);
    const mine = (await A.client.get('/api/project-follow-ups?state=answered&pageSize=2')).json();
    // A sees every party's answers in its projects: P1 6 (A and B at 3, 6, 12), P2 3 (A 3, C 3, A 6).
    expect(mine).toMatchObject({ total: 9, page: 1, pageSize: 2 });
    expect(mine.items).toHaveLength(2);
  });

  it('exports the theme day’s projects as .xlsx with Chinese headers', async () => {
    const res = await w.owner.client.get(`/api/projects.xlsx?themeDayId=${w.themeDayId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const rows = await readXlsx(res.rawPayload, PROJECT_EXPORT_HEADER);
    expect(rows).toHaveLength(3);
    const p1 = rows.find((r) => r.cells['合同金额（元）'] === '800000');
    expect(p1?.cells).toMatchObject({
      合作类型: '联合研发',
      阶段: '签约',
      牵头单位: A.org.name,
      参与单位: B.org.name,
      '意向金额（元）': '1000000',
      签约日期: '2026-08-31',
    });
    const outsider = await party(env, {});
    expect(
      await readXlsx(
        (await outsider.client.get(`/api/projects.xlsx?themeDayId=${w.themeDayId}`)).rawPayload,
        PROJECT_EXPORT_HEADER,
      ),
    ).toHaveLength(0);
  });
});

describe('the public summary', () => {
  it('lists counted projects every party agreed to publish; amounts only with every party’s consent', async () => {
    const url = `/api/public/theme-days/${w.themeDayId}/projects`;
    const get = async () => (await env.app.inject({ method: 'GET', url })).json();
    expect(await get()).toEqual({ items: [], total: 0 });
    await A.client.post(`/api/projects/${ids.P1}/consent`, { publishConsent: true, amountsConsent: true });
    await A.client.post(`/api/projects/${ids.P2}/consent`, { publishConsent: true, amountsConsent: true });
    await C.client.post(`/api/projects/${ids.P5}/consent`, { publishConsent: true, amountsConsent: true });
    await D.client.post(`/api/projects/${ids.P5}/consent`, { publishConsent: true, amountsConsent: true });
    expect((await get()).total).toBe(0);
    await B.client.post(`/api/projects/${ids.P1}/consent`, { publishConsent: true, amountsConsent: false });
    expect(await get()).toEqual({
      items: [
        {
          id: ids.P1,
          title: '工业视觉质检联合研发',
          type: 'joint_rd',
          stage: 'signed',
          parties: [
            { name: A.org.name, role: 'lead' },
            { name: B.org.name, role: 'participant' },
          ],
          amounts: null,
        },
      ],
      total: 1,
    });
    await B.client.post(`/api/projects/${ids.P1}/consent`, { publishConsent: true, amountsConsent: true });
    expect((await get()).items[0].amounts).toEqual({ intended: 1_000_000, contracted: 800_000 });
    expect((await env.app.inject({ method: 'GET', url: '/api/public/theme-days/nope/projects' })).statusCode).toBe(404);
  });

  it('shows the theme day’s figures on the portal without amounts, with the published projects', async () => {
    const r = await env.app.inject({ method: 'GET', url: `/api/public/theme-days/${w.themeDayId}/results` });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    // On the theme day: P1 and P2 are counted, P5 is a candidate (neither counted nor shown).
    expect(body.figures.projects).toBe(2);
    expect(body.figures.stability).toEqual([
      { months: 3, ...ratio(2, 2) },
      { months: 6, ...ratio(0, 2) },
      { months: 12, ...ratio(1, 1) },
    ]);
    expect(body.figures.smeShare).toEqual(ratio(2, 2));
    expect(body.figures).not.toHaveProperty('amounts');
    expect(body.figures).not.toHaveProperty('candidates');
    expect(body.definitions.stability).toContain('合作机制稳定程度');
    expect(body.projects.map((p: { id: string }) => p.id)).toEqual([ids.P1]);
    // The same numbers as the workspace's figures for that theme day.
    const td = (await stats('?groupBy=themeDay')).groups.find((g: { key: string }) => g.key === w.themeDayId);
    expect(body.figures.stability).toEqual(td.stability);
    expect((await env.app.inject({ method: 'GET', url: '/api/public/theme-days/nope/results' })).statusCode).toBe(404);
  });
});

describe('follow-up points are programme rules', () => {
  it('parses stored rules without followUpMonths with the default, and validates the field', async () => {
    const { followUpMonths: _omit, ...old } = defaultRules2020;
    void _omit;
    await env.database.db
      .updateTable('programmes')
      .set({ rules: JSON.stringify(old) })
      .where('id', '=', w.programmeId)
      .execute();
    const view = (await w.owner.client.get(`/api/programmes/${w.programmeId}`)).json();
    expect(view.rules.followUpMonths).toEqual([3, 6, 12]);
    expect(ProgrammeRules.safeParse({ ...old, followUpMonths: [6, 3] }).success).toBe(false);
    expect(ProgrammeRules.safeParse({ ...old, followUpMonths: [] }).success).toBe(false);
    expect(ProgrammeRules.safeParse({ ...old, followUpMonths: [1.5] }).success).toBe(false);
  });

  it("uses the theme day's programme points when a project is signed", async () => {
    await env.database.db
      .updateTable('programmes')
      .set({ rules: JSON.stringify({ ...defaultRules2020, followUpMonths: [6, 18] }) })
      .where('id', '=', w.programmeId)
      .execute();
    const p = (
      await A.client.post('/api/projects', projectBody([A, C], { themeDayId: w.themeDayId, title: '按年度规则回访' }))
    ).json();
    await C.client.post(`/api/projects/${p.id}/confirm`, {});
    const v = (await A.client.post(`/api/projects/${p.id}/stage`, { stage: 'signed', date: '2027-01-31' })).json();
    expect(
      v.followUps
        .filter((f: { organisation: { id: string } }) => f.organisation.id === A.org.id)
        .map((f: { point: number; dueDate: string }) => [f.point, f.dueDate]),
    ).toEqual([
      [6, '2027-07-31'],
      [18, '2028-07-31'],
    ]);
  });
});
