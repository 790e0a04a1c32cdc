/**
 * Publicity in Chromium against the real server with the demo data. host@ (华晟通信) writes a news item for its
 * theme day in the editor (toolbar, a body with a script the server strips), saves, sees the sanitised preview
 * and publishes it; signed out, the item heads the portal's news list and its page shows the body without the
 * script. host@ also sees support@'s draft awaiting its review. The portal's success cases and benchmark
 * enterprises and NDRC's nominations page render. axe on every page; screenshots `publicity-`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, fillField, launch, login, pickOption, shot } from './support/browser.ts';
import { countRows, doubleClick } from './support/double.ts';

let server: RunningServer;
let ctx: BrowserContext;
const TITLE = '华晟通信主题日5G专网开放测试成果发布';
let newsUrl = '';

async function visible(p: Page, testId: string, timeout = 20_000) {
  await expect.poll(() => p.getByTestId(testId).first().isVisible(), { timeout }).toBe(true);
}

beforeAll(async () => {
  server = await startServer();
  ctx = await launch();
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

describe('publicity', () => {
  it('host@ writes, previews and publishes news for its theme day', async () => {
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await login(page, server.url, 'host@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/news`);
    await visible(page, 'news-table');
    await expect.poll(() => page.getByTestId('news-table').textContent()).toContain('华晟通信5G与工业互联网');
    await shot(page, 'publicity-workspace-list');
    await checkA11y(page, 'workspace news list');

    // support@'s draft awaits host@'s review.
    await page.getByText(/待我审核（1）/).click();
    await expect.poll(() => page.getByTestId('news-table').textContent()).toContain('专场路演');
    await shot(page, 'publicity-workspace-review');
    await page.getByTestId('news-row-link').first().click();
    await visible(page, 'news-approve');
    await visible(page, 'news-return');
    await shot(page, 'publicity-review-draft');
    await checkA11y(page, 'draft under review');

    await page.goto(`${server.url}/workspace/news`);
    await page.getByTestId('news-new').click();
    await visible(page, 'news-title');
    await pickOption(page, 'news-theme-day', '华晟通信');
    await fillField(page, 'news-title', TITLE);
    await fillField(page, 'news-summary', '华晟通信向中小企业开放5G专网测试环境，首批12家企业完成测试。');
    // The toolbar inserts tags around the selection; the rest is typed as HTML, with a script to be stripped.
    const body = page.getByTestId('news-body');
    await page.getByTestId('news-tool-heading').click();
    // Type once the tool has put the caret between its tags (it does so after the re-render).
    await expect
      .poll(() =>
        body.evaluate(
          (el: HTMLTextAreaElement) =>
            document.activeElement === el && el.selectionStart === el.value.indexOf('</h3>') && el.selectionStart > 0,
        ),
      )
      .toBe(true);
    await page.keyboard.type('开放测试环境');
    await body.press('End');
    await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
    await page.keyboard.type(
      '<p>11月10日至11日，华晟通信5G专网测试环境向中小企业开放，首批12家企业完成模组和终端测试。</p><script>alert(1)</script><p onclick="alert(2)">测试结果将在平台发布。</p>',
    );
    await shot(page, 'publicity-editor-new');
    await checkA11y(page, 'news editor (new)');
    // Double-clicked, as an impatient person does: one news item (issue 15).
    await doubleClick(page, 'news-save');
    await page.waitForURL(/\/workspace\/news\/(?!new)[^/]+$/);
    newsUrl = page.url();
    expect(countRows(server.dbPath, 'news', 'title = ?', TITLE)).toBe(1);
    await visible(page, 'news-preview');
    await expect.poll(() => page.getByTestId('news-preview').innerHTML()).toContain('<h3>开放测试环境</h3>');
    const preview = await page.getByTestId('news-preview').innerHTML();
    expect(preview).toContain('首批12家企业完成模组和终端测试');
    expect(preview).not.toContain('<script');
    expect(preview).not.toContain('onclick');
    expect(await page.getByTestId('news-status').textContent()).toContain('草稿');
    await shot(page, 'publicity-editor-saved');
    await checkA11y(page, 'news editor (saved)');

    await doubleClick(page, 'news-publish');
    await expect.poll(() => page.getByTestId('news-status').textContent()).toContain('已发布');
    const newsId = newsUrl.split('/').pop()!;
    expect(countRows(server.dbPath, 'audit_events', "entity_id = ? and action = 'publish'", newsId)).toBe(1);
    await visible(page, 'news-view-public');
    await visible(page, 'news-unpublish');
    await shot(page, 'publicity-editor-published');
    await page.close();
  }, 180_000);

  it('signed out, the portal lists the news and shows its page', async () => {
    const page = await ctx.newPage();
    await ctx.clearCookies();
    await page.goto(`${server.url}/`);
    await page.getByTestId('portal-news-link').click();
    await visible(page, 'news-list');
    const first = page.getByTestId('news-card-link').first();
    await expect.poll(() => first.textContent()).toBe(TITLE);
    await shot(page, 'publicity-portal-news');
    await checkA11y(page, 'portal news list');
    await first.click();
    await visible(page, 'news-article');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    const html = await page.getByTestId('news-body-html').innerHTML();
    expect(html).toContain('首批12家企业完成模组和终端测试');
    expect(html).not.toContain('<script');
    expect(page.url()).toBe(`${server.url}/news/${newsUrl.split('/').pop()}`);
    await shot(page, 'publicity-portal-news-page');
    await checkA11y(page, 'portal news page');

    const feed = await (await fetch(`${server.url}/api/public/news.atom`)).text();
    expect(feed).toContain(TITLE);
    await page.close();
  }, 120_000);
  it('the portal shows the success case and the 2020 benchmark enterprises', async () => {
    const page = await ctx.newPage();
    await ctx.clearCookies();
    await page.goto(`${server.url}/news`);
    await page.getByText('成功案例', { exact: true }).click();
    await visible(page, 'cases-list');
    await shot(page, 'publicity-portal-cases');
    await checkA11y(page, 'portal cases');
    await page.getByTestId('case-card-link').first().click();
    await visible(page, 'case-article');
    expect(await page.getByTestId('case-article').textContent()).toContain('智芯微电子科技有限公司');
    expect(await page.getByTestId('case-story').innerHTML()).toContain('<h3>');
    await shot(page, 'publicity-portal-case');
    await checkA11y(page, 'portal case page');
    await page.goto(`${server.url}/benchmarks`);
    await visible(page, 'benchmarks-list');
    expect(await page.getByTestId('benchmarks-list').textContent()).toContain('星河电力集团有限公司');
    await shot(page, 'publicity-portal-benchmarks');
    await checkA11y(page, 'portal benchmarks');
    await page.close();
  }, 120_000);

  it('NDRC decides the host’s proposal on the nominations page and sees the case’s consents', async () => {
    const page = await ctx.newPage();
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/nominations`);
    await visible(page, 'nominations-table');
    const row = page.locator('tr', { hasText: '工业视觉质检系统供应链准入' });
    await expect.poll(() => row.textContent()).toContain('承办方推荐，待国家发展改革委决定');
    await shot(page, 'publicity-nominations');
    await checkA11y(page, 'nominations');
    const decisions = () =>
      countRows(server.dbPath, 'audit_events', "entity_type = 'nomination' and action = 'status'");
    const decided = decisions();
    await row.getByRole('button', { name: /已推荐/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .dblclick();
    await expect.poll(() => row.textContent()).not.toContain('待国家发展改革委决定');
    expect(decisions()).toBe(decided + 1);
    expect(await row.textContent()).toContain('已推荐');

    await page.goto(`${server.url}/workspace/news?box=cases`);
    await page.getByRole('link', { name: '国产边缘计算芯片进入电网配电终端供应链' }).click();
    await visible(page, 'case-status');
    expect(await page.getByTestId('case-status').textContent()).toContain('已发布');
    await shot(page, 'publicity-workspace-case');
    await checkA11y(page, 'workspace case');
    await page.close();
  }, 120_000);
});
