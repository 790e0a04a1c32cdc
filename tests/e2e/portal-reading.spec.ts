/**
 * Reading the portal as the public does (issue 16), in Chromium against the real server with the demo data:
 * - a past theme day (2020 华晟通信) shows what came out of it, with the photos of the news its host publishes
 *   here through the API, and offers nothing as if upcoming (no registration, meetings to join or way into the
 *   hall), while the upcoming theme day still does;
 * - the base directory shows a skeleton, never "no data", while its first page is on the way;
 * - on a 390×844 phone the agenda is one block per item and nothing overflows sideways;
 * - in English, dates carry no 年月日, the calendar names its months and the base types are English;
 * - headings never skip a level on the theme-day pages, and axe finds nothing serious there.
 * Screenshots `portal-reading-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, shot } from './support/browser.ts';

let server: RunningServer;
let desktop: BrowserContext;
let phone: BrowserContext;
let english: BrowserContext;
let pastId = '';
let upcomingId = '';
let page: Page | undefined;
const NEWS = '华晟通信主题日现场签约12项';

/** host@'s signed-in API calls (session cookie + CSRF token), with an image upload. */
async function host() {
  let cookie = '';
  let csrf = '';
  const call = async <T>(method: string, path: string, body?: unknown, form?: FormData): Promise<T> => {
    const r = await fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const fresh = r.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (fresh.length) cookie = fresh.join('; ');
    const text = await r.text();
    expect(r.ok, `${method} ${path} → ${r.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  csrf = (
    await call<{ csrfToken: string }>('POST', '/auth/login', {
      identifier: 'host@demo.rongtong.cn',
      password: 'Rongtong@2020',
    })
  ).csrfToken;
  return {
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    upload: (png: Buffer) => {
      const f = new FormData();
      f.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'scene.png');
      return call<{ id: string }>('POST', '/publicity/images', undefined, f);
    },
  };
}

/** A picture drawn in the browser (a PNG of a few KB). */
async function drawPhoto(p: Page, label: string): Promise<Buffer> {
  const url = await p.evaluate((text) => {
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 420;
    const g = c.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 640, 420);
    grad.addColorStop(0, '#0b57d0');
    grad.addColorStop(1, '#12a17a');
    g.fillStyle = grad;
    g.fillRect(0, 0, 640, 420);
    g.fillStyle = '#fff';
    g.font = 'bold 44px sans-serif';
    g.fillText(text, 60, 220);
    return c.toDataURL('image/png');
  }, label);
  return Buffer.from(url.split(',')[1]!, 'base64');
}

async function visible(p: Page, testId: string, timeout = 20_000) {
  await expect.poll(() => p.getByTestId(testId).first().isVisible(), { timeout }).toBe(true);
}

/** Waits until the SPA has taken over the server-rendered page (its markup, always Chinese, is gone). */
async function spa(p: Page) {
  await expect.poll(() => p.locator('.rt-ssr').count(), { timeout: 20_000 }).toBe(0);
}

/** Heading levels in document order, and every place one skips a level (h2 → h4). */
async function headingJumps(p: Page): Promise<string[]> {
  const hs = await p.$$eval('h1, h2, h3, h4, h5, h6', (els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ({ level: Number(e.tagName[1]), text: (e.textContent ?? '').trim().slice(0, 30) })),
  );
  const jumps: string[] = [];
  for (let i = 1; i < hs.length; i++)
    if (hs[i]!.level > hs[i - 1]!.level + 1)
      jumps.push(`h${hs[i - 1]!.level} "${hs[i - 1]!.text}" → h${hs[i]!.level} "${hs[i]!.text}"`);
  return jumps;
}

/** Sideways overflow of the page in CSS pixels (0 when it fits the viewport). */
const overflow = (p: Page) =>
  p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

beforeAll(async () => {
  server = await startServer();
  desktop = await launch({ viewport: { width: 1280, height: 900 } });
  phone = await launch({ viewport: { width: 390, height: 844 } });
  english = await launch({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await english.addInitScript(() => window.localStorage.setItem('rt.locale', 'en-US'));
  const list = (await (await fetch(`${server.url}/api/public/theme-days?pageSize=200`)).json()) as {
    items: { id: string; year: number; host: { shortName: string } }[];
  };
  pastId = list.items.find((d) => d.year === 2020 && d.host.shortName === '华晟通信')!.id;
  upcomingId = list.items.find((d) => d.year !== 2020 && d.host.shortName === '华晟通信')!.id;
}, 180_000);

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `portal-reading-FAILED-${c.task.name.slice(0, 40)}`).catch(() => undefined);
});

afterAll(async () => {
  await desktop?.close();
  await phone?.close();
  await english?.close();
  await server?.stop();
});

describe('a past theme day', () => {
  it('shows its results and photos and offers nothing as if it were still to come', async () => {
    page = await desktop.newPage();
    await page.goto(`${server.url}/theme-days/${pastId}`);
    await visible(page, 'theme-day-past');
    await visible(page, 'theme-day-results');
    // No photos before any publicity with pictures exists: no empty gallery.
    await visible(page, 'theme-day-content');
    expect(await page.getByTestId('theme-day-photos').count()).toBe(0);

    // The host publishes news of the day with a cover and a picture in its body.
    const h = await host();
    const cover = await h.upload(await drawPhoto(page, '主题日现场签约'));
    const inBody = await h.upload(await drawPhoto(page, '一对一洽谈'));
    const news = await h.post<{ id: string }>('/news', {
      themeDayId: pastId,
      title: NEWS,
      summary: '现场签约合作项目12项',
      body: `<p>现场签约合作项目12项。</p><p><img src="/api/public/images/${inBody.id}" alt="洽谈"></p>`,
      coverImageId: cover.id,
    });
    await h.post(`/news/${news.id}/publish`);

    await page.reload();
    await visible(page, 'theme-day-photos');
    const gallery = page.getByTestId('theme-day-photos');
    const imgs = gallery.locator('img');
    await expect.poll(() => imgs.count()).toBe(2);
    // The pictures really load (not broken images) and say what they show.
    await expect
      .poll(() => imgs.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth > 0)))
      .toEqual([true, true]);
    expect(await imgs.first().getAttribute('alt')).toContain(NEWS);
    expect(await gallery.getByRole('link').first().getAttribute('href')).toBe(`/news/${news.id}`);

    // Nothing offered as if upcoming.
    expect(await page.getByTestId('theme-day-sessions').count()).toBe(0);
    expect(await page.getByTestId('theme-day-meetings').count()).toBe(0);
    expect(await page.getByTestId('hall-link').count()).toBe(0);
    expect(await page.getByRole('link', { name: /报名|参加洽谈|进入云展厅/ }).count()).toBe(0);
    expect(await headingJumps(page)).toEqual([]);
    await checkA11y(page, 'past theme day');
    await shot(page, 'portal-reading-past-theme-day');
  });

  it('while the upcoming theme day still offers registration, meetings and its hall, with no heading jumps', async () => {
    page = await desktop.newPage();
    await page.goto(`${server.url}/theme-days/${upcomingId}`);
    await visible(page, 'theme-day-meetings');
    await visible(page, 'hall-link');
    await visible(page, 'theme-day-sessions');
    expect(await page.getByTestId('theme-day-past').count()).toBe(0);
    expect(await page.getByTestId('theme-day-photos').count()).toBe(0);
    // The meetings card: its sessions are h3 under the card's h2 (antd's List.Item.Meta would make them h4).
    expect(await page.getByTestId('theme-day-meetings').locator('h4').count()).toBe(0);
    expect(await page.getByTestId('theme-day-meetings').locator('h3').count()).toBeGreaterThan(0);
    expect(await headingJumps(page)).toEqual([]);
    await checkA11y(page, 'upcoming theme day');
    await shot(page, 'portal-reading-upcoming-theme-day');
  });
});

describe('on a phone (390×844)', () => {
  it('reads the agenda as one block per item with nothing cut off sideways', async () => {
    for (const [id, name] of [
      [upcomingId, 'upcoming'],
      [pastId, 'past'],
    ] as const) {
      page = await phone.newPage();
      await page.goto(`${server.url}/theme-days/${id}`);
      await visible(page, 'agenda-list');
      expect(await page.getByTestId('agenda-table').count()).toBe(0);
      const items = page.getByTestId('agenda-list').locator('li');
      expect(await items.count()).toBe(4);
      expect(await items.first().textContent()).toMatch(/^\d+月\d+日 09:00-10:00 · 主会场开幕式/);
      // Every agenda block lies within the screen.
      const boxes = await items.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
      expect(Math.max(...boxes)).toBeLessThanOrEqual(390);
      // The sections below the agenda load as a reader scrolls towards them.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await (name === 'upcoming' ? visible(page, 'theme-day-meetings') : visible(page, 'theme-day-photos'));
      expect(await overflow(page)).toBe(0);
      await shot(page, `portal-reading-phone-${name}-theme-day`);
    }
  });
});

describe('the base directory', () => {
  it('shows a skeleton, not "no data", until its first page arrives', async () => {
    for (const [ctx, name] of [
      [desktop, 'desktop'],
      [phone, 'phone'],
    ] as const) {
      page = await ctx.newPage();
      // Hold the first page of bases until the skeleton has been checked.
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      await page.route(/\/api\/bases(\?|$)/, async (route: Route) => {
        await held;
        await route.continue();
      });
      // /bases itself comes rendered by the server with its data; the skeleton is what a reader who follows
      // a link inside the SPA sees.
      await page.goto(server.url);
      await spa(page);
      await page.locator('main a[href="/bases"]').first().click();
      await visible(page, 'bases-loading');
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toContain('暂无数据');
      expect(text).not.toContain('没有符合条件的示范基地');
      expect(await page.locator('.ant-empty').count()).toBe(0);
      await shot(page, `portal-reading-bases-loading-${name}`);
      release();
      await visible(page, name === 'phone' ? 'bases-list' : 'bases-table');
      expect(await page.getByTestId('bases-loading').count()).toBe(0);
      await expect.poll(() => page!.locator('main').textContent()).toContain('华晟通信');
      if (name === 'phone') expect(await overflow(page)).toBe(0);
      await shot(page, `portal-reading-bases-${name}`);
      await page.unroute(/\/api\/bases(\?|$)/);
    }
  });
});

describe('the base directory without antd', () => {
  it('sorts, opens a row, filters and pages in the URL, and exports the filter shown', async () => {
    page = await desktop.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.url}/bases`);
    await spa(page);
    await visible(page, 'bases-table');
    const rows = page.getByTestId('bases-table').locator('tbody tr');
    const firstName = () => rows.first().locator('td').nth(1).textContent();
    const batches = async () =>
      (await rows.locator('td:nth-child(5)').allTextContents()).map((x) => Number(x.replace(/\D/g, '')));

    // 批次: ascending, descending, then back to the default order (name), as antd's table sorts.
    const batchHead = page.getByRole('button', { name: '批次' });
    await batchHead.click();
    await expect.poll(() => new URL(page!.url()).searchParams.get('order')).toBe('asc');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('batch');
    await expect.poll(async () => (await batches())[0]).toBe(1);
    expect(await page.getByRole('columnheader', { name: '批次' }).getAttribute('aria-sort')).toBe('ascending');
    await batchHead.click();
    await expect.poll(() => new URL(page!.url()).searchParams.get('order')).toBe('desc');
    await expect.poll(async () => (await batches())[0]).toBe(3);
    await batchHead.click();
    await expect.poll(() => new URL(page!.url()).searchParams.get('sort')).toBe(null);

    // A row opens to its organisation and description.
    const name = (await firstName()) ?? '';
    await page.getByRole('button', { name: new RegExp(`展开详情.*${name}`) }).click();
    await expect.poll(() => page!.locator('.rt-prow-more').first().textContent()).toContain('依托单位');
    expect(
      await page.getByRole('button', { name: new RegExp(`收起详情.*${name}`) }).getAttribute('aria-expanded'),
    ).toBe('true');

    // Filters: the type and 查询 go into the URL; every row is of that type; 重置 clears them.
    await page.getByLabel('基地类型').selectOption('regional');
    await page.getByTestId('filter-search').click();
    await expect.poll(() => new URL(page!.url()).searchParams.get('kind')).toBe('regional');
    await expect
      .poll(async () => [...new Set(await rows.locator('td:nth-child(4)').allTextContents())])
      .toEqual(['区域示范基地']);
    await expect.poll(() => page!.locator('main h1 + .rt-subtitle').textContent()).toMatch(/共 3 个/);
    await page.getByTestId('filter-reset').click();
    await expect.poll(() => new URL(page!.url()).searchParams.get('kind')).toBe(null);
    await expect.poll(() => page!.getByLabel('基地类型').inputValue()).toBe('');

    // Paging (10 a page): page 2 in the URL, its rows differ from page 1's.
    await page.getByLabel('每页条数').selectOption('10');
    await expect.poll(() => new URL(page!.url()).searchParams.get('pageSize')).toBe('10');
    const page1 = await rows.locator('td:nth-child(2)').allTextContents();
    await page.getByRole('button', { name: '第 2 页' }).click();
    await expect.poll(() => new URL(page!.url()).searchParams.get('page')).toBe('2');
    await expect.poll(() => rows.locator('td:nth-child(2)').allTextContents()).not.toEqual(page1);
    expect(await page.getByRole('button', { name: '第 2 页' }).getAttribute('aria-current')).toBe('page');

    // Export of the filter shown, with its count said in Chinese.
    const download = page.waitForEvent('download');
    await page.getByTestId('list-export').click();
    expect((await download).suggestedFilename()).toMatch(/示范基地名录.*\.csv$/);
    await expect
      .poll(() => page!.getByRole('status').filter({ hasText: '已导出' }).textContent())
      .toMatch(/已导出 12 条记录/);
    await shot(page, 'portal-reading-bases-sorted-desktop');
    await checkA11y(page, 'base directory');
    expect(scripts.filter((p) => /AntdScope/.test(p))).toEqual([]);
  });
});

describe('in English', () => {
  /** "9月15日", "2020年9月15日": a date written the Chinese way. */
  const CHINESE_DATE = /\d+\s*月\s*\d+\s*日|\d{4}\s*年\s*\d+\s*月/;
  const HAN = /[\u4e00-\u9fff]/;

  it('writes dates and calendar months in English on the home page and a theme day', async () => {
    page = await english.newPage();
    await page.goto(`${server.url}/?year=2020`);
    await spa(page);
    await visible(page, 'year-calendar');
    const cal = page.getByTestId('year-calendar');
    expect(await cal.locator('h2, h3').allTextContents()).toEqual([
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ]);
    expect(await cal.textContent()).toContain('Sep 15–16');
    expect(await cal.textContent()).not.toMatch(CHINESE_DATE);
    await visible(page, 'theme-day-cards');
    expect(await page.getByTestId('theme-day-cards').textContent()).toContain('Sep 15–16, 2020');
    expect(await page.getByTestId('theme-day-cards').textContent()).not.toMatch(/[：（）]/);
    // What is open now (below the theme days, loaded when scrolled to): resource types and transfer modes as
    // English tags.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await visible(page, 'open-resources');
    await expect.poll(() => page!.getByTestId('open-resources').locator('.ant-tag').count()).toBeGreaterThan(0);
    await expect.poll(() => page!.getByTestId('open-results').locator('.ant-tag').count()).toBeGreaterThan(0);
    const openTags = await page.locator('[data-testid="open-now"] .ant-tag').allTextContents();
    expect(openTags.filter((x) => HAN.test(x))).toEqual([]);
    // The whole page: the open call's deadline too.
    await visible(page, 'open-call');
    expect(await page.locator('main').textContent()).not.toMatch(CHINESE_DATE);
    await shot(page, 'portal-reading-en-home');

    await page.goto(`${server.url}/theme-days/${pastId}`);
    await spa(page);
    await visible(page, 'theme-day-facts');
    const facts = (await page.getByTestId('theme-day-facts').textContent()) ?? '';
    expect(facts).toContain('Nov 10–11, 2020');
    expect(facts).not.toMatch(/[：（）、]/);
    expect(await page.getByTestId('theme-day-past').textContent()).toContain('Nov 11, 2020');
    expect(await page.getByTestId('agenda-table').textContent()).toContain('Nov 10');
    await visible(page, 'theme-day-photos');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toMatch(CHINESE_DATE);
    // The programme's content parts and the projects' type and stage tags in English.
    const parts = (await page.getByTestId('theme-day-parts').textContent()) ?? '';
    expect(parts).toContain('Opening and sharing innovation resources');
    expect(parts).toContain('Roadshows of innovation teams');
    expect(parts).not.toMatch(/创新资源开放共享|创新团队对接路演/);
    // The definitions next to the figures too.
    expect(await page.getByTestId('theme-day-results').textContent()).not.toContain('合作机制稳定程度');
    const tags = await page.getByTestId('public-projects').locator('.ant-tag').allTextContents();
    expect(tags).toContain('Completed');
    expect(tags.filter((x) => HAN.test(x))).toEqual([]);
    await checkA11y(page, 'past theme day in English');
    await shot(page, 'portal-reading-en-theme-day');
  });

  it('writes base types, dates and tags in English on the bases and demands pages', async () => {
    page = await english.newPage();
    await page.goto(`${server.url}/bases`);
    await spa(page);
    await visible(page, 'bases-table');
    const bases = (await page.getByTestId('bases-table').textContent()) ?? '';
    expect(bases).toMatch(/Regional base|Enterprise base/);
    expect(bases).not.toMatch(/区域示范基地|企业示范基地/);
    await shot(page, 'portal-reading-en-bases');

    await page.goto(`${server.url}/demands`);
    await spa(page);
    await expect.poll(() => page!.locator('main a[href^="/demands/"]').count()).toBeGreaterThan(0);
    const list = (await page.locator('main').textContent()) ?? '';
    expect(list).not.toMatch(CHINESE_DATE);
    // Cooperation modes are English tags (the demands' own titles and texts stay as written; the industry is the
    // GB/T 4754 name, which has no official English).
    expect(list).toMatch(/Joint R&D|Commissioned R&D/);
    expect(list).toContain('Publisher: ');
    expect(list).not.toMatch(/(Publisher|Budget|Deadline)：/);
    expect((await page.locator('main .rt-ptag.is-purple').allTextContents()).filter((x) => HAN.test(x))).toEqual([]);
    await shot(page, 'portal-reading-en-demands');
    await page.locator('main a[href^="/demands/"]').first().click();
    await page.waitForURL(/\/demands\/[^/?]+$/);
    // The detail page's own facts, not the list that stays on screen until the detail has loaded (a CI run read
    // the list's tags here).
    await visible(page, 'demand-facts');
    await page.waitForLoadState('networkidle');
    const detail = (await page.locator('main').textContent()) ?? '';
    expect(detail).not.toMatch(CHINESE_DATE);
    expect(detail).toMatch(/Joint R&D|Commissioned R&D/);
    const labels = [
      ...(await page.locator('main .rt-ptag').allTextContents()),
      ...(await page.getByTestId('demand-facts').locator('dd').allTextContents()),
    ];
    expect(labels).toContain('Demand');
    // No enum shown with its Chinese label (DEMAND_KIND_LABELS, COOPERATION_MODE_LABELS).
    expect(
      labels.filter((x) => ['创新需求', '新技术目录', '联合研发', '委托研发', '技术转让', '技术许可'].includes(x)),
    ).toEqual([]);
    await shot(page, 'portal-reading-en-demand');
  });
});
