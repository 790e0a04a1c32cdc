/**
 * The portal's light pages besides the home and theme-day pages (issue 16): news list and page, resource and
 * result lists and pages, a roadshow's public page. Opened cold on a phone, each replaces the server-rendered
 * page without antd, without the English strings and without fetching its own data again, fits the screen and
 * passes axe; the list filters write the URL; the request form brings antd only when a reader opens it.
 * Screenshots `portal-light-` at 390 px and at desktop width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, shot } from './support/browser.ts';

let server: RunningServer;
let phone: BrowserContext;
let desktop: BrowserContext;
let page: Page;
/** Paths the page requested (scripts and API reads), since the last reset. */
let requested: string[] = [];
const ids = { news: '', resource: '', result: '', roadshow: '' };

const get = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}/api${path}`)).json()) as T;
type Items = { items: { id: string }[] };

beforeAll(async () => {
  server = await startServer();
  ids.news = (await get<Items>('/public/news?pageSize=1')).items[0]?.id ?? '';
  ids.resource = (await get<Items>('/resources?pageSize=1')).items[0]?.id ?? '';
  ids.result = (await get<Items>('/results?pageSize=1')).items[0]?.id ?? '';
  for (const d of (await get<Items>('/public/theme-days?pageSize=200')).items) {
    ids.roadshow = (await get<Items>(`/public/theme-days/${d.id}/roadshows`)).items[0]?.id ?? '';
    if (ids.roadshow) break;
  }
  phone = await launch({ viewport: { width: 390, height: 844 } });
  desktop = await launch();
  page = await phone.newPage();
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
}, 120_000);

afterAll(async () => {
  await phone?.close();
  await desktop?.close();
  await server?.stop();
});

const scripts = () => requested.filter((p) => p.endsWith('.js'));

/** name, path, what shows when the page is there, the API read the server put in the page. */
const PAGES: [string, () => string, string, () => string][] = [
  ['news', () => '/news', 'news-list', () => '/api/public/news'],
  ['news-page', () => `/news/${ids.news}`, 'news-article', () => `/api/public/news/${ids.news}`],
  ['resources', () => '/resources', 'resources-cards', () => '/api/resources'],
  ['resource', () => `/resources/${ids.resource}`, 'resource-request-login', () => `/api/resources/${ids.resource}`],
  ['results', () => '/results', 'results-cards', () => '/api/results'],
  ['result', () => `/results/${ids.result}`, 'result-apply-login', () => `/api/results/${ids.result}`],
  ['roadshow', () => `/roadshows/${ids.roadshow}`, 'roadshow-status', () => `/api/public/roadshows/${ids.roadshow}`],
];

describe('the light portal pages on a phone', () => {
  it('has the demo items to open', () => {
    expect(Object.values(ids).every(Boolean), JSON.stringify(ids)).toBe(true);
  });

  it.each(PAGES)('%s: no antd, no second fetch of its data, fits the screen', async (name, path, testId, read) => {
    requested = [];
    await page.goto(`${server.url}${path()}`);
    await page.getByTestId(testId).first().waitFor();
    await page.waitForTimeout(500);
    expect(await page.locator('.rt-ssr').count()).toBe(0);
    expect(scripts().filter((p) => /AntdScope|en-US|en_US|WorkspaceLayout|echarts/.test(p))).toEqual([]);
    expect(requested.filter((p) => p === read())).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await shot(page, `portal-light-${name}-phone`);
    await checkA11y(page, `${name} on a phone`);
    const wide = await desktop.newPage();
    await wide.goto(`${server.url}${path()}`);
    await wide.getByTestId(testId).first().waitFor();
    await shot(wide, `portal-light-${name}-desktop`);
    await wide.close();
  });

  it('filters the resources through the URL and back, with native fields', async () => {
    await page.goto(`${server.url}/resources`);
    await page.getByTestId('resources-cards').waitFor();
    const all = await page.getByTestId('resources-cards').locator('li').count();
    await page.locator('#filter-priceModel').selectOption('free');
    await page.getByTestId('filter-search').click();
    await page.waitForURL(/priceModel=free/);
    await expect.poll(() => page.getByTestId('resources-cards').locator('li').count()).toBeLessThan(all);
    expect(await page.getByTestId('resources-cards').textContent()).toContain('免费');
    // A reload keeps the filter in the field and the list.
    await page.reload();
    await page.getByTestId('resources-cards').waitFor();
    expect(await page.locator('#filter-priceModel').inputValue()).toBe('free');
    await page.getByTestId('resources-q').fill('不存在的资源名称zz');
    await page.getByTestId('filter-search').click();
    await page.getByTestId('empty').waitFor();
    expect(await page.getByTestId('empty').textContent()).toContain('没有符合条件的资源');
    await page.getByTestId('filter-reset').click();
    await expect.poll(() => page.getByTestId('resources-cards').locator('li').count()).toBe(all);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('#filter-priceModel').inputValue()).toBe('');
  });

  it('loads antd for the request form only when a signed-in member opens it', async () => {
    await login(page, server.url, 'member@demo.rongtong.cn');
    requested = [];
    await page.goto(`${server.url}/resources/${ids.resource}`);
    await page.getByTestId('resource-request').waitFor();
    await page.waitForTimeout(300);
    expect(scripts().filter((p) => /AntdScope|RequestModal/.test(p))).toEqual([]);
    await page.getByTestId('resource-request').click();
    await page.getByTestId('request-purpose').waitFor();
    expect(scripts().some((p) => /AntdScope/.test(p))).toBe(true);
    // After axe, which waits for the dialog's opening animation to end.
    await checkA11y(page, 'request form on a phone');
    await shot(page, 'portal-light-resource-request-phone');
  });
});
