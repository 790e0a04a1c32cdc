/**
 * The numbers of a theme day in Chromium against the real server with the demo data. The test files its
 * own projects on the 2020 华晟通信 theme day through the API: member@ (智芯微电子) proposes, multi@
 * (蓝海数据, acting as its member) confirms, both publish; signing dates lie 3, 6 and 12 months back so each follow-up point has
 * a due project (answered stable, answered delayed, left silent). Then owner@ (NDRC) opens the programme
 * overview and host@ (华晟通信's base admin) the theme-day results page, and each figure on screen must
 * equal GET /api/projects/stats for that user; the portal's theme-day page shows the published project.
 * axe on every page; screenshots prefixed `outcomes-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addCalendarMonths, addDays, shanghaiToday } from '../../common/time.ts';
import { defaultRules2020 } from '../../common/programme-rules.ts';
import type { PublicResultsView, StatsView } from '../../common/contracts/projects.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, shot } from './support/browser.ts';

let server: RunningServer;
let ctx: BrowserContext;
let page: Page;
let themeDayId = '';
const titles = {
  a: '边缘计算芯片联合研发（3个月）',
  b: '5G专网模组A轮投资（6个月）',
  c: '芯片样片测试资源开放（12个月）',
  d: '工业互联网网关联合攻关（待确认）',
};

/**
 * A signed-in API client (session cookie + CSRF token) for one demo user, acting for the organisation in
 * which it holds `role` (switched to when it is not the active one).
 */
async function as(email: string, role?: string) {
  type Me = {
    csrfToken: string;
    activeOrganisationId: string;
    memberships: { organisationId: string; role: string }[];
  };
  let cookie = '';
  let me: Me | undefined;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(me ? { 'x-csrf-token': me.csrfToken } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const fresh = r.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (fresh.length) cookie = fresh.join('; ');
    const text = await r.text();
    expect(r.ok, `${email}: ${method} ${path} → ${r.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  me = await call<Me>('POST', '/auth/login', { identifier: email, password: 'Rongtong@2020' });
  const wanted = role ? me.memberships.find((m) => m.role === role) : undefined;
  if (wanted && wanted.organisationId !== me.activeOrganisationId)
    me = await call<Me>('POST', '/auth/switch-organisation', { organisationId: wanted.organisationId });
  return {
    orgId: me.activeOrganisationId,
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body ?? {}),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
  };
}

/** Waits for a figure and returns its text. */
async function figure(p: Page, testId: string): Promise<string> {
  await expect.poll(() => p.getByTestId(testId).isVisible(), { timeout: 15_000 }).toBe(true);
  return (await p.getByTestId(testId).textContent()) ?? '';
}

/** The headline figures on the page equal the stats the same user gets from the API. */
async function expectFigures(p: Page, s: StatsView) {
  expect(await figure(p, 'figure-projects')).toBe(String(s.total.projects));
  for (const r of s.total.stability)
    expect(await figure(p, `figure-stability-${r.months}`)).toContain(`${r.numerator}/${r.denominator}`);
  const sme = s.total.smeShare;
  expect(await figure(p, 'figure-sme-share')).toContain(`${sme.numerator}/${sme.denominator}`);
  const rep = s.total.repeatCooperation;
  expect(await figure(p, 'figure-repeat')).toContain(`${rep.numerator}/${rep.denominator}`);
  expect(await p.getByTestId('figure-contracted').getAttribute('data-yuan')).toBe(String(s.total.amounts.contracted));
  expect(await figure(p, 'figure-overdue')).toContain(String(s.total.overdueFollowUps));
}

/** Lets the ECharts animation finish before a screenshot. */
const settle = (p: Page) => p.waitForTimeout(1200);

beforeAll(async () => {
  server = await startServer();
  ctx = await launch({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
}, 120_000);

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `outcomes-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

describe('theme-day results and the programme overview in Chromium', () => {
  it('files, confirms, signs and follows up projects on the 2020 华晟通信 theme day', { timeout: 60_000 }, async () => {
    const days = (await (await fetch(`${server.url}/api/public/theme-days?year=2020&pageSize=200`)).json()) as {
      items: { id: string; host: { shortName: string } }[];
    };
    themeDayId = days.items.find((d) => d.host.shortName === '华晟通信')!.id;
    const member = await as('member@demo.rongtong.cn');
    const partner = await as('multi@demo.rongtong.cn', 'member');
    const today = shanghaiToday();
    const areas = defaultRules2020.contentAreas.map((a) => a.key);
    const file = (title: string, type: string, area: string, intendedAmount: number) =>
      member.post<{ id: string }>('/projects', {
        themeDayId,
        title,
        type,
        contentAreas: [area],
        chain: 'industry',
        intendedAmount,
        jobsCreated: 12,
        parties: [
          { organisationId: member.orgId, role: 'lead' },
          { organisationId: partner.orgId, role: 'participant' },
        ],
      });
    // The demo already has projects on this day (some with member@'s organisation): check the increments.
    const before = await member.get<StatsView>(`/projects/stats?themeDayId=${themeDayId}`);
    const a = await file(titles.a, 'joint_rd', areas[1]!, 3_000_000);
    const b = await file(titles.b, 'investment', areas[0]!, 20_000_000);
    const c = await file(titles.c, 'resource_use', areas[0]!, 500_000);
    await file(titles.d, 'joint_rd', areas[1]!, 1_000_000);

    for (const p of [a, b, c]) {
      await partner.post(`/projects/${p.id}/confirm`, { publishConsent: true, amountsConsent: p === a });
      await member.post(`/projects/${p.id}/consent`, { publishConsent: true, amountsConsent: p === a });
    }
    // Signed 3 months + 10 days, 6 months + 5 days and 12 months + 3 days ago: the last point of each is
    // past due but still answerable (the window closes 30 days after), the earlier ones are missed.
    const signA = addDays(addCalendarMonths(today, -3), -10);
    const signB = addDays(addCalendarMonths(today, -6), -5);
    const signC = addDays(addCalendarMonths(today, -12), -3);
    await member.post(`/projects/${a.id}/stage`, { stage: 'signed', date: signA, contractedAmount: 2_400_000 });
    await member.post(`/projects/${b.id}/stage`, { stage: 'signed', date: signB, contractedAmount: 15_000_000 });
    await member.post(`/projects/${c.id}/stage`, { stage: 'signed', date: signC, contractedAmount: 480_000 });
    await partner.post(`/projects/${c.id}/stage`, { stage: 'in_progress', date: addCalendarMonths(signC, 1) });

    // A at 3 months: both on track (stable). B at 6 months: member on track, partner silent (not stable).
    // C at 12 months: both completed (stable).
    const answer = { milestones: '完成阶段目标', helpNeeded: [] };
    await member.put(`/projects/${a.id}/follow-ups/3`, { ...answer, status: 'on_track', receivedAmount: 600_000 });
    await partner.put(`/projects/${a.id}/follow-ups/3`, { ...answer, status: 'on_track', jobsCreated: 5 });
    await member.put(`/projects/${b.id}/follow-ups/6`, { ...answer, status: 'on_track' });
    await member.put(`/projects/${c.id}/follow-ups/12`, { ...answer, status: 'completed' });
    await partner.put(`/projects/${c.id}/follow-ups/12`, { ...answer, status: 'completed' });

    const s = await member.get<StatsView>(`/projects/stats?themeDayId=${themeDayId}`);
    const at = (v: StatsView, m: number) =>
      v.total.stability.find((x) => x.months === m) ?? { numerator: 0, denominator: 0 };
    const added = (m: number) => [
      at(s, m).numerator - at(before, m).numerator,
      at(s, m).denominator - at(before, m).denominator,
    ];
    expect([s.total.projects - before.total.projects, s.total.candidates - before.total.candidates]).toEqual([3, 1]);
    expect(added(3)).toEqual([1, 3]);
    expect(added(6)).toEqual([0, 2]);
    expect(added(12)).toEqual([1, 1]);
  });

  it("shows NDRC's overview with the same figures as the API, charts and the table by theme day", async () => {
    const owner = await as('owner@demo.rongtong.cn');
    const stats = await owner.get<StatsView>('/projects/stats?groupBy=themeDay');
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/projects/overview`);
    await expectFigures(page, stats);
    await expect
      .poll(() => page.getByTestId('chart-by-theme-day').locator('svg').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.getByTestId('chart-stability').locator('svg').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-size-class').locator('svg').count()).toBeGreaterThan(0);
    // Chinese labels reach the chart (SVG text), and the table links the theme day to its results page.
    expect(await page.getByTestId('chart-by-theme-day').locator('svg').textContent()).toContain('华晟通信');
    await expect.poll(() => page.getByTestId(`overview-group-${themeDayId}`).isVisible()).toBe(true);
    const row = stats.groups.find((g) => g.key === themeDayId)!;
    const rowText = await page.locator('tr', { has: page.getByTestId(`overview-group-${themeDayId}`) }).textContent();
    for (const r of row.stability) expect(rowText).toContain(`${r.numerator}/${r.denominator}`);
    await expect.poll(() => page.getByTestId('overdue-follow-ups').textContent()).toContain(titles.b);
    await settle(page);
    await checkA11y(page, 'programme overview');
    await shot(page, 'outcomes-01-overview');

    await page.getByTestId('overview-group-by').getByText('按地区').click();
    await expect.poll(() => page.url()).toContain('groupBy=region');
    await expect.poll(() => page.getByTestId('overview-groups').locator('tbody tr').count()).toBeGreaterThan(0);
    await checkA11y(page, 'overview grouped by region');
  });

  it("shows the host's theme-day results equal to the API, with the overdue list, projects and export", async () => {
    const host = await as('host@demo.rongtong.cn');
    const stats = await host.get<StatsView>(`/projects/stats?themeDayId=${themeDayId}`);
    await login(page, server.url, 'host@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/projects/results?themeDay=${themeDayId}`);
    await expectFigures(page, stats);
    await expect.poll(() => page.getByTestId('results-projects').textContent()).toContain(titles.a);
    const table = (await page.getByTestId('results-projects').textContent()) ?? '';
    for (const title of [titles.b, titles.c]) expect(table).toContain(title);
    expect(await page.getByTestId('by-stage').textContent()).toMatch(/签约[\s\S]*实施中/);
    expect(await page.getByTestId('by-type').textContent()).toContain('联合研发');
    await expect.poll(() => page.getByTestId('overdue-follow-ups').textContent()).toContain(titles.b);
    expect(await page.getByTestId('overdue-follow-ups').textContent()).toContain('签约后6个月');
    await checkA11y(page, 'theme-day results');
    await shot(page, 'outcomes-02-results');

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('results-export').click()]);
    expect(dl.suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByText('已错过（填写期已截止）').click();
    await expect.poll(() => page.getByTestId('overdue-follow-ups').textContent()).toContain('签约后3个月');

    await page.getByTestId('results-projects').getByText(titles.a).click();
    await page.waitForURL(/\/workspace\/projects\/[^/?]+$/);
  });

  it('reads well on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/workspace/projects/results?themeDay=${themeDayId}`);
    await figure(page, 'figure-projects');
    await expect.poll(() => page.getByTestId('results-projects').textContent()).toContain(titles.a);
    await checkA11y(page, 'theme-day results on a phone');
    await shot(page, 'outcomes-03-results-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("shows the results on the portal's theme-day page, the published projects and amounts only when agreed", async () => {
    await page.context().clearCookies();
    const pub = (await (
      await fetch(`${server.url}/api/public/theme-days/${themeDayId}/results`)
    ).json()) as PublicResultsView;
    await page.goto(`${server.url}/theme-days/${themeDayId}`);
    expect(await figure(page, 'public-figure-projects')).toBe(String(pub.figures.projects));
    for (const r of pub.figures.stability)
      expect(await figure(page, `public-figure-stability-${r.months}`)).toContain(`${r.numerator}/${r.denominator}`);
    const sme = pub.figures.smeShare;
    expect(await figure(page, 'public-figure-sme-share')).toContain(`${sme.numerator}/${sme.denominator}`);
    const list = (await page.getByTestId('public-projects').textContent()) ?? '';
    for (const title of [titles.a, titles.b, titles.c]) expect(list).toContain(title);
    expect(list).not.toContain(titles.d);
    const a = pub.projects.find((p) => p.title === titles.a)!;
    const b = pub.projects.find((p) => p.title === titles.b)!;
    expect(await page.getByTestId(`public-project-amounts-${a.id}`).textContent()).toContain('240 万元');
    expect(await page.getByTestId(`public-project-amounts-${b.id}`).count()).toBe(0);
    await checkA11y(page, 'portal theme day with results');
    await shot(page, 'outcomes-04-portal-results');
  });
});
