/**
 * The portal's first load on a phone (issue 16): the home page renders without antd and without the English
 * strings, the server-rendered page is replaced by the SPA's without fetching its data again, and switching to
 * English fetches the English strings then, keeps the choice across a reload and translates the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, shot } from './support/browser.ts';

let server: RunningServer;
let ctx: BrowserContext;
let page: Page;
/** Paths the page requested (scripts and API reads), since the last reset. */
let requested: string[] = [];

beforeAll(async () => {
  server = await startServer();
  ctx = await launch({ viewport: { width: 390, height: 844 } });
  page = await ctx.newPage();
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

const scripts = () => requested.filter((p) => p.endsWith('.js'));
const apiReads = () => requested.filter((p) => p.startsWith('/api/'));

describe('the portal on a phone', () => {
  it('shows the home page without antd or English and without fetching its data again', async () => {
    requested = [];
    await page.goto(server.url);
    await page.getByTestId('theme-day-cards').waitFor();
    await page.waitForTimeout(500);
    expect(scripts().length).toBeGreaterThan(3);
    // Neither antd's providers nor the English strings; no read of what the server put in the page.
    expect(scripts().filter((p) => /AntdScope|en-US|en_US|WorkspaceLayout|echarts/.test(p))).toEqual([]);
    expect(apiReads()).toEqual([]);
    expect(await page.locator('.rt-ssr').count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await shot(page, 'portal-load-01-home-phone');
    await checkA11y(page, 'home on a phone');
  });

  it('opens a theme day from the home page, still in Chinese, with antd for the sections further down', async () => {
    requested = [];
    await page.getByTestId('theme-day-cards').getByRole('link').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByTestId('theme-day-facts').waitFor();
    // A light page: antd's providers come with the sections below the facts and the agenda.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => scripts().some((p) => /AntdScope/.test(p))).toBe(true);
    expect(scripts().filter((p) => /en-US|en_US/.test(p))).toEqual([]);
    await expect.poll(() => page.getByRole('button', { name: '中文' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('switches to English on demand, keeps it across a reload, and back to Chinese', async () => {
    requested = [];
    await page.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(scripts().some((p) => /en-US/.test(p))).toBe(true);
    await expect.poll(() => page.getByRole('navigation').first().textContent()).toMatch(/Home.*Bases/);
    expect(await page.getByRole('button', { name: 'EN' }).getAttribute('aria-pressed')).toBe('true');
    await shot(page, 'portal-load-02-theme-day-en');

    // A reload renders in English at once (the strings are fetched before the first render).
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('navigation').first().textContent()).toMatch(/Home.*Bases/);
    await page.goto(server.url);
    await page.getByTestId('theme-day-cards').waitFor();
    await expect.poll(() => page.getByTestId('open-call').textContent()).toMatch(/Open call/);
    await shot(page, 'portal-load-03-home-en');
    await checkA11y(page, 'home in English');

    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('open-call').textContent()).toMatch(/正在征集/);
  });

  it('transfers at most 400 KB for a cold home page (issue 16), and prints what it transferred', async () => {
    // A browser of its own, so nothing is cached; every byte the network layer received until the page is quiet.
    const cold = await launch({ viewport: { width: 390, height: 844 } });
    try {
      const p = await cold.newPage();
      const cdp = await cold.newCDPSession(p);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const bytes = new Map<string, number>();
      const urls = new Map<string, string>();
      cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
      cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
      await p.goto(server.url, { waitUntil: 'networkidle' });
      await p.getByTestId('theme-day-cards').waitFor();
      await p.waitForLoadState('networkidle');
      const total = [...bytes.values()].reduce((a, b) => a + b, 0);
      const js = [...bytes].filter(([id]) => urls.get(id)?.endsWith('.js')).reduce((a, [, b]) => a + b, 0);
      console.log(
        `cold home page on a phone: ${(total / 1024).toFixed(1)} KB transferred in ${bytes.size} responses ` +
          `(JavaScript ${(js / 1024).toFixed(1)} KB; gzip, as Chromium asks over http://), target ≤ 400 KB`,
      );
      expect(bytes.size).toBeGreaterThan(3);
      expect(total).toBeGreaterThan(50 * 1024);
      expect(total).toBeLessThanOrEqual(400 * 1024);
    } finally {
      await cold.close();
    }
  });

  it('opens the bases, demands, a demand, a technology and its organisation without antd', async () => {
    const demand = (
      (await (await fetch(`${server.url}/api/demands?kind=demand&pageSize=1`)).json()) as {
        items: { id: string; organisation: { id: string } }[];
      }
    ).items[0]!;
    const tech = (
      (await (await fetch(`${server.url}/api/demands?kind=technology&pageSize=1`)).json()) as {
        items: { id: string }[];
      }
    ).items[0]!;
    for (const [path, testId] of [
      ['/bases', 'bases-list'],
      ['/demands', 'demands-cards'],
      ['/demands?kind=technology', 'demands-cards'],
      [`/demands/${demand.id}`, 'demand-facts'],
      [`/technologies/${tech.id}`, 'demand-facts'],
      [`/orgs/${demand.organisation.id}`, 'org-facts'],
    ] as const) {
      requested = [];
      await page.goto(`${server.url}${path}`);
      await page.getByTestId(testId).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.rt-ssr').count(), path).toBe(0);
      // The server-rendered page carries the list's or the item's data: no second fetch (the organisation's
      // page is not server-rendered with its lists).
      if (!path.startsWith('/orgs/')) expect(apiReads(), path).toEqual([]);
      expect(scripts().length, path).toBeGreaterThan(3);
      expect(
        scripts().filter((p) => /AntdScope|WorkspaceLayout|echarts/.test(p)),
        path,
      ).toEqual([]);
      expect(await page.locator('[class*="ant-"]').count(), path).toBe(0);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        path,
      ).toBeLessThanOrEqual(0);
    }
    // Filters stay in the URL and the list follows them, still without antd.
    requested = [];
    await page.goto(`${server.url}/demands`);
    await page.getByTestId('demands-cards').waitFor();
    const all = await page.locator('[data-testid^="demand-card-"]').count();
    await page.getByLabel('合作方式').selectOption('joint_rd');
    await expect.poll(() => new URL(page.url()).searchParams.get('cooperationMode')).toBe('joint_rd');
    await expect
      .poll(async () =>
        (await page.getByTestId('demands-cards').locator('.rt-ptag.is-purple').allTextContents()).join(),
      )
      .toMatch(/^(联合研发,?)+$/);
    expect(await page.locator('[data-testid^="demand-card-"]').count()).toBeLessThan(all);
    await page.getByTestId('demands-q').fill('芯片');
    await page.getByTestId('demands-q').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('芯片');
    expect(new URL(page.url()).searchParams.get('cooperationMode')).toBe('joint_rd');
    await shot(page, 'portal-load-04-demands-filtered-phone');
    await checkA11y(page, 'demands list filtered on a phone');
    expect(scripts().filter((p) => /AntdScope/.test(p))).toEqual([]);
  });

  it('shows what is open now when a reader scrolls down to it', async () => {
    requested = [];
    await page.goto(server.url);
    await page.getByTestId('theme-day-cards').waitFor();
    expect(await page.getByTestId('open-now').count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByTestId('open-now').waitFor();
    expect(scripts().some((p) => /AntdScope/.test(p))).toBe(true);
  });
});
